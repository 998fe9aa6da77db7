"""Observations as a table for people at a terminal."""

from __future__ import annotations

import unicodedata

from kg.model import Observation

COLUMNS = ("reporter", "partner", "flow", "what", "period", "value", "yoy %", "share %", "quote")


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cut(s: str, width: int) -> str:
    out, w = "", 0
    for c in s:
        cw = _width(c)
        if w + cw > width - 1:
            return out + "…"
        out, w = out + c, w + cw
    return out


def _amount(obs: Observation) -> str:
    if obs.quantity:
        return f"{obs.quantity.amount:,.0f} {obs.quantity.unit}"
    if obs.value is None:
        return ""
    return f"{obs.value:,.0f} {obs.currency or ''}".strip()


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def row(obs: Observation) -> tuple[str, ...]:
    period = f"{obs.period.start}..{obs.period.end}"
    what = " / ".join(x for x in (obs.commodity, obs.mode) if x)
    return (obs.reporter, obs.partner or "world", obs.flow, what, period, _amount(obs),
            _pct(obs.yoy_pct), _pct(obs.share_pct), _cut(obs.quote.replace("\n", " "), 48))


def render(rows: list[tuple[str, ...]]) -> str:
    """Aligned columns (East Asian wide characters count double)."""
    table = [COLUMNS, *rows]
    widths = [max(_width(r[i]) for r in table) for i in range(len(COLUMNS))]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
