"""Reading a SPARQL 1.1 Protocol query request (§2.1) from a Flask request, or refusing it.

Exactly one query, from the binding the method and media type select: the URL for GET, the
form body for a URL-encoded POST (a query in the URL as well is refused), the UTF-8 body for a
direct POST. Dataset parameters come from the URL and, for a form POST, from the body too.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Request, abort
from pyoxigraph import NamedNode
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from kg.serve import formats

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None


def wants_description(request: Request) -> bool:
    """A GET with no query and nothing but `format` asks for the service description."""
    return request.method == "GET" and set(request.args) <= {"format"}


def read_query_request(request: Request) -> QueryRequest:
    """The query request, or an HTTP error (400 or 415) saying what is wrong with it."""
    params, queries = _params_and_queries(request)
    if len(queries) != 1:
        abort(400, f"A query request carries exactly one query; this one has {len(queries)}.")
    if not queries[0].strip():
        abort(400, "The query is empty.")
    fmt = params.get("format")
    if fmt is not None and not formats.known(fmt):
        abort(400, f"Unknown format {fmt!r}: use one of json, xml, csv, tsv, ttl, nt, rdfxml, jsonld, nq, "
                   "trig, or a media type.")
    default_graphs, named_graphs = (tuple(_iris(params, name)) for name in DATASET_PARAMS)
    return QueryRequest(queries[0], default_graphs, named_graphs, fmt)


def _params_and_queries(request: Request) -> tuple[MultiDict, list[str]]:
    if request.method == "GET":
        return request.args, request.args.getlist("query")
    if request.mimetype == FORM:
        if "query" in request.args:
            abort(400, "A URL-encoded POST carries its query in the body, not in the URL.")
        return CombinedMultiDict([request.form, request.args]), request.form.getlist("query")
    if request.mimetype == DIRECT:
        if "query" in request.args:
            abort(400, "A direct POST carries its query as the body; the URL may only hold dataset parameters.")
        charset = request.mimetype_params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            abort(415, f"A direct POST query must be UTF-8, not {charset}.")
        try:
            return request.args, [request.get_data().decode("utf-8")]
        except UnicodeDecodeError:
            abort(400, "The query body is not valid UTF-8.")
    abort(415, f"POST a query as {FORM} (query=…) or as {DIRECT}; got "
               f"{request.mimetype or 'no Content-Type'}.")


def _iris(params: MultiDict, name: str) -> list[str]:
    """The values of a dataset parameter, each checked to be an absolute IRI."""
    values = params.getlist(name)
    for value in values:
        try:
            NamedNode(value)
        except ValueError as e:
            abort(400, f"{name} must be an absolute IRI; {value!r} is not ({e}).")
    return values
