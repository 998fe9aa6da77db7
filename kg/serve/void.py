"""/.well-known/void: a VoID description of the dataset this server holds (RFC 5785 location).

It names the SPARQL endpoint, a dump per export format, the size (every quad of the named graphs,
which is what COUNT(*) over the union default graph counts: `kg build` writes nothing to the store's
default graph), a subset per kind of named graph, a class partition per class,
the licence (the ontology's) and when the last extraction run ended. The counts are queried in the
executor pool on each request, so they always match what /sparql sees.
"""

from __future__ import annotations

from flask import Blueprint, Response, request
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from kg.emit.iris import BASE, DCTERMS, GRAPH, ONTOLOGY, PROV, QB, RDF, SKOS, XSD
from kg.serve import lookup
from kg.serve.dump import EXPORT_FORMATS
from kg.serve.ontology import ontology_license
from kg.serve.representation import RDF_FORMATS, add_link_headers, choose, rdf_response
from kg.serve.terms import Row, Term

VOID = "http://rdfs.org/ns/void#"
PREFIXES = {"void": VOID, "dcterms": DCTERMS, "xsd": XSD}
TITLE = "China foreign-trade knowledge graph"
DESCRIPTION = ("Trade figures about China read from news articles and customs releases, one RDF observation "
               "per figure with its reporter, partner, flow, period and measures, each traced to the quoted "
               "sentence of its source document.")
VOCABULARIES = (ONTOLOGY, QB, PROV, "http://www.w3.org/ns/oa#", SKOS, DCTERMS)

blueprint = Blueprint("void", __name__)


@blueprint.route("/.well-known/void")
def void() -> Response:
    chosen = choose(request.headers.get("Accept", ""), request.args.get("format"), RDF_FORMATS)
    subsets = lookup.select("void_subsets")
    size = sum(int(row["triples"].value) for row in subsets)   # kg build writes only named graphs
    modified = lookup.select("void_modified")
    triples = void_triples(request.host_url, size, subsets, lookup.select("void_classes"),
                           modified[0].get("modified") if modified else None)
    body = serialize(triples, format=chosen.engine, prefixes=PREFIXES if chosen.name in ("ttl", "rdfxml") else None)
    return add_link_headers(rdf_response(body, chosen), request.base_url, RDF_FORMATS)


def _n(term: str) -> NamedNode:
    return NamedNode(VOID + term)


def void_triples(host_url: str, size: int, subsets: list[Row], classes: list[Row],
                 modified: Term | None) -> list[Triple]:
    """The VoID description of the dataset served at `host_url` (ending in /)."""
    dataset = NamedNode(host_url + ".well-known/void#dataset")
    a = NamedNode(RDF + "type")
    out = [
        Triple(dataset, a, _n("Dataset")),
        Triple(dataset, NamedNode(DCTERMS + "title"), Literal(TITLE, language="en")),
        Triple(dataset, NamedNode(DCTERMS + "description"), Literal(DESCRIPTION, language="en")),
        Triple(dataset, _n("sparqlEndpoint"), NamedNode(host_url + "sparql")),
        Triple(dataset, _n("uriSpace"), Literal(BASE)),
        Triple(dataset, _n("triples"), _integer(size)),
        *(Triple(dataset, _n("vocabulary"), NamedNode(v)) for v in VOCABULARIES),
    ]
    licence = ontology_license()
    if licence:
        out.append(Triple(dataset, NamedNode(DCTERMS + "license"), NamedNode(licence)))
    if modified is not None:
        out.append(Triple(dataset, NamedNode(DCTERMS + "modified"),
                          Literal(modified.value, datatype=NamedNode(modified.datatype or XSD + "dateTime"))))
    parts: list[Triple] = []   # what the dataset's objects say, after the dataset's own triples
    for fmt in EXPORT_FORMATS:
        dump = NamedNode(f"{host_url}export?format={fmt.name}")
        out.append(Triple(dataset, _n("dataDump"), dump))
        parts.append(Triple(dump, NamedNode(DCTERMS + "format"), Literal(fmt.media_type)))
    for row in subsets:
        subset, about = _subset(row)
        out.append(Triple(dataset, _n("subset"), subset))
        parts += about
    for row in classes:
        partition = BlankNode()
        out.append(Triple(dataset, _n("classPartition"), partition))
        parts += [Triple(partition, _n("class"), NamedNode(row["class"].value)),
                  Triple(partition, _n("entities"), _integer(int(row["n"].value)))]
    return out + parts


def _subset(row: Row) -> tuple[NamedNode | BlankNode, list[Triple]]:
    """A reference graph is its own subset; the per-document graphs are one subset together."""
    kind, graphs, triples = row["kind"].value, int(row["graphs"].value), int(row["triples"].value)
    if kind == "documents":
        subset: NamedNode | BlankNode = BlankNode()
        title = f"{graphs} document graphs (one per source document: its observations, evidence and run)"
    else:
        subset = NamedNode(GRAPH + kind if ":" not in kind else kind)
        title = f"the {kind} graph"
    return subset, [Triple(subset, NamedNode(RDF + "type"), _n("Dataset")),
                    Triple(subset, NamedNode(DCTERMS + "title"), Literal(title, language="en")),
                    Triple(subset, _n("triples"), _integer(triples))]


def _integer(n: int) -> Literal:
    return Literal(str(n), datatype=NamedNode(XSD + "integer"))
