"""The HTML UI in headless Chromium, against a real `kg serve` on a store built from the seeds.

The page is driven as a person would (type a query, press Run) and what it shows is compared with
the endpoint's own answer to the same query, fetched over raw HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from browsing import Tab, chromium, open_tab
from serving import Server, build_seed_store, call, start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/cn-trade-kg/"
TIMEOUT = 3   # seconds: short, so a query past it is quick to show; every other query here takes far less
ROW_CAP = 40  # above every answer here but the one that is meant to be cut
PREFIXES = """PREFIX kg: <https://w3id.org/cn-trade-kg/ontology#>
PREFIX place: <https://w3id.org/cn-trade-kg/id/place/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
PARTNER_VALUES = PREFIXES + """SELECT ?name ?value WHERE {
  ?obs kg:reporter place:CN-HN ; kg:partner ?p ; kg:periodCode "2023-H1" ; kg:value ?value .
  ?p rdfs:label ?name FILTER(LANG(?name) = "en")
} ORDER BY DESC(?value)"""
HEAVY = 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?a) = CONCAT(STR(?d), "!")) }'
MEDIA_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
               "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
               "nt": "application/n-triples", "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json",
               "nq": "application/n-quads", "trig": "application/trig"}


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("ui")
    running = start_server(build_seed_store(base), base / "serve.log", "--timeout", str(TIMEOUT), "--row-cap", str(ROW_CAP))
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as running:
        yield running


@pytest.fixture
def context(browser) -> Iterator[object]:
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def tab(context, server: Server) -> Tab:
    return open_tab(context, server.base)


