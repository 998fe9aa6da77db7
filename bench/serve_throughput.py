"""`kg serve` against `oxigraph serve-read-only` on the same store, measured in the same run with wrk.

    .venv/bin/python bench/serve_throughput.py [--n 300] [--duration 15] [--connections 8] [--rounds 3]

1. **Store.** `kg build seeds/ <N generated articles>` (bench/make_corpus.py) into
   bench/out/serve/store, reused while bench/out/serve/store.json says it holds the same corpus
   (`--rebuild` forces a new one). The generated articles make the heavy query do real work.
2. **Servers.** `kg serve --store S` and `oxigraph serve-read-only --location S --union-default-graph`
   (the same default graph as kg's: the union of all graphs) run side by side on the same folder:
   both open it read-only, which the engine allows from several processes. Only one of them is
   under load at a time; the other is idle.
3. **Same answers.** Each query is asked of both servers once, and their JSON results compared.
4. **Load.** For every query and round, wrk (`-t1 -cC`, pinned with taskset to `--load-cpus`) runs
   `--warmup` seconds (discarded) and then `--duration` seconds against each server, alternating
   which server goes first; bench/serve/report.lua prints the latency percentiles. The queries:
   - small: bench/serve/small.rq (ten observations, LIMIT 10), GET /sparql?query=… vs /query?query=…;
   - heavy: bench/serve/heavy.rq (sums per reporter and currency over every observation,
     GROUP BY + ORDER BY);
   - saved: a saved query through GET /queries/<name>?params (`--saved`), against the same query
     text on oxigraph with the bound parameters written in as a VALUES block (oxigraph has no
     saved queries); left out, with a note, when the kg being measured has no /queries route.
   Every request asks for `application/sparql-results+json`, without gzip (`--gzip` to ask for it).
   Both servers get the same query time limit (`--query-timeout`, 60 s).
5. **Report.** Median over the rounds of requests/s, p50 and p99 latency, per query and server;
   the ratios kg / oxigraph (throughput: target >= 0.5 small, >= 0.9 heavy); and how much CPU
   other processes took while each run went on (the machine is shared). Table on stdout,
   progress on stderr, everything in bench/out/serve_throughput.json (`--json`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, quote

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT = BENCH_DIR / "out"
WORK = OUT / "serve"
DEFAULT_JSON = OUT / "serve_throughput.json"
QUERIES = BENCH_DIR / "serve"
LUA = QUERIES / "report.lua"
JSON_RESULTS = "application/sparql-results+json"
TARGETS = {"small": 0.5, "heavy": 0.9, "saved": None}
DEFAULT_SAVED = "reporter_partners"

if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from build_throughput import _busy_ticks, _cpu_ticks, _tree, docs_dir, ensure_corpus, fresh  # noqa: E402
from extract_throughput import command_line, cpu_model, log, source_state  # noqa: E402


# --------------------------------------------------------------------------- the store

def ensure_store(args) -> tuple[Path, dict]:
    """The store of seeds/ + the generated corpus, built unless bench/out/serve already holds it."""
    store, manifest_path = WORK / "store", WORK / "store.json"
    wanted = {"articles": args.n, "seed": args.seed, "size_kb": args.size_kb}
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        manifest = {}
    if not args.rebuild and store.is_dir() and {k: manifest.get(k) for k in wanted} == wanted:
        log(f"store: reusing {_rel(store)} ({manifest['quads']} quads, built {manifest['built']})", args.quiet)
        return store, manifest
    corpus = ensure_corpus(args.n, args.seed, args.size_kb, args.quiet)
    docs, ndocs, _ = docs_dir(corpus, WORK)
    fresh(store)
    log(f"store: kg build seeds/ + {ndocs} generated articles into {_rel(store)} ...", args.quiet)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(ROOT / "seeds"), str(docs), "--store", str(store)],
                   cwd=ROOT, check=True, stdout=sys.stderr)
    from pyoxigraph import Store

    quads = len(Store.read_only(str(store)))
    manifest = {**wanted, "quads": quads, "build_s": round(time.perf_counter() - t0, 1),
                "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "built_by": source_state().get("commit")}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    log(f"store: {quads} quads in {manifest['build_s']} s", args.quiet)
    return store, manifest


# --------------------------------------------------------------------------- the servers

@dataclass
class Server:
    name: str
    command: list[str]
    base: str                    # http://127.0.0.1:PORT
    query_path: str              # /sparql or /query
    log_path: Path
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> None:
        with self.log_path.open("wb") as out:
            # cwd is not the checkout, so that `python -m kg.cli` imports kg from PYTHONPATH when it is set
            self.process = subprocess.Popen(self.command, cwd=WORK, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited with {self.process.returncode}:\n{self.log_path.read_text()}")
            try:
                if fetch(self.sparql_url("ASK {}"))[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"{self.name} did not answer within {timeout:g} s:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def sparql_url(self, query: str) -> str:
        return f"{self.base}{self.query_path}?query={quote(query)}"

    def cpu_ticks(self) -> dict[int, int]:
        """CPU ticks used so far by each process of the server (with its executors and fork server)."""
        ticks = {pid: _cpu_ticks(pid) for pid in _tree(self.process.pid)} if self.process else {}
        return {pid: t for pid, t in ticks.items() if t is not None}


def ticks_between(before: dict[int, int], after: dict[int, int]) -> tuple[int, bool]:
    """CPU ticks used between two samples of a process tree, and whether a process left the tree
    meanwhile (a killed executor: its last ticks are lost, so the figure is a little low)."""
    return sum(t - before.get(pid, 0) for pid, t in after.items()), bool(set(before) - set(after))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def taskset(cpus: str | None) -> list[str]:
    return ["taskset", "-c", cpus] if cpus else []


def make_servers(store: Path, args) -> tuple[Server, Server]:
    oxigraph = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not oxigraph:
        raise SystemExit("serve_throughput: the oxigraph CLI is missing: pip install -e '.[bench]'")
    kg_port, ox_port = free_port(), free_port()
    workers = ["--workers", str(args.workers)] if args.workers else []
    kg = Server("kg serve", [*taskset(args.server_cpus), sys.executable, "-m", "kg.cli", "serve", "--store", str(store),
                             "--port", str(kg_port), "--timeout", f"{args.query_timeout:g}", *workers],
                f"http://127.0.0.1:{kg_port}", "/sparql", WORK / "kg_serve.log")
    ox = Server("oxigraph", [*taskset(args.server_cpus), oxigraph, "serve-read-only", "--location", str(store),
                             "--bind", f"127.0.0.1:{ox_port}", "--union-default-graph",
                             "--timeout-s", f"{args.query_timeout:g}"],
                f"http://127.0.0.1:{ox_port}", "/query", WORK / "oxigraph.log")
    return kg, ox


def fetch(url: str, accept: str = JSON_RESULTS, timeout: float = 120) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


# --------------------------------------------------------------------------- the queries

@dataclass
class Case:
    name: str
    description: str
    connections: int
    urls: dict[str, str] = field(default_factory=dict)   # server name -> URL
    check: dict = field(default_factory=dict)


def rq(name: str) -> str:
    """A query file of bench/serve without its comment lines."""
    lines = (QUERIES / f"{name}.rq").read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("#")) + "\n"


def saved_case(kg: Server, ox: Server, spec: str, connections: int) -> Case | str:
    """The saved-query case, or why there is none: /queries/<name>?params on kg, the same text on oxigraph."""
    name, _, params = spec.partition("?")
    status, _ = fetch(f"{kg.base}/queries/{name}?{params}")
    if status == 404:
        return f"kg serve has no /queries/{name} route here (HTTP 404): saved query not measured"
    try:
        from kg.serve.saved import load_saved_queries
    except ImportError:
        return "kg.serve.saved is missing: saved query not measured"
    saved = load_saved_queries(ROOT / "queries").get(name)
    if saved is None:
        return f"no saved query {name!r} in queries/"
    bound = saved.bind(dict(parse_qsl(params)))
    values = (f"VALUES ({' '.join(str(v) for v in bound)}) {{ ({' '.join(str(t) for t in bound.values())}) }}"
              if bound else "")
    text = saved.text
    where = text.upper().index("WHERE")
    brace = text.index("{", where) + 1
    baseline = text[:brace] + "\n  " + values + text[brace:]
    return Case("saved", f"/queries/{spec} (saved query {name!r}; oxigraph: its text with the values inlined)",
                connections,
                {kg.name: f"{kg.base}/queries/{name}" + (f"?{params}" if params else ""), ox.name: ox.sparql_url(baseline)})


def rows(body: bytes) -> list[tuple]:
    """The solutions of a SPARQL JSON result, each as a tuple of (variable, value, datatype, lang)."""
    data = json.loads(body)
    out = []
    for b in data["results"]["bindings"]:
        out.append(tuple(sorted((k, v["value"], v.get("datatype"), v.get("xml:lang")) for k, v in b.items())))
    return out


def compare(case: Case, kg: Server, ox: Server, quiet: bool) -> None:
    """Ask both servers once; record the size of the answers and whether they hold the same solutions."""
    got = {}
    for server in (kg, ox):
        t0 = time.perf_counter()
        status, body = fetch(case.urls[server.name])
        got[server.name] = (status, body, time.perf_counter() - t0)
        if status != 200:
            raise SystemExit(f"{server.name} answered {status} to the {case.name} query:\n"
                             f"{body[:2000].decode('utf-8', 'replace')}")
    a, b = rows(got[kg.name][1]), rows(got[ox.name][1])
    case.check = {"rows": {kg.name: len(a), ox.name: len(b)},
                  "bytes": {kg.name: len(got[kg.name][1]), ox.name: len(got[ox.name][1])},
                  "first_request_s": {k: round(v[2], 3) for k, v in got.items()},
                  "same_solutions": sorted(a) == sorted(b), "same_order": a == b}
    log(f"{case.name}: {len(a)} rows from kg serve, {len(b)} from oxigraph; same solutions: "
        f"{case.check['same_solutions']}, same order: {case.check['same_order']}", quiet)


# --------------------------------------------------------------------------- load

def wrk(url: str, args, seconds: float, connections: int) -> dict:
    """One wrk run against `url`: its JSON report (bench/serve/report.lua)."""
    headers = ["-H", f"Accept: {JSON_RESULTS}"] + (["-H", "Accept-Encoding: gzip"] if args.gzip else [])
    cmd = [*taskset(args.load_cpus), "wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s",
           f"--timeout={args.request_timeout:g}s", "-s", str(LUA), *headers, url]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(server: Server, idle: Server, url: str, connections: int, args) -> dict:
    """Warm up, then one measured wrk run against `server`, with the CPU every party used meanwhile."""
    if args.warmup > 0:
        wrk(url, args, args.warmup, connections)
    tick = os.sysconf("SC_CLK_TCK")
    self_cpu = _self_children_cpu()
    busy0, s0, i0 = _busy_ticks(), server.cpu_ticks(), idle.cpu_ticks()
    t0 = time.perf_counter()
    report = wrk(url, args, args.duration, connections)
    wall = time.perf_counter() - t0
    busy1, s1, i1 = _busy_ticks(), server.cpu_ticks(), idle.cpu_ticks()
    wrk_cpu = _self_children_cpu() - self_cpu
    server_ticks, replaced = ticks_between(s0, s1)
    server_cpu = server_ticks / tick
    other = max(0.0, (busy1 - busy0) / tick - server_cpu - ticks_between(i0, i1)[0] / tick - wrk_cpu)
    seconds = report["duration_us"] / 1e6
    errors = sum(report["errors"].values())
    return {
        "requests": report["requests"], "seconds": round(seconds, 2),
        "req_per_s": round(report["requests"] / seconds, 1),
        "p50_ms": report["p50_us"] / 1000, "p90_ms": report["p90_us"] / 1000, "p99_ms": report["p99_us"] / 1000,
        "max_ms": report["max_us"] / 1000, "mean_ms": round(report["mean_us"] / 1000, 3),
        "bytes_per_response": round(report["bytes"] / report["requests"]) if report["requests"] else None,
        "errors": report["errors"], "error_count": errors, "server_process_replaced": replaced,
        "server_cpu_ms_per_request": round(server_cpu * 1000 / report["requests"], 3) if report["requests"] else None,
        "server_cpu_cores": round(server_cpu / wall, 2), "wrk_cpu_cores": round(wrk_cpu / wall, 2),
        "other_cpu_cores": round(other / wall, 2),
    }


def _self_children_cpu() -> float:
    """CPU seconds of this process's reaped children (wrk runs); the servers are reaped only at the end."""
    t = os.times()
    return t.children_user + t.children_system


