"""The OpenAPI 3.1 document of the endpoint: /sparql, and one GET operation per saved query.

It is built from the loaded saved queries, so a new .rq file appears in it (and in API clients
generated from it) without anyone editing a description by hand.
"""

from __future__ import annotations

from kg import __version__
from kg.serve.answer import ROW_CAP, TRUNCATED
from kg.serve.config import ServeConfig
from kg.serve.formats import OFFERS, Kind
from kg.serve.saved import Param, SavedQuery

_PLACE_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"
_DECIMAL_PATTERN = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"
_LANGSTRING_PATTERN = r"^.+@[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"
_SCHEMAS: dict[str, dict] = {
    "iri": {"type": "string", "format": "iri"},
    "place": {"type": "string", "pattern": _PLACE_PATTERN},
    "integer": {"type": "integer"},
    "decimal": {"type": "string", "format": "decimal", "pattern": _DECIMAL_PATTERN},
    "date": {"type": "string", "format": "date"},
    "string": {"type": "string"},
    "langstring": {"type": "string", "pattern": _LANGSTRING_PATTERN},
}
_TYPE_NOTES = {
    "place": " A place code; it stands for https://w3id.org/cn-trade-kg/id/place/CODE.",
    "langstring": " Written text@language, such as 湖南省@zh-Hans.",
    "iri": " An absolute IRI.",
    "decimal": " A decimal number such as 30 or 2.5.",
}


def openapi_document(queries: list[SavedQuery], server: str, config: ServeConfig) -> dict:
    """The OpenAPI document for an endpoint at `server` (scheme://host:port) serving `queries`."""
    paths = {"/sparql": _sparql_path(config)}
    for query in queries:
        paths[f"/queries/{query.name}"] = {"get": _operation(query, config)}
    return {
        "openapi": "3.1.0",
        "info": {"title": "kg: China foreign-trade knowledge graph", "version": __version__,
                 "description": "A read-only SPARQL 1.1 endpoint over trade observations with provenance, and "
                                "saved analyst queries whose parameters are bound as RDF terms. Queries run for "
                                f"at most {config.timeout:g} s (504 after that) and answers hold at most "
                                f"{config.row_cap} rows ({TRUNCATED}: true when rows were cut)."},
        "servers": [{"url": server}],
        "paths": paths,
        "components": {"responses": _error_responses(), "headers": _headers()},
    }


def _operation(query: SavedQuery, config: ServeConfig) -> dict:
    cap = min(config.row_cap, query.limit or config.row_cap)
    return {
        "operationId": query.name,
        "summary": query.summary,
        "description": f"{query.description}\n\nAt most {cap} rows.",
        "tags": query.tags,
        "parameters": [_parameter(p) for p in query.params] + [_format_parameter(Kind.SOLUTIONS)],
        "responses": {"200": _results(Kind.SOLUTIONS), **_error_refs("400", "404", "406", "504")},
    }


def _parameter(param: Param) -> dict:
    schema = dict(_SCHEMAS[param.type])
    if param.allowed is not None:
        schema["enum"] = [_typed(param, a) for a in param.allowed]
    if param.default is not None:
        schema["default"] = _typed(param, param.default)
    return {"name": param.name, "in": "query", "required": param.default is None,
            "description": param.description + _TYPE_NOTES.get(param.type, ""), "schema": schema}


def _typed(param: Param, value: str) -> str | int:
    """A value as the JSON type of its schema (integers as numbers, everything else as text)."""
    return int(value) if param.type == "integer" else value


def _format_parameter(*kinds: Kind) -> dict:
    names = sorted({f.name for kind in kinds for f in OFFERS[kind]})
    return {"name": "format", "in": "query", "required": False,
            "description": "The result format, overriding the Accept header (for browsers).",
            "schema": {"type": "string", "enum": names}}


def _results(*kinds: Kind) -> dict:
    media = {f.media_type: {"schema": {"type": "object"} if f.media_type.endswith("json") else {"type": "string"}}
             for kind in kinds for f in OFFERS[kind]}
    return {"description": "The complete results, in the negotiated format.",
            "headers": {TRUNCATED: {"$ref": f"#/components/headers/{TRUNCATED}"},
                        ROW_CAP: {"$ref": f"#/components/headers/{ROW_CAP}"}},
            "content": media}


def _sparql_path(config: ServeConfig) -> dict:
    kinds = tuple(Kind)
    dataset = [{"name": name, "in": "query", "required": False, "description": description,
                "schema": {"type": "array", "items": {"type": "string", "format": "iri"}},
                "style": "form", "explode": True}
               for name, description in (("default-graph-uri", "A graph of the default graph (repeatable)."),
                                         ("named-graph-uri", "A named graph of the dataset (repeatable)."))]
    responses = {"200": _results(*kinds), **_error_refs("400", "403", "406", "504")}
    return {
        "get": {"operationId": "sparql", "summary": "Run a SPARQL 1.1 query (the SPARQL 1.1 Protocol)",
                "description": "Without a query: the SPARQL 1.1 Service Description. Updates are refused.",
                "parameters": [{"name": "query", "in": "query", "required": False,
                                "description": "The SPARQL 1.1 query.", "schema": {"type": "string"}},
                               *dataset, _format_parameter(*kinds)],
                "responses": responses},
        "post": {"operationId": "sparqlPost", "summary": "Run a SPARQL 1.1 query sent in the request body",
                 "requestBody": {"required": True, "content": {
                     "application/sparql-query": {"schema": {"type": "string"}},
                     "application/x-www-form-urlencoded": {"schema": {
                         "type": "object", "required": ["query"],
                         "properties": {"query": {"type": "string"},
                                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                                        "named-graph-uri": {"type": "array", "items": {"type": "string"}}}}}}},
                 "parameters": dataset, "responses": {**responses, **_error_refs("413", "415")}},
    }


_ERRORS = {
    "400": "A bad request: a malformed query, or a bad parameter value (the message names the parameter).",
    "403": "Refused: SPARQL Update, or a SERVICE endpoint that is not on the allow-list.",
    "404": "No such saved query.",
    "406": "No acceptable result format.",
    "413": "The request is too large.",
    "415": "An unsupported request body type.",
    "504": "The query ran past the time limit and was stopped.",
}


def _error_refs(*codes: str) -> dict:
    return {code: {"$ref": f"#/components/responses/E{code}"} for code in codes}


def _error_responses() -> dict:
    return {f"E{code}": {"description": text, "content": {"text/plain": {"schema": {"type": "string"}}}}
            for code, text in _ERRORS.items()}


def _headers() -> dict:
    return {TRUNCATED: {"description": "true when rows were cut at the row cap.",
                        "schema": {"type": "string", "enum": ["true", "false"]}},
            ROW_CAP: {"description": "The most rows this answer could hold.", "schema": {"type": "integer"}}}
