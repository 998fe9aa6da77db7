"""kg: build a knowledge graph of trade figures from articles."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from kg import __version__


def iter_files(paths: list[str]) -> Iterator[Path]:
    """Files named, and the files under folders named (sorted, hidden ones skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            yield p


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__)
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="print the trade observations of documents")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="a document or a folder of documents")
    ex.add_argument("--format", choices=("table", "jsonl"), default="table")
    ex.add_argument("--max-bytes", type=int, default=10_000_000, help="larger files are refused (default 10 MB)")
    ex.set_defaults(func=cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
