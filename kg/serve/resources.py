"""Linked data: every IRI the graph mints under /id/ and /graph/ dereferences on this server.

A request path stands for the IRI BASE + path (kg/serve/paths.py). Browsers get an HTML page,
RDF clients the resource's concise bounded description (a named graph: its triples) in the format
they accept; both say where the other representations are (Link headers, <link rel=alternate>).
Every read runs in the executor pool with the IRI bound as an RDF term.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, abort, render_template, request
from pyoxigraph import NamedNode

from kg.serve import formats, lookup, pages
from kg.serve.paths import iri_of
from kg.serve.representation import (
    HTML,
    RDF_FORMATS,
    WITH_PREFIXES,
    add_link_headers,
    alternates,
    choose,
    rdf_response,
    with_prefixes,
)

blueprint = Blueprint("resources", __name__)
OFFERS = (HTML, *RDF_FORMATS)


@blueprint.app_template_filter("amount")
def _amount(value: str) -> str:
    return pages.amount(value)


@blueprint.route("/id/<path:rest>")
def resource(rest: str) -> Response:
    return _dereference("id/" + rest, "describe", _resource_page)


@blueprint.route("/graph/<path:rest>")
def graph(rest: str) -> Response:
    return _dereference("graph/" + rest, "graph", _graph_page)


def _dereference(path: str, description_query: str, page: Callable[[NamedNode], str]) -> Response:
    """The resource at `path` as the page `page` renders, or as the RDF `description_query` constructs."""
    chosen = choose(request.headers.get("Accept", ""), request.args.get("format"), OFFERS)
    node = _known_node(iri_of(path))
    if chosen is HTML:
        response = Response(page(node), mimetype="text/html")
    else:
        fetched = formats.NTRIPLES if chosen in WITH_PREFIXES else chosen   # prefixes are added here
        outcome = lookup.run(description_query, fetched, node)
        body = outcome.body if fetched is chosen else with_prefixes(outcome.body, chosen)
        response = rdf_response(body, chosen, outcome.truncated)
    return add_link_headers(response, request.base_url, OFFERS)


def _known_node(iri: str) -> NamedNode:
    """The IRI as a checked RDF term; a 404 when it is not an IRI or the store does not hold it."""
    try:
        node = NamedNode(iri)
    except ValueError:
        abort(404, f"{iri!r} is not an IRI this graph could hold.")
    if not lookup.exists(node):
        abort(404, f"The graph holds nothing about <{iri}>.")
    return node


def _resource_page(node: NamedNode) -> str:
    page = pages.describe(node)
    kind = pages.kind_of(page)
    extra = {}
    if kind == "observation":
        page.heading = pages.observation_heading(page)
        extra["obs"] = pages.observation(node)
    elif kind == "place":
        extra["place"] = pages.place(node)
    elif kind == "document":
        extra["observations"] = pages.document_observations(node)
    elif kind == "evidence":
        extra["evidence"] = pages.evidence(node)
    return render_template(f"{kind}.html", page=page, alternates=alternates(request.base_url, OFFERS), **extra)


def _graph_page(node: NamedNode) -> str:
    page = pages.describe(node)
    return render_template("graph.html", page=page, graph=pages.graph(node),
                           alternates=alternates(request.base_url, OFFERS))
