"""Shared helpers: documents are real files written to tmp_path and read by the real reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.observations import extract_observations
from kg.model import Observation
from kg.read import read_document


@pytest.fixture
def extract(tmp_path: Path):
    """extract(text, date) -> observations of a plain-text article dated `date`."""
    counter = iter(range(10_000))

    def run(text: str, date: str = "2024-07-15") -> list[Observation]:
        path = tmp_path / f"article_{next(counter)}.txt"
        path.write_text(f"date {date}\n{text}", encoding="utf-8")
        return extract_observations(read_document(path))

    return run


def rounded(row: tuple) -> tuple:
    """Numbers to 6 significant digits, so 1.2345e11 equals 123450000000.0."""
    return tuple(float(f"{x:.6g}") if isinstance(x, (int, float)) and not isinstance(x, bool) else x for x in row)


def summary(obs: Observation) -> tuple:
    """The fields a test compares: key, then measures."""
    amount = obs.quantity.amount if obs.quantity else obs.value
    return rounded((obs.reporter, obs.partner, obs.flow, obs.commodity or obs.mode,
                    f"{obs.period.start}..{obs.period.end}", amount, obs.yoy_pct, obs.share_pct))
