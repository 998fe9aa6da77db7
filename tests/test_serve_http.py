"""The SPARQL server over real HTTP: `kg serve` runs as a subprocess on a store built from the seeds.

Clients are the shared conformance script, SPARQLWrapper and raw http.client requests (which
control every header). A loopback listener stands in for any host a query might make the server
contact: for SERVICE and LOAD it must receive nothing.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode

import pytest
import rdflib
from pyoxigraph import NamedNode, Quad, Store
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from serving import Listener, Reply, Server, build_seed_store, call, start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT.parent / "shared" / "conformance" / "sparql_protocol.py"
KASEI = "http://kasei.us/2009/09/sparql/data/"   # graphs the W3C protocol dataset tests query
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
W3C_QUADS = 3                                    # the W3C protocol data graphs added to the seed store
ROW_CAP = 10_000
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
# A cartesian product of all quads with a filter that never holds and cannot be pushed to one side.
HEAVY = 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?a) = CONCAT(STR(?d), "!")) }'


def get(server: Server, query: str, accept: str | None = None, **params: str) -> Reply:
    headers = {"Accept": accept} if accept else {}
    return call(server, "GET", "?" + urlencode({"query": query, **params}), headers=headers)


def count_quads(server: Server) -> int:
    return int(json.loads(get(server, COUNT_ALL).body)["results"]["bindings"][0]["n"]["value"])



@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    """A store built from a copy of the seeds by `kg build`, plus the W3C protocol data graphs."""
    path = build_seed_store(tmp_path_factory.mktemp("serve"))
    store = Store(str(path))
    for n in (1, 2, 3):   # one triple each, as the W3C data1..3.nt: lets the harness run its dataset tests
        graph = NamedNode(f"{KASEI}data{n}.rdf")
        store.add(Quad(graph, NamedNode(RDF_TYPE), NamedNode(FOAF_DOCUMENT), graph))
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def seed_quads(seed_store: Path) -> int:
    """Quads the built seed store holds, W3C graphs included, counted by the engine itself."""
    return len(Store.read_only(str(seed_store)))


@pytest.fixture(scope="module")
def server(seed_store: Path, tmp_path_factory) -> Iterator[Server]:
    running = start_server(seed_store, tmp_path_factory.mktemp("log") / "serve.log")
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def quick_timeout_server(tmp_path_factory) -> Iterator[Server]:
    """`kg serve --timeout 1 --row-cap 7` on an empty folder: it builds the store from seeds/ before serving."""
    base = tmp_path_factory.mktemp("timeout")
    running = start_server(base / "store", base / "serve.log", "--timeout", "1", "--row-cap", "7")
    yield running
    stop_server(running)


@pytest.fixture
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


# --- the conformance script -----------------------------------------------------------------------

@pytest.mark.skipif(not CONFORMANCE.exists(), reason=f"no conformance script at {CONFORMANCE}")
def test_conformance_script_passes_every_query_side_test(server: Server) -> None:
    # tsv03 is the engine's own: pyoxigraph turns "-3"^^xsd:negativeInteger into xsd:integer while
    # evaluating (in every format, as Oxigraph's server does), so no serialiser can give it back.
    run = subprocess.run([sys.executable, str(CONFORMANCE), "--endpoint", server.endpoint, "--w3c-data",
                          "--allow-fail", "tsv03"], capture_output=True, text=True, timeout=300)
    lines = run.stdout.splitlines()
    assert run.returncode == 0, run.stdout
    assert not [line for line in lines if line.startswith("FAIL")]
    skipped = [line for line in lines if line.startswith("SKIP")]
    assert all("needs --update-endpoint" in line for line in skipped), skipped
    assert len(skipped) == 15  # the update tests: this endpoint is read-only
    assert lines[-1] == "72 passed, 0 failed"


# --- SPARQLWrapper as a real client ---------------------------------------------------------------

def wrapper(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server.endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


PARTNERS = """PREFIX kg: <https://w3id.org/cn-trade-kg/ontology#>
PREFIX place: <https://w3id.org/cn-trade-kg/id/place/>
SELECT DISTINCT ?partner WHERE { ?o kg:reporter place:CN-HN ; kg:partner ?partner } ORDER BY ?partner"""


def test_sparqlwrapper_select_in_json_xml_and_csv(server: Server) -> None:
    as_json = wrapper(server, PARTNERS, JSON).query().convert()
    partners = [b["partner"]["value"] for b in as_json["results"]["bindings"]]
    assert "https://w3id.org/cn-trade-kg/id/place/ASEAN" in partners
    as_xml = wrapper(server, PARTNERS, XML).query().convert()
    assert [u.firstChild.data for u in as_xml.getElementsByTagName("uri")] == partners
    as_csv = wrapper(server, PARTNERS, CSV).query().convert().decode("utf-8")
    assert as_csv.split("\r\n") == ["partner", *partners, ""]


def test_sparqlwrapper_construct_in_turtle(server: Server) -> None:
    query = """PREFIX kg: <https://w3id.org/cn-trade-kg/ontology#>
    CONSTRUCT { ?r kg:tradesWith ?p } WHERE { ?r kg:tradesWith ?p }"""
    result = wrapper(server, query, TURTLE).query()
    assert result.response.headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=result.convert(), format="turtle")
    assert (rdflib.URIRef("https://w3id.org/cn-trade-kg/id/place/CN-HN"),
            rdflib.URIRef("https://w3id.org/cn-trade-kg/ontology#tradesWith"),
            rdflib.URIRef("https://w3id.org/cn-trade-kg/id/place/ASEAN")) in graph


def test_sparqlwrapper_malformed_query_is_a_400_with_the_parser_message(server: Server) -> None:
    with pytest.raises(QueryBadFormed) as raised:
        wrapper(server, "SELECT * WHERE { ?s ?p }", JSON).query()
    assert "error at 1:" in str(raised.value)


# --- protocol details -----------------------------------------------------------------------------

def test_a_deeply_nested_query_is_a_400_not_a_crash(server: Server) -> None:
    reply = call(server, "POST", "", ("SELECT * WHERE " + "{" * 5000 + "}" * 5000).encode(),
                 {"Content-Type": "application/sparql-query"})
    assert reply.status == 400 and "nests" in reply.text
    assert get(server, "ASK {}").status == 200


def test_project_prefixes_are_not_predeclared(server: Server) -> None:
    reply = get(server, "SELECT * WHERE { ?o kg:reporter ?r } LIMIT 1")
    assert reply.status == 400 and "Prefix not found" in reply.text


def test_default_graph_is_the_union_unless_the_query_names_its_dataset(server: Server, seed_quads: int) -> None:
    places = "https://w3id.org/cn-trade-kg/graph/places"
    in_places = get(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{places}> {{ ?s ?p ?o }} }}")
    with_from = get(server, f"SELECT (COUNT(*) AS ?n) FROM <{places}> WHERE {{ ?s ?p ?o }}")
    with_param = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": places})
    counts = [json.loads(r.body)["results"]["bindings"][0]["n"]["value"] for r in (in_places, with_from, with_param)]
    assert counts[0] == counts[1] == counts[2] and 0 < int(counts[0]) < seed_quads
    assert count_quads(server) == 2 * seed_quads  # the union default graph, then GRAPH ?g


@pytest.mark.parametrize("name, media_type", [("json", "application/sparql-results+json"),
                                              ("xml", "application/sparql-results+xml"), ("csv", "text/csv"),
                                              ("tsv", "text/tab-separated-values")])
def test_format_parameter_overrides_accept_for_select(server: Server, name: str, media_type: str) -> None:
    reply = get(server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", accept="text/html", format=name)
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media_type


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own, from its Dataset parsers
@pytest.mark.parametrize("name, media_type, syntax", [
    ("ttl", "text/turtle", "turtle"), ("nt", "application/n-triples", "nt"), ("rdfxml", "application/rdf+xml", "xml"),
    ("jsonld", "application/ld+json", "json-ld"), ("nq", "application/n-quads", "nquads"),
    ("trig", "application/trig", "trig")])
def test_format_parameter_overrides_accept_for_construct(server: Server, name: str, media_type: str,
                                                         syntax: str) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5 }"
    reply = get(server, query, accept="text/html", format=name)
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media_type
    assert len(list(rdflib.Dataset().parse(data=reply.body, format=syntax).quads())) == 5


def test_nothing_acceptable_is_a_406(server: Server) -> None:
    assert get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", accept="image/png").status == 406
    assert get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", format="ttl").status == 406
    assert get(server, "ASK {}", format="csv").status == 406
    assert call(server, "GET", headers={"Accept": "application/sparql-results+json"}).status == 406
    assert get(server, "ASK {}", format="no-such-format").status == 400


def test_service_description_on_a_get_without_a_query(server: Server) -> None:
    reply = call(server, "GET", headers={"Accept": "text/turtle"})
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=reply.body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = graph.value(predicate=sd.endpoint, object=rdflib.URIRef(server.endpoint))
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    as_xml = call(server, "GET", headers={"Accept": "application/rdf+xml"})
    assert as_xml.status == 200 and len(rdflib.Graph().parse(data=as_xml.body, format="xml")) == len(graph)


# --- safety ---------------------------------------------------------------------------------------

INSERT = ('INSERT DATA { GRAPH <http://example.org/kg-test/g> '
          '{ <http://example.org/kg-test/s> <http://example.org/kg-test/p> "x" } }')
FORM = "application/x-www-form-urlencoded"


def update_attempts(update: str) -> list[tuple[str, str, bytes | None, dict[str, str]]]:
    """(method, query string, body, headers): every way to send an update to a query endpoint."""
    return [
        ("GET", "?" + urlencode({"update": update}), None, {}),
        ("GET", "?" + urlencode({"query": update}), None, {}),
        ("POST", "", urlencode({"update": update}).encode(), {"Content-Type": FORM}),
        ("POST", "", urlencode({"query": update}).encode(), {"Content-Type": FORM}),
        ("POST", "", update.encode(), {"Content-Type": "application/sparql-update"}),
        ("POST", "", update.encode(), {"Content-Type": "application/sparql-query"}),
    ]


def test_insert_data_by_get_and_post_changes_nothing(server: Server) -> None:
    before = count_quads(server)
    for method, query_string, body, headers in update_attempts(INSERT):
        reply = call(server, method, query_string, body, headers)
        assert reply.status in (400, 403), (method, query_string, headers, reply)
    client = wrapper(server, INSERT, JSON)
    client.setMethod(POST)  # SPARQLWrapper sends an update as update= in a form body
    with pytest.raises(HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    assert count_quads(server) == before
    assert get(server, "ASK { GRAPH ?g { <http://example.org/kg-test/s> ?p ?o } }").body.endswith(b"false}")


def test_load_and_dataset_iris_reach_nothing(server: Server, listener: Listener) -> None:
    for update in (f"LOAD <{listener.base}x>", f"LOAD SILENT <{listener.base}x> INTO GRAPH <http://example.org/g>"):
        for method, query_string, body, headers in update_attempts(update):
            assert call(server, method, query_string, body, headers).status in (400, 403)
    # graph names are only names: FROM and the protocol dataset fetch nothing
    assert get(server, f"ASK FROM <{listener.base}g> FROM NAMED <{listener.base}n> {{ ?s ?p ?o }}").status == 200
    assert get(server, "ASK { ?s ?p ?o }", **{"default-graph-uri": listener.base + "g",
                                             "named-graph-uri": listener.base + "n"}).status == 200
    time.sleep(0.3)
    assert listener.connections == []


def service_queries(target: str) -> list[str]:
    """SERVICE calls to `target` (an IRI ending in /sparql), written every way the grammar allows."""
    base, name = target.rsplit("/", 1)
    return [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
        f"PREFIX l: <{base}/> SELECT * WHERE {{ service l:{name} {{ ?s ?p ?o }} }}",
        f"BASE <{base}/> SELECT * WHERE {{ SERVICE <{name}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?endpoint {{ <{target}> }} SERVICE ?endpoint {{ ?s ?p ?o }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ OPTIONAL {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b)SERVICE#>\n<{target}>{{}} }}",
        f"SELECT * WHERE {{ SERVICE <{target}> {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }}",
        f'SELECT * WHERE {{ BIND("\\u0022" AS ?x) SERVICE <{target}> {{}} BIND("\\u0022" AS ?y) }}',
    ]


def test_service_reaches_nothing(server: Server, listener: Listener) -> None:
    for query in service_queries(listener.base + "sparql"):
        for reply in (get(server, query),
                      call(server, "POST", "", query.encode(), {"Content-Type": "application/sparql-query"}),
                      call(server, "POST", "", urlencode({"query": query}).encode(), {"Content-Type": FORM})):
            assert reply.status in (400, 403), (query, reply)
            assert "SERVICE" in reply.text
    time.sleep(0.3)
    assert listener.connections == []


def test_service_on_the_allow_list_is_called(seed_store: Path, listener: Listener) -> None:
    import waitress

    from kg.serve.app import create_app
    from kg.serve.config import ServeConfig

    allowed = listener.base + "sparql"
    app = create_app(seed_store, ServeConfig(service_allow=frozenset({allowed}), workers=1))
    http_server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    threading.Thread(target=http_server.run, daemon=True).start()
    endpoint = f"http://127.0.0.1:{http_server.effective_port}/sparql"
    try:
        other = f"SELECT * {{ SERVICE <{listener.base}other> {{}} }}"
        refused = call(endpoint, "GET", "?" + urlencode({"query": other}))
        assert refused.status == 403 and listener.connections == []
        reply = call(endpoint, "GET", "?" + urlencode({"query": f"SELECT ?x {{ SERVICE <{allowed}> {{ ?x ?p ?o }} }}"}))
        assert reply.status == 200, reply
        bindings = json.loads(reply.body)["results"]["bindings"]
        assert bindings == [{"x": {"type": "literal", "value": "from the listener"}}]
        assert len(listener.connections) == 1
    finally:
        http_server.close()
        app.extensions["kg.pool"].close()


def test_a_query_past_the_timeout_gets_a_504_and_the_server_keeps_answering(quick_timeout_server: Server) -> None:
    started = time.monotonic()
    reply = get(quick_timeout_server, HEAVY)
    assert reply.status == 504, reply
    assert "longer than this endpoint's limit of 1 s" in reply.text
    assert time.monotonic() - started < 5
    for _ in range(3):
        assert get(quick_timeout_server, "ASK {}").status == 200


def test_a_slow_query_does_not_hold_up_others(quick_timeout_server: Server) -> None:
    heavy: list[Reply] = []
    thread = threading.Thread(target=lambda: heavy.append(get(quick_timeout_server, HEAVY)))
    started = time.monotonic()
    thread.start()
    time.sleep(0.2)
    assert get(quick_timeout_server, "SELECT * WHERE { ?s ?p ?o } LIMIT 10").status == 200
    assert time.monotonic() - started < 0.9  # answered while the heavy query was still running
    thread.join()
    assert heavy[0].status == 504


def test_the_server_builds_an_empty_store_from_the_seeds(quick_timeout_server: Server, seed_quads: int) -> None:
    assert "building it from seeds/" in quick_timeout_server.log.read_text()
    assert count_quads(quick_timeout_server) == 2 * (seed_quads - W3C_QUADS)  # the same seeds, built by kg serve


# --- limits and HTTP niceties ---------------------------------------------------------------------

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_row_cap_is_signalled_and_documents_stay_valid(server: Server) -> None:
    as_json = get(server, ALL_QUADS, accept="application/sparql-results+json")
    assert as_json.headers["x-result-truncated"] == "true" and as_json.headers["x-result-row-cap"] == str(ROW_CAP)
    assert len(json.loads(as_json.body)["results"]["bindings"]) == ROW_CAP
    as_csv = get(server, ALL_QUADS, accept="text/csv")
    assert as_csv.headers["x-result-truncated"] == "true" and as_csv.text.count("\r\n") == ROW_CAP + 1
    as_nt = get(server, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert as_nt.headers["x-result-truncated"] == "true" and as_nt.text.count("\n") == ROW_CAP
    small = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert small.headers["x-result-truncated"] == "false"
    assert len(json.loads(small.body)["results"]["bindings"]) == 5


def test_gzip_for_clients_that_accept_it(server: Server) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 500"
    zipped = call(server, "GET", "?" + urlencode({"query": query}), headers={"Accept-Encoding": "gzip"})
    plain = call(server, "GET", "?" + urlencode({"query": query}))
    assert zipped.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert "Accept-Encoding" in zipped.headers["vary"]
    assert json.loads(gzip.decompress(zipped.body)) == json.loads(plain.body)
    assert len(zipped.body) < len(plain.body) / 3


def test_cors(server: Server) -> None:
    reply = call(server, "GET", "?" + urlencode({"query": "ASK {}"}), headers={"Origin": "https://example.org"})
    assert reply.headers["access-control-allow-origin"] == "*"
    assert "X-Result-Truncated" in reply.headers["access-control-expose-headers"]
    preflight = call(server, "OPTIONS", headers={"Origin": "https://example.org",
                                                 "Access-Control-Request-Method": "POST",
                                                 "Access-Control-Request-Headers": "content-type"})
    assert preflight.status in (200, 204)
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()


def test_oversized_requests_are_a_413(server: Server) -> None:
    padding = "#" + "x" * (1 << 20) + "\nASK {}"
    assert call(server, "POST", "", padding.encode(), {"Content-Type": "application/sparql-query"}).status == 413
    assert call(server, "GET", "?" + urlencode({"query": padding})).status == 413
    assert get(server, "ASK {}").status == 200


def test_the_row_cap_option_cuts_answers_and_says_so(quick_timeout_server: Server) -> None:
    reply = get(quick_timeout_server, "SELECT * WHERE { ?s ?p ?o } LIMIT 50", accept="application/sparql-results+json")
    assert reply.status == 200
    assert len(json.loads(reply.body)["results"]["bindings"]) == 7
    assert reply.headers["x-result-truncated"] == "true"
    assert reply.headers["x-result-row-cap"] == "7"


@pytest.mark.parametrize("option, says", [(("--allow-service", "not an iri"), "not an absolute IRI"),
                                          (("--row-cap", "0"), "row_cap must be positive"),
                                          (("--timeout", "-1"), "timeout must be positive")])
def test_bad_serve_options_are_refused_before_serving(tmp_path: Path, option: tuple[str, str], says: str) -> None:
    run = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(tmp_path / "store"), *option],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert says in run.stderr
    assert not (tmp_path / "store").exists()  # refused before building anything
