"""What the audit reads from the store: documents, observations with their evidence, runs, parents.

The store is read one named graph at a time (document graphs, and the default graph in case
something wrote there), so the cost is one pass over the data and the memory one graph's quads.
Document texts are not kept: the evidence check fetches each text when it needs it. The audit
graph is skipped, so ranks written by an earlier audit never influence this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from pyoxigraph import DefaultGraph, Literal, NamedNode, Store

from kg.emit import iris
from kg.emit.iris import DCTERMS, ID, KG, OA, PROV, RDF

AUDIT_GRAPH = NamedNode(iris.GRAPH + "audit")
_TYPE = RDF + "type"


@dataclass(frozen=True)
class Doc:
    iri: str
    graph: str
    source: str | None
    sha256: str | None
    text_sha256: str | None
    has_text: bool
    date: date | None
    publisher: str | None
    title: str | None


@dataclass(frozen=True)
class Evidence:
    iri: str
    source: str | None          # the document it points into (oa:hasSource)
    exact: str | None           # the quote (oa:exact of its TextQuoteSelector)
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Obs:
    iri: str
    graph: str
    reporter: str | None        # codes and slugs: the last segment of the IRI
    partner: str | None
    flow: str | None
    commodity: str | None
    mode: str | None
    start: date | None
    end: date | None
    period: str | None          # kg:periodCode, for messages
    value: Decimal | None
    currency: str | None
    quantity: Decimal | None
    unit: str | None
    as_written: str | None
    yoy: Decimal | None
    share: Decimal | None
    document: str | None
    evidence: tuple[str, ...]
    runs: tuple[str, ...]

    @property
    def key(self) -> tuple:
        """The extraction contract's key: one observation per key per document."""
        return (self.reporter, self.partner, self.flow, self.commodity, self.mode, self.start, self.end,
                "quantity" if self.quantity is not None else "money")

    @property
    def amount(self) -> Decimal | None:
        return self.quantity if self.quantity is not None else self.value

    @property
    def measure_unit(self) -> str | None:
        """What the amount is counted in: a currency or a unit."""
        return self.unit if self.quantity is not None else self.currency


@dataclass
class Facts:
    documents: dict[str, Doc] = field(default_factory=dict)
    observations: list[Obs] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    runs: set[str] = field(default_factory=set)          # IRIs typed kg:ExtractionRun
    parents: dict[str, str] = field(default_factory=dict)  # place code -> parent place code


def read_facts(store: Store) -> Facts:
    """Everything the checks need, read from every graph but the reference graphs and the audit graph."""
    skip = {iris.reference_graph(name) for name in iris.REFERENCE_GRAPHS} | {AUDIT_GRAPH}
    facts = Facts()
    for graph in [DefaultGraph(), *store.named_graphs()]:
        if graph not in skip:
            _read_graph(store, graph, facts)
    facts.parents = _parents(store)
    return facts


def text_of(store: Store, doc: Doc) -> str | None:
    """The document's stored kg:text (fetched on demand: texts are the bulk of the store)."""
    graph = DefaultGraph() if doc.graph == "" else NamedNode(doc.graph)
    for quad in store.quads_for_pattern(NamedNode(doc.iri), NamedNode(KG + "text"), None, graph):
        return quad.object.value
    return None


def _read_graph(store: Store, graph, facts: Facts) -> None:
    subjects: dict[str, dict[str, list]] = {}
    for quad in store.quads_for_pattern(None, None, None, graph):
        props = subjects.setdefault(quad.subject.value, {})
        props.setdefault(quad.predicate.value, []).append(quad.object)
    name = graph.value if isinstance(graph, NamedNode) else ""
    for subject, props in subjects.items():
        types = {t.value for t in props.get(_TYPE, ())}
        if KG + "TradeObservation" in types:
            facts.observations.append(_observation(subject, name, props))
        if KG + "Document" in types:
            facts.documents[subject] = _document(subject, name, props)
        if KG + "Evidence" in types:
            facts.evidence[subject] = _evidence(subject, props, subjects)
        if KG + "ExtractionRun" in types:
            facts.runs.add(subject)


