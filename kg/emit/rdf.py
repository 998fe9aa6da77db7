"""Observations as RDF: one named graph per document, in the ontology's terms.

A document's graph holds its observations (every contract field), the derived
edges (tradesWith, exportsTo, importsFrom), an evidence node per observation
with a quote selector and a position selector, the document node (with its
extracted text) and the extraction run. Nothing here touches a store: these are
pure functions from records to quads.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from kg.emit import iris
from kg.emit.iris import DCTERMS, OA, PROV, QB, RDF, SCHEMA, XSD, kg
from kg.model import Document, Observation, Period

A = NamedNode(RDF + "type")
CONTEXT_CHARS = 32  # characters of prefix and suffix kept with a quote
DATASET = NamedNode(iris.ID + "dataset/trade")


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def decimal(x: float) -> Literal:
    """An xsd:decimal written without exponent (260350000000, 20.8)."""
    text = format(Decimal(repr(float(x))).normalize(), "f")
    return Literal(text, datatype=_n(XSD + "decimal"))


def xsd_date(d: date) -> Literal:
    return Literal(d.isoformat(), datatype=_n(XSD + "date"))


def xsd_datetime(t: datetime) -> Literal:
    return Literal(t.isoformat(), datatype=_n(XSD + "dateTime"))


def integer(n: int) -> Literal:
    """xsd:integer: Oxigraph stores integers by value, so a narrower type would not survive a round trip."""
    return Literal(str(n), datatype=_n(XSD + "integer"))


def period_code(p: Period) -> str:
    """2025, 2021-H1, 2022-Q1, 2022-M01, or 2022-01..2022-02 for other spans."""
    s, e = p.start, p.end
    months = (e.year - s.year) * 12 + e.month - s.month + 1
    if s.year == e.year and s.day == 1:
        if months == 12:
            return str(s.year)
        if months == 6 and s.month in (1, 7):
            return f"{s.year}-H{1 if s.month == 1 else 2}"
        if months == 3 and s.month in (1, 4, 7, 10):
            return f"{s.year}-Q{(s.month + 2) // 3}"
        if months == 1:
            return f"{s.year}-M{s.month:02d}"
    return f"{s.year}-{s.month:02d}..{e.year}-{e.month:02d}"


def document_quads(doc: Document, observations: list[Observation], started: datetime,
                   ended: datetime, version: str) -> Iterator[Quad]:
    """Every quad of the document's named graph."""
    g = iris.doc_graph(doc.id)
    d = iris.document(doc.id)
    run = iris.run(doc.id, version)
    software = iris.software(version)

    def q(s, p, o) -> Quad:
        return Quad(s, p, o, g)

    yield from _document(doc, d, q)
    yield q(run, A, kg("ExtractionRun"))
    yield q(run, A, _n(PROV + "Activity"))
    yield q(run, _n(PROV + "used"), d)
    yield q(run, _n(PROV + "wasAssociatedWith"), software)
    yield q(run, _n(PROV + "startedAtTime"), xsd_datetime(started))
    yield q(run, _n(PROV + "endedAtTime"), xsd_datetime(ended))
    yield q(software, A, kg("Software"))
    yield q(software, A, _n(PROV + "SoftwareAgent"))
    yield q(software, _n(SCHEMA + "softwareVersion"), Literal(version))
    yield q(software, _n(iris.RDFS + "label"), Literal(f"kg {version}"))
    for obs in observations:
        yield from _observation(doc, obs, d, run, q)


def _document(doc: Document, d: NamedNode, q) -> Iterator[Quad]:
    yield q(d, A, kg("Document"))
    yield q(d, A, _n(PROV + "Entity"))
    yield q(d, _n(DCTERMS + "identifier"), Literal(doc.id))
    if doc.title:
        yield q(d, _n(DCTERMS + "title"), Literal(doc.title))
    if doc.date:
        yield q(d, _n(DCTERMS + "date"), xsd_date(doc.date))
    if doc.publisher:
        yield q(d, _n(DCTERMS + "publisher"), Literal(doc.publisher))
    for category in doc.categories:
        yield q(d, _n(DCTERMS + "subject"), Literal(category))
    yield q(d, kg("script"), Literal(doc.script))
    yield q(d, kg("sourcePath"), Literal(doc.source))
    yield q(d, kg("sha256"), Literal(doc.sha256))
    yield q(d, kg("dateInferred"), Literal("true" if doc.date_inferred else "false", datatype=_n(XSD + "boolean")))
    yield q(d, kg("text"), Literal(doc.text))