def sparql_json(server: Server, query: str) -> dict:
    reply = call(server, "GET", "?" + urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 200, reply.text
    return json.loads(reply.body)


def run(tab: Tab, query: str | None = None) -> None:
    """Open the query page, type `query` (or keep the example) and run it; wait for the answer."""
    tab.goto("/")
    if query is not None:
        tab.page.fill("#query", query)
    tab.page.click("#run")
    tab.page.wait_for_selector("#results .status:not(.muted), #results .error")


def table_rows(tab: Tab) -> list[list[dict]]:
    """What each cell of the results table shows: its link (href and title) and its text."""
    return tab.page.eval_on_selector_all("#results table tbody tr", """rows => rows.map(tr =>
        [...tr.cells].map(td => { const a = td.querySelector('a');
            const value = td.querySelector('.value');
            return { href: a && a.getAttribute('href'), title: a && a.title,
                     text: value ? value.textContent : td.textContent }; }))""")


def expected_cell(term: dict | None) -> dict:
    """How a SPARQL JSON term should show: graph IRIs link to this server's page for them."""
    if term is None:
        return {"href": None, "title": None, "text": ""}
    if term["type"] == "uri":
        href = "/" + term["value"].removeprefix(BASE) if term["value"].startswith(BASE) else term["value"]
        return {"href": href, "title": term["value"], "text": None}
    return {"href": None, "title": None, "text": term["value"]}


def comparable(cell: dict, expected: dict) -> dict:
    return {**cell, "text": None} if expected["text"] is None else cell


def download_links(tab: Tab) -> dict[str, str]:
    return dict(tab.page.eval_on_selector_all("#results .downloads a",
                                              "links => links.map(a => [a.dataset.format, a.getAttribute('href')])"))


# --- the page -------------------------------------------------------------------------------------

def test_the_query_page_loads_everything_from_the_server_alone(tab: Tab, server: Server) -> None:
    tab.goto("/")
    tab.page.wait_for_load_state("networkidle")
    paths = {urlsplit(url).path for url in tab.requests}
    assert {"/", "/static/kg.css", "/static/query.js", "/static/results.js", "/static/chart.js"} <= paths
    assert tab.refused == []
    assert all(urlsplit(url).netloc == urlsplit(server.base).netloc for url in tab.requests)
    assert tab.console_errors == [] and tab.page_errors == []
    example = tab.page.input_value("#query")
    assert "PREFIX kg: <https://w3id.org/cn-trade-kg/ontology#>" in example   # the endpoint predeclares none


def test_the_example_query_runs_and_fills_the_table_as_the_endpoint_answers(tab: Tab, server: Server) -> None:
    run(tab)
    answer = sparql_json(server, tab.page.input_value("#query"))
    bindings = answer["results"]["bindings"]
    assert len(bindings) >= 3
    shown = table_rows(tab)
    expected = [[expected_cell(row.get(v)) for v in answer["head"]["vars"]] for row in bindings]
    assert [[comparable(c, e) for c, e in zip(row, exp)] for row, exp in zip(shown, expected)] == expected
    assert len(shown) == len(expected)
    assert tab.page.eval_on_selector_all("#results thead th", "ths => ths.map(th => th.textContent)") == answer["head"]["vars"]
    assert tab.page.text_content("#results .status") == f"{len(bindings)} rows"
    assert tab.page.query_selector("#results .truncated") is None
    assert tab.console_errors == [] and tab.page_errors == []


def test_graph_iris_link_to_their_pages_on_this_server(tab: Tab) -> None:
    run(tab, PREFIXES + "SELECT ?place ?web WHERE { VALUES (?place ?web) { "
                        "(place:CN-HN <http://www.wikidata.org/entity/Q45761>) } }")
    links = tab.page.eval_on_selector_all("#results tbody a", "as => as.map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [["place:CN-HN", "/id/place/CN-HN"], ["wd:Q45761", "http://www.wikidata.org/entity/Q45761"]]


def test_ctrl_enter_runs_and_tab_indents(tab: Tab) -> None:
    tab.goto("/")
    tab.page.fill("#query", "ASK { ?s <urn:kg:nothing> ?o")
    tab.page.focus("#query")
    tab.page.keyboard.press("End")
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.type("}")
    assert tab.page.input_value("#query") == "ASK { ?s <urn:kg:nothing> ?o  }"
    tab.page.keyboard.press("Control+Enter")
    tab.page.wait_for_selector("#results .status.boolean")
    assert tab.page.text_content("#results .status") == "false"
    assert set(download_links(tab)) == {"json", "xml"}   # CSV and TSV have no boolean form


def test_a_shared_link_opens_the_page_with_its_query(tab: Tab) -> None:
    run(tab, PARTNER_VALUES)
    shared = tab.page.url   # the page puts the query it ran into its address
    assert parse_qs(urlsplit(shared).query)["query"] == [PARTNER_VALUES]
    tab.page.goto(shared)
    assert tab.page.input_value("#query") == PARTNER_VALUES


# --- the chart ------------------------------------------------------------------------------------

def test_a_label_and_number_query_draws_one_bar_per_row(tab: Tab, server: Server) -> None:
    run(tab, PARTNER_VALUES)
    rows = sparql_json(server, PARTNER_VALUES)["results"]["bindings"]
    assert len(rows) >= 3
    bars = tab.page.eval_on_selector_all("#results svg.chart.bars rect.bar", "rs => rs.map(r => r.getBBox().width)")
    labels = tab.page.eval_on_selector_all("#results svg.chart text.label", "ts => ts.map(t => t.textContent)")
    assert len(bars) == len(rows)
    assert labels == [row["name"]["value"] for row in rows]
    values = [float(row["value"]["value"]) for row in rows]
    for width, value in zip(bars, values):   # bar lengths are proportional to the values
        assert width / bars[0] == pytest.approx(value / values[0], rel=0.01)
    # the chart comes before the table
    assert tab.page.evaluate("document.querySelector('#results svg').compareDocumentPosition("
                             "document.querySelector('#results table')) & Node.DOCUMENT_POSITION_FOLLOWING")


def test_periods_with_numbers_draw_a_line_with_one_point_per_row(tab: Tab) -> None:
    run(tab, 'SELECT ?period ?value WHERE { VALUES (?period ?value) '
             '{ ("2023-H1" 330) ("2021-H1" 260.35) ("2025" -12.5) } }')
    points = tab.page.eval_on_selector_all("#results svg.chart.line circle.point", "cs => cs.length")
    labels = tab.page.eval_on_selector_all("#results svg.chart.line text.label", "ts => ts.map(t => t.textContent)")
    assert points == 3
    assert labels == ["2021-H1", "2023-H1", "2025"]   # in time order


def test_negative_numbers_draw_bars_on_the_other_side_of_zero(tab: Tab) -> None:
    run(tab, 'SELECT ?partner ?yoy WHERE { VALUES (?partner ?yoy) { ("ASEAN" 20.8) ("US" -12.4) ("EU" 5) } }')
    bars = tab.page.eval_on_selector_all("#results svg.chart.bars rect.bar",
                                         "rs => rs.map(r => [r.x.baseVal.value, r.width.baseVal.value])")
    zero = bars[0][0]                      # the positive bars start at zero
    assert bars[2][0] == pytest.approx(zero)
    assert bars[1][0] + bars[1][1] == pytest.approx(zero)   # the negative one ends there
    assert bars[1][1] / bars[0][1] == pytest.approx(12.4 / 20.8, rel=0.01)


def test_dates_draw_a_line(tab: Tab) -> None:
    run(tab, 'PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT ?day ?n WHERE { VALUES (?day ?n) '
             '{ ("2024-03-01"^^xsd:date 3) ("2024-01-01"^^xsd:date 1) } }')
    assert tab.page.eval_on_selector_all("#results svg.chart.line circle.point", "cs => cs.length") == 2


def test_no_chart_without_a_number_column(tab: Tab) -> None:
    run(tab, PREFIXES + "SELECT ?p ?name WHERE { VALUES ?p { place:CN-HN place:CN-ZJ } "
                        "?p rdfs:label ?name FILTER(LANG(?name) = 'en') }")
    assert len(table_rows(tab)) == 2
    assert tab.page.query_selector("#results svg") is None


# --- errors and hostile data ----------------------------------------------------------------------

def test_a_malformed_query_shows_the_parsers_message(tab: Tab, server: Server) -> None:
    bad = "SELECT * WHERE { ?s ?p }"
    reply = call(server, "GET", "?" + urlencode({"query": bad}))
    assert reply.status == 400
    run(tab, bad)
    error = tab.page.locator("#results .error")
    assert error.is_visible()
    assert error.get_attribute("data-status") == "400"
    assert error.text_content() == reply.text.strip()
    assert "Malformed query" in error.text_content()
    assert tab.page_errors == []


def test_a_query_past_the_time_limit_shows_the_servers_504_message(tab: Tab) -> None:
    run(tab, HEAVY)
    error = tab.page.locator("#results .error")
    assert error.get_attribute("data-status") == "504"
    assert f"limit of {TIMEOUT} s" in error.text_content()


def test_markup_in_literals_and_iris_is_shown_as_text(tab: Tab) -> None:
    script = '<script>window.kgPwned = 1; alert("script")</script>'
    image = '<img src="/pwned.png" onerror="window.kgPwned = 2; alert(\'img\')">'
    link = "javascript:alert(3)"
    query = ("SELECT ?label ?n ?link WHERE { VALUES (?label ?n ?link) { "
             + " ".join(f'({json.dumps(text)} {n} <{link}>)' for n, text in enumerate([script, image], 1)) + " } }")
    run(tab, query)
    tab.page.wait_for_load_state("networkidle")
    cells = table_rows(tab)
    assert [row[0]["text"] for row in cells] == [script, image]
    assert [t for t in tab.page.eval_on_selector_all("#results svg text.label", "ts => ts.map(t => t.textContent)")] \
        == [script, image]   # the chart's labels too
    assert tab.page.eval_on_selector_all("#results script, #results img, #results [onerror]", "els => els.length") == 0
    assert tab.page.eval_on_selector_all("#results a[href^='javascript']", "els => els.length") == 0
    assert [row[2]["text"] for row in cells] == [link, link]   # an IRI of another scheme is text, not a link
    assert tab.page.evaluate("window.kgPwned") is None
    assert tab.dialogs == []
    assert not any(urlsplit(url).path == "/pwned.png" for url in tab.requests)


# --- downloads and truncation ---------------------------------------------------------------------

def check_downloads(tab: Tab, server: Server, formats: set[str]) -> None:
    links = download_links(tab)
    assert set(links) == formats
    for name, href in links.items():
        reply = call(server.base + href, "GET")
        assert reply.status == 200, (name, reply.text)
        assert reply.headers["content-type"].split(";")[0] == MEDIA_TYPES[name]


def test_select_downloads_in_every_results_format(tab: Tab, server: Server) -> None:
    run(tab, PARTNER_VALUES)
    check_downloads(tab, server, {"json", "xml", "csv", "tsv"})
    csv = call(server.base + download_links(tab)["csv"], "GET").text.splitlines()
    assert len(csv) == 1 + len(table_rows(tab))


def test_construct_shows_its_triples_and_downloads_in_every_rdf_format(tab: Tab, server: Server) -> None:
    construct = PREFIXES + "CONSTRUCT { place:CN-HN kg:tradesWith ?p } WHERE { place:CN-HN kg:tradesWith ?p }"
    run(tab, construct)
    check_downloads(tab, server, {"ttl", "nt", "rdfxml", "jsonld", "nq", "trig"})
    triples = call(server.base + download_links(tab)["nt"], "GET").text.strip().splitlines()
    rows = table_rows(tab)
    assert len(rows) == len(triples) >= 2
    assert {row[2]["title"] for row in rows} == {line.split(" ")[2].strip("<>") for line in triples}
    assert tab.page.eval_on_selector_all("#results thead th", "ths => ths.map(th => th.textContent)") \
        == ["subject", "predicate", "object"]


def test_a_truncated_answer_says_so(tab: Tab, server: Server) -> None:
    everything = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    total = sparql_json(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(total["results"]["bindings"][0]["n"]["value"]) > ROW_CAP
    run(tab, everything)
    assert tab.page.text_content("#results .status").startswith(f"{ROW_CAP} rows")
    assert f"at most {ROW_CAP} rows" in tab.page.text_content("#results .truncated")
    assert tab.page.eval_on_selector_all("#results tbody tr", "trs => trs.length") == ROW_CAP


def test_an_answer_within_the_cap_is_not_marked_truncated(tab: Tab) -> None:
    run(tab, f"SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT {ROW_CAP}")
    assert tab.page.eval_on_selector_all("#results tbody tr", "trs => trs.length") == ROW_CAP
    assert tab.page.query_selector("#results .truncated") is None


# --- without JavaScript ---------------------------------------------------------------------------

def test_without_javascript_the_form_still_gets_the_answer(browser, server: Server) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = open_tab(context, server.base)
        tab.goto("/")
        assert tab.page.is_visible("select[name=format]")   # the <noscript> part of the form
        tab.page.fill("#query", PARTNER_VALUES)
        tab.page.select_option("select[name=format]", "xml")
        with tab.page.expect_response(lambda r: urlsplit(r.url).path == "/sparql") as answer:
            tab.page.click("#run")
        response = answer.value
        assert response.status == 200
        sent = parse_qs(urlsplit(response.url).query)
        assert sent["format"] == ["xml"]
        assert sent["query"][0].replace("\r\n", "\n") == PARTNER_VALUES   # forms send line ends as CRLF
        assert response.headers["content-type"].startswith("application/sparql-results+xml")
    finally:
        context.close()


# --- saved queries --------------------------------------------------------------------------------

def saved_listing(server: Server) -> list[dict]:
    reply = call(server.base + "/queries", "GET", headers={"Accept": "application/json"})
    assert reply.status == 200, reply.text
    return json.loads(reply.body)


def test_the_picker_lists_the_saved_queries_and_opens_their_form(tab: Tab, server: Server) -> None:
    listing = saved_listing(server)
    tab.goto("/")
    tab.page.wait_for_selector("#saved-picker:not([hidden])")
    options = tab.page.eval_on_selector_all("#saved-select option", "os => os.map(o => o.value).filter(Boolean)")
    assert options == [entry["name"] for entry in listing]
    tab.page.select_option("#saved-select", "reporter_partners")
    assert tab.page.get_attribute("#saved-open", "href") == "/queries/reporter_partners"
    tab.page.click("#saved-open")
    tab.page.wait_for_selector("#saved-form")
    assert urlsplit(tab.page.url).path == "/queries/reporter_partners"
    assert tab.console_errors == [] and tab.page_errors == []


def test_a_saved_query_form_runs_and_shows_the_rows_the_route_gives(tab: Tab, server: Server) -> None:
    tab.goto("/queries/reporter_partners")
    tab.page.fill("#param-reporter", "CN-HN")
    tab.page.click("#run")
    tab.page.wait_for_selector("#results .status:not(.muted), #results .error")
    values = dict(parse_qs(urlsplit(tab.page.url).query))   # the form's values, kept in the address
    assert values["reporter"] == ["CN-HN"]
    reply = call(server.base + "/queries/reporter_partners?" + urlencode({**{k: v[0] for k, v in values.items()},
                                                                          "format": "json"}), "GET")
    answer = json.loads(reply.body)
    bindings = answer["results"]["bindings"]
    assert len(bindings) >= 2
    expected = [[expected_cell(row.get(v)) for v in answer["head"]["vars"]] for row in bindings]
    shown = table_rows(tab)
    assert [[comparable(c, e) for c, e in zip(row, exp)] for row, exp in zip(shown, expected)] == expected
    assert len(shown) == len(expected)
    assert tab.page.eval_on_selector_all("#results svg rect.bar", "rs => rs.length") == len(bindings)
    check_downloads(tab, server, {"json", "xml", "csv", "tsv"})
    assert tab.refused == [] and tab.console_errors == [] and tab.page_errors == []
    tab.page.reload()   # the address reopens the form with its values and shows the answer again
    tab.page.wait_for_selector("#results .status:not(.muted)")
    assert len(table_rows(tab)) == len(bindings)


def test_a_bad_parameter_on_the_form_shows_the_message_naming_it(tab: Tab) -> None:
    tab.goto("/queries/reporter_partners")
    tab.page.fill("#param-reporter", "CN HN<b>")
    tab.page.click("#run")
    error = tab.page.wait_for_selector("#results .error")
    assert error.get_attribute("data-status") == "400"
    assert "reporter" in error.text_content()
    assert tab.page.eval_on_selector_all("#results b", "bs => bs.length") == 0


# --- every page of the site -----------------------------------------------------------------------

PAGES = ["/", "/queries", "/queries/reporter_partners", "/audit", "/id/place/CN-HN", "/graph/places",
         "/ontology", "/export", "/.well-known/void", "{observation}", "{document}"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_from_the_server_alone_without_errors(tab: Tab, server: Server, path: str) -> None:
    first = sparql_json(server, "SELECT ?observation ?document WHERE { ?observation "
                                "<https://w3id.org/cn-trade-kg/ontology#document> ?document } LIMIT 1")
    iris = {k: v["value"] for k, v in first["results"]["bindings"][0].items()}
    path = path.format(**{k: "/" + iri.removeprefix(BASE) for k, iri in iris.items()})
    response = tab.goto(path)
    tab.page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert tab.refused == []
    assert tab.console_errors == [] and tab.page_errors == []


def test_an_observation_link_in_the_results_opens_its_page(tab: Tab) -> None:
    run(tab)   # the example lists observations
    link = tab.page.locator("#results tbody a[href^='/id/obs/']").first
    iri = link.get_attribute("title")
    with tab.page.expect_navigation():
        link.click()
    assert tab.page.url == tab.origin + "/" + iri.removeprefix(BASE)
    assert tab.page.locator("blockquote mark").count() >= 1   # its quote, marked in its paragraph
    assert tab.console_errors == [] and tab.page_errors == []
