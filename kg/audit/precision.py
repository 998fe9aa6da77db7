"""How precisely a figure is known, from the way its source writes it.

"2.26万亿元" is 2,260,000,000,000 known to half a unit of its last written digit (±5 × 10^9);
"848亿元" to ±5 × 10^7. Comparing figures within these bounds, rather than with one fixed
tolerance, lets rounded figures agree ("1.66万亿 + 5947.4亿 = 2.26万亿") while real slips are
found. A relative tolerance (the audit's --tolerance) widens every bound a little further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def ratio(self, other: Interval) -> Interval | None:
        """self / other, or None when other may be zero or negative (no meaningful ratio)."""
        if other.lo <= 0 or self.lo < 0:
            return None
        return Interval(self.lo / other.hi, self.hi / other.lo)

    def scale(self, factor: Decimal) -> Interval:
        return Interval(self.lo * factor, self.hi * factor)

    def shift(self, offset: Decimal) -> Interval:
        return Interval(self.lo + offset, self.hi + offset)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


def half_unit_written(amount: Decimal, as_written: str | None) -> Decimal | None:
    """Half a unit of the last digit the source wrote, in the amount's units, or None when the
    written form has no Arabic number to read it from."""
    match = _NUMBER.search(as_written or "")
    if not match:
        return None
    digits = match.group().replace(",", "").replace("，", "")
    written = Decimal(digits)
    if written == 0:
        return None
    decimals = len(digits.partition(".")[2])
    scale = abs(amount) / written               # 亿 -> 10^8, 万亿 -> 10^12, billion -> 10^9
    return scale * Decimal(5) * Decimal(10) ** -(decimals + 1)


def half_unit_of(number: Decimal, percent: bool = False) -> Decimal:
    """Half a unit of the last significant digit of a stored number; a percentage is taken to be
    written to at least whole percent (100 is ±0.5, not ±50)."""
    exponent = number.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    if percent:
        exponent = min(exponent, 0)
    return Decimal(5) * Decimal(10) ** (exponent - 1)


def amount_interval(amount: Decimal, as_written: str | None, tolerance: Decimal) -> Interval:
    half = half_unit_written(amount, as_written)
    if half is None:
        half = half_unit_of(amount)
    return _widen(amount, half, tolerance)


def percent_interval(pct: Decimal, tolerance: Decimal) -> Interval:
    return _widen(pct, half_unit_of(pct, percent=True), tolerance)


def _widen(x: Decimal, half: Decimal, tolerance: Decimal) -> Interval:
    margin = half + abs(x) * tolerance
    return Interval(x - margin, x + margin)
