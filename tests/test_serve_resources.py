"""Linked data over real HTTP: `kg serve` on a store built from the seeds, plus one article whose
figure sentence carries a script tag, plus one audit finding about the ASEAN observation.

Every kind of IRI the graph mints must dereference as an HTML page and as its description in
Turtle, JSON-LD, N-Triples and RDF/XML; the descriptions are parsed with rdflib and compared with
what the store itself says about the resource (asked through /sparql).
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
import rdflib
from pyoxigraph import CanonicalizationAlgorithm, Dataset, Literal, NamedNode, Quad, RdfFormat, Store, parse

from serving import Reply, Server, build_seed_store, call, start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/cn-trade-kg/"
KG = BASE + "ontology#"
ASEAN_DOC = "doc-8d62021494f41b72"      # the seed article on Hunan's trade in 2021 H1
PREFIXES = f"PREFIX kg: <{KG}> PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#> "
SCRIPT = "<script>alert(1)</script>"
HOSTILE_ARTICLE = ("date 2024-03-01\n长沙海关消息。\n\n"
                   f"今年前两个月，湖南省进出口总值{SCRIPT}800.5亿元，比上年同期增长12.5%。这是第二句。\n")
FINDING = BASE + "id/finding/test-conflict"
FINDING_MESSAGE = "Two sources disagree <b>here</b>"
RDF_FORMATS = [("ttl", "text/turtle", "turtle"), ("jsonld", "application/ld+json", "json-ld"),
               ("nt", "application/n-triples", "nt"), ("rdfxml", "application/rdf+xml", "xml")]
ENGINE_FORMATS = {"turtle": RdfFormat.TURTLE, "json-ld": RdfFormat.JSON_LD, "nt": RdfFormat.N_TRIPLES,
                  "xml": RdfFormat.RDF_XML}


# --- the store and the server ---------------------------------------------------------------------

def asean_observation(store: Store) -> NamedNode:
    query = (PREFIXES + f"SELECT ?o WHERE {{ ?o kg:document <{BASE}id/doc/{ASEAN_DOC}> ; "
             f"kg:partner <{BASE}id/place/ASEAN> ; kg:reporter <{BASE}id/place/CN-HN> }}")
    [row] = list(store.query(query, use_default_graph_as_union=True))
    return row["o"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    """The seed store, the hostile article built into it by `kg build`, and one audit finding."""
    base = tmp_path_factory.mktemp("resources")
    path = build_seed_store(base)
    (base / "hostile").mkdir()
    (base / "hostile" / "article.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(base / "hostile"), "--store", str(path)],
                           cwd=ROOT, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    store = Store(str(path))
    audit, finding, kg = NamedNode(BASE + "graph/audit"), NamedNode(FINDING), (lambda t: NamedNode(KG + t))
    store.extend([Quad(finding, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), kg("Finding"), audit),
                  Quad(finding, kg("findingKind"), Literal("conflict"), audit),
                  Quad(finding, kg("severity"), Literal("warning"), audit),
                  Quad(finding, kg("concerns"), asean_observation(store), audit),
                  Quad(finding, kg("message"), Literal(FINDING_MESSAGE, language="en"), audit)])
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def server(store_path: Path, tmp_path_factory) -> Iterator[Server]:
    running = start_server(store_path, tmp_path_factory.mktemp("log") / "serve.log")
    yield running
    stop_server(running)


def get(server: Server, path: str, accept: str | None = None, **params: str) -> Reply:
    query = "?" + urlencode(params) if params else ""
    return call(server.base + path, "GET", query, headers={"Accept": accept} if accept else {})


def sparql(server: Server, query: str) -> list[dict]:
    reply = call(server, "GET", "?" + urlencode({"query": PREFIXES + query}),
                 headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 200, reply.text
    return json.loads(reply.body)["results"]["bindings"]


def one(server: Server, query: str) -> str:
    """The first value of the first row (the test data's IRIs are looked up, never written down)."""
    rows = sparql(server, query)
    assert rows, query
    return next(iter(rows[0].values()))["value"]


def store_graph(server: Server, construct: str) -> rdflib.Graph:
    """What the store says, through /sparql, as an rdflib graph."""
    reply = call(server, "GET", "?" + urlencode({"query": PREFIXES + construct}),
                 headers={"Accept": "application/n-triples"})
    assert reply.status == 200, reply.text
    return rdflib.Graph().parse(data=reply.body, format="nt")


def canonical(data: bytes, syntax: str) -> set:
    """The triples with blank nodes named canonically (RDFC-1.0), to compare graphs that have them."""
    dataset = Dataset(parse(data, format=ENGINE_FORMATS[syntax]))
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def path_of(iri: str) -> str:
    assert iri.startswith(BASE)
    return "/" + iri[len(BASE):]


class Scripts(HTMLParser):
    """The text inside every <script> element of a page."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.inside, self.texts = False, []
        self.feed(page)

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "script":
            self.inside = True
            self.texts.append("")

    def handle_endtag(self, tag) -> None:
        self.inside = self.inside and tag != "script"

    def handle_data(self, data) -> None:
        if self.inside:
            self.texts[-1] += data


# --- every kind of IRI ----------------------------------------------------------------------------

KINDS = {
    "province": "SELECT ?x WHERE { ?x a kg:Province } LIMIT 1",
    "group": "SELECT ?x WHERE { ?x a kg:CountryGroup } LIMIT 1",
    "country": "SELECT ?x WHERE { ?x a kg:Country } LIMIT 1",
    "city": "SELECT ?x WHERE { ?x a kg:City } LIMIT 1",
    "document": "SELECT ?x WHERE { ?x a kg:Document } LIMIT 1",
    "observation": "SELECT ?x WHERE { ?x a kg:TradeObservation } LIMIT 1",
    "evidence": "SELECT ?x WHERE { ?x a kg:Evidence } LIMIT 1",
    "run": "SELECT ?x WHERE { ?x a kg:ExtractionRun } LIMIT 1",
    "software": "SELECT ?x WHERE { ?x a kg:Software } LIMIT 1",
    "commodity": "SELECT ?x WHERE { ?x a kg:Commodity } LIMIT 1",
    "mode": "SELECT ?x WHERE { ?x a kg:TradeMode } LIMIT 1",
    "flow": "SELECT ?x WHERE { ?x a kg:Flow } LIMIT 1",
    "scheme": "SELECT ?x WHERE { ?x a <http://www.w3.org/2004/02/skos/core#ConceptScheme> } LIMIT 1",
    "dataset": "SELECT ?x WHERE { ?o <http://purl.org/linked-data/cube#dataSet> ?x } LIMIT 1",
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_of_resource_dereferences_as_a_page(server: Server, kind: str) -> None:
    iri = one(server, KINDS[kind])
    reply = get(server, path_of(iri), accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    assert f"<code>{html.escape(iri)}</code>" in reply.text
    for name, media_type, _ in RDF_FORMATS:   # the page names every other representation
        assert f'<link rel="alternate" type="{media_type}" href="{server.base}{path_of(iri)}?format={name}"' in reply.text


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("name, media_type, syntax", RDF_FORMATS)
def test_every_kind_of_resource_dereferences_as_rdf(server: Server, kind: str, name: str, media_type: str,
                                                    syntax: str) -> None:
    iri = one(server, KINDS[kind])
    reply = get(server, path_of(iri), accept=media_type)
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media_type
    described = rdflib.Graph().parse(data=reply.body, format=syntax)
    own = store_graph(server, f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}")
    assert len(own) > 0 and set(own) <= set(described)
    assert "Accept" in reply.headers["vary"]
    for other, other_type, _ in RDF_FORMATS:
        assert f'<{server.base}{path_of(iri)}?format={other}>; rel="alternate"; type="{other_type}"' in reply.headers["link"]


def test_a_description_labels_what_it_points_to(server: Server) -> None:
    iri = one(server, "SELECT ?x WHERE { ?x a kg:Province ; kg:parentRegion ?p } LIMIT 1")
    described = rdflib.Graph().parse(data=get(server, path_of(iri), accept="text/turtle").body, format="turtle")
    labels = store_graph(server, f"CONSTRUCT {{ ?o rdfs:label ?l }} WHERE {{ <{iri}> ?p ?o . ?o rdfs:label ?l }}"
                         .replace("CONSTRUCT", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> CONSTRUCT"))
    assert len(labels) > 0 and set(labels) <= set(described)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_an_observation_description_holds_its_evidence_and_document_but_not_the_text(server: Server) -> None:
    obs = one(server, "SELECT ?x WHERE { ?x a kg:TradeObservation ; kg:document/<http://purl.org/dc/terms/title> ?t } "
                      "LIMIT 1")
    described = rdflib.Graph().parse(data=get(server, path_of(obs), format="nt").body, format="nt")
    evidence = store_graph(server, f"CONSTRUCT {{ ?e ?p ?o . ?s ?sp ?so }} WHERE {{ <{obs}> prov:wasDerivedFrom ?e . "
                                   "?e ?p ?o . ?e oa:hasSelector ?s . ?s ?sp ?so }")
    assert len(evidence) > 0 and set(evidence) <= set(described)
    title = store_graph(server, f"CONSTRUCT {{ ?d <http://purl.org/dc/terms/title> ?t }} WHERE {{ <{obs}> kg:document ?d . "
                                "?d <http://purl.org/dc/terms/title> ?t }")
    assert len(title) == 1 and set(title) <= set(described)
    assert not list(described.triples((None, rdflib.URIRef(KG + "text"), None)))


def test_jsonld_carries_the_project_context(server: Server) -> None:
    iri = one(server, KINDS["group"])
    document = json.loads(get(server, path_of(iri), accept="application/ld+json").body)
    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == context and any(node["@id"] == iri for node in document["@graph"])


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name, media_type, syntax", RDF_FORMATS)
@pytest.mark.parametrize("graph", [f"{BASE}graph/{ASEAN_DOC}", f"{BASE}graph/vocab"])
def test_a_named_graph_dereferences_to_its_triples(server: Server, graph: str, name: str, media_type: str,
                                                   syntax: str) -> None:
    reply = get(server, path_of(graph), accept=media_type)
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media_type
    described = rdflib.Graph().parse(data=reply.body, format=syntax)
    own = store_graph(server, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert len(own) > 100 and set(own) == set(described)


def test_a_document_graph_page_links_its_document(server: Server) -> None:
    graph = f"{BASE}graph/{ASEAN_DOC}"
    own = store_graph(server, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    page = get(server, path_of(graph), accept="text/html")
    assert page.status == 200 and f'href="/id/doc/{ASEAN_DOC}"' in page.text
    assert f"{len(own)} triples" in page.text


def test_format_parameter_wins_over_accept(server: Server) -> None:
    iri = one(server, KINDS["country"])
    assert get(server, path_of(iri), accept="text/html", format="nt").headers["content-type"].startswith(
        "application/n-triples")
    assert get(server, path_of(iri), accept="text/turtle", format="html").headers["content-type"].startswith(
        "text/html")


def test_no_preference_gets_turtle(server: Server) -> None:
    iri = one(server, KINDS["country"])
    for accept in (None, "*/*"):
        assert get(server, path_of(iri), accept=accept).headers["content-type"].startswith("text/turtle")


def test_unknown_iris_unacceptable_types_and_unknown_formats(server: Server) -> None:
    assert get(server, "/id/place/NO-SUCH-PLACE", accept="text/html").status == 404
    assert get(server, "/id/obs/doc-0000000000000000-0000000000000000", accept="text/turtle").status == 404
    assert get(server, "/graph/doc-0000000000000000", accept="text/turtle").status == 404
    for hostile in ("a%3Eb", "x%3E%20%3Fp%20%3Fo%20%7D%20%23", "x%5Cu003E", "x%22y"):   # not even IRIs
        reply = get(server, "/id/place/" + hostile, accept="text/turtle")
        assert reply.status == 404 and "not an IRI" in reply.text
    iri = one(server, KINDS["country"])
    assert get(server, path_of(iri), accept="image/png").status == 406
    reply = get(server, path_of(iri), format="docx")
    assert reply.status == 400 and "docx" in reply.text


# --- the observation page -------------------------------------------------------------------------

def test_the_asean_observation_page_shows_its_figures_places_and_quote(server: Server) -> None:
    obs = one(server, f"SELECT ?o WHERE {{ ?o kg:document <{BASE}id/doc/{ASEAN_DOC}> ; "
                      f"kg:partner <{BASE}id/place/ASEAN> ; kg:reporter <{BASE}id/place/CN-HN> }}")
    [row] = sparql(server, f"SELECT ?exact ?text ?start WHERE {{ <{obs}> prov:wasDerivedFrom ?e ; kg:document ?d . "
                           "?e oa:hasSelector ?q , ?s . ?q oa:exact ?exact . ?s oa:start ?start . ?d kg:text ?text }")
    quote, text, start = row["exact"]["value"], row["text"]["value"], int(row["start"]["value"])
    page = get(server, path_of(obs), accept="text/html").text
    assert "406.2" in quote and "406.2亿元" in page and "40,620,000,000" in page and "CNY" in page
    assert "20.8 %" in page and "2021-H1" in page
    paragraph_start = text.rfind("\n", 0, start) + 1
    assert f"{html.escape(text[paragraph_start:start])}<mark>{html.escape(quote)}</mark>" in page
    assert 'href="/id/place/CN-HN"' in page and 'href="/id/place/ASEAN"' in page
    for same in sparql(server, f"SELECT ?w WHERE {{ <{BASE}id/place/ASEAN> <http://www.w3.org/2002/07/owl#sameAs> ?w }}"):
        assert f'href="{same["w"]["value"]}"' in page
    title = one(server, f"SELECT ?t WHERE {{ <{BASE}id/doc/{ASEAN_DOC}> <http://purl.org/dc/terms/title> ?t }}")
    assert html.escape(title) in page and f'href="/id/doc/{ASEAN_DOC}"' in page
    assert 'href="/id/run/' in page


def test_an_observation_page_lists_the_findings_that_concern_it(server: Server) -> None:
    obs = one(server, f"SELECT ?o WHERE {{ <{FINDING}> kg:concerns ?o }}")
    page = get(server, path_of(obs), accept="text/html").text
    assert "Audit findings" in page and html.escape(FINDING_MESSAGE) in page and FINDING_MESSAGE not in page
    other = one(server, "SELECT ?o WHERE { ?o a kg:TradeObservation FILTER NOT EXISTS { ?f kg:concerns ?o } } LIMIT 1")
    assert "Audit findings" not in get(server, path_of(other), accept="text/html").text


def test_a_quote_with_a_script_tag_is_rendered_inert(server: Server) -> None:
    obs = one(server, 'SELECT ?o WHERE { ?o prov:wasDerivedFrom/oa:hasSelector/oa:exact ?q '
                      'FILTER(CONTAINS(?q, "<script>")) }')
    doc = one(server, f"SELECT ?d WHERE {{ <{obs}> kg:document ?d }}")
    evidence = one(server, f"SELECT ?e WHERE {{ <{obs}> prov:wasDerivedFrom ?e }}")
    for path in (path_of(obs), path_of(doc), path_of(evidence)):
        page = get(server, path, accept="text/html").text
        assert html.escape(SCRIPT) in page and SCRIPT not in page
        assert not [script for script in Scripts(page).texts if "alert" in script]
    for path in (path_of(obs), path_of(evidence)):
        page = get(server, path, accept="text/html").text
        assert f"<mark>今年前两个月，湖南省进出口总值{html.escape(SCRIPT)}800.5亿元" in page


def test_an_evidence_page_marks_its_quote_and_links_its_observation(server: Server) -> None:
    rows = sparql(server, "SELECT ?o ?e ?q WHERE { ?o prov:wasDerivedFrom ?e . ?e oa:hasSelector/oa:exact ?q } LIMIT 3")
    assert rows
    for row in rows:
        page = get(server, path_of(row["e"]["value"]), accept="text/html").text
        assert f'<mark>{html.escape(row["q"]["value"])}</mark>' in page
        assert f'href="{path_of(row["o"]["value"])}"' in page


# --- places and documents -------------------------------------------------------------------------

def test_a_province_page_lists_its_cities_and_observations(server: Server) -> None:
    cities = sparql(server, f"SELECT ?c WHERE {{ ?c kg:parentRegion <{BASE}id/place/CN-HN> }}")
    observations = sparql(server, f"SELECT DISTINCT ?o WHERE {{ ?o kg:reporter|kg:partner <{BASE}id/place/CN-HN> }}")
    page = get(server, "/id/place/CN-HN", accept="text/html").text
    assert len(cities) > 10 and all(f'href="{path_of(c["c"]["value"])}"' in page for c in cities)
    assert len(observations) > 10 and all(f'href="{path_of(o["o"]["value"])}"' in page for o in observations)
    assert f"{len(observations)} observations name this place" in page


def test_a_partner_page_lists_the_observations_naming_it(server: Server) -> None:
    observations = sparql(server, f"SELECT DISTINCT ?o WHERE {{ ?o kg:partner <{BASE}id/place/ASEAN> }}")
    page = get(server, "/id/place/ASEAN", accept="text/html").text
    assert observations and all(f'href="{path_of(o["o"]["value"])}"' in page for o in observations)


def test_a_document_page_lists_its_observations_with_quotes(server: Server) -> None:
    rows = sparql(server, f"SELECT ?o ?q WHERE {{ ?o kg:document <{BASE}id/doc/{ASEAN_DOC}> ; "
                          "prov:wasDerivedFrom/oa:hasSelector/oa:exact ?q }")
    page = get(server, f"/id/doc/{ASEAN_DOC}", accept="text/html").text
    assert len(rows) > 5
    for row in rows:
        assert f'href="{path_of(row["o"]["value"])}"' in page and html.escape(row["q"]["value"]) in page


# --- the ontology ---------------------------------------------------------------------------------

@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name, media_type, syntax", RDF_FORMATS)
def test_the_ontology_and_its_terms_dereference_as_rdf(server: Server, name: str, media_type: str,
                                                       syntax: str) -> None:
    reply = get(server, "/ontology", accept=media_type)
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media_type
    assert canonical(reply.body, syntax) == canonical((ROOT / "ontology" / "kg.ttl").read_bytes(), "turtle")
    served = rdflib.Graph().parse(data=reply.body, format=syntax)
    term = rdflib.URIRef(KG + "TradeObservation")   # a term's IRI is /ontology once the fragment is cut
    assert (term, rdflib.RDF.type, rdflib.OWL.Class) in served


def test_the_ontology_page_is_the_generated_documentation(server: Server) -> None:
    reply = get(server, "/ontology", accept="text/html,*/*;q=0.8")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    assert reply.body == (ROOT / "ontology" / "docs" / "index.html").read_bytes()
    assert 'rel="alternate"; type="text/turtle"' in reply.headers["link"]


def test_the_ontology_version_iri_and_the_shapes(server: Server) -> None:
    written = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    version = written.value(rdflib.URIRef(BASE + "ontology"), rdflib.OWL.versionIRI)
    assert get(server, path_of(str(version)), accept="text/turtle").status == 200
    assert get(server, "/ontology/0.0.0-no-such-version", accept="text/turtle").status == 404
    shapes = canonical((ROOT / "ontology" / "shapes.ttl").read_bytes(), "turtle")
    for path, accept, syntax in (("/ontology/shapes.ttl", None, "turtle"), ("/shapes", "application/n-triples", "nt")):
        reply = get(server, path, accept=accept)
        assert reply.status == 200 and canonical(reply.body, syntax) == shapes


# --- VoID -----------------------------------------------------------------------------------------

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


def count(server: Server, query: str) -> int:
    return int(one(server, query))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_void_describes_the_dataset_with_counts_that_match_the_store(server: Server) -> None:
    reply = get(server, "/.well-known/void")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/turtle")
    void = rdflib.Graph().parse(data=reply.body, format="turtle")
    [dataset] = set(void.subjects(rdflib.RDF.type, VOID.Dataset)) - set(void.objects(None, VOID.subset))
    assert void.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(server.endpoint)
    total = count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(void.value(dataset, VOID.triples)) == total
    assert sum(int(void.value(s, VOID.triples)) for s in void.objects(dataset, VOID.subset)) == total
    places = rdflib.URIRef(BASE + "graph/places")
    assert int(void.value(places, VOID.triples)) == count(
        server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{places}> {{ ?s ?p ?o }} }}")
    dumps = {str(d) for d in void.objects(dataset, VOID.dataDump)}
    assert dumps == {f"{server.base}/export?format={f}" for f in ("nq", "trig", "ttl", "nt", "jsonld", "rdfxml")}
    partitions = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
                  for p in void.objects(dataset, VOID.classPartition)}
    assert partitions[rdflib.URIRef(KG + "TradeObservation")] == count(
        server, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a kg:TradeObservation }")
    assert str(void.value(dataset, VOID.uriSpace)) == BASE
    assert void.value(dataset, rdflib.DCTERMS.license) is not None
    assert void.value(dataset, rdflib.DCTERMS.modified) is not None


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name, media_type, syntax", RDF_FORMATS)
def test_void_in_every_rdf_format(server: Server, name: str, media_type: str, syntax: str) -> None:
    turtle = canonical(get(server, "/.well-known/void", accept="text/turtle").body, "turtle")
    reply = get(server, "/.well-known/void", accept=media_type)
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media_type
    assert len(rdflib.Graph().parse(data=reply.body, format=syntax)) == len(turtle) > 20
    assert canonical(reply.body, syntax) == turtle


# --- dumps ----------------------------------------------------------------------------------------

DUMPS = [("nq", "application/n-quads", "nquads", "nq"), ("trig", "application/trig", "trig", "trig"),
         ("jsonld", "application/ld+json", "json-ld", "jsonld"), ("ttl", "text/turtle", "turtle", "ttl"),
         ("nt", "application/n-triples", "nt", "nt"), ("rdfxml", "application/rdf+xml", "xml", "rdf")]
DATASET_DUMPS = {"nq", "trig", "jsonld"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name, media_type, syntax, extension", DUMPS)
def test_export_streams_the_whole_store_in_each_format(server: Server, name: str, media_type: str, syntax: str,
                                                       extension: str) -> None:
    reply = get(server, "/export", format=name)
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media_type
    assert reply.headers["content-disposition"] == f'attachment; filename="cn-trade-kg.{extension}"'
    assert reply.headers.get("transfer-encoding") == "chunked" and "content-length" not in reply.headers
    if name in DATASET_DUMPS:
        quads = set(rdflib.Dataset().parse(data=reply.body, format=syntax).quads())
        assert len(quads) == count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    else:
        triples = rdflib.Graph().parse(data=reply.body, format=syntax)
        assert len(triples) == count(server, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                                             "WHERE { ?s ?p ?o } }")


def test_export_round_trips_every_quad_as_nquads(server: Server, store_path: Path) -> None:
    reply = get(server, "/export")    # N-Quads when nothing is asked for
    assert reply.headers["content-type"].startswith("application/n-quads")
    exported = list(parse(reply.body, format=RdfFormat.N_QUADS))   # blank node labels kept as written
    assert len(exported) == len(set(exported)) and set(exported) == set(Store.read_only(str(store_path)))


def test_export_in_a_browser_is_a_page_of_download_links(server: Server) -> None:
    reply = get(server, "/export", accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    for name, *_ in DUMPS:
        assert f'href="/export?format={name}"' in reply.text
    assert get(server, "/export", accept="application/trig").headers["content-type"].startswith("application/trig")
    assert get(server, "/export", format="xlsx").status == 400
    assert get(server, "/export", accept="image/png").status == 406
