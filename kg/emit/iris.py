"""The project's namespaces and how IRIs are minted.

IRIs are deterministic: they are derived from codes, slugs, the document's
content hash and the observation's key, so rebuilding the same document mints
the same IRIs and links to them stay valid.
"""

from __future__ import annotations

import hashlib
from functools import cache

from pyoxigraph import NamedNode

BASE = "https://w3id.org/cn-trade-kg/"
ONTOLOGY = BASE + "ontology"
KG = ONTOLOGY + "#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

QB = "http://purl.org/linked-data/cube#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WD = "http://www.wikidata.org/entity/"

PREFIXES = {
    "kg": KG, "place": ID + "place/", "commodity": ID + "commodity/", "mode": ID + "mode/",
    "flow": ID + "flow/", "doc": ID + "doc/", "obs": ID + "obs/",
    "qb": QB, "prov": PROV, "oa": OA, "skos": SKOS, "schema": SCHEMA,
    "dcterms": DCTERMS, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "wd": WD,
}

REFERENCE_GRAPHS = ("ontology", "places", "vocab", "links")


@cache
def kg(term: str) -> NamedNode:
    """A term of the ontology (cached: the emitter asks for the same few terms millions of times)."""
    return NamedNode(KG + term)


@cache
def node(iri: str) -> NamedNode:
    """A cached node for an IRI that recurs (predicates, classes, places, concepts)."""
    return NamedNode(iri)


def place(code: str) -> NamedNode:
    return node(f"{ID}place/{code}")


def concept(scheme: str, slug: str) -> NamedNode:
    return node(f"{ID}{scheme}/{slug}")


def document(doc_id: str) -> NamedNode:
    return NamedNode(f"{ID}doc/{doc_id}")


def doc_graph(doc_id: str) -> NamedNode:
    return NamedNode(f"{GRAPH}{doc_id}")


def reference_graph(name: str) -> NamedNode:
    return NamedNode(f"{GRAPH}{name}")


def observation_suffix(doc_id: str, key: tuple) -> str:
    """The local part shared by an observation and its evidence: document + key."""
    digest = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:16]
    return f"{doc_id}-{digest}"


def run(doc_id: str, version: str) -> NamedNode:
    return NamedNode(f"{ID}run/{doc_id}-kg-{version}")


def software(version: str) -> NamedNode:
    return NamedNode(f"{ID}software/kg-{version}")
