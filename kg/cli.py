"""kg: build a knowledge graph of trade figures from articles."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kg import __version__
from kg.files import iter_files
from kg.store.location import store_path


def cmd_extract(args: argparse.Namespace) -> int:
    from kg.emit.jsonl import to_jsonl
    from kg.emit.table import render, row
    from kg.extract.observations import extract_observations
    from kg.read import ReadError, read_document

    failed = 0
    rows = []
    for path in iter_files(args.paths):
        try:
            doc = read_document(path, max_bytes=args.max_bytes)
        except (ReadError, OSError) as e:
            failed += 1
            print(f"kg extract: error: {path}: {e}", file=sys.stderr)
            continue
        for obs in extract_observations(doc):
            if args.format == "jsonl":
                print(to_jsonl(obs))
            else:
                rows.append(row(obs))
    if args.format == "table":
        print(render(rows))
    return 2 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    from kg.store.build import build

    summary = build(args.paths, store_path(args.store), prune=args.prune, jobs=args.jobs)
    for source, error in summary.errors:
        print(f"kg build: error: {source}: {error}", file=sys.stderr)
    print("\n".join(summary.lines()))
    return 2 if summary.failed else 0


def _query_text(args: argparse.Namespace) -> str:
    if args.file:
        return Path(args.file).read_text(encoding="utf-8")
    if not args.sparql:
        raise SystemExit("kg query: error: give a SPARQL query or --file")
    return args.sparql


def cmd_query(args: argparse.Namespace) -> int:
    from kg.store.query import open_read_only, render, run_query

    store = open_read_only(store_path(args.store))
    try:
        results = run_query(store, _query_text(args))
        sys.stdout.buffer.write(render(results, args.format))
    except SyntaxError as e:
        print(f"kg query: error: {e}", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.store.export import export
    from kg.store.query import open_read_only

    store = open_read_only(store_path(args.store))
    if args.output:
        with open(args.output, "wb") as out:
            export(store, args.format, out)
    else:
        export(store, args.format, sys.stdout.buffer)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.store.query import open_read_only
    from kg.store.validate import report_text, validate

    conforms, findings = validate(open_read_only(store_path(args.store)))
    sys.stdout.write(report_text(conforms, findings))
    return 0 if conforms else 1


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.store.query import open_read_only
    from kg.store.stats import stats

    for name, n in stats(open_read_only(store_path(args.store))).items():
        print(f"{name}: {n}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from kg.audit.report import to_html, to_json, to_text
    from kg.audit.runner import AuditRefused, audit

    try:
        report = audit(store_path(args.store), Path(args.root), args.tolerance)
    except AuditRefused as e:
        print(f"kg audit: error: {e}", file=sys.stderr)
        return 2
    text = {"text": to_text, "json": to_json, "html": to_html}[args.format](report)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 1 if report.broken else 0


def _percent(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"a percentage from 0 to 100, not {text!r}")
    return value


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve.config import ServeConfig
    from kg.serve.run import serve

    try:
        config = ServeConfig(timeout=args.timeout, row_cap=args.row_cap, service_allow=frozenset(args.allow_service),
                             **({"workers": args.workers} if args.workers else {}),
                             **({"queries": Path(args.queries)} if args.queries else {}))
    except ValueError as e:
        raise SystemExit(f"kg serve: error: {e}") from None
    serve(store_path(args.store), args.host, args.port, config)
    return 0


def _store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", help="the store folder (default $KG_STORE or ./data/store)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__)
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="print the trade observations of documents")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="a document or a folder of documents")
    ex.add_argument("--format", choices=("table", "jsonl"), default="table")
    ex.add_argument("--max-bytes", type=int, default=10_000_000, help="larger files are refused (default 10 MB)")
    ex.set_defaults(func=cmd_extract)

    b = sub.add_parser("build", help="build the graph of documents into the store")
    b.add_argument("paths", nargs="*", default=["seeds"], metavar="PATH", help="documents or folders (default seeds/)")
    _store_option(b)
    b.add_argument("--prune", action="store_true", help="drop the graphs of documents no longer present")
    b.add_argument("--jobs", type=int, help="extraction processes (default: one per core)")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a SPARQL query over the union of all graphs")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("--file", help="read the query from a file")
    q.add_argument("--format", default="table", choices=("table", "json", "csv", "tsv", "xml", "turtle", "nt"))
    _store_option(q)
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", help="dump the whole store in a standard format")
    e.add_argument("--format", required=True, choices=("nq", "trig", "ttl", "nt", "jsonld", "rdfxml"))
    e.add_argument("-o", "--output", help="file to write (default stdout)")
    _store_option(e)
    e.set_defaults(func=cmd_export)

    v = sub.add_parser("validate", help="check the store against the SHACL shapes")
    _store_option(v)
    v.set_defaults(func=cmd_validate)

    st = sub.add_parser("stats", help="count what the store holds")
    _store_option(st)
    st.set_defaults(func=cmd_stats)

    au = sub.add_parser("audit", help="check evidence, sources, provenance, conflicts and arithmetic; "
                                       "write the findings to the audit graph (exit 1 when provenance is broken)")
    _store_option(au)
    au.add_argument("--format", choices=("text", "json", "html"), default="text")
    au.add_argument("-o", "--output", help="file to write the report to (default stdout)")
    au.add_argument("--tolerance", type=_percent, metavar="PCT",
                    help="relative tolerance in percent on top of the rounding of the figures as written (default 0.1)")
    au.add_argument("--root", default=".", help="folder that relative source paths are resolved against, "
                                                "as kg build resolved them (default: the current folder)")
    au.set_defaults(func=cmd_audit)

    sv = sub.add_parser("serve", help="serve the SPARQL endpoint (builds the store from seeds/ when it is empty)")
    _store_option(sv)
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    sv.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    sv.add_argument("--row-cap", type=int, default=10_000,
                    help="most rows (or triples) in one answer; more are cut and flagged (default 10000)")
    sv.add_argument("--allow-service", action="append", default=[], metavar="IRI",
                    help="a SERVICE endpoint queries may call (repeatable; default: none)")
    sv.add_argument("--workers", type=int, help="query executor processes (default: one per core, at least 2)")
    sv.add_argument("--queries", metavar="DIR",
                    help="the folder of saved queries (*.rq) served at /queries (default: the checkout's queries/)")
    sv.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
