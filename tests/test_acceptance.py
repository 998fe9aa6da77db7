"""Acceptance: `kg extract` against the hand-made gold of the seeds and of the development set.

tests/data/dev holds 14 articles written for this project, independently of the
extractor's code, in the styles of customs releases the seeds do not show
(other provinces and cities, national releases, Hong Kong and Taiwan wording,
English wire copy, US-dollar figures, quantities, distractors).
"""

from __future__ import annotations

from pathlib import Path

from kg.read import read_document
from scoring import ROOT, extract_jsonl, load_gold, strict_f1


def test_seed_gold_strict_f1_and_verbatim_quotes() -> None:
    pred = extract_jsonl(ROOT / "seeds")
    f1, misses = strict_f1(load_gold(ROOT / "tests" / "data" / "seeds_gold.jsonl"), pred)
    assert f1 >= 0.95, f"strict F1 {f1:.3f}; missed: {[m['quote'][:40] for m in misses]}"
    texts: dict[str, str] = {}
    for p in pred:
        doc = texts.setdefault(p["source"], read_document(Path(p["source"])).text)
        s, e = p["offset"]
        assert doc[s:e] == p["quote"]


def test_development_set_strict_f1() -> None:
    dev = ROOT / "tests" / "data" / "dev"
    f1, misses = strict_f1(load_gold(dev / "gold.jsonl"), extract_jsonl(dev / "articles"))
    assert f1 >= 0.90, f"strict F1 {f1:.3f}; missed: {[m['quote'][:40] for m in misses]}"
