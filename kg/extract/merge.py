"""The contract's key rule: one observation per key per document."""

from __future__ import annotations

from dataclasses import replace

from kg.model import Observation

_MEASURES = ("value", "quantity", "yoy_pct", "share_pct")


def merge_by_key(observations: list[Observation]) -> list[Observation]:
    """Merge observations of one key in order: the first keeps its quote, later ones fill its gaps.

    A later figure that disagrees with one already held is dropped: the first
    statement of a figure in a document is the one its quote shows.
    """
    merged: dict[tuple, Observation] = {}
    for obs in observations:
        held = merged.get(obs.key)
        if held is None:
            merged[obs.key] = obs
            continue
        gaps = {m: getattr(obs, m) for m in _MEASURES if getattr(held, m) is None and getattr(obs, m) is not None}
        if "value" in gaps or "quantity" in gaps:
            gaps["currency"], gaps["as_written"] = obs.currency, obs.as_written
        if gaps:
            merged[obs.key] = replace(held, **gaps)
    return list(merged.values())
