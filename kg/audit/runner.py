"""`kg audit`: read the store, run every check, replace the audit graph, and say what was found.

The store is opened for writing, since the findings are written into it. The engine allows one
writer next to any number of read-only readers: a running `kg serve` (whose executors hold
read-only handles) does not stop an audit, but keeps answering from the data it opened until it
is restarted. A second writer (a running `kg build` or `kg audit`) holds the lock, and the audit
refuses with AuditRefused instead of waiting.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from pyoxigraph import Store

from kg import __version__
from kg.audit.arithmetic import check_arithmetic
from kg.audit.conflicts import find_conflicts
from kg.audit.empty import check_empty_documents
from kg.audit.evidence import check_document_evidence
from kg.audit.findings import ERROR, Finding
from kg.audit.graph import audit_triples, replace_audit_graph, run_iri
from kg.audit.provenance import check_provenance
from kg.audit.records import Facts, Obs, read_facts, text_of
from kg.audit.sources import check_source

DEFAULT_TOLERANCE_PCT = Decimal("0.1")


class AuditRefused(Exception):
    """The store cannot be audited now (missing, or locked by another writer)."""


@dataclass
class AuditReport:
    store: Path
    root: Path
    tolerance_pct: Decimal
    started: datetime
    ended: datetime
    documents: int
    observations: int
    findings: list[Finding] = field(default_factory=list)
    ranks: dict[str, str] = field(default_factory=dict)
    version: str = __version__

    @property
    def run(self) -> str:
        return run_iri(self.started).value

    @property
    def broken(self) -> bool:
        """Evidence, sources or provenance are broken: `kg audit` exits with status 1."""
        return any(f.severity == ERROR for f in self.findings)

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)


def open_writable(path: Path) -> Store:
    if not path.is_dir() or not any(path.iterdir()):
        raise AuditRefused(f"no store at {path}: run `kg build` first")
    try:
        return Store(str(path))
    except OSError as e:
        if "lock" in str(e).lower():
            raise AuditRefused(f"the store at {path} is locked by another writer (a `kg build` or `kg audit` still "
                               "running); run the audit when it has finished") from None
        raise AuditRefused(f"cannot open the store at {path}: {e}") from None


def audit(store_path: Path, root: Path, tolerance_pct: Decimal | None = None) -> AuditReport:
    """Audit the store at `store_path` (relative source paths resolved against `root`) and write the
    audit graph; the report lists what was found. The tolerance is in percent (default 0.1)."""
    if tolerance_pct is None:
        tolerance_pct = DEFAULT_TOLERANCE_PCT
    store = open_writable(store_path)
    started = datetime.now(timezone.utc)
    facts = read_facts(store)
    findings, ranks = run_checks(store, facts, root, tolerance_pct / 100)
    ended = datetime.now(timezone.utc)
    replace_audit_graph(store, audit_triples(findings, ranks, started, ended, __version__))
    store.flush()
    return AuditReport(store_path, root, tolerance_pct, started, ended, len(facts.documents),
                       len(facts.observations), findings, ranks)


def run_checks(store: Store, facts: Facts, root: Path, tolerance: Decimal) -> tuple[list[Finding], dict[str, str]]:
    """Every check, in the order a reader wants them: broken provenance first, then disagreements."""
    by_document: dict[str, list[Obs]] = defaultdict(list)
    for obs in facts.observations:
        by_document[obs.document or ""].append(obs)
    findings = check_provenance(facts)
    for iri, doc in sorted(facts.documents.items()):
        observations = by_document.get(iri, [])
        findings += check_document_evidence(doc, text_of(store, doc), observations, facts.evidence)
        source = check_source(doc, observations, root)
        if source is not None:
            findings.append(source)
    conflicts, ranks = find_conflicts(facts, tolerance)
    findings += conflicts
    findings += check_arithmetic(facts, ranks, tolerance)
    findings += check_empty_documents(facts)
    return findings, ranks
