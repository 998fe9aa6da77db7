"""Header edits on the per-request path, done on the header string.

werkzeug's `response.vary.add` parses the Vary header into a set and writes it back on every call,
about 30 µs each; the answer of a small query gets two or three of them.
"""

from __future__ import annotations

from werkzeug.wrappers import Response


def vary(response: Response, name: str) -> None:
    """Add `name` to the response's Vary header, unless it is there already."""
    current = response.headers.get("Vary")
    if not current:
        response.headers["Vary"] = name
    elif name.lower() not in (v.strip().lower() for v in current.split(",")):
        response.headers["Vary"] = f"{current}, {name}"
