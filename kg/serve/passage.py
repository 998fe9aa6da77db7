"""The paragraph around a quote, cut from the document's stored text by the evidence offsets.

Paragraphs of the extracted text are separated by newlines; offsets are in code points, as Python
indexes strings. The three parts stay plain text: the template escapes each and puts only the
quote inside <mark>, so nothing from the document ever becomes markup.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Passage:
    before: str
    quote: str
    after: str


def passage(text: str, start: int, end: int, exact: str) -> Passage | None:
    """The paragraph(s) holding text[start:end], split around it; None when the offsets do not
    point at `exact` (the text and the evidence disagree, so the page shows the quote alone)."""
    if not 0 <= start <= end <= len(text) or text[start:end] != exact:
        return None
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    return Passage(text[first:start], exact, text[end:last])
