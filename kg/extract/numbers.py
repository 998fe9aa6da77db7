"""Numbers as written in reports: 5,414.1 / 2.26 / 一千二百 / 三点五, and their scale words."""

from __future__ import annotations

_CJK_DIGITS = frozenset("零〇一二两三四五六七八九十百千万亿点")


def parse_number(text: str) -> float:
    """The value of an Arabic or Chinese numeral string (no scale word)."""
    text = text.strip()
    if text and _CJK_DIGITS.issuperset(text):
        import cn2an  # imported on first use: Chinese numerals are rare in figures

        return float(cn2an.cn2an(text, "smart"))
    return float(text.replace(",", ""))


def scaled(number: str, magnitude: str | None, magnitudes: dict[str, float]) -> float:
    """`number` times its scale word (亿, 万亿, billion ...), rounded off float noise."""
    value = parse_number(number) * (magnitudes[magnitude] if magnitude else 1.0)
    return round(value, 6) if abs(value) < 1e6 else float(round(value))


def small_number(text: str, numerals: dict[str, int]) -> int:
    """A month, quarter or count written as digits or as a word (六, six, q3)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if text in numerals:
        return numerals[text]
    return int(parse_number(text))
