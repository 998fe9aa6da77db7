"""Observations whose provenance chain is broken: no evidence, no document or no extraction run."""

from __future__ import annotations

from kg.audit.findings import Finding, finding
from kg.audit.records import Facts, Obs, short


def check_provenance(facts: Facts) -> list[Finding]:
    """One finding per observation that cannot be walked back to its sentence, document and run."""
    found = []
    for obs in facts.observations:
        problems = _problems(obs, facts)
        if problems:
            found.append(finding("provenance", f"{short(obs.iri)}: " + "; ".join(problems) + ".",
                                 obs.iri, obs.document if obs.document in facts.documents else None))
    return found


def _problems(obs: Obs, facts: Facts) -> list[str]:
    problems = []
    if not obs.evidence:
        problems.append("no evidence (prov:wasDerivedFrom)")
    for iri in obs.evidence:
        ev = facts.evidence.get(iri)
        if ev is None:
            problems.append(f"its evidence {short(iri)} is not a kg:Evidence in the store")
        elif not ev.exact:
            problems.append(f"its evidence {short(iri)} has no quote (oa:TextQuoteSelector with oa:exact)")
        elif ev.start is None or ev.end is None:
            problems.append(f"its evidence {short(iri)} has no position (oa:TextPositionSelector with oa:start and oa:end)")
    if obs.document is None:
        problems.append("no document (kg:document)")
    elif obs.document not in facts.documents:
        problems.append(f"its document {short(obs.document)} is not a kg:Document in the store")
    if not obs.runs:
        problems.append("no extraction run (prov:wasGeneratedBy)")
    elif not any(run in facts.runs for run in obs.runs):
        problems.append(f"its run {short(obs.runs[0])} is not a kg:ExtractionRun in the store")
    return problems
