"""A finding: what one check found, in the shape the audit graph and the reports share."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from kg.emit.iris import ID

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
# Finding kinds and their severity: broken provenance is an error (exit status 1); disagreeing
# figures are warnings; an empty document is worth knowing.
KINDS = {
    "evidence": ERROR,
    "source": ERROR,
    "provenance": ERROR,
    "conflict": WARNING,
    "arithmetic": WARNING,
    "empty-document": INFO,
}


@dataclass(frozen=True)
class Side:
    """One observation in a conflict or a sum, with what a reader needs to judge it."""

    observation: str
    document: str | None
    figure: str
    quote: str | None
    rank: str | None = None


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    concerns: tuple[str, ...]       # observation and document IRIs
    sides: tuple[Side, ...] = field(default=())

    @property
    def severity(self) -> str:
        return KINDS[self.kind]

    @property
    def iri(self) -> str:
        """Deterministic, so an unchanged problem keeps its IRI from one audit to the next."""
        digest = hashlib.sha256("\n".join((self.kind, self.message, *sorted(self.concerns))).encode()).hexdigest()
        return f"{ID}finding/{digest[:16]}"


def finding(kind: str, message: str, *concerns: str | None, sides: tuple[Side, ...] = ()) -> Finding:
    """A finding of `kind`, concerning the IRIs given (None and repeats dropped, order kept)."""
    if kind not in KINDS:
        raise ValueError(f"unknown finding kind {kind!r}")
    unique = tuple(dict.fromkeys(c for c in concerns if c))
    return Finding(kind, message, unique, sides)
