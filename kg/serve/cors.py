"""CORS headers, so query pages on other sites can call the endpoint from the browser."""

from __future__ import annotations

from flask import Flask, Response, request

from kg.serve.answer import ROW_CAP, TRUNCATED
from kg.serve.headers import vary


def install_cors(app: Flask, origins: tuple[str, ...]) -> None:
    """Allow `origins` ("*" for any) to read responses, and answer preflight requests."""

    @app.after_request
    def add_headers(response: Response) -> Response:
        origin = request.headers.get("Origin")
        if "*" in origins:
            response.headers["Access-Control-Allow-Origin"] = "*"
        elif origin in origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            vary(response, "Origin")
        else:
            return response
        response.headers["Access-Control-Expose-Headers"] = f"{TRUNCATED}, {ROW_CAP}"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Max-Age"] = "86400"
        return response
