"""Observations as RDF: one named graph per document, in the ontology's terms.

A document's graph holds its observations (every contract field), the derived
edges (tradesWith, exportsTo, importsFrom), an evidence node per observation
with a quote selector and a position selector, the document node (with its
extracted text) and the extraction run. Nothing here touches a store: these are
pure functions from records to quads.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from kg.emit import iris
from kg.emit.iris import DCTERMS, OA, PROV, QB, RDF, SCHEMA, XSD, kg
from kg.model import Document, Observation, Period

A = NamedNode(RDF + "type")
CONTEXT_CHARS = 32  # characters of prefix and suffix kept with a quote
DATASET = NamedNode(iris.ID + "dataset/trade")


_n = iris.node


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


def text_sha256(text: str) -> str:
    """SHA-256 of the extracted text's UTF-8 bytes: kg:sha256 is of the raw file, so the stored
    text needs its own digest for an audit to tell that it is still what was extracted."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
                   ended: datetime, version: str) -> list[Quad]:
    """Every quad of the document's named graph (a list: one level of calls per quad keeps it fast)."""
    g = iris.doc_graph(doc.id)
    d = iris.document(doc.id)
    run = iris.run(doc.id, version)
    software = iris.software(version)
    out: list[Quad] = []
    add = out.append

    def q(s, p, o) -> None:
        add(Quad(s, p, o, g))

    _document(doc, d, q)
    q(run, A, kg("ExtractionRun"))
    q(run, A, _n(PROV + "Activity"))
    q(run, _n(PROV + "used"), d)
    q(run, _n(PROV + "wasAssociatedWith"), software)
    q(run, _n(PROV + "startedAtTime"), xsd_datetime(started))
    q(run, _n(PROV + "endedAtTime"), xsd_datetime(ended))
    q(software, A, kg("Software"))
    q(software, A, _n(PROV + "SoftwareAgent"))
    q(software, _n(SCHEMA + "softwareVersion"), Literal(version))
    q(software, _n(iris.RDFS + "label"), Literal(f"kg {version}"))
    for obs in observations:
        _observation(doc, obs, d, run, q)
    return out


def _document(doc: Document, d: NamedNode, q) -> None:
    q(d, A, kg("Document"))
    q(d, A, _n(PROV + "Entity"))
    q(d, _n(DCTERMS + "identifier"), Literal(doc.id))
    if doc.title:
        q(d, _n(DCTERMS + "title"), Literal(doc.title))
    if doc.date:
        q(d, _n(DCTERMS + "date"), xsd_date(doc.date))
    if doc.publisher:
        q(d, _n(DCTERMS + "publisher"), Literal(doc.publisher))
    for category in doc.categories:
        q(d, _n(DCTERMS + "subject"), Literal(category))
    q(d, kg("script"), Literal(doc.script))
    q(d, kg("sourcePath"), Literal(doc.source))
    q(d, kg("sha256"), Literal(doc.sha256))
    q(d, kg("dateInferred"), Literal("true" if doc.date_inferred else "false", datatype=_n(XSD + "boolean")))
    q(d, kg("text"), Literal(doc.text))
    q(d, kg("textSha256"), Literal(text_sha256(doc.text)))


def _observation(doc: Document, obs: Observation, d: NamedNode, run: NamedNode, q) -> None:
    suffix = iris.observation_suffix(doc.id, obs.key)
    o = NamedNode(f"{iris.ID}obs/{suffix}")  # unique IRIs are not cached
    ev = NamedNode(f"{iris.ID}evidence/{suffix}")
    reporter = iris.place(obs.reporter)
    q(o, A, kg("TradeObservation"))
    q(o, A, _n(QB + "Observation"))
    q(o, _n(QB + "dataSet"), DATASET)
    q(o, kg("reporter"), reporter)
    if obs.partner:
        partner = iris.place(obs.partner)
        q(o, kg("partner"), partner)
        q(reporter, kg("tradesWith"), partner)
        if obs.flow in ("export", "import"):
            q(reporter, kg("exportsTo" if obs.flow == "export" else "importsFrom"), partner)
    q(o, kg("flow"), iris.concept("flow", obs.flow))
    if obs.commodity:
        q(o, kg("commodity"), iris.concept("commodity", obs.commodity))
    if obs.mode:
        q(o, kg("mode"), iris.concept("mode", obs.mode))
    q(o, kg("periodStart"), xsd_date(obs.period.start))
    q(o, kg("periodEnd"), xsd_date(obs.period.end))
    q(o, kg("periodCode"), Literal(period_code(obs.period)))
    if obs.value is not None:
        q(o, kg("value"), decimal(obs.value))
        if obs.currency:
            q(o, kg("currency"), Literal(obs.currency))
    if obs.quantity is not None:
        q(o, kg("quantity"), decimal(obs.quantity.amount))
        q(o, kg("unit"), Literal(obs.quantity.unit))
    if obs.as_written:
        q(o, kg("valueAsWritten"), Literal(obs.as_written))
    if obs.yoy_pct is not None:
        q(o, kg("yoyPct"), decimal(obs.yoy_pct))
    if obs.share_pct is not None:
        q(o, kg("sharePct"), decimal(obs.share_pct))
    q(o, kg("document"), d)
    q(o, _n(PROV + "wasDerivedFrom"), ev)
    q(o, _n(PROV + "wasGeneratedBy"), run)
    _evidence(doc, obs, ev, d, q)


def _evidence(doc: Document, obs: Observation, ev: NamedNode, d: NamedNode, q) -> None:
    start, end = obs.offset
    quote_sel, pos_sel = NamedNode(ev.value + "#quote"), NamedNode(ev.value + "#position")
    q(ev, A, kg("Evidence"))
    q(ev, A, _n(OA + "SpecificResource"))
    q(ev, _n(OA + "hasSource"), d)
    q(ev, _n(OA + "hasSelector"), quote_sel)
    q(ev, _n(OA + "hasSelector"), pos_sel)
    q(quote_sel, A, _n(OA + "TextQuoteSelector"))
    q(quote_sel, _n(OA + "exact"), Literal(doc.text[start:end]))
    q(quote_sel, _n(OA + "prefix"), Literal(doc.text[max(0, start - CONTEXT_CHARS):start]))
    q(quote_sel, _n(OA + "suffix"), Literal(doc.text[end:end + CONTEXT_CHARS]))
    q(pos_sel, A, _n(OA + "TextPositionSelector"))
    q(pos_sel, _n(OA + "start"), integer(start))
    q(pos_sel, _n(OA + "end"), integer(end))
