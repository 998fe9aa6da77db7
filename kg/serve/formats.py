"""Result formats and content negotiation, shared by every route that answers a query.

An explicit `format` parameter (a short name or a media type, for browsers, which cannot set
Accept) wins over the Accept header; Accept q-values and wildcards are honoured, and with no
Accept header the first format of each kind is the default (JSON results, Turtle graphs).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pyoxigraph import QueryResultsFormat, RdfFormat
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from kg.serve.memo import for_short_texts


class Kind(Enum):
    """What a query returns; each kind has its own serialisations."""

    SOLUTIONS = "SELECT"
    BOOLEAN = "ASK"
    GRAPH = "CONSTRUCT/DESCRIBE"


@dataclass(frozen=True)
class Format:
    names: tuple[str, ...]            # `format` parameter values; the first is the canonical one
    media_type: str
    engine: QueryResultsFormat | RdfFormat
    aliases: tuple[str, ...] = ()     # other media types clients send for it

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def iri(self) -> str:
        """The W3C format IRI (http://www.w3.org/ns/formats/…), for the service description."""
        return self.engine.iri

    def named_by(self, value: str) -> bool:
        """Whether a `format` parameter value (a name or a media type) means this format."""
        return value in self.names or value == self.media_type or value in self.aliases


# Parameter names include those SPARQLWrapper sends (turtle, json-ld, rdf+xml, n3); json and xml
# name the JSON and XML flavour of whatever the query returns (JSON-LD and RDF/XML for graphs).
JSON = Format(("json",), "application/sparql-results+json", QueryResultsFormat.JSON, ("application/json",))
XML = Format(("xml",), "application/sparql-results+xml", QueryResultsFormat.XML)
CSV = Format(("csv",), "text/csv", QueryResultsFormat.CSV)
TSV = Format(("tsv",), "text/tab-separated-values", QueryResultsFormat.TSV)
TURTLE = Format(("ttl", "turtle", "n3"), "text/turtle", RdfFormat.TURTLE)
NTRIPLES = Format(("nt", "ntriples", "n-triples"), "application/n-triples", RdfFormat.N_TRIPLES)
RDFXML = Format(("rdfxml", "rdf+xml", "rdf", "xml"), "application/rdf+xml", RdfFormat.RDF_XML)
JSONLD = Format(("jsonld", "json-ld", "json"), "application/ld+json", RdfFormat.JSON_LD, ("application/json",))
NQUADS = Format(("nq", "nquads", "n-quads"), "application/n-quads", RdfFormat.N_QUADS)
TRIG = Format(("trig",), "application/trig", RdfFormat.TRIG)

OFFERS: dict[Kind, tuple[Format, ...]] = {
    Kind.SOLUTIONS: (JSON, XML, CSV, TSV),
    Kind.BOOLEAN: (JSON, XML),            # CSV/TSV define no boolean form
    Kind.GRAPH: (TURTLE, NTRIPLES, RDFXML, JSONLD, NQUADS, TRIG),
}


def known(format_param: str) -> bool:
    """Whether a `format` parameter names a format at all (otherwise the request is a 400)."""
    value = format_param.strip().lower()
    return any(f.named_by(value) for offers in OFFERS.values() for f in offers)


@for_short_texts
def negotiate(kind: Kind, accept: str, format_param: str | None = None) -> Format | None:
    """The format to answer a `kind` result in, or None when nothing acceptable can be produced."""
    offers = OFFERS[kind]
    if format_param:
        value = format_param.strip().lower()
        return next((f for f in offers if f.named_by(value)), None)
    parsed = parse_accept_header(accept, MIMEAccept)
    if not parsed:
        return offers[0]
    by_type = {m: f for f in offers for m in (f.media_type, *f.aliases)}
    best = parsed.best_match(list(by_type))
    return by_type.get(best) if best else None


@for_short_texts
def satisfiable(accept: str, format_param: str | None = None) -> bool:
    """Whether some kind of result could be given, so a hopeless request is refused before it runs."""
    return any(negotiate(kind, accept, format_param) for kind in Kind)
