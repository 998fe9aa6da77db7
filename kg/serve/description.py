"""The SPARQL 1.1 Service Description of the endpoint, answered on a GET without a query.

It tells clients what the endpoint does (queries only, the union of all graphs as the default
graph, its result formats) and, in a comment, the limits it enforces.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.serve.config import ServeConfig
from kg.serve.formats import OFFERS

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
PREFIXES = {"sd": SD, "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "formats": "http://www.w3.org/ns/formats/"}


def _sd(term: str) -> NamedNode:
    return NamedNode(SD + term)


def service_description(endpoint: str, config: ServeConfig) -> list[Triple]:
    """Triples describing the endpoint at `endpoint` run with `config`."""
    service, dataset, graph = BlankNode(), BlankNode(), BlankNode()
    result_formats = {f.iri for offers in OFFERS.values() for f in offers}
    features = ["UnionDefaultGraph"] + (["BasicFederatedQuery"] if config.service_allow else [])
    limits = (f"Read-only: SPARQL Update is refused. Queries run for at most {config.timeout:g} s; a "
              f"response holds at most {config.row_cap} rows or triples (X-Result-Truncated: true says "
              f"rows were cut); requests are limited to {config.max_request_bytes} bytes. SERVICE "
              + (f"may only call {', '.join(sorted(config.service_allow))}." if config.service_allow
                 else "is refused."))
    return [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), NamedNode(endpoint)),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        *(Triple(service, _sd("resultFormat"), NamedNode(iri)) for iri in sorted(result_formats)),
        *(Triple(service, _sd("feature"), _sd(name)) for name in features),
        Triple(service, _sd("defaultEntailmentRegime"), NamedNode("http://www.w3.org/ns/entailment/Simple")),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), graph),
        Triple(graph, RDF_TYPE, _sd("Graph")),
        Triple(graph, RDFS_COMMENT, Literal("The union of all the named graphs of the store.", language="en")),
        Triple(service, RDFS_COMMENT, Literal(limits, language="en")),
    ]
