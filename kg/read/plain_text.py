"""Plain text to blocks, with the optional leading `date YYYY-MM-DD` line.

Every non-empty line is a block: crawled plain text breaks lines at paragraph
ends (and sometimes mid-sentence), and keeping each line as it is keeps the
text, and so every quote's offset, faithful to the source.
"""

from __future__ import annotations

import re
from datetime import date

from kg.read.boilerplate import RELATED_LABEL
from kg.read.decode import ReadError

# `date 2023-07-19` at the start of the first non-blank line; the rest of the line is text.
_DATE_LINE = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])[ \t]*", re.I)
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def plain_blocks(text: str) -> tuple[date | None, list[str]]:
    """Return (date from a leading `date` line or None, non-empty stripped lines).

    A line with a related-links label (【延伸閱讀】) and the lines right after it, up to a blank
    line, are other articles' headlines and are dropped.
    """
    found: date | None = None
    m = _DATE_LINE.match(text)
    if m:
        try:
            found = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise ReadError(f"bad 'date' line: {m[0].strip()!r} is not a calendar date") from None
        text = text[m.end():]
    blocks = []
    in_links = False
    for line in text.splitlines():
        s = line.strip().strip(_ZERO_WIDTH).strip()
        in_links = bool(s) and (in_links or bool(RELATED_LABEL.match(s)))
        if s and not in_links:
            blocks.append(s)
    return found, blocks
