"""Conflicting figures: documents that give different measures for the same key, and which to prefer.

Two observations of one key (reporter, partner, flow, commodity, mode, period, money or quantity)
from different documents disagree when a measure both state (the amount in the same currency or
unit, the year-on-year change, the share) differs by more than the rounding of the figures as
written (precision.py). Both are kept; ranks say which to use, as Wikidata ranks statements:

1. an official customs source (official.py) is preferred to any other source;
2. between sources of the same standing, the later publication (dcterms:date) is preferred:
   it may revise the earlier figure, and a preliminary figure is published first.

The preferred observation is ranked "preferred", those that disagree with it "deprecated", those
that agree with it keep the normal rank (none is written). When the best candidates tie (same
standing, same date) nothing is ranked and the finding says so.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from kg.audit import describe
from kg.audit.findings import Finding, finding
from kg.audit.official import is_official
from kg.audit.precision import amount_interval, percent_interval
from kg.audit.records import Doc, Facts, Obs, short

PREFERRED, DEPRECATED = "preferred", "deprecated"


def find_conflicts(facts: Facts, tolerance: Decimal) -> tuple[list[Finding], dict[str, str]]:
    """(conflict findings, observation IRI -> rank) over every key stated by several documents."""
    groups: dict[tuple, list[Obs]] = defaultdict(list)
    for obs in facts.observations:
        if obs.document in facts.documents:
            groups[obs.key].append(obs)
    findings, ranks = [], {}
    for members in groups.values():
        if len({o.document for o in members}) < 2:
            continue
        if not any(disagree(a, b, tolerance) for a in members for b in members if a.document != b.document):
            continue
        found, ranked = _conflict(sorted(members, key=lambda o: o.iri), facts, tolerance)
        findings.append(found)
        ranks.update(ranked)
    return findings, ranks


def disagree(a: Obs, b: Obs, tolerance: Decimal) -> bool:
    """Whether a measure stated by both differs beyond the rounding of what was written."""
    if a.amount is not None and b.amount is not None and a.measure_unit == b.measure_unit:
        if not amount_interval(a.amount, a.as_written, tolerance).overlaps(
                amount_interval(b.amount, b.as_written, tolerance)):
            return True
    for x, y in ((a.yoy, b.yoy), (a.share, b.share)):
        if x is not None and y is not None and not percent_interval(x, tolerance).overlaps(percent_interval(y, tolerance)):
            return True
    return False


def standing(doc: Doc) -> tuple[bool, date]:
    """What ranks a document's figure: official first, then later publication."""
    return is_official(doc), doc.date or date.min


def _conflict(members: list[Obs], facts: Facts, tolerance: Decimal) -> tuple[Finding, dict[str, str]]:
    docs = facts.documents
    ordered = sorted(members, key=lambda o: standing(docs[o.document]), reverse=True)
    best = ordered[0]
    rivals = [o for o in ordered[1:] if disagree(best, o, tolerance)]
    tied = [o for o in rivals if standing(docs[o.document]) == standing(docs[best.document])]
    ranks: dict[str, str] = {}
    if tied:
        verdict = (f"None is preferred: {short(best.document)} and {short(tied[0].document)} are sources of the "
                   "same standing published on the same date.")
    else:
        ranks[best.iri] = PREFERRED
        ranks.update((o.iri, DEPRECATED) for o in rivals)
        runner_up = (rivals or ordered[1:])[0]
        verdict = f"Preferred: {short(best.document)}, {_reason(docs[best.document], docs[runner_up.document])}."
    sides = tuple(describe.side(o, facts, ranks.get(o.iri)) for o in ordered)
    told = "; ".join(f"{s.figure} in {describe.document(docs[s.document])}, quoted \u201c{s.quote or ''}\u201d"
                     for s in sides)
    message = f"Conflicting figures for {describe.key(best)}: {told}. {verdict}"
    concerns = [o.iri for o in ordered] + [o.document for o in ordered]
    return finding("conflict", message, *concerns, sides=sides), ranks


def _reason(winner: Doc, loser: Doc) -> str:
    if is_official(winner) and not is_official(loser):
        return "an official customs source"
    if winner.date != loser.date:
        return f"the later publication ({winner.date} against {loser.date})"
    return "the first of sources of the same standing and date, the others agreeing with it within rounding"
