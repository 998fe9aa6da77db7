"""The checks that run before the engine sees a query: SERVICE endpoints, the dataset, the format.

SERVICE must be found however a query writes it, and a query that cannot be checked is refused;
these run without a server (the HTTP tests show the refusals reach nothing on the network).
"""

from __future__ import annotations

import pytest

from kg.serve import formats
from kg.serve.dataset import dataset_options, declares_dataset
from kg.serve.formats import Kind
from kg.serve.lexer import nesting_depth
from kg.serve.services import Refused, check_services

BASE = "http://127.0.0.1:5000/sparql"
ALLOWED = "http://allowed.example/sparql"
ALLOW = frozenset({ALLOWED})


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p ?o }",
    'SELECT * WHERE { ?s ?p "customs service" } # no SERVICE clause here',
    "SELECT ?service WHERE { ?service <http://example.org/SERVICE> ?o }",
    f"SELECT * WHERE {{ SERVICE <{ALLOWED}> {{ ?s ?p ?o }} }}",
    "PREFIX a: <http://allowed.example/> SELECT * WHERE { SERVICE SILENT a:sparql { ?s ?p ?o } }",
    "BASE <http://allowed.example/x/> SELECT * WHERE { SERVICE <../sparql> { ?s ?p ?o } }",
    f"SELECT * WHERE {{ SERVICE <{ALLOWED}> {{ ?s ?p ?o }} SERVICE <{ALLOWED}> {{ ?s ?p ?o }} }}",
])
def test_allowed(query: str) -> None:
    check_services(query, BASE, ALLOW)


@pytest.mark.parametrize("query, status, says", [
    ("SELECT * WHERE { SERVICE <http://other.example/sparql> { ?s ?p ?o } }", 403, "<http://other.example/sparql>"),
    ("SELECT * WHERE { service <http://other.example/sparql> { ?s ?p ?o } }", 403, "allow-list"),
    ("SELECT * WHERE { SERVICE </x> {} }", 403, "<http://127.0.0.1:5000/x>"),
    ("SELECT * WHERE { VALUES ?e { <http://allowed.example/sparql> } SERVICE ?e { ?s ?p ?o } }", 403, "variable"),
    ("SELECT * WHERE { { SELECT * WHERE { OPTIONAL { SERVICE <http://o.example/> {} } } } }", 403, "<http://o.example/>"),
    ("ASK { FILTER NOT EXISTS { SERVICE <http://o.example/> {} } }", 403, "<http://o.example/>"),
    ("SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b)SERVICE#>\n<http://o.example/>{} }", 403, "o.example"),
    ("SELECT * WHERE { SERVICE u:x {} }", 400, "could not be checked"),
    (f"SELECT * WHERE {{ SERVICE <{ALLOWED}> {{ SERVICE <http://o.example/> {{}} }} }}", 400,
     "SERVICE inside a SERVICE"),
    ('SELECT * WHERE { BIND("\\u0022" AS ?x) SERVICE <http://o.example/> {} BIND("\\u0022" AS ?y) }', 400, "\\u"),
    ("SELECT * WHERE { SERVICE <http://o.example/> {", 400, "could not be checked"),
])
def test_refused(query: str, status: int, says: str) -> None:
    with pytest.raises(Refused) as refused:
        check_services(query, BASE, ALLOW)
    assert refused.value.status == status and says in str(refused.value)


def test_empty_allow_list_refuses_every_service() -> None:
    with pytest.raises(Refused, match="empty"):
        check_services(f"SELECT * WHERE {{ SERVICE <{ALLOWED}> {{}} }}", BASE, frozenset())


@pytest.mark.parametrize("query, declared", [
    ("SELECT * FROM <http://g> WHERE { ?s ?p ?o }", True),
    ("select * from named <http://g> where { graph ?g { ?s ?p ?o } }", True),
    ("CONSTRUCT { ?s ?p ?o } FROM<http://g> WHERE { ?s ?p ?o }", True),
    ("SELECT ?from WHERE { ?from <http://example.org/FROM> 'FROM' } # FROM <x>", False),
    ("SELECT * WHERE { ?s ex:from ?o ; ?p '''a\nFROM b''' }", False),
])
def test_dataset_clauses(query: str, declared: bool) -> None:
    assert declares_dataset(query) is declared


def test_dataset_options() -> None:
    assert dataset_options("SELECT * { ?s ?p ?o }", (), ()) == {"use_default_graph_as_union": True}
    assert dataset_options("SELECT * FROM <http://g> { ?s ?p ?o }", (), ()) == {}
    protocol = dataset_options("SELECT * FROM <http://g> { ?s ?p ?o }", (), ("http://n",))
    assert protocol["default_graph"] == [] and [g.value for g in protocol["named_graphs"]] == ["http://n"]


@pytest.mark.parametrize("kind, accept, param, expected", [
    (Kind.SOLUTIONS, "", None, "json"),
    (Kind.SOLUTIONS, "*/*", None, "json"),
    (Kind.SOLUTIONS, "application/sparql-results+json;q=0.4, application/sparql-results+xml;q=0.9, */*;q=0.1",
     None, "xml"),
    (Kind.SOLUTIONS, "text/*", None, "csv"),
    (Kind.SOLUTIONS, "application/json", None, "json"),
    (Kind.SOLUTIONS, "text/html", "tsv", "tsv"),
    (Kind.SOLUTIONS, "", "text/csv", "csv"),
    (Kind.BOOLEAN, "text/csv", None, None),
    (Kind.GRAPH, "", None, "ttl"),
    (Kind.GRAPH, "application/json", None, "jsonld"),
    (Kind.GRAPH, "application/rdf+xml, text/turtle;q=0.5", None, "rdfxml"),
    (Kind.GRAPH, "", "json", "jsonld"),      # json and xml name the flavour that fits the result
    (Kind.GRAPH, "", "xml", "rdfxml"),
    (Kind.GRAPH, "", "turtle", "ttl"),       # names SPARQLWrapper sends
    (Kind.GRAPH, "", "json-ld", "jsonld"),
    (Kind.SOLUTIONS, "", "ttl", None),
])
def test_negotiate(kind: Kind, accept: str, param: str | None, expected: str | None) -> None:
    chosen = formats.negotiate(kind, accept, param)
    assert (chosen.name if chosen else None) == expected


@pytest.mark.parametrize("query, depth", [
    ("ASK {}", 1),
    ("SELECT * WHERE { { ?s ?p ?o FILTER((1 + 2) > 0) } }", 4),
    ("SELECT * WHERE { ?s ?p '{{{{' ; <http://x/(((> \"}}}\" } # {{{{", 1),
])
def test_nesting_depth_skips_strings_iris_and_comments(query: str, depth: int) -> None:
    assert nesting_depth(query) == depth
