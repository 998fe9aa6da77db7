"""`kg extract` as a user runs it: a real process over real files, good and bad."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = "date 2024-07-15\n上半年，云南省进出口1200亿元，增长10%。其中出口700亿元，增长12%。\n"
CONTRACT_FIELDS = ["doc", "source", "reporter", "partner", "flow", "commodity", "mode", "period", "value",
                   "currency", "quantity", "yoy_pct", "share_pct", "quote", "offset"]


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_jsonl_follows_the_contract(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = kg("extract", str(tmp_path), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [list(r) for r in records] == [CONTRACT_FIELDS] * 2
    assert records[0]["value"] == 120000000000 and isinstance(records[0]["value"], int)
    assert records[0]["period"] == {"start": "2024-01-01", "end": "2024-06-30"}
    assert records[1]["flow"] == "export" and records[1]["yoy_pct"] == 12
    assert records[0]["doc"].startswith("doc-") and records[0]["source"].endswith("a.txt")


def test_default_output_is_a_table(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = kg("extract", str(tmp_path / "a.txt"))
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["reporter", "partner", "flow"] and len(lines) == 4
    assert "CN-YN" in lines[2] and "120,000,000,000 CNY" in lines[2]


def test_bad_files_are_named_and_the_rest_still_processed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (docs / "b_binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (docs / "c_empty.txt").write_bytes(b"")
    (docs / "d_big.txt").write_bytes(b"date 2024-07-15\n" + "进出口".encode() * 7_000_000)
    (docs / "e_no_paragraphs.html").write_text("---\ntitle: t\ndate: 2024-07-15\n---\n<div><script>x()</script></div>", encoding="utf-8")
    (docs / "f_no_date.txt").write_text("进出口增长很快，出口也不错。\n", encoding="utf-8")
    (docs / "g_bad_bytes.txt").write_bytes(b"date 2024-07-15\n\xff\xfe\xfa" + "上半年，四川省进出口5000亿元，增长3%。".encode())
    out = kg("extract", str(docs), "--format", "jsonl")
    assert out.returncode == 2
    errors = out.stderr.splitlines()
    named = sorted(Path(line.split(": ")[2]).name for line in errors)
    assert named == ["b_binary.bin", "c_empty.txt", "d_big.txt", "e_no_paragraphs.html", "f_no_date.txt"]
    assert all(line.startswith("kg extract: error: ") for line in errors)
    reporters = sorted({json.loads(line)["reporter"] for line in out.stdout.splitlines()})
    assert reporters == ["CN-SC", "CN-YN"]  # the good file and the one with undecodable bytes


def test_exit_status_zero_when_all_files_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert kg("extract", str(tmp_path), "--format", "jsonl").returncode == 0


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    out = kg("extract", str(tmp_path / "nope.txt"))
    assert out.returncode == 2 and "nope.txt" in out.stderr
