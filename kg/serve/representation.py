"""Content negotiation for a resource of the graph: an HTML page for browsers, or its RDF description.

The RDF formats are those of kg/serve/formats.py; `?format=` (html, ttl, jsonld, nt, rdfxml or a
media type) wins over Accept, as on /sparql. A client that states no preference (no Accept, or
*/*) gets Turtle, while browsers, which rank text/html first, get the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, abort
from pyoxigraph import RdfFormat, parse, serialize
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from kg.emit.iris import PREFIXES
from kg.serve import formats
from kg.serve.answer import TRUNCATED
from kg.serve.formats import Format
from kg.store.export import JSONLD_CLOSING, jsonld_opening


@dataclass(frozen=True)
class Page:
    """The HTML representation."""

    name: str = "html"
    media_type: str = "text/html"
    aliases: tuple[str, ...] = ("application/xhtml+xml",)


HTML = Page()
RDF_FORMATS: tuple[Format, ...] = (formats.TURTLE, formats.JSONLD, formats.NTRIPLES, formats.RDFXML)
WITH_PREFIXES = (formats.TURTLE, formats.RDFXML)   # formats that read better with the project's prefixes
Representation = Format | Page


def choose(accept: str, format_param: str | None, offers: tuple[Representation, ...]) -> Representation:
    """The representation to answer with; a 400 for an unknown `format`, a 406 when none is acceptable."""
    if format_param is not None:
        value = format_param.strip().lower()
        chosen = next((o for o in offers if _named_by(o, value)), None)
        if chosen is None:
            names = ", ".join(o.name for o in offers)
            abort(400, f"Unknown format {format_param!r}: use one of {names}, or a media type.")
        return chosen
    parsed = parse_accept_header(accept, MIMEAccept)
    rdf_first = tuple(o for o in offers if o is not HTML) + tuple(o for o in offers if o is HTML)
    if not parsed:
        return rdf_first[0]
    by_type = {m: o for o in rdf_first for m in (o.media_type, *o.aliases)}
    best = parsed.best_match(list(by_type))
    if best is None:
        offered = ", ".join(o.media_type for o in offers)
        abort(406, f"This resource is available as {offered}; none of them is acceptable to this request.")
    return by_type[best]


def _named_by(offer: Representation, value: str) -> bool:
    if isinstance(offer, Page):
        return value in (offer.name, offer.media_type)
    return offer.named_by(value)


def alternates(url: str, offers: tuple[Representation, ...]) -> list[tuple[str, str, str]]:
    """(href, media type, format name) of each representation, for Link headers and <link> elements."""
    return [(f"{url}?format={o.name}", o.media_type, o.name) for o in offers]


def add_link_headers(response: Response, url: str, offers: tuple[Representation, ...]) -> Response:
    """Link: rel=alternate for each representation, and Vary: Accept (the answer depends on it)."""
    links = [f'<{href}>; rel="alternate"; type="{media_type}"' for href, media_type, _ in alternates(url, offers)]
    response.headers["Link"] = ", ".join(links)
    response.vary.add("Accept")
    return response


def rdf_response(body: bytes, fmt: Format, truncated: bool = False) -> Response:
    """An RDF body as a response; JSON-LD (the engine writes it expanded) gets the project's @context."""
    if fmt is formats.JSONLD:
        body = jsonld_opening() + body + JSONLD_CLOSING
    response = Response(body, mimetype=fmt.media_type)
    response.headers[TRUNCATED] = "true" if truncated else "false"
    return response


def with_prefixes(ntriples: bytes, fmt: Format) -> bytes:
    """N-Triples rewritten in `fmt` (one of WITH_PREFIXES) with the project's prefixes declared."""
    assert isinstance(fmt.engine, RdfFormat)
    triples = (quad.triple for quad in parse(ntriples, format=RdfFormat.N_TRIPLES))
    return serialize(triples, format=fmt.engine, prefixes=PREFIXES)
