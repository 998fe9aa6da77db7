"""Whether a document is an official customs source (the words that say so are in
kg/data/audit/official.yaml): when documents disagree, an official figure is preferred."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from kg.audit.records import Doc

MARKERS_FILE = Path(__file__).resolve().parent.parent / "data" / "audit" / "official.yaml"


@cache
def markers() -> tuple[str, ...]:
    data = yaml.safe_load(MARKERS_FILE.read_text(encoding="utf-8"))
    return tuple(m.casefold() for m in data["markers"])


def is_official(doc: Doc) -> bool:
    """The publisher, or the host of a source URL, names customs (a file path does not count)."""
    host = urlsplit(doc.source).hostname if doc.source and "://" in doc.source else None
    said = " ".join(filter(None, (doc.publisher, host))).casefold()
    return any(m in said for m in markers())
