"""Single-core throughput of reading + extraction over a synthetic corpus of ~5 KB articles.

    .venv/bin/python bench/extract_throughput.py [--n 1000] [--repeat 3] [--cpu N] [--warmup 50]

Steps (all in this one process, pinned to one CPU):

1. make the corpus with `bench/make_corpus.py` if `--corpus` does not already
   hold the corpus of (--n, --seed, --size-kb) -- in a child process, so that
   the gazetteer loading done by the generator does not warm this process;
2. start-up: import `kg.read` and `kg.extract.observations`, then one timed
   warm-up pass (read + extract) over the first `--warmup` files, which builds
   the lexicons/automata lazily.  `startup_s` = import time + warm-up time - the
   steady-state time of the same files, i.e. the one-off cost of a new process;
3. `--repeat` rounds of three timed passes over all files:
   end-to-end (read_document + extract_observations per file), read only,
   and extract only on the documents of the read-only pass;
4. report the best and the median round: documents/s, MB/s (10^6 bytes of
   input files), observations/s; totals; the read/extract split; a breakdown
   by script and by file format; the slowest documents.

The summary goes to stdout, progress to stderr, all figures to
`bench/out/extract_throughput.json` (`--json`).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib
import importlib.util
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DEFAULT_CORPUS = BENCH_DIR / "out" / "corpus"
DEFAULT_JSON = BENCH_DIR / "out" / "extract_throughput.json"
TARGET_DOCS_PER_S = 200.0

if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))
# kg as installed (the editable install points at this checkout); PYTHONPATH=<dir> measures another copy
if importlib.util.find_spec("kg") is None:
    sys.path.insert(0, str(ROOT))

import make_corpus  # noqa: E402  (stdlib-only at import time: does not import kg)


# --------------------------------------------------------------------------- helpers

class Progress:
    """A counter on stderr: rewritten in place on a terminal, a line every 250 files otherwise."""

    def __init__(self, label: str, total: int, quiet: bool = False) -> None:
        self.label, self.total, self.quiet = label, total, quiet
        self.tty = sys.stderr.isatty()
        self.step = 50 if self.tty else 250

    def __call__(self, done: int) -> None:
        if self.quiet or (done % self.step and done != self.total):
            return
        msg = f"  {self.label}: {done}/{self.total}"
        if self.tty:
            print("\r" + msg, end="\n" if done == self.total else "", file=sys.stderr, flush=True)
        else:
            print(msg, file=sys.stderr, flush=True)


def log(msg: str, quiet: bool = False) -> None:
    if not quiet:
        print(msg, file=sys.stderr, flush=True)


def pin_cpu(cpu: int | None) -> int | None:
    """Pin this process to one CPU (default: the last one it may run on); None when unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    if cpu is None:
        cpu = allowed[-1]
    if cpu not in allowed:
        raise SystemExit(f"--cpu {cpu}: not one of the CPUs this process may use {allowed}")
    os.sched_setaffinity(0, {cpu})
    return cpu


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def command_line() -> str:
    """This run as a shell command, with paths relative to the working directory when inside it."""
    def rel(p: str) -> str:
        r = os.path.relpath(p)
        return p if r.startswith("..") else r
    return shlex.join([rel(sys.executable), rel(sys.argv[0]), *sys.argv[1:]])


def source_state() -> dict:
    """The commit measured and whether kg/ had uncommitted changes (others edit it concurrently)."""
    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return ""
    spec = importlib.util.find_spec("kg")
    kg_dir = Path(spec.origin).resolve().parent if spec and spec.origin else None
    h = hashlib.sha256()
    for f in sorted(kg_dir.rglob("*")) if kg_dir else []:
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(kg_dir)).encode() + b"\0" + f.read_bytes())
    content = h.hexdigest()[:16]  # of every file of the kg package measured (code and data)
    if kg_dir != ROOT / "kg":
        return {"kg_path": str(kg_dir), "kg_content_sha256": content,
                "note": "kg imported from outside this checkout (PYTHONPATH)"}
    changed = [line[3:] for line in git("status", "--porcelain", "--", "kg").splitlines() if line.strip()]
    return {"kg_path": str(kg_dir), "kg_content_sha256": content,
            "commit": git("rev-parse", "--short", "HEAD").strip() or None, "kg_uncommitted_files": changed}