def _parents(store: Store) -> dict[str, str]:
    places = iris.reference_graph("places")
    return {_code(q.subject): _code(q.object)
            for q in store.quads_for_pattern(None, NamedNode(KG + "parentRegion"), None, places)}


def _first(props: dict[str, list], predicate: str):
    values = props.get(predicate)
    return values[0] if values else None


def _text(props: dict[str, list], predicate: str) -> str | None:
    term = _first(props, predicate)
    return term.value if term is not None else None


def _code(term) -> str | None:
    """The last path segment of an IRI (a place code, a concept slug)."""
    return term.value.rsplit("/", 1)[-1] if isinstance(term, NamedNode) else None


def _number(props: dict[str, list], predicate: str) -> Decimal | None:
    term = _first(props, predicate)
    if not isinstance(term, Literal):
        return None
    try:
        return Decimal(term.value)
    except InvalidOperation:
        return None


def _integer(term) -> int | None:
    try:
        return int(term.value) if isinstance(term, Literal) else None
    except ValueError:
        return None


def _date(props: dict[str, list], predicate: str) -> date | None:
    term = _first(props, predicate)
    try:
        return date.fromisoformat(term.value) if isinstance(term, Literal) else None
    except ValueError:
        return None


def _observation(iri: str, graph: str, props: dict[str, list]) -> Obs:
    k = lambda name: _code(_first(props, KG + name))  # noqa: E731 - a local shorthand
    return Obs(
        iri=iri, graph=graph, reporter=k("reporter"), partner=k("partner"), flow=k("flow"),
        commodity=k("commodity"), mode=k("mode"),
        start=_date(props, KG + "periodStart"), end=_date(props, KG + "periodEnd"),
        period=_text(props, KG + "periodCode"),
        value=_number(props, KG + "value"), currency=_text(props, KG + "currency"),
        quantity=_number(props, KG + "quantity"), unit=_text(props, KG + "unit"),
        as_written=_text(props, KG + "valueAsWritten"),
        yoy=_number(props, KG + "yoyPct"), share=_number(props, KG + "sharePct"),
        document=_text(props, KG + "document"),
        evidence=tuple(sorted(t.value for t in props.get(PROV + "wasDerivedFrom", ()))),
        runs=tuple(sorted(t.value for t in props.get(PROV + "wasGeneratedBy", ()))),
    )


def _document(iri: str, graph: str, props: dict[str, list]) -> Doc:
    return Doc(
        iri=iri, graph=graph, source=_text(props, KG + "sourcePath"), sha256=_text(props, KG + "sha256"),
        text_sha256=_text(props, KG + "textSha256"), has_text=KG + "text" in props,
        date=_date(props, DCTERMS + "date"), publisher=_text(props, DCTERMS + "publisher"),
        title=_text(props, DCTERMS + "title"),
    )


def _evidence(iri: str, props: dict[str, list], subjects: dict[str, dict[str, list]]) -> Evidence:
    exact = start = end = None
    for selector in props.get(OA + "hasSelector", ()):
        sel = subjects.get(selector.value, {})
        types = {t.value for t in sel.get(_TYPE, ())}
        if OA + "TextQuoteSelector" in types:
            exact = _text(sel, OA + "exact")
        if OA + "TextPositionSelector" in types:
            start, end = _integer(_first(sel, OA + "start")), _integer(_first(sel, OA + "end"))
    return Evidence(iri=iri, source=_text(props, OA + "hasSource"), exact=exact, start=start, end=end)


def short(iri: str) -> str:
    """An IRI of the project's data without its base, for messages (obs/doc-…, doc/doc-…)."""
    return iri.removeprefix(ID)
