"""Reference data as RDF, generated from the gazetteer files, each set in its own named graph.

- places: countries, provinces, cities and groups with codes, labels in three
  scripts, parents and group members;
- links: owl:sameAs to Wikidata;
- vocab: commodities and trade modes as SKOS concept schemes;
- ontology: ontology/kg.ttl as it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.emit import iris
from kg.emit.iris import OWL, RDFS, SKOS, WD, kg
from kg.emit.rdf import A
from kg.gazetteer import Concept, Gazetteer, Place
from kg.normalise.text import to_simplified

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent.parent / "ontology"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
KIND_CLASS = {"country": "Country", "province": "Province", "city": "City", "county_city": "CountyLevelCity",
              "group": "CountryGroup"}


def _lang(text: str) -> str:
    """The language tag of an alias: en for Latin script, else zh-Hans or zh-Hant."""
    if text.isascii():
        return "en"
    return "zh-Hans" if to_simplified(text) == text else "zh-Hant"


def _labels(node: NamedNode, labels: dict[str, str], aliases: tuple[str, ...], g: NamedNode,
            pref: NamedNode) -> Iterator[Quad]:
    seen = set()
    for lang, text in labels.items():
        if text:
            seen.add((text, lang))
            yield Quad(node, pref, Literal(text, language=lang), g)
    for alias in aliases:
        lang = _lang(alias)
        if (alias, lang) not in seen:
            seen.add((alias, lang))
            yield Quad(node, NamedNode(SKOS + "altLabel"), Literal(alias, language=lang), g)


def place_quads(gaz: Gazetteer) -> Iterator[Quad]:
    g = iris.reference_graph("places")
    for p in gaz.places.values():
        yield from _place(p, gaz, g)


def _place(p: Place, gaz: Gazetteer, g: NamedNode) -> Iterator[Quad]:
    node = iris.place(p.code)
    yield Quad(node, A, kg(KIND_CLASS[p.kind]), g)
    yield Quad(node, A, kg("Place"), g)
    yield Quad(node, kg("code"), Literal(p.code), g)
    yield from _labels(node, p.labels, p.aliases, g, NamedNode(RDFS + "label"))
    if p.gb2260:
        yield Quad(node, kg("gb2260"), Literal(p.gb2260), g)
    if p.parent:  # a prefecture's province; a county-level city's prefecture (or province)
        yield Quad(node, kg("parentRegion"), iris.place(p.parent), g)
    elif p.kind == "province":
        yield Quad(node, kg("parentRegion"), iris.place("CN"), g)
    for member in p.members:
        if member in gaz.places:
            yield Quad(iris.place(member), kg("memberOf"), node, g)
            yield Quad(node, kg("hasMember"), iris.place(member), g)


def link_quads(gaz: Gazetteer) -> Iterator[Quad]:
    g = iris.reference_graph("links")
    for p in gaz.places.values():
        if p.wikidata and gaz.canonical(p.code) == p.code:  # CN-HK is HK: one link, not two
            yield Quad(iris.place(p.code), NamedNode(OWL + "sameAs"), NamedNode(WD + p.wikidata), g)


def vocab_quads(gaz: Gazetteer) -> Iterator[Quad]:
    g = iris.reference_graph("vocab")
    # The four flows are individuals of the ontology itself (ontology/kg.ttl).
    for scheme, cls, concepts in (("commodity", "Commodity", gaz.commodities), ("mode", "TradeMode", gaz.modes)):
        yield from _scheme(scheme, cls, concepts, g)


def _scheme(scheme_name: str, cls: str, concepts: dict[str, Concept], g: NamedNode) -> Iterator[Quad]:
    scheme = NamedNode(iris.ID + scheme_name)
    yield Quad(scheme, A, NamedNode(SKOS + "ConceptScheme"), g)
    for c in concepts.values():
        node = iris.concept(scheme_name, c.slug)
        yield Quad(node, A, kg(cls), g)
        yield Quad(node, A, NamedNode(SKOS + "Concept"), g)
        yield Quad(node, NamedNode(SKOS + "inScheme"), scheme, g)
        yield Quad(node, kg("code"), Literal(c.slug), g)
        if c.broader:
            yield Quad(node, NamedNode(SKOS + "broader"), iris.concept(scheme_name, c.broader), g)
        yield from _labels(node, c.labels, c.aliases, g, NamedNode(SKOS + "prefLabel"))


def ontology_quads() -> Iterator[Quad]:
    g = iris.reference_graph("ontology")
    path = ONTOLOGY_DIR / "kg.ttl"
    with open(path, "rb") as fh:
        for t in parse(fh, format=RdfFormat.TURTLE, base_iri=iris.ONTOLOGY):
            yield Quad(t.subject, t.predicate, t.object, g)


def reference_fingerprint() -> str:
    """A hash of every file the reference graphs come from: unchanged files, nothing to reload."""
    h = hashlib.sha256()
    files = sorted(DATA_DIR.rglob("*.tsv")) + [ONTOLOGY_DIR / "kg.ttl"]
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def reference_quads(gaz: Gazetteer) -> dict[str, Iterator[Quad]]:
    """Each reference graph's quads, by graph name."""
    return {"ontology": ontology_quads(), "places": place_quads(gaz), "vocab": vocab_quads(gaz), "links": link_quads(gaz)}
