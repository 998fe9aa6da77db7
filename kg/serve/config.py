"""What an operator may tune, with defaults that are safe on a public port."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode


def _default_workers() -> int:
    """One executor per core, at least two, so a slow query never blocks every other one."""
    return max(2, os.cpu_count() or 1)


def _default_queries() -> Path | None:
    """The checkout's queries/ folder (next to the package), when the server runs from a checkout."""
    folder = Path(__file__).resolve().parents[2] / "queries"
    return folder if folder.is_dir() else None


@dataclass(frozen=True)
class ServeConfig:
    timeout: float = 10.0                 # seconds a query may run before its executor is killed
    row_cap: int = 10_000                 # most solutions (or triples) in one response
    max_request_bytes: int = 1 << 20      # URL query string plus body
    service_allow: frozenset[str] = frozenset()  # SERVICE endpoints a query may call (exact IRIs)
    cors_origins: tuple[str, ...] = ("*",)
    workers: int = field(default_factory=_default_workers)
    queries: Path | None = field(default_factory=_default_queries)  # saved queries (*.rq); None: none

    def __post_init__(self) -> None:
        for name in ("timeout", "row_cap", "max_request_bytes", "workers"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)}")
        for iri in self.service_allow:
            try:
                NamedNode(iri)
            except ValueError as e:
                raise ValueError(f"the SERVICE endpoint {iri!r} is not an absolute IRI ({e})") from None
