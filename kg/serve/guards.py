"""Requests refused on every route before it runs: oversized requests and SPARQL Update.

The store is opened read-only, so an update could not change it anyway; refusing it up front
gives a clear answer and guarantees that nothing an update names (LOAD <http://…>) is fetched.
"""

from __future__ import annotations

from flask import Flask, abort, request

from kg.serve.protocol import FORM, UPDATE

UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")
READ_ONLY = "This endpoint is read-only: SPARQL Update is refused and nothing was executed."


def install_guards(app: Flask, max_request_bytes: int) -> None:
    app.config["MAX_CONTENT_LENGTH"] = max_request_bytes  # also stops bodies sent without a length

    @app.before_request
    def refuse() -> None:
        size = len(request.query_string) + (request.content_length or 0)
        if size > max_request_bytes:
            abort(413, f"The request is {size} bytes; this endpoint accepts at most {max_request_bytes}.")
        if request.mimetype == UPDATE or any(p in request.args for p in UPDATE_PARAMS):
            abort(403, READ_ONLY)
        if request.method == "POST" and request.mimetype == FORM and any(p in request.form for p in UPDATE_PARAMS):
            abort(403, READ_ONLY)
