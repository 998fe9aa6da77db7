"""Serialise query results completely, but never more than a row cap, and say whether rows were cut.

The engine serialises a lazy result in one call and has no row limit, and building terms in
Python costs ten times more than the engine's own writers. So the engine writes TSV (solutions)
or N-Triples (triples), where one line is one row and literals escape their line breaks, into a
sink that stops it after the cap; the kept lines are then parsed back and written in the
requested format, which keeps every format valid (a cut JSON document is still JSON).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO

from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from kg.serve import formats
from kg.serve.formats import Format


class _Enough(Exception):
    """Raised inside the engine's writer to stop it once the cap is passed."""


class _LineSink(io.BytesIO):
    """A buffer that stops its writer once it holds more than `limit` lines."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.lines = 0

    def write(self, data) -> int:  # type: ignore[override]  # any buffer, as BytesIO.write takes
        written = super().write(data)
        self.lines += bytes(data).count(b"\n")
        if self.lines > self.limit:
            raise _Enough
        return written


def _first_lines(write: Callable[[IO[bytes]], object], limit: int) -> tuple[bytes, bool]:
    """The first `limit` lines `write` produces, and whether it had more."""
    sink = _LineSink(limit)
    try:
        write(sink)
    except _Enough:
        text = sink.getvalue()
        end = -1
        for _ in range(limit):
            end = text.index(b"\n", end + 1)
        return text[:end + 1], True
    return sink.getvalue(), False


def serialise(results: QuerySolutions | QueryBoolean | QueryTriples, fmt: Format, cap: int) -> tuple[bytes, bool]:
    """(body, truncated): `results` in `fmt`, holding at most `cap` solutions or triples."""
    out = io.BytesIO()
    if isinstance(results, QueryTriples):
        assert isinstance(fmt.engine, RdfFormat)  # formats.OFFERS pairs each kind with its own formats
        nt, truncated = _first_lines(lambda sink: results.serialize(sink, RdfFormat.N_TRIPLES), cap)
        if fmt is formats.NTRIPLES:
            return nt, truncated
        serialize((quad.triple for quad in parse(nt, RdfFormat.N_TRIPLES)), out, fmt.engine)
        return out.getvalue(), truncated
    assert isinstance(fmt.engine, QueryResultsFormat)
    if isinstance(results, QueryBoolean):
        results.serialize(out, fmt.engine)
        return out.getvalue(), False
    tsv, truncated = _first_lines(lambda sink: results.serialize(sink, QueryResultsFormat.TSV), cap + 1)
    if fmt is formats.TSV:
        return tsv, truncated
    parse_query_results(tsv, QueryResultsFormat.TSV).serialize(out, fmt.engine)
    return out.getvalue(), truncated
