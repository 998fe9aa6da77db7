"""Read one article file into a `Document`: bytes, metadata, text blocks, date, script.

Everything downstream quotes `Document.text` by offset, so the text is built
once here from clean blocks joined by blank lines, and `blocks` records the
exact span of each.  Failures raise `ReadError` naming the problem; the caller
adds the file name.
"""

from __future__ import annotations

import hashlib
import operator
import re
import stat
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from kg.model import Document
from kg.read.decode import ReadError, decode_bytes
from kg.read.frontmatter import meta_categories, meta_text, parse_date, split_front_matter
from kg.read.html_text import html_blocks
from kg.read.plain_text import plain_blocks

__all__ = ["ReadError", "read_document", "detect_script", "infer_year", "inferred_date"]

_HTML = re.compile(
    r"<(?:p|div|html|body|br|span|table|h[1-6]|ul|ol|li|section|article|img|a|!doctype)(?:\s[^<>]*)?/?>",
    re.I,
)
_SEP = "\n\n"

# Years 1990-2100 written as `2025年`, or standing alone (not part of a larger number).
_YEAR_ZH = re.compile(r"(?<![\d.,])(199\d|20\d\d|2100)(?=\s*年)")
_YEAR_ANY = re.compile(r"(?<![\d.,/\-])(199\d|20\d\d|2100)(?!\d|[.,]\d|%)")

_NOT_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not (65 <= b <= 90 or 97 <= b <= 122))
_EN_MAX_CJK_SHARE = 0.05  # below this share of CJK among letters the text is English
_HANT_MIN_CHANGED = 0.03  # t2s changes more than this share of CJK characters -> Traditional
_SCRIPT_SAMPLE = 1000  # CJK characters converted by OpenCC (enough to decide, bounded cost)

_t2s: Any = None


def _converter() -> Any:
    """OpenCC t2s, created once per process on first use (~1 ms to build)."""
    global _t2s
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    return _t2s


def detect_script(text: str) -> str:
    """'en' when (almost) no CJK; 'zh-Hant' when t2s changes >3% of CJK; else 'zh-Hans'."""
    cjk = _NOT_CJK.sub("", text)
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
    if not cjk or len(cjk) < _EN_MAX_CJK_SHARE * (len(cjk) + latin):
        return "en"
    sample = cjk[:_SCRIPT_SAMPLE]
    simp = _converter().convert(sample)
    if simp == sample:
        changed = 0
    elif len(simp) == len(sample):
        changed = sum(map(operator.ne, sample, simp))
    else:  # a phrase mapping changed the length: count characters that vanished
        changed = sum((Counter(sample) - Counter(simp)).values())
    return "zh-Hant" if changed > _HANT_MIN_CHANGED * len(sample) else "zh-Hans"


_ASIDE_AFTER = re.compile(r"[^，。,;；]{0,8}?以[来來]")
_ASIDE_BEFORE = re.compile(r"(?:展望|预计|預計|目标|目標|力争|力爭|到|by |until |since |before |through )$", re.I)


def _is_aside(text: str, m: re.Match) -> bool:
    """A year in "自2020年初以来" / "since 2020" or "展望2026年" / "by 2025" (looking ahead) is not the year reported on."""
    return bool(_ASIDE_AFTER.match(text, m.end())) or bool(_ASIDE_BEFORE.search(text[max(0, m.start() - 8):m.start()]))


def infer_year(text: str, script: str) -> int | None:
    """The most frequently mentioned year (ties: the later one), or None.

    Chinese text counts `YYYY年` (a bare 2026 in 「2026美國…展」 is often an
    event name); English text, or Chinese text without any `年` year, counts
    standalone four-digit years.
    """
    years = [] if script == "en" else [m.group(1) for m in _YEAR_ZH.finditer(text) if not _is_aside(text, m)]
    if not years:
        years = [m.group(1) for m in _YEAR_ANY.finditer(text) if not _is_aside(text, m)]
    if not years:
        return None
    counts = Counter(years)
    return int(max(counts, key=lambda y: (counts[y], y)))


# "Last year" as a period of its own (not 比去年 / 去年同期 / "from last year": year-on-year wording;
# not 上年, which is the year before the one reported on).
# (Each alternative opens with its literal, so the scan skips to candidates at C speed.)
_LAST_YEAR = re.compile(
    r"去年(?!同期)(?<![比较較与與同]去年)"
    r"|[Ll]ast year\b(?<![A-Za-z][Ll]ast year)(?<!from last year)(?<!than last year)(?<!over last year)"
    r"(?<!with last year)(?<!to last year)")
# A wire dateline with its full date (上海2016年1月22日电).
_DATELINE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日[电電]")


def inferred_date(text: str, script: str) -> date | None:
    """A reference date for a text without one: its wire dateline's date; else the end of the year it mentions most, or, when it
    speaks of that year as "last year" (浙江去年出口增9.1% … 2020年浙江进出口…) and never of the
    year after, the end of January after it, when such full-year reports appear."""
    if m := _DATELINE.search(text):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    year = infer_year(text, script)
    if year is None:
        return None
    if _LAST_YEAR.search(text) and str(year + 1) not in text:
        return date(year + 1, 1, 31)
    return date(year, 12, 31)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise ReadError("is a directory")
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise ReadError(f"too large: {st.st_size} bytes > limit of {max_bytes} bytes")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise ReadError(f"cannot read: {e.strerror or e}") from None
    if len(data) > max_bytes:  # grew since stat, or not a regular file
        raise ReadError(f"too large: more than the limit of {max_bytes} bytes")
    if not data:
        raise ReadError("empty file")
    return data


def read_document(path: Path, max_bytes: int = 10_000_000) -> Document:
    """Read `path` into a Document, or raise ReadError naming the problem."""
    source = str(path)
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    decoded = decode_bytes(data)

    meta, body = split_front_matter(decoded.text)
    meta = meta or {}
    line_date: date | None = None
    if _HTML.search(body):
        body_blocks = html_blocks(body)
    else:
        line_date, body_blocks = plain_blocks(body)
        if not body_blocks:
            raise ReadError("no text: the body is empty")

    title = meta_text(meta, "title")
    blocks_text = list(body_blocks)
    if title and (not blocks_text or blocks_text[0] != title):
        blocks_text.insert(0, title)

    spans: list[tuple[int, int]] = []
    pos = 0
    for b in blocks_text:
        spans.append((pos, pos + len(b)))
        pos += len(b) + len(_SEP)
    text = _SEP.join(blocks_text)
    script = detect_script(text)

    raw_date = next((meta[k] for k in ("date", "published", "pubdate") if meta.get(k) not in (None, "")), None)
    inferred = False
    if raw_date is not None:
        doc_date = parse_date(raw_date)
    elif line_date is not None:
        doc_date = line_date
    else:
        doc_date = inferred_date(text, script)
        if doc_date is None:
            raise ReadError("no date: no front-matter date, no 'date' line and no year in the text")
        inferred = True

    return Document(
        id="doc-" + sha[:16],
        source=source,
        sha256=sha,
        text=text,
        blocks=tuple(spans),
        title=title,
        date=doc_date,
        date_inferred=inferred,
        publisher=meta_text(meta, "author", "publisher", "source"),
        categories=meta_categories(meta.get("categories")),
        script=script,
        encoding=decoded.encoding,
        replaced_bytes=decoded.replaced,
        title_span=spans[0] if title else None,
    )
