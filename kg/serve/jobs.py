"""What the web process sends to an executor process, and what comes back (both picklable)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    """One query to run, with everything needed to choose its dataset and serialise its answer."""

    query: str
    base_iri: str
    row_cap: int
    accept: str = ""
    format: str | None = None
    default_graphs: tuple[str, ...] = ()   # a protocol dataset when either list is non-empty
    named_graphs: tuple[str, ...] = ()
    service_allow: frozenset[str] = frozenset()
    # Parameters of a saved query: (variable name, RDF term in N-Triples syntax), bound by the engine
    substitutions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Outcome:
    """A fully serialised answer (status 200) or a refusal with its message (any other status)."""

    status: int
    body: bytes
    media_type: str = "text/plain"
    truncated: bool = False

    @classmethod
    def refusal(cls, status: int, message: str) -> Outcome:
        return cls(status, message.encode("utf-8"))

    @property
    def message(self) -> str:
        return self.body.decode("utf-8", "replace")
