"""`kg build` against the store engine's own bulk loader, measured in the same run.

    .venv/bin/python bench/build_throughput.py [--sizes 5000,20000] [--seed 0] [--jobs N] [--keep] [--profile N]

For each corpus size N (articles made by `bench/make_corpus.py`):

1. `kg build <docs> --store <fresh dir>`, the real command line
   (`python -m kg.cli build`) in a subprocess: wall clock, CPU time, peak memory
   of the process tree (the main process and its extraction workers);
2. quads written = quads in the store after the build - the reference graphs'
   quads (counted once, by a build of an empty folder); the count in the
   summary line kg build prints is kept as well;
3. the same `kg build` again over the same corpus and store: every document is
   unchanged, so this is the cost of an incremental no-op;
4. `kg export --format nq` of that store (timed, for information), then the
   baseline: pyoxigraph `Store(<fresh dir>).bulk_load(path=<the .nq>,
   format=RdfFormat.N_QUADS)` + `flush()` in a subprocess, measured the same way;
5. quads/s of both, and the ratio kg build / bulk_load (target >= 0.5).

Memory: a thread polls /proc every `--interval` (50 ms) while a measured command
runs. It walks the process tree through /proc/<pid>/task/*/children and sums
VmRSS over it (shared pages of the forked workers count once per process,
so this over-counts); every 5th sample it also sums Pss from
/proc/<pid>/smaps_rollup (shared pages split between the processes sharing
them). The maxima over the run are `peak_tree_rss_mb` and `peak_tree_pss_mb`.
`max_process_rss_mb` is ru_maxrss from wait4(): the high-water mark of the
largest single process of the tree (the command and the descendants it reaped).

The summary goes to stdout, progress to stderr, all figures to
`bench/out/build_throughput.json` (`--json`).  Corpora are kept under
bench/out/corpus_<N>; stores, the .nq exports and the baseline stores are made
under `--work` (bench/out/build) and deleted after each size unless `--keep`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT = BENCH_DIR / "out"
DEFAULT_WORK = OUT / "build"
DEFAULT_JSON = OUT / "build_throughput.json"
TARGET_RATIO = 0.5         # kg build quads/s >= half the bulk loader's quads/s
FLAT_MEMORY_GROWTH = 1.25  # "flat": peak at the largest size <= 1.25 x the peak at the smallest

if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import make_corpus  # noqa: E402  (does not import kg)
from extract_throughput import command_line, cpu_model, log, source_state  # noqa: E402

BULK_LOAD = """
import json, sys, time
from pyoxigraph import RdfFormat, Store
t0 = time.perf_counter()
store = Store(sys.argv[1])
store.bulk_load(path=sys.argv[2], format=RdfFormat.N_QUADS)
store.flush()
print(json.dumps({"load_s": time.perf_counter() - t0}))
"""
SUMMARY_RE = re.compile(r"documents: (\d+) read, (\d+) unchanged \(skipped\), (\d+) failed, (\d+) removed\s+"
                        r"observations: (\d+) from the documents read\s+quads: (\d+) written; (\d+) in the store")


# --------------------------------------------------------------------------- process-tree measurement

def _tree(root: int) -> list[int]:
    """root and all its descendants (via /proc/<pid>/task/<tid>/children)."""
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                try:
                    with open(f"/proc/{pid}/task/{tid}/children") as f:
                        todo += [int(c) for c in f.read().split()]
                except OSError:
                    pass
        except OSError:
            pass
    return pids


def _status(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) in kB; None when the process is gone or a zombie."""
    rss = hwm = None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        return None
    return None if rss is None else (rss, hwm or rss)


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ticks(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


class TreeSampler(threading.Thread):
    """Polls the process tree under `pid` until stopped; keeps the maxima and the last CPU time per process."""

    def __init__(self, pid: int, interval: float, label: str, quiet: bool) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.label, self.quiet = pid, interval, label, quiet
        self.stop = threading.Event()
        self.samples = 0
        self.peak_rss_kb = self.peak_pss_kb = self.peak_main_hwm_kb = 0
        self.peak_rss_at_s = 0.0
        self.max_procs = 0
        self.cpu_ticks: dict[int, int] = {}
        self.last_rss_kb = 0

    def run(self) -> None:
        t0 = time.perf_counter()
        next_report = 30.0
        while not self.stop.is_set():
            pids = _tree(self.pid)
            total = 0
            alive = 0
            for pid in pids:
                st = _status(pid)
                if st is None:
                    continue
                alive += 1
                total += st[0]
                if pid == self.pid:
                    self.peak_main_hwm_kb = max(self.peak_main_hwm_kb, st[1])
                ticks = _cpu_ticks(pid)
                if ticks is not None:
                    self.cpu_ticks[pid] = ticks
            if total > self.peak_rss_kb:
                self.peak_rss_kb, self.peak_rss_at_s = total, time.perf_counter() - t0
            self.last_rss_kb = total
            if self.samples % 5 == 0:
                self.peak_pss_kb = max(self.peak_pss_kb, sum(_pss(p) for p in pids))
            self.max_procs = max(self.max_procs, alive)
            self.samples += 1
            elapsed = time.perf_counter() - t0
            if elapsed >= next_report:
                log(f"  {self.label}: {elapsed:6.0f} s, {alive} processes, tree RSS {total / 1024:.0f} MB "
                    f"(peak {self.peak_rss_kb / 1024:.0f} MB)", self.quiet)
                next_report += 30.0
            self.stop.wait(self.interval)


def _busy_ticks() -> int:
    """CPU ticks spent busy by the whole machine since boot (all CPUs; /proc/stat, idle and iowait excluded)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v[:8]) - v[3] - v[4]  # user nice system idle iowait irq softirq steal


WAIT_IDLE = {"max_s": 0.0, "below_cores": 0.2}  # set from --wait-idle


def wait_idle(label: str, quiet: bool) -> float:
    """Wait (up to --wait-idle seconds) until the machine is idle: under 0.2 busy cores over 5 s. Seconds waited."""
    t0 = time.perf_counter()
    ticks = os.sysconf("SC_CLK_TCK")
    told = False
    while WAIT_IDLE["max_s"] > 0:
        b0, w0 = _busy_ticks(), time.perf_counter()
        time.sleep(5)
        busy = (_busy_ticks() - b0) / ticks / (time.perf_counter() - w0)
        waited = time.perf_counter() - t0
        if busy < WAIT_IDLE["below_cores"] or waited >= WAIT_IDLE["max_s"]:
            if busy >= WAIT_IDLE["below_cores"]:
                log(f"  {label}: machine still busy ({busy:.2f} cores) after {waited:.0f} s: measuring anyway", quiet)
            break
        if not told:
            log(f"  {label}: other processes use {busy:.2f} cores: waiting (up to {WAIT_IDLE['max_s']:.0f} s) ...", quiet)
            told = True
    return round(time.perf_counter() - t0, 1)


def measure(cmd: list[str], label: str, work: Path, interval: float, quiet: bool, env: dict | None = None) -> dict:
    """Run `cmd` (cwd `work`), measure it, return the figures and its output."""
    waited = wait_idle(label, quiet)
    log(f"{label}: {' '.join(_short(c) for c in cmd)}", quiet)
    out_path, err_path = work / f"{label}.stdout", work / f"{label}.stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        load_before = os.getloadavg()[0]
        busy0 = _busy_ticks()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=work, stdout=out, stderr=err, env=env)
        sampler = TreeSampler(proc.pid, interval, label, quiet)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this process's children only: the rusage is the command's
        wall = time.perf_counter() - t0
        busy1 = _busy_ticks()
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop.set()
        sampler.join()
    ticks = os.sysconf("SC_CLK_TCK")
    main_cpu = sampler.cpu_ticks.get(proc.pid, 0) / ticks
    other_cpu = sum(v for k, v in sampler.cpu_ticks.items() if k != proc.pid) / ticks
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    res = {
        "command": [_short(c) for c in cmd],
        "exit_code": proc.returncode,
        "wall_s": round(wall, 3),
        "cpu_user_s": round(usage.ru_utime, 2),   # the command + the descendants it waited for
        "cpu_sys_s": round(usage.ru_stime, 2),
        "cpu_main_process_s": round(main_cpu, 2),  # last /proc sample (up to one interval short)
        "cpu_workers_s": round(other_cpu, 2),
        "peak_tree_rss_mb": round(sampler.peak_rss_kb / 1024, 1),
        "peak_tree_rss_at_s": round(sampler.peak_rss_at_s, 1),
        "peak_tree_pss_mb": round(sampler.peak_pss_kb / 1024, 1),
        "peak_main_process_hwm_mb": round(sampler.peak_main_hwm_kb / 1024, 1),
        "max_process_rss_mb": round(usage.ru_maxrss / 1024, 1),  # ru_maxrss is in kB on Linux
        "max_processes": sampler.max_procs,
        "samples": sampler.samples,
    }
    res["cpu_utilisation"] = round((usage.ru_utime + usage.ru_stime) / wall, 2) if wall else None
    # other load on the machine while this ran (other users, and this script's own polling thread):
    # busy CPU time of the whole machine - the command's own
    other = (busy1 - busy0) / ticks - (usage.ru_utime + usage.ru_stime)
    res["foreign_cpu_s"] = round(max(other, 0.0), 1)
    res["foreign_cpu_cores"] = round(max(other, 0.0) / wall, 2) if wall else None
    res["loadavg_1min_before"] = round(load_before, 2)
    res["waited_for_idle_s"] = waited
    if res["foreign_cpu_cores"] and res["foreign_cpu_cores"] > 0.1:
        log(f"  ** {label}: other processes used {res['foreign_cpu_cores']:.2f} cores on average while it ran: "
            f"figures disturbed **", quiet)
    log(f"{label}: {wall:.1f} s, exit {proc.returncode}, peak tree RSS {res['peak_tree_rss_mb']:.0f} MB "
        f"(PSS {res['peak_tree_pss_mb']:.0f} MB), CPU {res['cpu_user_s'] + res['cpu_sys_s']:.1f} s", quiet)
    if proc.returncode != 0:
        res["stderr_tail"] = stderr[-2000:]
    res["_stdout"], res["_stderr"] = stdout, stderr
    return res


def _short(p: str) -> str:
    if p == BULK_LOAD:
        return "<bulk_load script>"
    r = os.path.relpath(p, ROOT) if os.path.isabs(p) else p
    return p if r.startswith("..") else r


# --------------------------------------------------------------------------- helpers

def kg_cmd(*args: str) -> list[str]:
    """The real command line: `python -m kg.cli ...` (the same module as .venv/bin/kg).
    Run from the work dir, so that kg comes from PYTHONPATH when set, else from the installed checkout."""
    return [sys.executable, "-m", "kg.cli", *args]


def parse_summary(stdout: str) -> dict | None:
    m = SUMMARY_RE.search(stdout)
    if not m:
        return None
    keys = ("read", "skipped", "failed", "removed", "observations", "quads_written", "quads_in_store")
    return dict(zip(keys, map(int, m.groups())))


def count_quads(store_dir: Path) -> int:
    from pyoxigraph import Store

    store = Store.read_only(str(store_dir))
    n = len(store)
    del store
    gc.collect()
    return n


def dir_bytes(d: Path) -> int:
    return sum(f.stat().st_size for f in d.rglob("*") if f.is_file())


def fresh(d: Path) -> Path:
    if d.exists():
        shutil.rmtree(d)
    return d


def ensure_corpus(n: int, seed: int, size_kb: float, quiet: bool) -> Path:
    """bench/out/corpus_<n>, made by make_corpus.py if it does not hold this corpus already."""
    out = OUT / f"corpus_{n}"
    if make_corpus.corpus_matches(out, n, seed, size_kb):
        log(f"corpus: using {_short(str(out))} ({n} articles, seed {seed})", quiet)
        return out
    log(f"corpus: generating {n} articles in {_short(str(out))} ...", quiet)
    t = time.perf_counter()
    cmd = [sys.executable, str(BENCH_DIR / "make_corpus.py"), "--n", str(n), "--seed", str(seed),
           "--size-kb", str(size_kb), "--out", str(out)]
    if quiet:
        cmd.append("--quiet")
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    log(f"corpus: {n} articles in {time.perf_counter() - t:.0f} s", quiet)
    return out


def docs_dir(corpus: Path, work: Path) -> tuple[Path, int, int]:
    """A folder holding only the articles (hard links), without corpus.json, which kg build would read too."""
    files = sorted(p for p in corpus.iterdir() if make_corpus.FILE_RE.match(p.name))
    d = work / f"docs_{len(files)}"
    have = sorted(p.name for p in d.iterdir()) if d.is_dir() else None
    if have != [p.name for p in files]:
        fresh(d).mkdir(parents=True)
        for p in files:
            try:
                os.link(p, d / p.name)
            except OSError:
                shutil.copy2(p, d / p.name)
    return d, len(files), sum(p.stat().st_size for p in files)


def public(run: dict) -> dict:
    return {k: v for k, v in run.items() if not k.startswith("_")}


# --------------------------------------------------------------------------- benchmark

def bench_size(n: int, args, work: Path, reference_quads: int) -> dict:
    q = args.quiet
    corpus = ensure_corpus(n, args.seed, args.size_kb, q)
    docs, ndocs, nbytes = docs_dir(corpus, work)
    manifest = make_corpus.read_manifest(corpus) or {}
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    store = fresh(work / f"store_{n}")
    res: dict = {"articles": ndocs, "corpus_bytes": nbytes, "corpus_dir": _short(str(corpus)),
                 "mean_kb_per_article": round(nbytes / ndocs / 1024, 3),
                 "scripts": manifest.get("counts", {}).get("script")}

    # 1. kg build into a fresh store
    b = measure(kg_cmd("build", str(docs), "--store", str(store), *jobs), f"kg_build_{n}", work, args.interval, q)
    summary = parse_summary(b["_stdout"])
    if b["exit_code"] != 0 or summary is None:
        log(f"kg build failed (exit {b['exit_code']}):\n{b['_stderr'][-3000:]}", False)
    b["summary"] = summary
    in_store = count_quads(store)
    doc_quads = in_store - reference_quads
    b["quads_in_store"] = in_store
    b["quads_written"] = doc_quads           # distinct document quads in the store
    b["store_bytes"] = dir_bytes(store)
    b["docs_per_s"] = round(ndocs / b["wall_s"], 1)
    b["mb_per_s"] = round(nbytes / 1e6 / b["wall_s"], 3)
    b["quads_per_s"] = round(doc_quads / b["wall_s"])
    b["quads_per_doc"] = round(doc_quads / ndocs, 1)
    if summary:
        b["observations"] = summary["observations"]
        b["obs_per_s"] = round(summary["observations"] / b["wall_s"], 1)
    res["kg_build"] = public(b)
    log(f"kg build {n}: {doc_quads} quads in {b['wall_s']:.1f} s = {b['quads_per_s']} quads/s, "
        f"{b['docs_per_s']} docs/s", q)

    # 2. the same build again: every document is unchanged
    nb = measure(kg_cmd("build", str(docs), "--store", str(store), *jobs), f"kg_build_noop_{n}", work, args.interval, q)
    nb["summary"] = parse_summary(nb["_stdout"])
    nb["quads_in_store_after"] = count_quads(store)
    nb["store_unchanged"] = nb["quads_in_store_after"] == in_store
    nb["ms_per_doc"] = round(nb["wall_s"] / ndocs * 1e3, 3)
    res["kg_build_noop"] = public(nb)

    # 3. export to N-Quads (for the baseline; timed for information)
    nq = work / f"store_{n}.nq"
    ex = measure(kg_cmd("export", "--format", "nq", "-o", str(nq), "--store", str(store)), f"kg_export_{n}",
                 work, args.interval, q)
    ex["nq_bytes"] = nq.stat().st_size if nq.exists() else None
    res["kg_export"] = public(ex)

    # 4. baseline: the engine's bulk loader on that file, into a fresh store
    base_store = fresh(work / f"baseline_{n}")
    bl = measure([sys.executable, "-c", BULK_LOAD, str(base_store), str(nq)], f"bulk_load_{n}", work,
                 args.interval, q)
    try:
        bl["load_s"] = round(json.loads(bl["_stdout"].strip().splitlines()[-1])["load_s"], 3)
    except (ValueError, IndexError, KeyError):
        bl["load_s"] = None
    loaded = count_quads(base_store) if bl["exit_code"] == 0 else 0
    bl["quads_loaded"] = loaded
    bl["store_bytes"] = dir_bytes(base_store) if base_store.exists() else None
    bl["quads_per_s"] = round(loaded / bl["wall_s"])
    bl["quads_per_s_load_only"] = round(loaded / bl["load_s"]) if bl["load_s"] else None
    bl["same_quads_as_kg_store"] = loaded == in_store
    res["bulk_load"] = public(bl)
    log(f"bulk_load {n}: {loaded} quads in {bl['wall_s']:.1f} s = {bl['quads_per_s']} quads/s", q)

    res["ratio_kg_build_to_bulk_load"] = round(b["quads_per_s"] / bl["quads_per_s"], 3) if bl["quads_per_s"] else None
    res["meets_ratio_target"] = bool(res["ratio_kg_build_to_bulk_load"]
                                     and res["ratio_kg_build_to_bulk_load"] >= TARGET_RATIO)
    if not args.keep:
        for p in (store, base_store):
            shutil.rmtree(p, ignore_errors=True)
        nq.unlink(missing_ok=True)
    return res


def profile_build(n: int, args, work: Path) -> dict:
    """cProfile of the main kg build process (the workers are not profiled), on the corpus of size n."""
    import pstats

    docs, n, _ = docs_dir(ensure_corpus(n, args.seed, args.size_kb, args.quiet), work)
    store = fresh(work / f"profile_store_{n}")
    prof = OUT / "build_profile.prof"
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "kg.cli", "build", str(docs), "--store", str(store),
           *jobs]
    r = measure(cmd, f"kg_build_profiled_{n}", work, args.interval, args.quiet)
    shutil.rmtree(store, ignore_errors=True)
    st = pstats.Stats(str(prof))
    total = st.total_tt
    rows = []
    for (file, line, func), (cc, nc, tt, ct, _) in st.stats.items():
        rows.append({"function": f"{_short(file)}:{line}({func})", "calls": nc, "tottime_s": round(tt, 3),
                     "cumtime_s": round(ct, 3)})
    top_cum = sorted(rows, key=lambda x: -x["cumtime_s"])[:25]
    top_tot = sorted(rows, key=lambda x: -x["tottime_s"])[:25]
    return {"articles": n, "wall_s": r["wall_s"], "profiled_main_thread_s": round(total, 3), "prof_file": _short(str(prof)),
            "top_cumulative": top_cum, "top_tottime": top_tot}


def run(args) -> dict:
    source_before = source_state()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = os.environ.copy()

    # reference graphs only: a build of an empty folder (also the fixed cost of a kg build)
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    ref_store = fresh(work / "store_reference")
    ref = measure(kg_cmd("build", str(empty), "--store", str(ref_store)), "kg_build_empty", work, args.interval,
                  args.quiet, env)
    reference_quads = count_quads(ref_store)
    shutil.rmtree(ref_store, ignore_errors=True)
    log(f"reference graphs: {reference_quads} quads (empty build {ref['wall_s']:.2f} s)", args.quiet)

    result: dict = {
        "benchmark": "build_throughput",
        "date": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
        "command": command_line(),
        "source": source_before,
        "machine": {"cpu_model": cpu_model(), "cpus": os.cpu_count(),
                    "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                    "python": platform.python_version(), "platform": platform.platform(),
                    "pyoxigraph": _pyoxigraph_version()},
        "seed": args.seed, "size_kb": args.size_kb, "jobs": args.jobs, "poll_interval_s": args.interval,
        "wait_idle_s": args.wait_idle,
        "reference_quads": reference_quads,
        "empty_build": public(ref),
        "sizes": {},
    }
    for n in args.sizes:
        result["sizes"][str(n)] = bench_size(n, args, work, reference_quads)

    peaks = {n: result["sizes"][str(n)]["kg_build"]["peak_tree_rss_mb"] for n in args.sizes}
    pss = {n: result["sizes"][str(n)]["kg_build"]["peak_tree_pss_mb"] for n in args.sizes}
    lo, hi = min(args.sizes), max(args.sizes)
    result["memory"] = {"kg_build_peak_tree_rss_mb": peaks, "kg_build_peak_tree_pss_mb": pss,
                        "growth_rss": round(peaks[hi] / peaks[lo], 2) if peaks[lo] else None,
                        "growth_pss": round(pss[hi] / pss[lo], 2) if pss[lo] else None,
                        "flat_threshold": FLAT_MEMORY_GROWTH}
    result["memory"]["flat"] = bool(result["memory"]["growth_rss"] is not None
                                    and result["memory"]["growth_rss"] <= FLAT_MEMORY_GROWTH) if lo != hi else None
    result["target_ratio"] = TARGET_RATIO
    if args.profile:
        result["profile"] = profile_build(args.profile, args, work)
    if source_state()["kg_content_sha256"] != source_before["kg_content_sha256"]:
        result["source"]["changed_during_run"] = True
    return result


def _pyoxigraph_version() -> str | None:
    try:
        import pyoxigraph
        return pyoxigraph.__version__
    except (ImportError, AttributeError):
        return None


def print_summary(res: dict) -> None:
    m = res["machine"]
    print(f"kg build throughput -- {res['date']}")
    print(f"  machine : {m['cpu_model']}, {m['cpus']} CPUs, {m['memory_gb']} GB, Python {m['python']}, "
          f"pyoxigraph {m['pyoxigraph']}")
    src = res["source"]
    print(f"  kg      : {src.get('commit') or src.get('kg_path')} (content {src['kg_content_sha256']}, "
          f"{len(src.get('kg_uncommitted_files', []))} uncommitted kg/ files)"
          + ("  ** kg/ CHANGED DURING THE RUN **" if src.get("changed_during_run") else ""))
    e = res["empty_build"]
    print(f"  reference graphs: {res['reference_quads']} quads; build of an empty folder {e['wall_s']:.2f} s, "
          f"peak {e['peak_tree_rss_mb']:.0f} MB")
    for n, s in res["sizes"].items():
        b, nb, ex, bl = s["kg_build"], s["kg_build_noop"], s["kg_export"], s["bulk_load"]
        sm = b.get("summary") or {}
        print(f"\n  {n} articles, {s['corpus_bytes'] / 1e6:.1f} MB (mean {s['mean_kb_per_article']:.2f} KB), "
              f"{b.get('observations', '?')} observations, {b['quads_written']} document quads "
              f"({b['quads_per_doc']:.0f}/article) + {res['reference_quads']} reference")
        if sm.get("failed"):
            print(f"    ** {sm['failed']} documents failed **")
        print(f"    {'':<22}{'wall s':>9}{'quads/s':>10}{'docs/s':>8}{'CPU s':>8}{'main CPU s':>11}"
              f"{'peak RSS MB':>12}{'peak PSS MB':>12}{'max proc MB':>12}{'other load':>11}")

        def row(label, r, qps, dps):
            print(f"    {label:<22}{r['wall_s']:>9.1f}{qps:>10}{dps:>8}{r['cpu_user_s'] + r['cpu_sys_s']:>8.1f}"
                  f"{r['cpu_main_process_s']:>11.1f}{r['peak_tree_rss_mb']:>12.0f}{r['peak_tree_pss_mb']:>12.0f}"
                  f"{r['max_process_rss_mb']:>12.0f}{r['foreign_cpu_cores']:>11.2f}")

        row("kg build", b, b["quads_per_s"], f"{b['docs_per_s']:.0f}")
        row("kg build (no-op)", nb, "-", f"{int(n) / nb['wall_s']:.0f}")
        row("kg export --format nq", ex, round(s["kg_build"]["quads_in_store"] / ex["wall_s"]), "-")
        row("bulk_load (baseline)", bl, bl["quads_per_s"], "-")
        print(f"    bulk_load alone (no interpreter start): {bl['load_s']} s = {bl['quads_per_s_load_only']} quads/s; "
              f"N-Quads file {ex['nq_bytes'] / 1e6:.0f} MB; stores on disk: kg {b['store_bytes'] / 1e6:.0f} MB, "
              f"baseline {bl['store_bytes'] / 1e6:.0f} MB")
        print(f"    no-op rebuild: {nb['ms_per_doc']:.2f} ms/article, "
              f"{(nb.get('summary') or {}).get('skipped', '?')} skipped, store unchanged: {nb['store_unchanged']}")
        verdict = "meets" if s["meets_ratio_target"] else "BELOW"
        print(f"    ratio kg build / bulk_load = {s['ratio_kg_build_to_bulk_load']:.3f} "
              f"(target >= {res['target_ratio']}: {verdict})")
    mem = res["memory"]
    if len(res["sizes"]) > 1:
        flat = "flat" if mem["flat"] else "NOT flat"
        print(f"\n  memory  : kg build peak tree RSS {mem['kg_build_peak_tree_rss_mb']} MB, "
              f"PSS {mem['kg_build_peak_tree_pss_mb']} MB -> x{mem['growth_rss']} RSS, x{mem['growth_pss']} PSS "
              f"({flat}; threshold x{mem['flat_threshold']})")
    if "profile" in res:
        p = res["profile"]
        print(f"\n  profile of the kg build main process ({p['articles']} articles, {p['wall_s']:.1f} s, "
              f"{p['prof_file']}), by own time:")
        for r in p["top_tottime"][:15]:
            print(f"    {r['tottime_s']:>8.2f} s own {r['cumtime_s']:>8.2f} s cum {r['calls']:>9}  {r['function']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5000,20000", help="corpus sizes, comma-separated (default 5000,20000)")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--size-kb", type=float, default=5.0, help="mean article size (default 5)")
    ap.add_argument("--jobs", type=int, default=None, help="kg build --jobs (default: kg's own, one per core)")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where stores and exports go (default bench/out/build)")
    ap.add_argument("--interval", type=float, default=0.05, help="memory polling interval, s (default 0.05)")
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="S",
                    help="before each measured command, wait up to S seconds for other processes to use < 0.2 cores "
                         "(default 0: do not wait)")
    ap.add_argument("--keep", action="store_true", help="keep the stores and the .nq exports")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also cProfile the kg build main process over a corpus of N articles, after the measured "
                         "runs (not measured; default 0: no profile)"),
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the JSON report")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)
    try:
        args.sizes = sorted({int(x) for x in args.sizes.split(",") if x.strip()})
    except ValueError:
        ap.error("--sizes: comma-separated integers")
    if not args.sizes or min(args.sizes) < 1:
        ap.error("--sizes must be positive")
    if not Path("/proc/self/status").exists():
        ap.error("needs Linux /proc")
    WAIT_IDLE["max_s"] = args.wait_idle
    res = run(args)
    print_summary(res)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n  json    : {_short(str(args.json))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
