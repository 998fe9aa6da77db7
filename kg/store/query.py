"""SPARQL over the store, with the union of all graphs as the default graph, and result formats."""

from __future__ import annotations

import io
from pathlib import Path

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat, Store

from kg.emit.iris import PREFIXES

RESULT_FORMATS = {"json": QueryResultsFormat.JSON, "csv": QueryResultsFormat.CSV,
                  "tsv": QueryResultsFormat.TSV, "xml": QueryResultsFormat.XML}
GRAPH_FORMATS = {"turtle": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "ttl": RdfFormat.TURTLE}


def open_read_only(path: Path) -> Store:
    if not path.exists():
        raise FileNotFoundError(f"no store at {path}: run `kg build` first")
    return Store.read_only(str(path))


def run_query(store: Store, sparql: str):
    """Results of `sparql` (SELECT, ASK, CONSTRUCT or DESCRIBE); the project's prefixes are predeclared."""
    return store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)


def render(results, fmt: str) -> bytes:
    """Serialise results; `table` is a plain text table for people."""
    if isinstance(results, QueryTriples):
        out = io.BytesIO()
        results.serialize(out, GRAPH_FORMATS.get(fmt, RdfFormat.TURTLE))
        return out.getvalue()
    if fmt == "table":
        return _table(results).encode("utf-8")
    out = io.BytesIO()
    results.serialize(out, RESULT_FORMATS[fmt])
    return out.getvalue()


def _cell(term) -> str:
    if term is None:
        return ""
    return getattr(term, "value", str(term))


def _table(results) -> str:
    if isinstance(results, QueryBoolean):
        return "true\n" if bool(results) else "false\n"
    assert isinstance(results, QuerySolutions)
    names = [v.value for v in results.variables]
    rows = [[_cell(row[n]) for n in names] for row in results]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"
