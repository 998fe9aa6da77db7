"""Bytes to text: BOM, then strict UTF-8, then the Chinese legacy encodings (GB18030, Big5).

News archives mix UTF-8 with GBK/GB18030 (mainland) and Big5 (Taiwan, Hong
Kong) files and rarely declare which.  Strict decoding is tried first so that a
file is never silently mangled; only when nothing decodes cleanly do we accept
replacement characters, and we report how many so the caller can judge.

`ReadError` lives here, in the lowest layer of the reader, so that every step
(decode, front matter, HTML) can raise it without an import cycle; it is
re-exported by `kg.read.document` and `kg.read`.
"""

from __future__ import annotations

import codecs
from collections import Counter
from typing import NamedTuple


class ReadError(Exception):
    """A document cannot be read; the message names the problem (the caller adds the file)."""


class Decoded(NamedTuple):
    text: str
    encoding: str
    replaced: int  # replacement characters inserted for undecodable bytes


# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 control bytes that do not occur in text (TAB, LF, VT, FF, CR and ESC do).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_BINARY_SAMPLE = 8192
_BINARY_SHARE = 0.10


def _looks_binary(data: bytes) -> str | None:
    """Why `data` is not text (NUL bytes, many control bytes), or None."""
    if b"\x00" in data:
        return "binary content (NUL bytes)"
    sample = data[:_BINARY_SAMPLE]
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls > _BINARY_SHARE * len(sample):
        return f"binary content ({controls} control bytes in the first {len(sample)})"
    return None


def _odd(ch: str) -> bool:
    """Characters that real Chinese/English news text almost never contains,
    but that a wrong legacy decoding produces in bulk: private use, kana, Greek,
    Cyrillic, box drawing, C0/C1 controls."""
    o = ord(ch)
    return (
        0xE000 <= o <= 0xF8FF
        or 0x3040 <= o <= 0x30FF
        or 0x0370 <= o <= 0x04FF
        or 0x2500 <= o <= 0x257F
        or 0x80 <= o <= 0x9F
        or (o < 32 and ch not in "\t\n\r\x0b\x0c\x1b")
        or o == 0xFFFD
    )


def _odd_gb(ch: str) -> bool:
    """Suspicious in a GB18030 reading: odd, or a CJK character outside GB2312
    (simplified text sits almost entirely in GB2312; Big5 bytes read as GBK
    land in the GBK extension areas)."""
    if _odd(ch):
        return True
    if ord(ch) < 0x2E80:
        return False
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def _odd_big5(ch: str) -> bool:
    """Suspicious in a Big5 reading: odd, outside plain Big5/CP950 (HKSCS extras),
    or a Big5 level-2 (rare) character, where GB2312 bytes read as Big5 land
    about half the time."""
    if _odd(ch):
        return True
    if ord(ch) < 0x2E80:
        return False
    try:
        b = ch.encode("cp950")
    except UnicodeEncodeError:
        return True
    return len(b) == 2 and b[0] >= 0xC9


# Legacy candidates, preferred in this order on equal scores. GB18030 covers
# GB2312 and GBK. Big5 as written in practice is CP950 (adds e.g. 裏 at F9D6)
# or Big5-HKSCS (adds Hong Kong characters); plain `big5` rejects such files.
_LEGACY = ("gb18030", "big5hkscs", "cp950")
_ODD = {"utf-8": _odd, "gb18030": _odd_gb, "big5hkscs": _odd_big5, "cp950": _odd_big5}


def _score(text: str, encoding: str) -> int:
    """Number of suspicious characters in `text` read as `encoding` (lower is better)."""
    odd = _ODD[encoding]
    return sum(n for ch, n in Counter(text).items() if ord(ch) >= 0x80 and odd(ch))


def decode_bytes(data: bytes) -> Decoded:
    """Decode `data`; raise ReadError for binary content. Never fails otherwise."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            return Decoded(text, enc, text.count("\ufffd"))
    why = _looks_binary(data)
    if why:
        raise ReadError(why)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0)
    except UnicodeDecodeError:
        pass
    strict: list[tuple[int, int, str, str]] = []
    for rank, enc in enumerate(_LEGACY):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        strict.append((_score(text, enc), rank, enc, text))
    if strict:
        _, _, enc, text = min(strict)
        return Decoded(text, enc, 0)
    # Nothing decodes cleanly: take the reading with the fewest replaced and
    # suspicious characters, so that a GBK file with one corrupt byte is not
    # turned into mojibake; ties go to UTF-8.
    best: tuple[int, int, str, str, int] | None = None
    pre_existing = data.count("\ufffd".encode("utf-8"))
    for rank, enc in enumerate(("utf-8",) + _LEGACY):
        text = data.decode(enc, errors="replace")
        replaced = text.count("\ufffd") - (pre_existing if enc == "utf-8" else 0)
        cand = (_score(text, enc) if enc != "utf-8" else replaced, rank, enc, text, replaced)
        if best is None or cand[:2] < best[:2]:
            best = cand
    assert best is not None
    return Decoded(best[3], best[2], max(best[4], 0))