def _observation(doc: Document, obs: Observation, d: NamedNode, run: NamedNode, q) -> Iterator[Quad]:
    suffix = iris.observation_suffix(doc.id, obs.key)
    o = _n(f"{iris.ID}obs/{suffix}")
    ev = _n(f"{iris.ID}evidence/{suffix}")
    reporter = iris.place(obs.reporter)
    yield q(o, A, kg("TradeObservation"))
    yield q(o, A, _n(QB + "Observation"))
    yield q(o, _n(QB + "dataSet"), DATASET)
    yield q(o, kg("reporter"), reporter)
    if obs.partner:
        partner = iris.place(obs.partner)
        yield q(o, kg("partner"), partner)
        yield q(reporter, kg("tradesWith"), partner)
        if obs.flow in ("export", "import"):
            yield q(reporter, kg("exportsTo" if obs.flow == "export" else "importsFrom"), partner)
    yield q(o, kg("flow"), iris.concept("flow", obs.flow))
    if obs.commodity:
        yield q(o, kg("commodity"), iris.concept("commodity", obs.commodity))
    if obs.mode:
        yield q(o, kg("mode"), iris.concept("mode", obs.mode))
    yield q(o, kg("periodStart"), xsd_date(obs.period.start))
    yield q(o, kg("periodEnd"), xsd_date(obs.period.end))
    yield q(o, kg("periodCode"), Literal(period_code(obs.period)))
    if obs.value is not None:
        yield q(o, kg("value"), decimal(obs.value))
        if obs.currency:
            yield q(o, kg("currency"), Literal(obs.currency))
    if obs.quantity is not None:
        yield q(o, kg("quantity"), decimal(obs.quantity.amount))
        yield q(o, kg("unit"), Literal(obs.quantity.unit))
    if obs.as_written:
        yield q(o, kg("valueAsWritten"), Literal(obs.as_written))
    if obs.yoy_pct is not None:
        yield q(o, kg("yoyPct"), decimal(obs.yoy_pct))
    if obs.share_pct is not None:
        yield q(o, kg("sharePct"), decimal(obs.share_pct))
    yield q(o, kg("document"), d)
    yield q(o, _n(PROV + "wasDerivedFrom"), ev)
    yield q(o, _n(PROV + "wasGeneratedBy"), run)
    yield from _evidence(doc, obs, ev, d, q)


def _evidence(doc: Document, obs: Observation, ev: NamedNode, d: NamedNode, q) -> Iterator[Quad]:
    start, end = obs.offset
    quote_sel, pos_sel = _n(ev.value + "#quote"), _n(ev.value + "#position")
    yield q(ev, A, kg("Evidence"))
    yield q(ev, A, _n(OA + "SpecificResource"))
    yield q(ev, _n(OA + "hasSource"), d)
    yield q(ev, _n(OA + "hasSelector"), quote_sel)
    yield q(ev, _n(OA + "hasSelector"), pos_sel)
    yield q(quote_sel, A, _n(OA + "TextQuoteSelector"))
    yield q(quote_sel, _n(OA + "exact"), Literal(doc.text[start:end]))
    yield q(quote_sel, _n(OA + "prefix"), Literal(doc.text[max(0, start - CONTEXT_CHARS):start]))
    yield q(quote_sel, _n(OA + "suffix"), Literal(doc.text[end:end + CONTEXT_CHARS]))
    yield q(pos_sel, A, _n(OA + "TextPositionSelector"))
    yield q(pos_sel, _n(OA + "start"), integer(start))
    yield q(pos_sel, _n(OA + "end"), integer(end))
