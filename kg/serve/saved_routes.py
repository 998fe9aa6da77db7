"""/queries, /queries/<name> and /openapi.json: the saved queries, listed, described and run.

A saved query runs like a /sparql request (same executor pool, formats, row cap, truncation
headers, time limit and error statuses, through answer()); only its parameters differ: each is
checked by kg.serve.saved and sent to the executor as an RDF term to bind, never as text.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for
from werkzeug.datastructures import CombinedMultiDict, MIMEAccept, MultiDict
from werkzeug.http import parse_accept_header

from kg.serve import formats
from kg.serve.answer import answer
from kg.serve.config import ServeConfig
from kg.serve.formats import OFFERS, Kind
from kg.serve.jobs import Job
from kg.serve.openapi import openapi_document
from kg.serve.protocol import FORM
from kg.serve.saved import BadParameter, SavedQuery

blueprint = Blueprint("saved", __name__)

HTML = "text/html"
JSON = "application/json"
FORMAT = "format"        # the one request parameter that is not a query parameter (saved.RESERVED)
MULTIPART = "multipart/form-data"
RESULT_TYPES = [m for f in OFFERS[Kind.SOLUTIONS] for m in (f.media_type, *f.aliases)]


def saved_queries() -> dict[str, SavedQuery]:
    """The saved queries the app loaded at start, by name."""
    return current_app.extensions["kg.saved"]


@blueprint.route("/queries")
def listing() -> Response:
    """Every saved query: JSON for clients, an HTML table for browsers."""
    queries = list(saved_queries().values())
    if _listing_as_html():
        response = Response(render_template("queries.html", queries=queries), mimetype=HTML)
    else:
        response = jsonify([describe(q) for q in queries])
    response.vary.add("Accept")
    return response


@blueprint.route("/queries/<name>", methods=["GET", "POST"])
def saved_query(name: str) -> Response:
    """Run one saved query in the requested result format, or show its form to a browser."""
    query = saved_queries().get(name)
    if query is None:
        abort(404, f"There is no saved query {name!r}; /queries lists them.")
    params = _request_params()
    fmt = params.get(FORMAT)
    accept = request.headers.get("Accept", "")
    if (fmt or "").strip().lower() == "html" or (fmt is None and _prefers_html(accept)):
        page = render_template("query_form.html", query=query, values=_values(params),
                               result_formats=OFFERS[Kind.SOLUTIONS])
        response = Response(page, mimetype=HTML)
        response.vary.add("Accept")
        return response
    if fmt is not None and not formats.known(fmt):
        abort(400, f"Unknown format {fmt!r}: a saved query's results come as json, xml, csv or tsv (or html for its form).")
    if formats.negotiate(Kind.SOLUTIONS, accept, fmt) is None:
        offered = ", ".join(f"{f.media_type} (format={f.name})" for f in OFFERS[Kind.SOLUTIONS])
        abort(406, f"A saved query's results can be given as {offered}; none of them is acceptable to this request.")
    try:
        bound = query.bind(_values(params))
    except BadParameter as e:
        abort(400, f"Bad {e}")
    config: ServeConfig = current_app.extensions["kg.config"]
    return answer(Job(query=query.probe_text, base_iri=request.base_url,
                      row_cap=min(config.row_cap, query.limit or config.row_cap), accept=accept, format=fmt,
                      service_allow=config.service_allow,
                      substitutions=tuple((variable.value, str(term)) for variable, term in bound.items())))


@blueprint.route("/openapi.json")
def openapi() -> Response:
    """An OpenAPI description of /sparql and of every saved query, one operation each."""
    config: ServeConfig = current_app.extensions["kg.config"]
    return jsonify(openapi_document(list(saved_queries().values()), request.host_url.rstrip("/"), config))


def describe(query: SavedQuery) -> dict:
    """A saved query as an entry of the JSON listing."""
    return {"name": query.name, "summary": query.summary, "description": query.description, "tags": query.tags,
            "params": [{"name": p.name, "type": p.type, "description": p.description, "default": p.default,
                        "allowed": None if p.allowed is None else list(p.allowed)} for p in query.params],
            "limit": query.limit, "url": url_for("saved.saved_query", name=query.name)}


def _listing_as_html() -> bool:
    fmt = request.args.get(FORMAT)
    if fmt is not None:
        if fmt.strip().lower() not in ("json", "html"):
            abort(400, f"Unknown format {fmt!r}: the list of saved queries comes as json or html.")
        return fmt.strip().lower() == "html"
    accept = request.headers.get("Accept", "")
    if not accept:
        return False
    best = parse_accept_header(accept, MIMEAccept).best_match([JSON, HTML])
    if best is None:
        abort(406, f"The list of saved queries is given as {JSON} or {HTML}.")
    return best == HTML


def _prefers_html(accept: str) -> bool:
    """Whether the client (a browser) would rather have a page than any result format."""
    return parse_accept_header(accept, MIMEAccept).best_match([*RESULT_TYPES, HTML]) == HTML


def _request_params() -> MultiDict:
    """The URL's parameters, and a form POST's body too."""
    if request.method == "POST" and request.mimetype not in (FORM, MULTIPART, ""):
        abort(415, f"POST a saved query's parameters as {FORM} (or in the URL); got {request.mimetype}.")
    return CombinedMultiDict([request.args, request.form]) if request.method == "POST" else request.args


def _values(params: MultiDict) -> dict[str, str]:
    """The query parameters of the request, by name: each given at most once."""
    values = {}
    for name, given in params.lists():
        if name == FORMAT:
            if len(given) > 1:
                abort(400, "format is given more than once.")
            continue
        if len(given) > 1:
            abort(400, f"Bad parameter {name!r}: given {len(given)} times; give it once.")
        values[name] = given[0]
    return values
