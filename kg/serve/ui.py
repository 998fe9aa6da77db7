"""/ : the query page, the browser's way into the endpoint (editor, saved-query picker, results).

The page itself is static HTML; kg/serve/static/query.js sends the query to /sparql and draws the
answer. Every page gets what the shared results module needs to draw an answer (the formats each
kind of result comes in, the IRI base that maps to this server, the prefixes to shorten IRIs with)
from `results_context`, so the JavaScript holds no copy of the server's format list.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import Blueprint, Response, redirect, render_template, request, url_for

from kg.emit.iris import BASE, PREFIXES
from kg.serve.formats import OFFERS

blueprint = Blueprint("ui", __name__)
EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "ui" / "example.rq"


@cache
def example_query() -> str:
    """The query the editor starts with: it runs on the seed graph and its answer draws a chart."""
    return EXAMPLE.read_text(encoding="utf-8")


@blueprint.app_context_processor
def results_context() -> dict[str, object]:
    """What kg/serve/templates/results.html hands the results module, on every page that draws answers."""
    return {"results_config": {
        "base": BASE,
        "prefixes": PREFIXES,
        "formats": {kind.value: [f.name for f in offers] for kind, offers in OFFERS.items()},
    }}


@blueprint.route("/")
def query_page() -> str:
    """The editor, holding `?query=` when a shared link gives one and the example otherwise."""
    names = dict.fromkeys(f.name for offers in OFFERS.values() for f in offers)
    return render_template("query.html", query=request.args.get("query") or example_query(), format_names=names)


@blueprint.route("/favicon.ico")
def favicon() -> Response:
    """The site's icon where browsers look for it on pages that name none (Turtle, plain-text errors)."""
    return redirect(url_for("static", filename="favicon.svg"), 301)

