"""Observations as the contract's JSON lines."""

from __future__ import annotations

import json

from kg.model import Observation


def _number(x: float | None) -> float | int | None:
    """Whole numbers print without a fraction (260350000000, not 2.6035e+11)."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def to_record(obs: Observation) -> dict:
    """The contract's fields, in the contract's order."""
    return {
        "doc": obs.doc,
        "source": obs.source,
        "reporter": obs.reporter,
        "partner": obs.partner,
        "flow": obs.flow,
        "commodity": obs.commodity,
        "mode": obs.mode,
        "period": {"start": obs.period.start.isoformat(), "end": obs.period.end.isoformat()},
        "value": _number(obs.value),
        "currency": obs.currency,
        "quantity": {"amount": _number(obs.quantity.amount), "unit": obs.quantity.unit} if obs.quantity else None,
        "yoy_pct": _number(obs.yoy_pct),
        "share_pct": _number(obs.share_pct),
        "quote": obs.quote,
        "offset": list(obs.offset),
    }


def to_jsonl(obs: Observation) -> str:
    return json.dumps(to_record(obs), ensure_ascii=False)
