"""Errors as short plain-text messages that SPARQL clients show as they are (not Flask's HTML)."""

from __future__ import annotations

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response


def install_error_pages(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def plain_text(error: HTTPException) -> Response:
        response = error.get_response()  # keeps headers such as Allow and Retry-After
        response.set_data(f"{error.code} {error.name}: {error.description}\n")
        response.mimetype = "text/plain"
        return response