def sniff_format(path: Path) -> str:
    """The corpus format of a file, from its first bytes (outside the timed passes)."""
    head = path.read_bytes()[:64].lstrip()
    if head.startswith(b"---"):
        return "front-matter+html"
    if head[:5].lower() == b"date ":
        return "plain-dated"
    return "plain-undated"


def ensure_corpus(args) -> dict:
    out = args.corpus
    if make_corpus.corpus_matches(out, args.n, args.seed, args.size_kb):
        log(f"corpus: using {out} ({args.n} files, seed {args.seed})", args.quiet)
    else:
        log(f"corpus: generating {args.n} articles in {out} ...", args.quiet)
        cmd = [sys.executable, str(BENCH_DIR / "make_corpus.py"), "--n", str(args.n), "--seed", str(args.seed),
               "--size-kb", str(args.size_kb), "--out", str(out)]
        if args.quiet:
            cmd.append("--quiet")
        # a child process, so that the generator's gazetteer loading does not warm this one
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL if args.quiet else sys.stderr)
    return make_corpus.read_manifest(out) or {}


def rate_block(seconds: float, docs: int, nbytes: int, obs: int | None) -> dict:
    d = {"seconds": round(seconds, 4), "docs_per_s": round(docs / seconds, 1), "mb_per_s": round(nbytes / 1e6 / seconds, 3)}
    if obs is not None:
        d["obs_per_s"] = round(obs / seconds, 1)
    return d


def summarise(runs: list[float], docs: int, nbytes: int, obs: int | None) -> dict:
    return {"runs_s": [round(r, 4) for r in runs],
            "best": rate_block(min(runs), docs, nbytes, obs),
            "median": rate_block(statistics.median(runs), docs, nbytes, obs)}


# --------------------------------------------------------------------------- benchmark

