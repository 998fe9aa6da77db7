"""Normalisation for matching, without losing the original.

The extractors match on a normalised copy of the text: Traditional characters
converted to Simplified (OpenCC t2s), full-width ASCII folded to half-width,
Latin letters lower-cased, curly quotes and corner brackets made straight, and
the many dashes made one. Every step maps one character to one character, so
position i of the normalised text is position i of the original: quotes and
offsets are always cut from the original. OpenCC may, rarely, turn a phrase into
one of another length; such a line is converted character by character instead.
"""

from __future__ import annotations

from functools import cache

import opencc


def _fold_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0).lower() for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = " "  # ideographic space
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    for ch in "“”„‟«»「」『』〝〞＂":
        table[ord(ch)] = '"'
    for ch in "‘’‚‛′":
        table[ord(ch)] = "'"
    for ch in "‐‑‒–—―−～〜":
        table[ord(ch)] = "-" if ch not in "～〜" else "~"
    table[ord("．")] = "."
    table[ord("﹪")] = "%"
    table[ord("\u00a0")] = " "
    return table


_FOLD = _fold_table()


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _simplify(text: str) -> str:
    """t2s, keeping length: lines whose conversion changes length go char by char."""
    converter = _t2s()
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.split("\n"):
        conv = converter.convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        lines.append(conv)
    return "\n".join(lines)


def normalise(text: str) -> str:
    """The matching form of `text`; always exactly as long as `text`."""
    return _simplify(text).translate(_FOLD)


def to_simplified(text: str) -> str:
    """Simplified Chinese form of a label (used to normalise gazetteer names)."""
    return _t2s().convert(text)
