"""The records that flow through the pipeline: a read document and the observations extracted from it.

They are plain frozen dataclasses so that extraction stays a pure function
(document in, observations out) that is easy to test and to run in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Document:
    """A source article after reading: its extracted text and its metadata.

    `text` is what every offset and quote refers to. `blocks` are the
    (start, end) spans of its paragraphs, headings and captions in `text`.
    """

    id: str
    source: str
    sha256: str
    text: str
    blocks: tuple[tuple[int, int], ...]
    title: str | None = None
    date: date | None = None
    date_inferred: bool = False
    publisher: str | None = None
    categories: tuple[str, ...] = ()
    script: str = "zh-Hans"
    encoding: str = "utf-8"
    replaced_bytes: int = 0
    title_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Period:
    """An inclusive date range, resolved against the document's date."""

    start: date
    end: date


@dataclass(frozen=True)
class Quantity:
    amount: float
    unit: str


@dataclass(frozen=True)
class Observation:
    """One trade statistic, keyed by (reporter, partner, flow, commodity, mode, period, money-or-quantity)."""

    doc: str
    source: str
    reporter: str
    partner: str | None
    flow: str
    commodity: str | None
    mode: str | None
    period: Period
    value: float | None = None
    currency: str | None = None
    quantity: Quantity | None = None
    yoy_pct: float | None = None
    share_pct: float | None = None
    quote: str = ""
    offset: tuple[int, int] = (0, 0)
    as_written: str | None = None  # the amount as the text writes it ("406.2亿元"), kept for the graph
    bound: bool = False  # the amount is written as a bound (突破五千亿元, more than $300 billion)

    @property
    def key(self) -> tuple:
        """The contract's key: one observation per key per document."""
        return (
            self.reporter,
            self.partner,
            self.flow,
            self.commodity,
            self.mode,
            self.period,
            "quantity" if self.quantity else "money",
        )