def run(args) -> dict:
    source_before = source_state()  # others may edit kg/ while this runs
    cpu = pin_cpu(args.cpu)
    manifest = ensure_corpus(args)
    files = sorted(p for p in args.corpus.iterdir() if make_corpus.FILE_RE.match(p.name))
    if not files:
        raise SystemExit(f"no corpus files in {args.corpus}")
    sizes = [p.stat().st_size for p in files]
    nbytes, ndocs = sum(sizes), len(files)
    formats = [sniff_format(p) for p in files]
    log(f"corpus: {ndocs} files, {nbytes / 1e6:.2f} MB, mean {nbytes / ndocs / 1024:.2f} KB; "
        f"pinned to CPU {cpu if cpu is not None else '(not supported)'}", args.quiet)

    # ---- start-up: imports, then a warm-up pass that compiles lexicons/automata lazily
    t = time.perf_counter()
    read_document = importlib.import_module("kg.read").read_document
    extract_observations = importlib.import_module("kg.extract.observations").extract_observations
    import_s = time.perf_counter() - t

    warm = files[: min(args.warmup, ndocs)]
    warm_times: list[float] = []
    for p in warm:
        t = time.perf_counter()
        try:
            extract_observations(read_document(p))
        except Exception:  # noqa: BLE001 - counted in the timed rounds
            pass
        warm_times.append(time.perf_counter() - t)
    warmup_s = sum(warm_times)
    log(f"start-up: imports {import_s:.3f} s, warm-up over {len(warm)} files {warmup_s:.3f} s "
        f"(first file {warm_times[0]:.3f} s)", args.quiet)

    # ---- timed rounds
    e2e_runs: list[float] = []
    e2e_cpu: list[float] = []
    read_runs: list[float] = []
    extract_runs: list[float] = []
    per_doc: list[list[float]] = [[] for _ in files]  # end-to-end seconds per document, per round
    per_doc_read: list[list[float]] = [[] for _ in files]
    per_doc_extract: list[list[float]] = [[] for _ in files]
    obs_counts = [0] * ndocs
    scripts = [""] * ndocs
    errors: dict[str, str] = {}
    clock = time.perf_counter
    for r in range(1, args.repeat + 1):
        # end to end
        gc.collect()
        prog = Progress(f"round {r}/{args.repeat} end-to-end", ndocs, args.quiet)
        c0, t0 = time.process_time(), clock()
        for i, p in enumerate(files):
            ts = clock()
            try:
                obs = extract_observations(read_document(p))
            except Exception as e:  # noqa: BLE001 - a benchmark counts failures, it does not stop
                errors[p.name] = f"{type(e).__name__}: {e}"
                obs = []
            per_doc[i].append(clock() - ts)
            obs_counts[i] = len(obs)
            prog(i + 1)
        e2e_runs.append(clock() - t0)
        e2e_cpu.append(time.process_time() - c0)

        if args.no_split:
            continue
        # read only
        gc.collect()
        prog = Progress(f"round {r}/{args.repeat} read only", ndocs, args.quiet)
        docs = []
        t0 = clock()
        for i, p in enumerate(files):
            ts = clock()
            try:
                d = read_document(p)
            except Exception:  # noqa: BLE001
                d = None
            per_doc_read[i].append(clock() - ts)
            docs.append(d)
            prog(i + 1)
        read_runs.append(clock() - t0)
        for i, d in enumerate(docs):
            if d is not None:
                scripts[i] = d.script
        # extract only, on the documents just read
        gc.collect()
        prog = Progress(f"round {r}/{args.repeat} extract only", ndocs, args.quiet)
        t0 = clock()
        for i, d in enumerate(docs):
            ts = clock()
            if d is not None:
                try:
                    extract_observations(d)
                except Exception:  # noqa: BLE001
                    pass
            per_doc_extract[i].append(clock() - ts)
            prog(i + 1)
        extract_runs.append(clock() - t0)
        del docs

    total_obs = sum(obs_counts)
    steady = [min(ts) for ts in per_doc]  # best steady-state time per document
    startup_s = import_s + warmup_s - sum(steady[: len(warm)])

    result: dict = {
        "benchmark": "extract_throughput",
        "date": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
        "command": command_line(),
        "source": source_before,
        "machine": {"cpu_model": cpu_model(), "cpus": os.cpu_count(), "pinned_cpu": cpu,
                    "python": platform.python_version(), "implementation": platform.python_implementation(),
                    "platform": platform.platform()},
        "corpus": {"dir": str(args.corpus), "files": ndocs, "bytes": nbytes,
                   "mean_kb_per_article": round(nbytes / ndocs / 1024, 3), "seed": args.seed, "size_kb": args.size_kb,
                   "scripts": manifest.get("counts", {}).get("script"),
                   "formats": manifest.get("counts", {}).get("format")},
        "repeat": args.repeat,
        "warmup_files": len(warm),
        "startup": {"startup_s": round(startup_s, 4), "import_s": round(import_s, 4),
                    "warmup_pass_s": round(warmup_s, 4), "first_file_s": round(warm_times[0], 4),
                    "warmup_files_steady_s": round(sum(steady[: len(warm)]), 4)},
        "observations": total_obs,
        "observations_per_doc": round(total_obs / ndocs, 2),
        "errors": len(errors),
        "end_to_end": summarise(e2e_runs, ndocs, nbytes, total_obs),
    }
    if source_state()["kg_content_sha256"] != source_before["kg_content_sha256"]:
        result["source"]["changed_during_run"] = True  # the figures mix two versions of kg
    result["end_to_end"]["cpu_s"] = [round(c, 4) for c in e2e_cpu]
    result["end_to_end"]["ms_per_doc_best"] = round(min(e2e_runs) / ndocs * 1e3, 3)
    if read_runs:
        result["read_only"] = summarise(read_runs, ndocs, nbytes, None)
        result["extract_only"] = summarise(extract_runs, ndocs, nbytes, total_obs)
        rb, xb = min(read_runs), min(extract_runs)
        result["split"] = {"read_ms_per_doc": round(rb / ndocs * 1e3, 3), "extract_ms_per_doc": round(xb / ndocs * 1e3, 3),
                           "read_share": round(rb / (rb + xb), 3), "extract_share": round(xb / (rb + xb), 3)}

        def group(keys: list[str]) -> dict:
            out: dict = {}
            for k in sorted(set(keys)):
                idx = [i for i, v in enumerate(keys) if v == k]
                e2e = sum(steady[i] for i in idx)
                rd = sum(min(per_doc_read[i]) for i in idx)
                ex = sum(min(per_doc_extract[i]) for i in idx)
                out[k or "unread"] = {"docs": len(idx), "mean_kb": round(sum(sizes[i] for i in idx) / len(idx) / 1024, 2),
                                      "docs_per_s": round(len(idx) / e2e, 1),
                                      "read_ms_per_doc": round(rd / len(idx) * 1e3, 3),
                                      "extract_ms_per_doc": round(ex / len(idx) * 1e3, 3),
                                      "obs_per_doc": round(sum(obs_counts[i] for i in idx) / len(idx), 1)}
            return out

        result["by_script"] = group(scripts)
        result["by_format"] = group(formats)
    slow = sorted(range(ndocs), key=lambda i: -statistics.median(per_doc[i]))[:5]
    result["slowest"] = [{"file": files[i].name, "ms": round(statistics.median(per_doc[i]) * 1e3, 2),
                          "kb": round(sizes[i] / 1024, 2), "script": scripts[i], "format": formats[i],
                          "observations": obs_counts[i]} for i in slow]
    best = result["end_to_end"]["best"]["docs_per_s"]
    result["target_docs_per_s"] = TARGET_DOCS_PER_S
    result["meets_target"] = best >= TARGET_DOCS_PER_S
    if errors:
        result["error_examples"] = dict(list(errors.items())[:5])
    return result


