"""Arithmetic consistency of the graph: figures that should agree with each other, within the
rounding of the figures as written (precision.py) and the relative tolerance.

- export + import = total, and export - import = balance, for the same reporter, partner,
  commodity, mode, period and currency (or unit);
- share = value / the reporter's total for the same flow and period, in percent: the extraction
  contract defines share_pct as "the observation's share of the reporter's total". For a figure
  narrowed by partner, commodity or mode the total is the reporter's own (对东盟出口 against all
  exports); for a reporter's headline figure, which is its own total, it is the total of its
  parent region (长沙进出口 … 占全省53.1% against Hunan's total);
- year-on-year change = value / the same key's value a year earlier - 1, in percent, when both
  are in the graph.

Figures of any document take part (the graph is one body of figures); where the conflict check
ranked a key's figures, the preferred one stands for the key, as a reader of the graph would use it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from itertools import product

from kg.audit import describe
from kg.audit.findings import Finding, finding
from kg.audit.precision import Interval, amount_interval, percent_interval
from kg.audit.records import Facts, Obs

HUNDRED = Decimal(100)


def check_arithmetic(facts: Facts, ranks: dict[str, str], tolerance: Decimal) -> list[Finding]:
    figures = [o for o in facts.observations if o.amount is not None and ranks.get(o.iri) != "deprecated"]
    index: dict[tuple, dict[str, list[Obs]]] = defaultdict(lambda: defaultdict(list))
    for obs in figures:
        index[_frame(obs)][obs.flow].append(obs)
    for flows in index.values():
        for flow, candidates in flows.items():
            flows[flow] = representatives(candidates, ranks)
    checker = _Checker(facts, index, tolerance)
    found = []
    for flows in list(index.values()):
        found += checker.sums(flows)
    for obs in figures:
        if obs.share is not None:
            found += checker.share(obs)
        if obs.yoy is not None:
            found += checker.yoy(obs)
    return found


def representatives(candidates: list[Obs], ranks: dict[str, str]) -> list[Obs]:
    """The figures of one key that stand for it in sums: the preferred one when documents were
    ranked, else one per distinct amount (documents repeating a figure would repeat a finding)."""
    preferred = [o for o in candidates if ranks.get(o.iri) == "preferred"]
    distinct: dict[Decimal | None, Obs] = {}
    for obs in sorted(preferred or candidates, key=lambda o: o.iri):
        distinct.setdefault(obs.amount, obs)
    return list(distinct.values())


def _frame(obs: Obs, reporter: str | None = None, narrowed: bool = True, start: date | None = None,
           end: date | None = None) -> tuple:
    """Everything of the key but the flow: the frame in which flows add up."""
    dims = (obs.partner, obs.commodity, obs.mode) if narrowed else (None, None, None)
    return (reporter or obs.reporter, *dims, start or obs.start, end or obs.end,
            obs.quantity is not None, obs.measure_unit)


def year_before(d: date, end_of_month: bool) -> date:
    """The same day a year earlier; a period ending on a month's last day ends on that month's last day."""
    if end_of_month:
        first_next = date(d.year - 1 + (d.month == 12), d.month % 12 + 1, 1)
        return first_next - timedelta(days=1)
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


class _Checker:
    def __init__(self, facts: Facts, index: dict[tuple, dict[str, list[Obs]]], tolerance: Decimal) -> None:
        self.facts, self.index, self.tolerance = facts, index, tolerance

    def interval(self, obs: Obs) -> Interval:
        assert obs.amount is not None
        return amount_interval(obs.amount, obs.as_written, self.tolerance)

    def sums(self, flows: dict[str, list[Obs]]) -> Iterator[Finding]:
        for e, i, t in product(flows.get("export", ()), flows.get("import", ()), flows.get("total", ())):
            if not (self.interval(e) + self.interval(i)).overlaps(self.interval(t)):
                yield self.finding(f"exports + imports = {describe.number(e.amount + i.amount)}, but the total is "
                                   f"{describe.amount(t)}", t, e, i)
        for e, i, b in product(flows.get("export", ()), flows.get("import", ()), flows.get("balance", ())):
            if not (self.interval(e) - self.interval(i)).overlaps(self.interval(b)):
                yield self.finding(f"exports - imports = {describe.number(e.amount - i.amount)}, but the balance is "
                                   f"{describe.amount(b)}", b, e, i)

    def share(self, obs: Obs) -> Iterator[Finding]:
        narrowed = bool(obs.partner or obs.commodity or obs.mode)
        reporter = obs.reporter if narrowed else self.facts.parents.get(obs.reporter or "")
        if reporter is None:
            return
        whole = "the reporter's total" if narrowed else f"the total of its parent region {reporter}"
        for total in self.index.get(_frame(obs, reporter, narrowed=False), {}).get(obs.flow, ()):
            ratio = self.interval(obs).ratio(self.interval(total))
            if ratio is not None and not ratio.scale(HUNDRED).overlaps(percent_interval(obs.share, self.tolerance)):
                stated = describe.number(obs.share)
                computed = describe.number(round(obs.amount / total.amount * HUNDRED, 2))
                yield self.finding(f"the share is {stated}%, but {describe.amount(obs)} of {whole} "
                                   f"{describe.amount(total)} is {computed}%", obs, total)

    def yoy(self, obs: Obs) -> Iterator[Finding]:
        end_of_month = (obs.end + timedelta(days=1)).day == 1
        frame = _frame(obs, start=year_before(obs.start, False), end=year_before(obs.end, end_of_month))
        for before in self.index.get(frame, {}).get(obs.flow, ()):
            ratio = self.interval(obs).ratio(self.interval(before))
            if ratio is not None and not ratio.scale(HUNDRED).shift(-HUNDRED).overlaps(
                    percent_interval(obs.yoy, self.tolerance)):
                computed = describe.number(round((obs.amount / before.amount - 1) * HUNDRED, 2))
                yield self.finding(f"the year-on-year change is {describe.number(obs.yoy)}%, but against "
                                   f"{describe.amount(before)} for {describe.period(before)} it is {computed}%",
                                   obs, before)

    def finding(self, problem: str, subject: Obs, *others: Obs) -> Finding:
        involved = (subject, *others)
        sides = tuple(describe.side(o, self.facts) for o in involved)
        where = "; ".join(f"{describe.amount(o)} in {describe.document(self.facts.documents.get(o.document or ''))}"
                          for o in involved)
        message = (f"{describe.key(subject)}: {problem} (beyond the rounding of the figures as written). "
                   f"Figures: {where}.")
        return finding("arithmetic", message, *(o.iri for o in involved), *(o.document for o in involved), sides=sides)
