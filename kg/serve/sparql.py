"""/sparql: the SPARQL 1.1 Protocol query operation, and the service description on a bare GET.

Queries are standard: no prefixes are predeclared here (the saved queries and `kg query` have theirs).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request
from pyoxigraph import RdfFormat, serialize

from kg.serve import formats
from kg.serve.answer import answer
from kg.serve.config import ServeConfig
from kg.serve.description import PREFIXES, service_description
from kg.serve.formats import Kind
from kg.serve.headers import vary
from kg.serve.jobs import Job
from kg.serve.protocol import read_query_request, wants_description

blueprint = Blueprint("sparql", __name__)


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    config: ServeConfig = current_app.extensions["kg.config"]
    accept = request.headers.get("Accept", "")
    if wants_description(request):
        return _description(config, accept)
    query = read_query_request(request)
    if not formats.satisfiable(accept, query.format):
        abort(406, "No result format this endpoint writes is acceptable to this request "
                   "(see the Accept header, or use format=json, xml, csv, tsv, ttl, nt, rdfxml, jsonld, nq, trig).")
    return answer(Job(query=query.query, base_iri=request.base_url, row_cap=config.row_cap, accept=accept,
                      format=query.format, default_graphs=query.default_graphs, named_graphs=query.named_graphs,
                      service_allow=config.service_allow))


def _description(config: ServeConfig, accept: str) -> Response:
    format_param = request.args.get("format")
    if format_param is not None and not formats.known(format_param):
        abort(400, f"Unknown format {format_param!r}.")
    fmt = formats.negotiate(Kind.GRAPH, accept, format_param)
    if fmt is None:
        abort(406, "The service description is RDF: accept text/turtle, application/n-triples, "
                   "application/rdf+xml, application/ld+json, application/n-quads or application/trig.")
    assert isinstance(fmt.engine, RdfFormat)
    body = serialize(service_description(request.base_url, config), format=fmt.engine, prefixes=PREFIXES)
    response = Response(body, mimetype=fmt.media_type)
    vary(response, "Accept")
    return response