def run_load(cases: list[Case], kg: Server, ox: Server, args) -> dict:
    runs: dict = {c.name: {kg.name: [], ox.name: []} for c in cases}
    total, done = args.rounds * len(cases) * 2, 0
    for r in range(args.rounds):
        for case in cases:
            order = (kg, ox) if r % 2 == 0 else (ox, kg)
            for server in order:
                idle = ox if server is kg else kg
                m = measure(server, idle, case.urls[server.name], case.connections, args)
                runs[case.name][server.name].append(m)
                done += 1
                log(f"[{done}/{total}] round {r + 1} {case.name:<6} {server.name:<9} {m['req_per_s']:>8.1f} req/s  "
                    f"p50 {m['p50_ms']:7.2f} ms  p99 {m['p99_ms']:8.2f} ms  errors {m['error_count']}  "
                    f"server CPU {m['server_cpu_ms_per_request']} ms/req; cores: server {m['server_cpu_cores']:.2f}, "
                    f"wrk {m['wrk_cpu_cores']:.2f}, "
                    f"others {m['other_cpu_cores']:.2f} cores", args.quiet)
                if m["error_count"]:
                    log(f"  ** {m['errors']} **", args.quiet)
    return runs


def summarise(runs: dict, kg: Server, ox: Server) -> dict:
    out = {}
    for case, by_server in runs.items():
        s = {}
        for name, ms in by_server.items():
            s[name] = {"req_per_s": round(statistics.median(m["req_per_s"] for m in ms), 1),
                       "req_per_s_range": [min(m["req_per_s"] for m in ms), max(m["req_per_s"] for m in ms)],
                       "p50_ms": round(statistics.median(m["p50_ms"] for m in ms), 2),
                       "p99_ms": round(statistics.median(m["p99_ms"] for m in ms), 2),
                       "errors": sum(m["error_count"] for m in ms),
                       "server_cpu_ms_per_request": _median_or_none(m["server_cpu_ms_per_request"] for m in ms),
                       "other_cpu_cores": round(statistics.median(m["other_cpu_cores"] for m in ms), 2)}
        k, o = s[kg.name], s[ox.name]
        ratio = round(k["req_per_s"] / o["req_per_s"], 3) if o["req_per_s"] else None
        target = TARGETS.get(case)
        s["ratio_kg_to_oxigraph"] = {
            "throughput": ratio,
            "p50_latency": round(k["p50_ms"] / o["p50_ms"], 2) if o["p50_ms"] else None,
            "p99_latency": round(k["p99_ms"] / o["p99_ms"], 2) if o["p99_ms"] else None,
            "server_cpu_per_request": (round(k["server_cpu_ms_per_request"] / o["server_cpu_ms_per_request"], 2)
                                       if k["server_cpu_ms_per_request"] and o["server_cpu_ms_per_request"] else None),
            "throughput_target": target,
            "meets_target": None if target is None or ratio is None else ratio >= target,
        }
        out[case] = s
    return out


