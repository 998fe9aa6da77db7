"""What the HTML page of a resource shows: the generic parts every resource has, and the parts
particular to observations, places, documents and named graphs. Each part is one resource query
(kg/data/resources/) run in the executor pool; the templates only lay the result out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pyoxigraph import NamedNode

from kg.emit.iris import DCTERMS, GRAPH, ID, KG, RDF, RDFS, SKOS
from kg.serve.lookup import select
from kg.serve.passage import Passage, passage
from kg.serve.terms import Row, Term

TYPE = RDF + "type"
LABELS = (RDFS + "label", SKOS + "prefLabel", DCTERMS + "title")
LANGUAGES = ("en", "zh-Hans", "zh-Hant", None)  # the order a label is picked in
LONG_LITERAL = 400                              # characters; longer values are folded on the page
FIRST_PREDICATES = (TYPE, *LABELS)


@dataclass(frozen=True)
class Value:
    term: Term
    label: str | None = None      # the object's label, when it is a resource that has one

    @property
    def long(self) -> bool:
        return not self.term.is_iri and len(self.term.value) > LONG_LITERAL


@dataclass
class Resource:
    """The parts every resource page has."""

    iri: str
    heading: str | None = None    # a title made up for resources without a label (observations)
    properties: dict[Term, list[Value]] = field(default_factory=dict)   # predicate -> values
    incoming_count: int = 0
    incoming: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)

    def values(self, predicate: str) -> list[Value]:
        return self.properties.get(Term(predicate, "uri"), [])

    def first(self, predicate: str) -> Value | None:
        values = self.values(predicate)
        return values[0] if values else None

    @property
    def types(self) -> set[str]:
        return {v.term.value for v in self.values(TYPE)}

    def label(self, lang: str) -> str | None:
        """The resource's own label in `lang` (rdfs:label, skos:prefLabel or dcterms:title)."""
        return next((v.term.value for p in LABELS for v in self.values(p) if v.term.lang == lang), None)

    @property
    def title(self) -> str:
        plain = next((v.term.value for p in LABELS for v in self.values(p) if not v.term.lang), None)
        return (self.heading or self.label("en") or self.label("zh-Hans") or self.label("zh-Hant") or plain
                or self.iri)

    @property
    def chinese(self) -> str | None:
        zh = self.label("zh-Hans") or self.label("zh-Hant")
        return zh if zh != self.title else None


def describe(resource: NamedNode) -> Resource:
    """The generic parts of `resource`'s page."""
    page = Resource(resource.value, properties=_properties(select("properties", resource)))
    count = select("incoming_count", resource)
    page.incoming_count = int(count[0]["n"].value) if count else 0
    page.incoming = select("incoming", resource)
    page.findings = select("findings", resource)
    return page


def _properties(rows: list[Row]) -> dict[Term, list[Value]]:
    """Rows (p, o, label?) grouped by predicate, each object once, with its best label."""
    labels: dict[tuple[str, Term], list[Term]] = {}
    for row in rows:
        found = labels.setdefault((row["p"].value, row["o"]), [])
        if "label" in row:
            found.append(row["label"])
    grouped: dict[str, list[Value]] = {}
    for (predicate, obj), object_labels in labels.items():
        grouped.setdefault(predicate, []).append(Value(obj, _pick(object_labels)))
    order = {p: i for i, p in enumerate(FIRST_PREDICATES)}
    ranked = sorted(grouped.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    return {Term(predicate, "uri"): values for predicate, values in ranked}


def _pick(labels: list[Term]) -> str | None:
    for lang in LANGUAGES:
        for label in labels:
            if label.lang == lang:
                return label.value
    return None


# --- observations --------------------------------------------------------------------------------

@dataclass
class Observation:
    row: Row                              # evidence, document and run (observation.rq)
    passage: Passage | None
    same_as: dict[str, list[Term]]        # place IRI -> its Wikidata links


def observation_heading(page: Resource) -> str:
    """Reporter – partner · flow · commodity · period, from the labels on the page (the observation has none)."""
    def shown(name: str) -> str | None:
        value = page.first(KG + name)
        return (value.label or value.term.short) if value else None

    places = " – ".join(filter(None, (shown("reporter"), shown("partner"))))
    return " · ".join(filter(None, (places, shown("flow"), shown("commodity"), shown("mode"), shown("periodCode"))))


def observation(resource: NamedNode) -> Observation:
    row, found = _quoted("observation", resource)
    same_as: dict[str, list[Term]] = {}
    for link in select("same_as", resource):
        same_as.setdefault(link["place"].value, []).append(link["same"])
    return Observation(row, found, same_as)


@dataclass
class Evidence:
    row: Row                              # quote, offsets, document and observation (evidence.rq)
    passage: Passage | None


def evidence(resource: NamedNode) -> Evidence:
    return Evidence(*_quoted("evidence", resource))


def _quoted(query: str, resource: NamedNode) -> tuple[Row, Passage | None]:
    """The first row of `query` and the passage its text, offsets and quote give (if they agree)."""
    rows = select(query, resource)
    row = rows[0] if rows else {}
    found = None
    if {"text", "start", "end", "exact"} <= row.keys():
        found = passage(row["text"].value, int(row["start"].value), int(row["end"].value), row["exact"].value)
    return row, found


def amount(value: str) -> str:
    """A decimal figure with thousands separators (40,620,000,000), as written when it is not a number."""
    try:
        return f"{Decimal(value):,f}"
    except InvalidOperation:
        return value


# --- places, documents, graphs -------------------------------------------------------------------

@dataclass
class Place:
    observations: list[Row]
    observation_count: int
    children: list[Row]


def place(resource: NamedNode) -> Place:
    count = select("place_observation_count", resource)
    return Place(select("place_observations", resource), int(count[0]["n"].value) if count else 0,
                 select("place_children", resource))


def document_observations(resource: NamedNode) -> list[Row]:
    return select("document_observations", resource)


@dataclass
class Graph:
    size: int
    classes: list[Row]
    document: Term | None     # the document a per-document graph holds


def graph(resource: NamedNode) -> Graph:
    size = select("graph_size", resource)
    name = resource.value.removeprefix(GRAPH)
    document = Term(f"{ID}doc/{name}", "uri") if name.startswith("doc-") else None
    return Graph(int(size[0]["n"].value) if size else 0, select("graph_classes", resource), document)


PAGE_KINDS = ((KG + "TradeObservation", "observation"), (KG + "Place", "place"), (KG + "Document", "document"),
              (KG + "Evidence", "evidence"))


def kind_of(page: Resource) -> str:
    """Which template shows the resource: observation, place, document, evidence or the generic resource."""
    types = page.types
    return next((kind for cls, kind in PAGE_KINDS if cls in types), "resource")
