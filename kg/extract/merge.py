"""The contract's key rule: one observation per key per document."""

from __future__ import annotations

from dataclasses import replace

from kg.model import Observation

_MEASURES = ("value", "quantity", "yoy_pct", "share_pct")


def merge_by_key(observations: list[Observation]) -> list[Observation]:
    """Merge observations of one key in order: the first keeps its quote, later ones fill its gaps.

    A later figure that disagrees with one already held is dropped: the first
    statement of a figure in a document is the one its quote shows. Only a bound
    (a headline's 突破五千亿元) yields to the exact figure of its key, quote and all.
    """
    merged: dict[tuple, Observation] = {}
    for obs in observations:
        held = merged.get(obs.key)
        if held is not None and held.bound and _exact(obs):
            held, obs = obs, held
        if held is None:
            merged[obs.key] = obs
            continue
        gaps = {m: getattr(obs, m) for m in _MEASURES if getattr(held, m) is None and getattr(obs, m) is not None}
        if "value" in gaps or "quantity" in gaps:
            gaps["currency"], gaps["as_written"] = obs.currency, obs.as_written
        merged[obs.key] = replace(held, **gaps) if gaps else held
    return list(merged.values())


def _exact(obs: Observation) -> bool:
    return not obs.bound and (obs.value is not None or obs.quantity is not None)
