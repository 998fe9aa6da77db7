"""Strict scoring of `kg extract --format jsonl` output against hand-made gold, in the project's words.

A gold observation counts as found only when a predicted one agrees on the
whole key (reporter, partner, flow, whether a commodity and a mode are named,
period, money-or-quantity) and on every measure. Predictions of one key are
merged first, as the contract's key rule says.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def coarse_key(o: dict, file: str) -> tuple:
    q = o.get("quantity")
    return (file, o["reporter"], o["partner"], o["flow"], bool(o.get("commodity")), bool(o.get("mode")),
            o["period"]["start"], o["period"]["end"], "quantity" if q else "money")


def measures(o: dict) -> dict:
    q = o.get("quantity") or {}
    return {"value": o.get("value"), "amount": q.get("amount"), "yoy": o.get("yoy_pct"), "share": o.get("share_pct")}


def agrees(gold: dict, pred: dict) -> bool:
    for name, g in gold.items():
        p = pred[name]
        if g is None or p is None:
            if g is not p:
                return False
        elif name in ("value", "amount"):
            if abs(p - g) > abs(g) * 5e-4:
                return False
        elif abs(p - g) > 0.051:
            return False
    return True


def strict_f1(gold: list[dict], pred: list[dict]) -> tuple[float, list]:
    merged: dict[tuple, dict] = {}
    for p in pred:
        k = coarse_key(p, Path(p["source"]).name) + (p.get("commodity"), p.get("mode"))
        held = merged.setdefault(k, measures(p))
        for name, v in measures(p).items():
            if held[name] is None:
                held[name] = v
    pool: dict[tuple, list[dict]] = {}
    for k, m in merged.items():
        pool.setdefault(k[:-2], []).append(m)
    found, misses = 0, []
    for g in gold:
        cands = pool.get(coarse_key(g, g["file"]), [])
        hit = next((c for c in cands if agrees(measures(g), c)), None)
        if hit is None:
            misses.append(g)
        else:
            cands.remove(hit)
            found += 1
    precision, recall = found / max(len(merged), 1), found / len(gold)
    return (2 * precision * recall / (precision + recall) if found else 0.0), misses


def extract_jsonl(path: Path) -> list[dict]:
    """Run the real command line over `path`."""
    out = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(path), "--format", "jsonl"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return [json.loads(line) for line in out.stdout.splitlines()]


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
