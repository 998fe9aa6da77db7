"""The ontology served at its own IRI, and the SHACL shapes next to it.

/ontology (the IRI https://w3id.org/cn-trade-kg/ontology, and every `ontology#Term` in it, since
browsers do not send the fragment) gives browsers the pyLODE documentation and RDF clients
ontology/kg.ttl, as written (Turtle) or converted. /ontology/<version> answers for the current
owl:versionIRI. /shapes (the namespace of the shapes) and /ontology/shapes[.ttl] give shapes.ttl.
The files are read from the checkout's ontology/ folder, which `kg build` loads too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import Blueprint, Response, abort, request, send_file
from pyoxigraph import NamedNode, RdfFormat, parse, serialize

from kg.emit.iris import DCTERMS, ONTOLOGY, OWL, PREFIXES
from kg.emit.reference import ONTOLOGY_DIR
from kg.serve import formats
from kg.serve.representation import HTML, RDF_FORMATS, Representation, add_link_headers, choose, rdf_response

blueprint = Blueprint("ontology", __name__)
ONTOLOGY_OFFERS: tuple[Representation, ...] = (HTML, *RDF_FORMATS)
SHAPES_OFFERS: tuple[Representation, ...] = RDF_FORMATS
DOCS = ONTOLOGY_DIR / "docs" / "index.html"


def version_iri() -> str | None:
    """The ontology's owl:versionIRI, as kg.ttl states it."""
    return _about_ontology(OWL + "versionIRI")


def ontology_license() -> str | None:
    """The licence kg.ttl states for the ontology (the project's, so the dataset's too)."""
    return _about_ontology(DCTERMS + "license")


@cache
def _about_ontology(predicate: str) -> str | None:
    return next((t.object.value for t in _triples(ONTOLOGY_DIR / "kg.ttl")
                 if t.subject == NamedNode(ONTOLOGY) and t.predicate == NamedNode(predicate)), None)


@blueprint.route("/ontology")
@blueprint.route("/ontology/<version>")
def ontology(version: str | None = None) -> Response:
    if version is not None and f"{ONTOLOGY}/{version}" != version_iri():
        abort(404, f"This server has version {version_iri()} of the ontology, not {version!r}.")
    chosen = choose(request.headers.get("Accept", ""), request.args.get("format"), ONTOLOGY_OFFERS)
    if chosen is HTML:
        response = send_file(DOCS, mimetype="text/html")
    else:
        response = _rdf_file(ONTOLOGY_DIR / "kg.ttl", chosen)
    return add_link_headers(response, request.base_url, ONTOLOGY_OFFERS)


@blueprint.route("/shapes")
@blueprint.route("/ontology/shapes")
@blueprint.route("/ontology/shapes.ttl")
def shapes() -> Response:
    if request.path.endswith(".ttl"):
        chosen = formats.TURTLE
    else:
        chosen = choose(request.headers.get("Accept", ""), request.args.get("format"), SHAPES_OFFERS)
    return add_link_headers(_rdf_file(ONTOLOGY_DIR / "shapes.ttl", chosen), request.base_url, SHAPES_OFFERS)


def _rdf_file(path: Path, fmt: formats.Format) -> Response:
    """A Turtle file as written (comments and prefixes kept), or converted to `fmt`."""
    if fmt is formats.TURTLE:
        return rdf_response(path.read_bytes(), fmt)
    assert isinstance(fmt.engine, RdfFormat)
    return rdf_response(serialize(_triples(path), format=fmt.engine,
                                  prefixes=PREFIXES if fmt is formats.RDFXML else None), fmt)


@cache
def _triples(path: Path) -> list:
    with open(path, "rb") as fh:
        return [quad.triple for quad in parse(fh, format=RdfFormat.TURTLE, base_iri=ONTOLOGY)]
