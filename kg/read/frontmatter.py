"""YAML front matter (`---` ... `---`) and the metadata values we use from it.

Crawled articles carry title, date, author and categories in a YAML header;
the date anchors every relative period ("今年上半年") so it must parse exactly
or fail loudly rather than be guessed. Crawlers write that header naively
(title: 'Hangzhou's trade …'), so a header YAML rejects is read again line by
line as flat `key: value` pairs and lists; only one that is not even that fails.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz
from typing import Any

import yaml

from kg.read.decode import ReadError

try:  # libyaml's loader: same safe subset as yaml.safe_load, several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Opening fence (after optional blank lines/whitespace), the header, the closing fence.
_OPEN = re.compile(r"\A\s*---[ \t]*\r?\n")
_CLOSE = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.M)


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """Return (metadata or None when there is no header, body)."""
    m = _OPEN.match(text)
    if not m:
        return None, text
    close = _CLOSE.search(text, m.end())
    if not close:
        raise ReadError("front matter: opening '---' without a closing '---'")
    header = text[m.end():close.start()]
    try:
        meta = yaml.load(header, Loader=_Loader)  # noqa: S506 - CSafeLoader is safe_load
    except yaml.YAMLError as e:
        meta = _flat_header(header)
        if meta:
            return meta, text[close.end():]
        first_line = text.count("\n", 0, m.end()) + 1  # file line of the header's first line
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        where = f" at line {first_line + mark.line}" if mark is not None else ""
        raise ReadError(f"malformed front matter{where}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ReadError(f"front matter is not a mapping but {type(meta).__name__}")
    return meta, text[close.end():]


_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*$")
_ITEM_LINE = re.compile(r"^[ \t]*-[ \t]+(.*?)[ \t]*$")


def _unquote(s: str) -> str:
    return s[1:-1] if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"" else s


def _flat_header(header: str) -> dict[str, Any]:
    """`key: value` lines and `- item` lists under a key, quotes taken off; {} when a line is neither."""
    meta: dict[str, Any] = {}
    key = None
    for line in header.splitlines():
        if m := _KEY_LINE.match(line):
            key, value = m[1], _unquote(m[2])
            meta[key] = value if value else []
        elif key is not None and isinstance(meta[key], list) and (m := _ITEM_LINE.match(line)):
            meta[key].append(_unquote(m[1]))
        elif line.strip():
            return {}
    return meta


_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")
_ZH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_EN_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y")


def _rfc2822(s: str) -> tuple[int, ...] | None:
    try:
        return parsedate_tz(s)
    except (ValueError, IndexError, TypeError):  # malformed input on some Python versions
        return None


def parse_date(value: Any) -> date:
    """A metadata date as written (no time-zone shift): YAML date/datetime,
    ISO `2021-07-20[T..]`, RFC 2822 `Tue, 20 Jul 2021 06:46:17 GMT`,
    `2021年7月20日`, `July 20, 2021`. Raise ReadError when unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    ymd: tuple[int, int, int] | None = None
    if m := _ISO.match(s) or _ZH.match(s):
        ymd = (int(m[1]), int(m[2]), int(m[3]))
    elif (t := _rfc2822(s)) is not None:
        ymd = (t[0], t[1], t[2])
    else:
        for fmt in _EN_FORMATS:
            try:
                return datetime.strptime(s, fmt).date()
            except ValueError:
                pass
    if ymd is not None:
        try:
            return date(*ymd)
        except ValueError:
            pass
    raise ReadError(f"front matter: unreadable date {s[:60]!r}")


def meta_text(meta: dict[str, Any], *keys: str) -> str | None:
    """The first non-empty scalar value among `keys`, whitespace-collapsed."""
    for key in keys:
        value = meta.get(key)
        if value is None or isinstance(value, (dict, list)):
            continue
        s = " ".join(str(value).split())
        if s:
            return s
    return None


def meta_categories(value: Any) -> tuple[str, ...]:
    """Categories from a YAML list or a comma/semicolon-separated string."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else re.split(r"[,，;；]", str(value))
    out = (" ".join(str(v).split()) for v in items if v is not None and not isinstance(v, (dict, list)))
    return tuple(v for v in out if v)
