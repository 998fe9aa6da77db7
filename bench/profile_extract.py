"""Profile read + extraction over the benchmark corpus with cProfile (after a warm-up pass).

    .venv/bin/python bench/profile_extract.py [--n 1000] [--limit 25] [--files 1000]

Uses the corpus of `extract_throughput.py` (made if missing), warms up on the
first 50 files, then profiles one end-to-end pass.  Prints the functions with
the most own time (tottime) and the most cumulative time inside kg/, the own
time summed per kg module, and writes the raw profile to
`bench/out/extract_profile.prof` (open with `python -m pstats` or snakeviz).

cProfile adds overhead to every Python call, so absolute times are inflated
(roughly 1.5-2x); use the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections import defaultdict
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import extract_throughput as et  # noqa: E402  (also puts kg on the path when it is not installed)
import make_corpus  # noqa: E402


def short(path: str, kg_parent: Path) -> str:
    """'kg/extract/tokens.py' for files of the kg package measured (wherever it lives), else the file name."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(kg_parent))
    except ValueError:
        return p.name if p.name else path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size-kb", type=float, default=5.0)
    ap.add_argument("--corpus", type=Path, default=et.DEFAULT_CORPUS)
    ap.add_argument("--files", type=int, default=None, help="profile only the first N files")
    ap.add_argument("--limit", type=int, default=25, help="rows per table")
    ap.add_argument("--cpu", type=int, default=None)
    ap.add_argument("--out", type=Path, default=BENCH_DIR / "out" / "extract_profile.prof")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)

    et.pin_cpu(a.cpu)
    et.ensure_corpus(a)
    files = sorted(p for p in a.corpus.iterdir() if make_corpus.FILE_RE.match(p.name))[: a.files]
    import kg
    from kg.extract.observations import extract_observations
    from kg.read import read_document

    kg_parent = Path(kg.__file__).resolve().parent.parent

    for p in files[:50]:
        extract_observations(read_document(p))
    prof = cProfile.Profile()
    prof.enable()
    for p in files:
        extract_observations(read_document(p))
    prof.disable()
    a.out.parent.mkdir(parents=True, exist_ok=True)
    prof.dump_stats(a.out)

    st = pstats.Stats(prof)
    total = st.total_tt
    rows = []
    per_module: dict[str, float] = defaultdict(float)
    for (file, line, func), (cc, nc, tt, ct, _callers) in st.stats.items():
        name = short(file, kg_parent)
        rows.append((name, line, func, nc, tt, ct))
        key = name if name.startswith("kg/") else ("(builtins / C)" if file == "~" else "(other Python: stdlib, lxml, yaml, ...)")
        per_module[key] += tt

    print(f"profiled {len(files)} files with kg from {kg_parent / 'kg'}: {total:.2f} s under cProfile "
          f"({total / len(files) * 1e3:.2f} ms/file)\n")
    print("own time per module (tottime):")
    for mod, tt in sorted(per_module.items(), key=lambda kv: -kv[1])[: a.limit]:
        print(f"  {tt:8.3f} s {tt / total:6.1%}  {mod}")

    def table(title: str, key, only_kg: bool) -> None:
        print(f"\n{title}:")
        print(f"  {'calls':>10} {'tottime':>8} {'cumtime':>8} {'tot%':>6} {'cum%':>6}  function")
        sel = [r for r in rows if not only_kg or r[0].startswith("kg/")]
        for name, line, func, nc, tt, ct in sorted(sel, key=key)[: a.limit]:
            where = f"{name}:{line}({func})" if name != "~" else func
            print(f"  {nc:>10} {tt:8.3f} {ct:8.3f} {tt / total:6.1%} {ct / total:6.1%}  {where}")

    table("top functions by own time (all)", lambda r: -r[4], False)
    table("top kg/ functions by cumulative time", lambda r: -r[5], True)
    print(f"\nraw profile: {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