def _median_or_none(values) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 3) if known else None


# --------------------------------------------------------------------------- report

def print_summary(res: dict) -> None:
    m, p = res["machine"], res["load"]
    print(f"kg serve vs oxigraph serve-read-only -- {res['date']}")
    print(f"  machine : {m['cpu_model']}, {m['cpus']} CPUs, Python {m['python']}, pyoxigraph {m['pyoxigraph']}, "
          f"oxigraph CLI {m['oxigraph_cli']}, {m['wrk']}")
    src = res["source"]
    print(f"  kg      : {src.get('commit') or src.get('kg_path')} ({len(src.get('kg_uncommitted_files', []))} "
          f"uncommitted kg/ files)" + ("  ** kg/ CHANGED DURING THE RUN **" if src.get("changed_during_run") else ""))
    st = res["store"]
    print(f"  store   : seeds/ + {st['articles']} generated articles, {st['quads']} quads")
    print(f"  load    : wrk -t1, {p['duration_s']:g} s per run after {p['warmup_s']:g} s warm-up, "
          f"{p['rounds']} rounds (medians shown); wrk on CPUs {p['load_cpus'] or 'any'}, servers on CPUs "
          f"{p['server_cpus'] or 'any'}; gzip {'asked' if p['gzip'] else 'not asked'}")
    for note in res["notes"]:
        print(f"  note    : {note}")
    print()
    print(f"  {'query':<7}{'server':<11}{'conns':>6}{'req/s':>9}{'(range)':>17}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
          f"{'CPU ms/req':>11}{'others':>8}")
    for case, s in res["summary"].items():
        for name in (res["servers"]["kg"], res["servers"]["oxigraph"]):
            r = s[name]
            lo, hi = r["req_per_s_range"]
            print(f"  {case:<7}{name:<11}{res['cases'][case]['connections']:>6}{r['req_per_s']:>9.1f}{f'({lo:.0f}-{hi:.0f})':>17}{r['p50_ms']:>9.2f}"
                  f"{r['p99_ms']:>9.2f}{r['errors']:>8}{r['server_cpu_ms_per_request'] or 0:>11.2f}{r['other_cpu_cores']:>8.2f}")
        q = s["ratio_kg_to_oxigraph"]
        verdict = "" if q["throughput_target"] is None else (
            f" (target >= {q['throughput_target']}: {'meets' if q['meets_target'] else 'BELOW'})")
        if q["throughput"] is None:
            print(f"  {'':<7}kg/oxigraph: no ratio: oxigraph completed no request (make --duration longer)")
            continue
        print(f"  {'':<7}kg/oxigraph: throughput {q['throughput']:.2f}{verdict}; latency p50 x{q['p50_latency']}, "
              f"p99 x{q['p99_latency']}; server CPU per request x{q['server_cpu_per_request']}")
    print("\n  CPU ms/req = CPU time of the server's processes per answered request; others = CPU cores that other\n"
          "  processes on the machine used during the runs (medians over the rounds)")


