"""The saved analyst queries in queries/*.rq, run with their default parameters on a store built from the seeds.

A saved query is a SPARQL 1.1 SELECT preceded by a metadata header in grlc's `#+` YAML convention
(summary, description, tags, params, limit). Parameters are never spliced into the text: each one is
a variable of the query that is bound as an RDF term with pyoxigraph's `substitutions`. pyoxigraph
only substitutes variables of the top-level projection, so every parameter is also a SELECT column
(and a GROUP BY key where the top level aggregates). kg.serve.saved reads the files and binds the
values, exactly as the server does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.serve.saved import load_saved_queries

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "queries"
QUERIES = sorted(QUERY_DIR.glob("*.rq"))
SAVED = load_saved_queries(QUERY_DIR)  # a file the loader refuses fails the whole module, naming the file

ID = "https://w3id.org/cn-trade-kg/id/"
KG = "https://w3id.org/cn-trade-kg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
# Queries documented to return no rows on the seed graph; each has its own test below.
EMPTY_ON_SEEDS = {"observations_without_evidence", "conflicting_figures", "audit_conflicts"}
ASEAN_H1_2021 = "doc-8d62021494f41b72"  # the seed article on Hunan's trade in 2021 H1


def run(store: Store, name: str, /, **values) -> list[dict]:
    """The rows of a saved query, with its defaults and the values given here, bound as the server binds them."""
    query = SAVED[name]
    bound = query.bind({k: str(v) for k, v in values.items()})
    solutions = store.query(query.text, substitutions=bound, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: row[n] for n in names} for row in solutions]


def value(t) -> str | None:
    return None if t is None else t.value


# --- the store ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    """A store built from a copy of the seeds by the real command line, and audited (kg audit), so
    the audit graph is there for the audit queries."""
    base = tmp_path_factory.mktemp("saved-queries")
    shutil.copytree(ROOT / "seeds", base / "seeds")
    for command in (["build", str(base / "seeds")], ["audit"]):
        out = subprocess.run([sys.executable, "-m", "kg.cli", *command, "--store", str(base / "store")],
                             capture_output=True, text=True, cwd=ROOT)
        assert out.returncode == 0, out.stdout + out.stderr
    return base / "store"


@pytest.fixture(scope="module")
def store(seed_store: Path) -> Store:
    return Store.read_only(str(seed_store))


@pytest.fixture
def copy(seed_store: Path) -> Store:
    """An in-memory copy of the seed graph that a test may change."""
    mem = Store()
    mem.extend(Store.read_only(str(seed_store)).quads_for_pattern(None, None, None, None))
    return mem


# --- every saved query --------------------------------------------------------------------------

def test_there_are_saved_queries() -> None:
    assert len(QUERIES) >= 12
    assert list(SAVED) == [p.stem for p in QUERIES]


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_header(path: Path) -> None:
    """The loader checks the header's form; the project's own queries also give every parameter a default."""
    query = SAVED[path.stem]
    assert query.summary and query.description
    for p in query.params:
        assert p.default is not None, f"{p.name}: with every default the query returns rows on the seeds"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_text(path: Path) -> None:
    query = SAVED[path.stem]
    body = query.text
    assert re.match(r"\s*(PREFIX\s[^\n]*\n\s*)*SELECT\b", body, re.I), "a SELECT after PREFIX declarations"
    for placeholder in ("{{", "}}", "%s", "%(", "${"):
        assert placeholder not in body, f"placeholder {placeholder!r}: parameters are bound, never spliced"
    bare = _code(body)
    assert "$" not in bare, "variables are written ?name"
    declared = set(re.findall(r"^\s*PREFIX\s+([A-Za-z][\w-]*)?:", body, re.I | re.M))
    used = set(re.findall(r"(?<![\w?$])([A-Za-z][\w.-]*)?:(?=[A-Za-z_0-9])", bare)) - {""}
    assert used <= declared, f"undeclared prefixes {used - declared}"
    projection = re.search(r"\bSELECT\b(.*?)\bWHERE\b", bare, re.S | re.I).group(1)
    where = bare[bare.upper().index("WHERE"):]
    for p in query.params:
        var = rf"\?{p.name}\b"
        assert re.search(var, where), f"?{p.name} is not used in the query"
        assert re.search(var, projection) or re.search(r"\*", projection), \
            f"?{p.name} must be projected: pyoxigraph substitutes projected variables only"


TOKENS = re.compile(r'''(?P<string>"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')'''
                    r"|(?P<iri><[^<>\s]*>)|(?P<comment>#[^\n]*)")


def _code(body: str) -> str:
    """The query without comments, and with empty string literals and IRIs: only prefixed names keep a colon."""
    return TOKENS.sub(lambda m: {"string": '""', "iri": "<>", "comment": ""}[m.lastgroup], body)


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_defaults_return_rows(store: Store, path: Path) -> None:
    rows = run(store, path.stem)
    if path.stem in EMPTY_ON_SEEDS:
        assert rows == [], "documented to return no rows on the seeds"
    else:
        assert rows, "the defaults return rows on the seed graph"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_no_repeated_rows(store: Store, path: Path) -> None:
    """The union default graph repeats triples held by several graphs (edges, the software node)."""
    rows = [tuple(sorted((k, str(v)) for k, v in r.items())) for r in run(store, path.stem)]
    assert len(rows) == len(set(rows))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_every_allowed_value_runs(store: Store, path: Path) -> None:
    for p in SAVED[path.stem].params:
        for allowed in p.allowed or ():
            run(store, path.stem, **{p.name: allowed})


# --- results ------------------------------------------------------------------------------------

def test_hunan_partners_in_2021_h1(store: Store) -> None:
    rows = run(store, "reporter_partners")
    partners = {value(r["partnerCode"]): r for r in rows}
    assert Decimal(partners["ASEAN"]["value"].value) == Decimal("40620000000")
    assert partners["ASEAN"]["partnerName"] == Literal("ASEAN", language="en")
    assert partners["ASEAN"]["yoyPct"].value == "20.8"
    assert [value(r["partnerCode"]) for r in rows] == ["ASEAN", "US", "HK"]  # ranked by value
    assert {value(r["reporter"]) for r in rows} == {ID + "place/CN-HN"}
    chinese = run(store, "reporter_partners", lang="zh-Hans")
    assert {value(r["partnerName"]) for r in chinese} == {"美国", "东盟", "香港"}


def test_provenance_of_a_figure(store: Store) -> None:
    [asean] = [r for r in run(store, "reporter_partners") if value(r["partnerCode"]) == "ASEAN"]
    rows = run(store, "observation_provenance", observation=asean["obs"].value)
    assert len(rows) == 1
    row = rows[0]
    assert row["quote"].value == "对东盟贸易额406.2亿元，增长20.8%；"
    assert row["document"].value == ASEAN_H1_2021
    assert row["graph"].value == f"https://w3id.org/cn-trade-kg/graph/{ASEAN_H1_2021}"
    assert row["sha256"].value.startswith(ASEAN_H1_2021.removeprefix("doc-"))
    assert row["softwareVersion"] is not None and row["startedAtTime"].value <= row["endedAtTime"].value
    start, end = int(row["quoteStart"].value), int(row["quoteEnd"].value)
    assert end - start == len(row["quote"].value)
    text = next(store.quads_for_pattern(row["doc"], NamedNode(KG + "text"), None)).object.value
    assert text[start:end] == row["quote"].value
    assert text[:start].endswith(row["prefix"].value) and text[end:].startswith(row["suffix"].value)
    # The saved default is that same observation.
    assert run(store, "observation_provenance")[0]["quote"].value == row["quote"].value


def test_time_series_is_ordered_and_headline_only(store: Store) -> None:
    rows = run(store, "reporter_time_series")
    codes = [value(r["periodCode"]) for r in rows]
    assert "2021-H1" in codes and "2025" in codes
    assert [r["start"].value for r in rows] == sorted(r["start"].value for r in rows)
    [h1] = [r for r in rows if value(r["periodCode"]) == "2021-H1"]
    assert Decimal(h1["value"].value) == Decimal("260350000000")
    exports = run(store, "reporter_time_series", flow="export", reporter="CN-ZJ")
    assert [(value(r["periodCode"]), Decimal(r["value"].value)) for r in exports] == [("2022-H1", Decimal("1660000000000"))]


def test_who_trades_with_asean(store: Store) -> None:
    rows = run(store, "partner_reporters")
    assert {(value(r["reporterCode"]), value(r["periodCode"])) for r in rows} == {("CN-HN", "2021-H1"), ("CN-HN", "2023-H1")}
    assert rows[0]["periodCode"].value == "2023-H1"  # newest first


def test_top_commodities_are_ranked_by_value(store: Store) -> None:
    rows = run(store, "reporter_top_commodities")
    values = [Decimal(r["value"].value) for r in rows if r["value"] is not None]
    assert values == sorted(values, reverse=True)
    assert rows[0]["commodityCode"].value == "own_brand"
    [ev] = [r for r in rows if value(r["commodityCode"]) == "electric_vehicle" and r["value"] is not None]
    assert ev["broaderName"].value.startswith('"New three"')
    [vehicles] = [r for r in rows if value(r["commodityCode"]) == "electric_vehicle" and r["quantity"] is not None]
    assert (Decimal(vehicles["quantity"].value), vehicles["unit"].value) == (Decimal(100000), "vehicle")


def test_growth_leaders(store: Store) -> None:
    rows = run(store, "growth_leaders")
    yoy = [Decimal(r["yoyPct"].value) for r in rows]
    assert yoy == sorted(yoy, reverse=True) and len(rows) <= 20
    assert (rows[0]["commodityName"].value, Decimal(rows[0]["yoyPct"].value)) == ("Electric vehicles", Decimal("128.2"))
    assert {value(r["reporterCode"]) for r in rows} > {"CN-HN"}  # every reporter by default
    one = run(store, "growth_leaders", reporter_code="CN-430100")
    assert {value(r["reporterCode"]) for r in one} == {"CN-430100"}


def test_shares(store: Store) -> None:
    rows = run(store, "reporter_shares")
    assert rows[0]["periodCode"].value == "2025"
    assert (rows[0]["partnerName"].value, Decimal(rows[0]["sharePct"].value)) == ("Belt and Road countries", Decimal("59.1"))
    assert {r["periodCode"].value for r in rows} == {"2021-H1", "2023-H1", "2025"}
    assert all(Decimal(r["sharePct"].value) >= 30 for r in run(store, "reporter_shares", min_share="30"))


def test_cities_of_hunan(store: Store) -> None:
    rows = run(store, "province_cities")
    assert {"CN-430100", "CN-430600"} <= {value(r["cityCode"]) for r in rows}
    [changsha] = [r for r in rows if value(r["cityCode"]) == "CN-430100" and value(r["flowCode"]) == "total"]
    assert changsha["cityName"].value == "Changsha"
    assert Decimal(changsha["value"].value) == Decimal("287540000000")


def test_one_document(store: Store) -> None:
    rows = run(store, "document_observations", document=ASEAN_H1_2021, lang="zh-Hans")
    assert all(r["quote"] is not None for r in rows)
    starts = [int(r["quoteStart"].value) for r in rows]
    assert starts == sorted(starts)
    assert any(r["quote"].value == "对东盟贸易额406.2亿元，增长20.8%；" and value(r["partnerName"]) == "东盟" for r in rows)
    [doc] = [r for r in run(store, "documents_and_runs") if r["document"].value == ASEAN_H1_2021]
    assert len({r["obs"].value for r in rows}) == len(rows) == int(doc["observations"].value)


def test_documents_and_runs(store: Store) -> None:
    rows = run(store, "documents_and_runs")
    assert len(rows) == 5
    by_doc = {r["document"].value: r for r in rows}
    assert by_doc[ASEAN_H1_2021]["title"].value.startswith("湖南上半年进出口总值2603.5亿元")
    assert all(r["softwareVersion"] is not None and r["startedAtTime"].value <= r["endedAtTime"].value for r in rows)
    total = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?o a <%sTradeObservation> }" % KG, use_default_graph_as_union=True)
    assert sum(int(r["observations"].value) for r in rows) == int(next(total)["n"].value)
    most = max(int(r["observations"].value) for r in rows)
    assert len(run(store, "documents_and_runs", min_observations=most)) < 5


def test_trade_edges_are_listed_once(store: Store) -> None:
    rows = run(store, "reporter_trade_edges")
    pairs = [(r["relation"].value, r["partnerCode"].value) for r in rows]
    assert len(pairs) == len(set(pairs))
    assert ("tradesWith", "ASEAN") in pairs


def test_balance_check(store: Store) -> None:
    [cn] = run(store, "balance_check")
    assert (cn["periodCode"].value, cn["reporterName"].value) == ("2022-01..2022-02", "China")
    assert Decimal(cn["exportMinusImport"].value) == Decimal("740000000000")
    assert Decimal(cn["balanceGap"].value) == Decimal("-1200000000")  # 7388亿 stated, 3.47万亿 − 2.73万亿 computed
    [hn] = run(store, "balance_check", reporter="CN-HN")
    assert hn["periodCode"].value == "2021-H1" and Decimal(hn["totalGap"].value) == 0
    assert hn["balance"] is None and hn["balanceGap"] is None


def test_labels_in_a_chosen_language(store: Store) -> None:
    [hunan] = run(store, "place_by_label")
    assert (hunan["code"].value, hunan["label"].value, hunan["kind"].value) == ("CN-HN", "Hunan", "Province")
    assert {r["code"].value for r in run(store, "place_by_label", name="東協@zh-Hant")} == {"ASEAN"}
    provinces = run(store, "places_of_kind")
    assert len(provinces) == 34 and all(r["name"] is not None for r in provinces)
    members = run(store, "group_members", lang="zh-Hans")
    assert {"MY", "VN"} <= {r["memberCode"].value for r in members}


# --- queries that return nothing on a healthy graph ---------------------------------------------

def _graph_of(store: Store, obs: NamedNode) -> NamedNode:
    return next(store.quads_for_pattern(obs, None, None, None)).graph_name


def test_observations_without_evidence_are_found(copy: Store) -> None:
    assert run(copy, "observations_without_evidence") == []
    [asean] = [r for r in run(copy, "reporter_partners") if value(r["partnerCode"]) == "ASEAN"]
    obs = asean["obs"]
    g = _graph_of(copy, obs)
    # One observation loses its evidence link, another's evidence loses its quote.
    derived = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    copy.remove(Quad(obs, derived, next(copy.quads_for_pattern(obs, derived, None, g)).object, g))
    [us] = [r for r in run(copy, "reporter_partners") if value(r["partnerCode"]) == "US"]
    evidence = next(copy.quads_for_pattern(us["obs"], derived, None, None)).object
    quote_selector = NamedNode(evidence.value + "#quote")
    for q in list(copy.quads_for_pattern(quote_selector, NamedNode("http://www.w3.org/ns/oa#exact"), None, None)):
        copy.remove(q)
    # and a third evidence loses the end of its position.
    [hk] = [r for r in run(copy, "reporter_partners") if value(r["partnerCode"]) == "HK"]
    evidence = next(copy.quads_for_pattern(hk["obs"], derived, None, None)).object
    for q in list(copy.quads_for_pattern(NamedNode(evidence.value + "#position"), NamedNode("http://www.w3.org/ns/oa#end"), None, None)):
        copy.remove(q)
    rows = run(copy, "observations_without_evidence")
    assert {(r["obs"].value, r["problem"].value) for r in rows} == {
        (obs.value, "no prov:wasDerivedFrom"), (us["obs"].value, "evidence without a quote"),
        (hk["obs"].value, "evidence without a position")}
    assert {r["graph"].value for r in rows} == {g.value}


def test_conflicting_figures_are_found(copy: Store) -> None:
    assert run(copy, "conflicting_figures") == []
    [asean] = [r for r in run(copy, "reporter_partners") if value(r["partnerCode"]) == "ASEAN"]
    obs = asean["obs"]
    # A second document states Hunan's trade with ASEAN in 2021 H1 as 406.0亿元 (ranked deprecated),
    # a third agrees with the first.
    for doc_id, amount in (("doc-0000000000000001", "40600000000"), ("doc-0000000000000002", "40620000000")):
        g = NamedNode(f"https://w3id.org/cn-trade-kg/graph/{doc_id}")
        doc = NamedNode(f"{ID}doc/{doc_id}")
        other = NamedNode(f"{ID}obs/{doc_id}-aaaaaaaaaaaaaaaa")
        copy.add(Quad(doc, NamedNode("http://purl.org/dc/terms/identifier"), Literal(doc_id), g))
        for q in list(copy.quads_for_pattern(obs, None, None, None)):
            if q.predicate.value in (KG + "value", KG + "document"):
                continue
            copy.add(Quad(other, q.predicate, q.object, g))
        copy.add(Quad(other, NamedNode(KG + "value"), Literal(amount, datatype=NamedNode(XSD + "decimal")), g))
        copy.add(Quad(other, NamedNode(KG + "document"), doc, g))
        if amount == "40600000000":
            copy.add(Quad(other, NamedNode(KG + "rank"), Literal("deprecated"), g))
    rows = run(copy, "conflicting_figures")
    assert len(rows) == 1
    row = rows[0]
    assert (row["reporterCode"].value, row["partnerCode"].value, row["flowCode"].value, row["measureUnit"].value) == \
        ("CN-HN", "ASEAN", "total", "money CNY")
    assert (row["start"].value, row["end"].value) == ("2021-01-01", "2021-06-30")
    assert (int(row["distinctFigures"].value), int(row["documents"].value)) == (2, 3)
    assert set(row["figures"].value.split(" | ")) == {
        f"{ASEAN_H1_2021}: 40620000000", "doc-0000000000000001: 40600000000 (deprecated)",
        "doc-0000000000000002: 40620000000"}
    # The rankings leave the deprecated figure out.
    assert [Decimal(r["value"].value) for r in run(copy, "reporter_partners") if r["partnerCode"].value == "ASEAN"] == \
        [Decimal("40620000000")] * 2
    assert run(copy, "conflicting_figures", reporter_code="CN-ZJ") == []