def print_summary(res: dict) -> None:
    c, s, m = res["corpus"], res["startup"], res["machine"]
    e = res["end_to_end"]
    print(f"extract throughput -- {res['date']}")
    print(f"  machine : {m['cpu_model']}, {m['cpus']} CPUs, pinned to CPU {m['pinned_cpu']}, "
          f"{m['implementation']} {m['python']}")
    print(f"  corpus  : {c['files']} articles, {c['bytes'] / 1e6:.2f} MB, mean {c['mean_kb_per_article']:.2f} KB/article "
          f"(seed {c['seed']}); scripts {c['scripts']}")
    print(f"  start-up: {s['startup_s']:.3f} s (imports {s['import_s']:.3f} s; warm-up {s['warmup_pass_s']:.3f} s over "
          f"{res['warmup_files']} files, first file {s['first_file_s']:.3f} s)")
    print(f"  observations: {res['observations']} ({res['observations_per_doc']:.1f}/article), errors: {res['errors']}")
    print(f"  {'pass':<14}{'':>6}{'seconds':>9}{'docs/s':>9}{'MB/s':>8}{'obs/s':>10}")
    for key, label in (("end_to_end", "read+extract"), ("read_only", "read only"), ("extract_only", "extract only")):
        if key not in res:
            continue
        for which in ("best", "median"):
            b = res[key][which]
            obs = f"{b['obs_per_s']:>10.0f}" if "obs_per_s" in b else f"{'':>10}"
            print(f"  {label if which == 'best' else '':<14}{which:>6}{b['seconds']:>9.3f}{b['docs_per_s']:>9.1f}"
                  f"{b['mb_per_s']:>8.3f}{obs}")
    if "split" in res:
        sp = res["split"]
        print(f"  split   : read {sp['read_ms_per_doc']:.2f} ms/doc ({sp['read_share']:.0%}), "
              f"extract {sp['extract_ms_per_doc']:.2f} ms/doc ({sp['extract_share']:.0%})")
        for title, key in (("by script", "by_script"), ("by format", "by_format")):
            print(f"  {title}:")
            for k, v in res[key].items():
                print(f"    {k:<18}{v['docs']:>5} docs {v['mean_kb']:>6.2f} KB {v['docs_per_s']:>8.1f} docs/s  "
                      f"read {v['read_ms_per_doc']:.2f} ms  extract {v['extract_ms_per_doc']:.2f} ms  "
                      f"{v['obs_per_doc']:.1f} obs/doc")
    print("  slowest : " + ", ".join(f"{x['file']} {x['ms']:.1f} ms ({x['script']}, {x['kb']} KB)" for x in res["slowest"][:3]))
    verdict = "meets" if res["meets_target"] else "BELOW"
    print(f"  target  : >= {res['target_docs_per_s']:.0f} articles/s per core -> best {e['best']['docs_per_s']:.1f} "
          f"docs/s {verdict} the target")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="articles in the corpus (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--size-kb", type=float, default=5.0, help="mean article size (default 5)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus directory (default bench/out/corpus)")
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds (default 3)")
    ap.add_argument("--warmup", type=int, default=50, help="files in the warm-up pass (default 50)")
    ap.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the last allowed one)")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the JSON report")
    ap.add_argument("--no-split", action="store_true", help="skip the read-only / extract-only passes")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)
    if args.n < 1 or args.repeat < 1 or args.warmup < 1:
        ap.error("--n, --repeat and --warmup must be at least 1")
    res = run(args)
    print_summary(res)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"  json    : {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