def versions() -> dict:
    def out(cmd: list[str]) -> str | None:
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
            return (r.stdout or r.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return None
    import pyoxigraph
    ox = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or "oxigraph"
    return {"pyoxigraph": pyoxigraph.__version__, "oxigraph_cli": out([ox, "--version"]), "wrk": out(["wrk", "-v"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=300, help="generated articles added to seeds/ (default 300)")
    ap.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    ap.add_argument("--size-kb", type=float, default=5.0, help="mean article size (default 5)")
    ap.add_argument("--rebuild", action="store_true", help="build the store even when bench/out/serve holds it")
    ap.add_argument("--queries", default="small,heavy,saved", help="which cases, comma-separated (default all)")
    ap.add_argument("--saved", default=DEFAULT_SAVED, metavar="NAME[?PARAMS]",
                    help=f"the saved query and its parameters (default {DEFAULT_SAVED}, with its defaults)")
    ap.add_argument("--duration", type=float, default=15, help="seconds of each measured run (default 15)")
    ap.add_argument("--warmup", type=float, default=3, help="seconds of load before each measured run (default 3)")
    ap.add_argument("--connections", type=int, default=8,
                    help="concurrent connections for the small and saved queries (default 8)")
    ap.add_argument("--heavy-connections", type=int, default=2,
                    help="concurrent connections for the heavy query (default 2: one query per core; more only queue)")
    ap.add_argument("--rounds", type=int, default=3, help="measured runs per query and server (default 3)")
    ap.add_argument("--query-timeout", type=float, default=60,
                    help="both servers' query time limit, s (default 60: kg's default 10 s counts the wait for a "
                         "free executor, which a heavy query can pass on a busy machine)")
    ap.add_argument("--request-timeout", type=float, default=90, help="wrk's per-request timeout, s (default 90)")
    ap.add_argument("--workers", type=int, help="kg serve --workers (default: kg's own)")
    ap.add_argument("--load-cpus", default=None,
                    help="CPUs for wrk (taskset list; default: the last CPU; 'any' for no pinning)")
    ap.add_argument("--server-cpus", default=None, help="CPUs for both servers (taskset list; default: any)")
    ap.add_argument("--gzip", action="store_true", help="send Accept-Encoding: gzip (kg compresses, oxigraph does not)")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the JSON report")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)
    if not shutil.which("wrk"):
        ap.error("wrk is missing: apt-get install -y wrk")
    if args.load_cpus is None:
        args.load_cpus = str(sorted(os.sched_getaffinity(0))[-1])
    elif args.load_cpus == "any":
        args.load_cpus = None
    wanted = [q.strip() for q in args.queries.split(",") if q.strip()]
    if not wanted or set(wanted) - set(TARGETS):
        ap.error(f"--queries: a comma-separated subset of {', '.join(TARGETS)}")

    source_before = source_state()
    WORK.mkdir(parents=True, exist_ok=True)
    store, manifest = ensure_store(args)
    kg, ox = make_servers(store, args)
    notes: list[str] = []
    try:
        kg.start()
        ox.start()  # both open the store read-only at once; it fails here if the engine refused that
        log(f"servers: {kg.name} at {kg.base}, {ox.name} at {ox.base} (same store, both running)", args.quiet)
        cases = []
        for name in wanted:
            if name == "saved":
                case = saved_case(kg, ox, args.saved, args.connections)
                if isinstance(case, str):
                    notes.append(case)
                    log(case, args.quiet)
                    continue
            else:
                text = rq(name)
                conns = args.heavy_connections if name == "heavy" else args.connections
                case = Case(name, f"bench/serve/{name}.rq", conns,
                            {kg.name: kg.sparql_url(text), ox.name: ox.sparql_url(text)})
            compare(case, kg, ox, args.quiet)
            cases.append(case)
        runs = run_load(cases, kg, ox, args)
    finally:
        kg.stop()
        ox.stop()
    res = {
        "benchmark": "serve_throughput",
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": command_line(),
        "source": source_before,
        "machine": {"cpu_model": cpu_model(), "cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), **versions()},
        "store": {**manifest, "path": _rel(store)},
        "servers": {"kg": kg.name, "oxigraph": ox.name,
                    "commands": {s.name: [_rel(c) for c in s.command] for s in (kg, ox)}},
        "load": {"tool": "wrk", "threads": 1, "duration_s": args.duration,
                 "warmup_s": args.warmup, "rounds": args.rounds, "load_cpus": args.load_cpus,
                 "server_cpus": args.server_cpus, "gzip": args.gzip, "accept": JSON_RESULTS},
        "cases": {c.name: {"description": c.description, "connections": c.connections, "urls": c.urls,
                           "check": c.check} for c in cases},
        "notes": notes,
        "runs": runs,
        "summary": summarise(runs, kg, ox),
    }
    if source_state()["kg_content_sha256"] != source_before["kg_content_sha256"]:
        res["source"]["changed_during_run"] = True
    print_summary(res)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n  json    : {_rel(args.json)}")
    return 0


def _rel(p: str | Path) -> str:
    p = str(p)
    r = os.path.relpath(p, ROOT) if os.path.isabs(p) else p
    return p if r.startswith("..") else r


if __name__ == "__main__":
    sys.exit(main())
