"""gzip for clients that accept it: query results are verbose text and shrink several times."""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

from kg.serve.headers import vary

MIN_BYTES = 1024  # smaller bodies gain less than the header costs
LEVEL = 5         # most of the gain of level 9 at a fraction of its time


def install_gzip(app: Flask) -> None:
    @app.after_request
    def compress(response: Response) -> Response:
        if response.direct_passthrough or response.is_streamed or "Content-Encoding" in response.headers:
            return response  # streamed bodies (dumps) are left as they are
        vary(response, "Accept-Encoding")
        asked = "gzip" in request.headers.get("Accept-Encoding", "").lower()  # parsed only when named
        if request.method == "HEAD" or not asked or not request.accept_encodings["gzip"]:
            return response
        body = response.get_data()
        if len(body) >= MIN_BYTES:
            response.set_data(gzip.compress(body, compresslevel=LEVEL))
            response.headers["Content-Encoding"] = "gzip"
        return response
