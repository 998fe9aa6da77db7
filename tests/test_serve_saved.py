"""Saved queries over real HTTP: `kg serve` as a subprocess on a store built from the seeds.

Every saved query runs through /queries/<name> and must give the rows the same query gives on the
store directly; every parameter type is attacked with values that would change the query if they
were spliced into its text, and must either be refused with a 400 naming the parameter or be bound
as one inert literal, leaving the store as it was.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from openapi_spec_validator import validate
from pyoxigraph import Store
from serving import ROOT, Reply, Server, build_seed_store, call, start_server, stop_server
from test_saved_queries import EMPTY_ON_SEEDS

from kg.serve.saved import load_saved_queries

QUERY_DIR = ROOT / "queries"
SAVED = load_saved_queries(QUERY_DIR)
JSON_RESULTS = "application/sparql-results+json"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
ROW_CAP = 10_000


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    return build_seed_store(tmp_path_factory.mktemp("saved-http"), audited=True)


@pytest.fixture(scope="module")
def server(seed_store: Path, tmp_path_factory) -> Iterator[Server]:
    running = start_server(seed_store, tmp_path_factory.mktemp("log") / "serve.log")
    yield running
    stop_server(running)


# Queries written for these tests, served by a second server with `--queries` and a short time limit.
TINY = """\
#+ summary: Two of the <script>alert("summary")</script> provinces
#+ description: Capped at two rows, & escaped everywhere <b>bold</b>.
#+ tags: [test]
#+ params:
#+   - name: kind
#+     type: iri
#+     description: The <i>class</i> of place.
#+     default: https://w3id.org/cn-trade-kg/ontology#Province
#+ limit: 2
PREFIX kg: <https://w3id.org/cn-trade-kg/ontology#>
SELECT ?kind ?place WHERE { ?place a ?kind } ORDER BY ?place
LIMIT 2
"""
SLOW = """\
#+ summary: A cartesian product that runs past any reasonable time limit
#+ description: For the time-limit test.
#+ params: []
SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?a) = CONCAT(STR(?d), "!")) }
"""


@pytest.fixture(scope="module")
def test_queries(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("queries")
    (folder / "two_provinces.rq").write_text(TINY, encoding="utf-8")
    (folder / "slow.rq").write_text(SLOW, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def test_server(seed_store: Path, test_queries: Path, tmp_path_factory) -> Iterator[Server]:
    running = start_server(seed_store, tmp_path_factory.mktemp("log") / "serve.log",
                           "--queries", str(test_queries), "--timeout", "2")
    yield running
    stop_server(running)


def get(server: Server, path: str, accept: str | None = None, **params: str) -> Reply:
    headers = {"Accept": accept} if accept else {}
    return call(server.base + path + ("?" + urlencode(params) if params else ""), "GET", headers=headers)


def rows(reply: Reply) -> list[dict]:
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"].startswith(JSON_RESULTS)
    return json.loads(reply.body)["results"]["bindings"]


def count_quads(server: Server) -> int:
    reply = call(server, "GET", "?" + urlencode({"query": COUNT_ALL}))
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


# --- every saved query ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(SAVED))
def test_every_saved_query_runs_over_http(server: Server, seed_store: Path, name: str) -> None:
    query = SAVED[name]
    reply = get(server, f"/queries/{name}", format="json")
    got = rows(reply)
    store = Store.read_only(str(seed_store))
    solutions = store.query(query.text, substitutions=query.bind({}), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    direct = [{n: row[n].value for n in names if row[n] is not None} for row in solutions]
    assert sorted(map(repr, ({k: v["value"] for k, v in r.items()} for r in got))) == sorted(map(repr, direct))
    if name in EMPTY_ON_SEEDS:
        assert got == [], "documented to return no rows on the seeds"
    else:
        assert got, "the defaults return rows on the seed graph"
    assert reply.headers["x-result-row-cap"] == str(min(ROW_CAP, query.limit or ROW_CAP))
    assert reply.headers["x-result-truncated"] == "false"
    # Each parameter is a column, bound to its default.
    for variable, term in query.bind({}).items():
        assert all(row[variable.value]["value"] == term.value for row in got), variable


def test_values_given_change_the_answer(server: Server) -> None:
    hunan = rows(get(server, "/queries/reporter_time_series", format="json"))
    zhejiang = rows(get(server, "/queries/reporter_time_series", format="json", reporter="CN-ZJ", flow="export"))
    assert {r["reporter"]["value"] for r in hunan} == {"https://w3id.org/cn-trade-kg/id/place/CN-HN"}
    assert [(r["periodCode"]["value"], r["value"]["value"]) for r in zhejiang] == [("2022-H1", "1660000000000")]
    chinese = rows(get(server, "/queries/place_by_label", format="json", name="東協@zh-Hant"))
    assert {r["code"]["value"] for r in chinese} == {"ASEAN"}


def test_post_form_gives_the_same_answer_as_get(server: Server) -> None:
    params = {"reporter": "CN-HN", "flow": "total", "format": "json"}
    posted = call(server.base + "/queries/reporter_partners", "POST", body=urlencode(params).encode(),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert rows(posted) == rows(get(server, "/queries/reporter_partners", **params))
    wrong = call(server.base + "/queries/reporter_partners", "POST", body=b"{}", headers={"Content-Type": "application/json"})
    assert wrong.status == 415


# --- formats --------------------------------------------------------------------------------------

def test_results_in_every_format(server: Server) -> None:
    path, params = "/queries/reporter_partners", {"lang": "zh-Hans"}
    as_json = rows(get(server, path, format="json", **params))
    partners = [r["partnerName"]["value"] for r in as_json]
    assert partners == ["东盟", "美国", "香港"]
    xml_reply = get(server, path, format="xml", **params)
    assert xml_reply.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    tree = ET.fromstring(xml_reply.body)
    assert [b.find("r:literal", ns).text for b in tree.iterfind(".//r:binding[@name='partnerName']", ns)] == partners
    csv_reply = get(server, path, format="csv", **params)
    assert csv_reply.headers["content-type"].startswith("text/csv")
    assert [r["partnerName"] for r in csv.DictReader(io.StringIO(csv_reply.text))] == partners
    tsv_reply = get(server, path, format="tsv", **params)
    assert tsv_reply.headers["content-type"].startswith("text/tab-separated-values")
    header, *lines = tsv_reply.text.splitlines()
    column = header.split("\t").index("?partnerName")
    assert [line.split("\t")[column] for line in lines] == [f'"{p}"@zh-hans' for p in partners]


@pytest.mark.parametrize("accept, media_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"), ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"), ("*/*", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json")])
def test_results_by_accept(server: Server, accept: str, media_type: str) -> None:
    reply = get(server, "/queries/group_members", accept=accept)
    assert reply.status == 200 and reply.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in reply.headers["vary"]


def test_nothing_acceptable_is_a_406_and_an_unknown_format_a_400(server: Server) -> None:
    assert get(server, "/queries/group_members", accept="image/png").status == 406
    assert get(server, "/queries/group_members", format="ttl").status == 406
    unknown = get(server, "/queries/group_members", format="pdf")
    assert unknown.status == 400 and "'pdf'" in unknown.text


# --- bad requests ---------------------------------------------------------------------------------

def test_unknown_query_is_a_404(server: Server) -> None:
    for accept in (None, BROWSER):
        reply = get(server, "/queries/no_such_query", accept=accept, format="json")
        assert reply.status == 404 and "no_such_query" in reply.text
    assert get(server, "/queries/" + quote("<script>"), format="json").status == 404


@pytest.mark.parametrize("name, param, value, says", [
    ("documents_and_runs", "min_observations", "12a", "not a valid integer"),
    ("reporter_partners", "start", "2021-13-01", "not a valid date"),
    ("reporter_partners", "end", "2021-02-30", "not a valid date"),
    ("reporter_partners", "flow", "imports", "not one of total, export, import, balance"),
    ("reporter_shares", "min_share", "NaN", "not a valid decimal"),
    ("reporter_partners", "reporter", "CN/HN", "not a valid place"),
    ("place_by_label", "name", "湖南省", "not a valid langstring"),
    ("observation_provenance", "observation", "not an iri", "not a valid iri"),
    ("reporter_partners", "colour", "blue", "no such parameter"),
])
def test_bad_values_are_400s_naming_the_parameter(server: Server, name: str, param: str, value: str, says: str) -> None:
    reply = get(server, f"/queries/{name}", format="json", **{param: value})
    assert reply.status == 400, reply.text
    assert f"parameter '{param}'" in reply.text and says in reply.text
    assert reply.headers["content-type"].startswith("text/plain")


def test_a_parameter_given_twice_is_a_400(server: Server) -> None:
    reply = call(server.base + "/queries/reporter_partners?format=json&reporter=CN-HN&reporter=CN-ZJ", "GET")
    assert reply.status == 400 and "'reporter'" in reply.text


# Values that would change the query if spliced into its text, one or more per parameter type.
# Either refused (a 400 naming the parameter) or bound as one literal that matches nothing.
REFUSED = [
    ("reporter_partners", "reporter", "CN-HN> } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o "),   # place
    ("reporter_partners", "reporter", "CN-HN>"),
    ("observation_provenance", "observation", "http://x> } UNION { ?s ?p ?o"),               # iri
    ("observation_provenance", "observation", 'https://w3id.org/x"^^<x>'),
    ("observation_provenance", "observation", "<https://w3id.org/cn-trade-kg/id/obs/x>"),
    ("documents_and_runs", "min_observations", "0 } UNION { ?s ?p ?o }"),                    # integer
    ("documents_and_runs", "min_observations", '0"^^<http://www.w3.org/2001/XMLSchema#string>'),
    ("reporter_shares", "min_share", "0) || true || (1"),                                    # decimal
    ("reporter_partners", "start", '2021-01-01" || true'),                                   # date
    ("reporter_partners", "start", '2021-01-01"^^<x>'),
    ("place_by_label", "name", '湖南省@zh-Hans" } UNION { ?s ?p ?o } #'),                      # langstring
    ("reporter_partners", "flow", 'total" } UNION { ?s ?p ?o } #'),                          # string, closed set
    ("reporter_partners", "lang", "en) || true || LANGMATCHES(?x, ?y"),
]
INERT = [
    ("reporter_partners", "currency", 'CNY" } UNION { ?s ?p ?o } #'),                        # string
    ("document_observations", "document", 'doc-7305fb18a126086a" || "1" = "1'),
    ("growth_leaders", "reporter_code", '*" || true || "'),
    ("conflicting_figures", "reporter_code", "x\" } ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #"),
    ("place_by_label", "name", 'x"@en } UNION { ?s ?p ?o } #@en'),                           # langstring
    ("place_by_label", "name", '湖南省"@zh-Hans ; DROP ALL@zh-Hans'),
]


@pytest.mark.parametrize("name, param, value", REFUSED)
def test_injection_is_refused_naming_the_parameter(server: Server, name: str, param: str, value: str) -> None:
    before = count_quads(server)
    reply = get(server, f"/queries/{name}", format="json", **{param: value})
    assert reply.status == 400, reply.text
    assert f"parameter '{param}'" in reply.text
    assert count_quads(server) == before


@pytest.mark.parametrize("name, param, value", INERT)
def test_injection_is_bound_as_an_inert_literal(server: Server, name: str, param: str, value: str) -> None:
    before = count_quads(server)
    got = rows(get(server, f"/queries/{name}", format="json", **{param: value}))
    assert got == []  # the literal names no currency, document, reporter or label
    assert count_quads(server) == before


def test_every_parameter_type_is_attacked() -> None:
    attacked = {p.type for name, param, _ in REFUSED + INERT for p in SAVED[name].params if p.name == param}
    assert attacked == {"iri", "place", "integer", "decimal", "date", "string", "langstring"}


# --- listing, form pages and OpenAPI ----------------------------------------------------------------

def test_listing_as_json_has_every_query(server: Server) -> None:
    for reply in (get(server, "/queries", accept="application/json"), get(server, "/queries", format="json"),
                  get(server, "/queries")):
        assert reply.status == 200 and reply.headers["content-type"].startswith("application/json")
        listed = json.loads(reply.body)
        assert [q["name"] for q in listed] == sorted(p.stem for p in QUERY_DIR.glob("*.rq"))
    partners = next(q for q in listed if q["name"] == "reporter_partners")
    assert partners["url"] == "/queries/reporter_partners"
    assert partners["summary"] == SAVED["reporter_partners"].summary and "rankings" in partners["tags"]
    flow = next(p for p in partners["params"] if p["name"] == "flow")
    assert flow == {"name": "flow", "type": "string", "description": "Which trade to rank by.", "default": "total",
                    "allowed": ["total", "export", "import", "balance"]}
    assert rows(call(server.base + partners["url"] + "?format=json", "GET"))  # the url runs the query


def test_listing_as_html(server: Server) -> None:
    reply = get(server, "/queries", accept=BROWSER)
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    for name, query in SAVED.items():
        assert f'href="/queries/{name}"' in reply.text
        for p in query.params:
            assert f"<code>{p.name}</code>" in reply.text
    assert "Accept" in reply.headers["vary"]
    assert get(server, "/queries", accept="text/csv").status == 406
    assert get(server, "/queries", format="yaml").status == 400


def test_form_page_has_one_input_per_parameter(server: Server) -> None:
    reply = get(server, "/queries/reporter_partners", accept=BROWSER)
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    page = reply.text
    assert 'id="saved-form"' in page and 'id="results"' in page and "Accept" in reply.headers["vary"]
    assert "A reporter&#39;s partners ranked by value for a period" in page
    for p in SAVED["reporter_partners"].params:
        assert f'id="param-{p.name}"' in page and f'name="{p.name}"' in page
    assert '<option value="total" selected>' in page and '<option value="balance">' in page
    assert 'type="date"' in page and 'value="2021-01-01"' in page
    # A value given in the address fills the form in; format=html asks for the form explicitly.
    assert 'value="CN-ZJ"' in get(server, "/queries/reporter_partners", reporter="CN-ZJ", format="html").text


def test_pages_escape_what_they_show(server: Server, test_server: Server) -> None:
    page = get(server, "/queries/reporter_partners", accept=BROWSER, reporter='"><script>alert(1)</script>').text
    assert "<script>alert(1)" not in page and "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    listing = get(test_server, "/queries", accept=BROWSER).text
    form = get(test_server, "/queries/two_provinces", accept=BROWSER).text
    for page in (listing, form):
        assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;summary&#34;)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in form and "The &lt;i&gt;class&lt;/i&gt; of place." in form


def test_openapi_validates_and_describes_every_query(server: Server) -> None:
    reply = get(server, "/openapi.json")
    assert reply.status == 200 and reply.headers["content-type"].startswith("application/json")
    document = json.loads(reply.body)
    validate(document)
    assert set(document["paths"]) == {"/sparql"} | {f"/queries/{name}" for name in SAVED}
    operation = document["paths"]["/queries/reporter_partners"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["flow"]["schema"] == {"type": "string", "enum": ["total", "export", "import", "balance"],
                                        "default": "total"}
    assert params["start"]["schema"] == {"type": "string", "format": "date", "default": "2021-01-01"}
    assert params["format"]["schema"]["enum"] == ["csv", "json", "tsv", "xml"]
    assert set(operation["responses"]) == {"200", "400", "404", "406", "504"}
    assert set(operation["responses"]["200"]["content"]) == {
        "application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"}
    runs = document["paths"]["/queries/documents_and_runs"]["get"]["parameters"][0]["schema"]
    assert runs == {"type": "integer", "default": 0}


# --- limits: the query's own row cap, the time limit, the folder of queries -----------------------

def test_the_query_limit_is_an_honest_row_cap(test_server: Server) -> None:
    reply = get(test_server, "/queries/two_provinces", format="json")
    assert len(rows(reply)) == 2  # there are 34 provinces
    assert (reply.headers["x-result-truncated"], reply.headers["x-result-row-cap"]) == ("true", "2")
    one = get(test_server, "/queries/two_provinces", format="csv", kind="https://w3id.org/cn-trade-kg/ontology#Country")
    assert one.headers["x-result-truncated"] == "true" and len(one.text.splitlines()) == 3
    none = get(test_server, "/queries/two_provinces", format="json", kind="urn:x:no-such-class")
    assert rows(none) == [] and none.headers["x-result-truncated"] == "false"


def test_a_saved_query_past_the_time_limit_is_a_504(test_server: Server) -> None:
    reply = get(test_server, "/queries/slow", format="json")
    assert reply.status == 504 and "longer than" in reply.text
    assert rows(get(test_server, "/queries/two_provinces", format="json"))  # the executor was replaced


def test_serve_refuses_a_broken_query_folder(seed_store: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.rq").write_text(TINY.replace("type: iri", "type: uri"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(seed_store), "--port", "0",
                          "--queries", str(tmp_path)], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert f"{tmp_path / 'broken.rq'}:6: parameter 'kind': unknown type 'uri'" in run.stderr
