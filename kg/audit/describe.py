"""How findings name keys, figures and sides in their messages (codes, not labels: a message
reads the same whatever the reader's language)."""

from __future__ import annotations

from decimal import Decimal

from kg.audit.findings import Side
from kg.audit.records import Doc, Evidence, Facts, Obs, short

FLOW_WORDS = {"total": "total trade", "export": "exports", "import": "imports", "balance": "the balance"}


def number(x: Decimal) -> str:
    """A decimal without exponent or trailing zeros (260350000000, 25.2)."""
    return format(x.normalize(), "f")


def period(obs: Obs) -> str:
    return obs.period or f"{obs.start}..{obs.end}"


def key(obs: Obs) -> str:
    """CN-HN total trade with ASEAN, 2021-H1 — the key in words."""
    what = [FLOW_WORDS.get(obs.flow or "", obs.flow or "?")]
    what.append(f"with {obs.partner}" if obs.partner else "with the world")
    if obs.commodity:
        what.append(f"of {obs.commodity}")
    if obs.mode:
        what.append(f"by {obs.mode}")
    return f"{obs.reporter} {' '.join(what)}, {period(obs)}"


def amount(obs: Obs) -> str:
    if obs.amount is None:
        return "no amount"
    written = f"{obs.as_written} = " if obs.as_written else ""
    return f"{written}{number(obs.amount)} {obs.measure_unit or ''}".rstrip()


def figure(obs: Obs) -> str:
    """The observation's measures: 2603.5亿元 = 260350000000 CNY, yoy +28%, share 25.2%."""
    parts = [amount(obs)] if obs.amount is not None else []
    if obs.yoy is not None:
        parts.append(f"yoy {'+' if obs.yoy >= 0 else ''}{number(obs.yoy)}%")
    if obs.share is not None:
        parts.append(f"share {number(obs.share)}%")
    return ", ".join(parts) or "no measure"


def quote(obs: Obs, facts: Facts) -> str | None:
    for iri in obs.evidence:
        ev: Evidence | None = facts.evidence.get(iri)
        if ev is not None and ev.exact:
            return ev.exact
    return None


def document(doc: Doc | None) -> str:
    if doc is None:
        return "an unknown document"
    about = ", ".join(filter(None, (str(doc.date) if doc.date else None, doc.publisher)))
    return f"{short(doc.iri)} ({about})" if about else short(doc.iri)


def side(obs: Obs, facts: Facts, rank: str | None = None) -> Side:
    return Side(obs.iri, obs.document, figure(obs), quote(obs, facts), rank)
