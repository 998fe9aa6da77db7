"""`kg audit` on real stores built by `kg build` from real files: the seeds pass, and each kind of
broken provenance, disagreement and inconsistency is found, reported and written to the audit graph.

Articles for the conflict and arithmetic cases are written here as plain-text files (first line
`date YYYY-MM-DD`, then Chinese prose like the seeds'); the commands run as subprocesses.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from html import escape
from pathlib import Path
from urllib.parse import quote

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store, Triple, serialize
from pyshacl import validate
from rdflib import Graph

from serving import ROOT, build_seed_store, call, start_server, stop_server

# pyshacl calls rdflib APIs that rdflib deprecates; those warnings are theirs.
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning")

KG = "https://w3id.org/cn-trade-kg/ontology#"
ID = "https://w3id.org/cn-trade-kg/id/"
AUDIT_GRAPH = "https://w3id.org/cn-trade-kg/graph/audit"
PREFIXES = """PREFIX kg: <https://w3id.org/cn-trade-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
PREFIX place: <https://w3id.org/cn-trade-kg/id/place/>
PREFIX flow: <https://w3id.org/cn-trade-kg/id/flow/>
"""
SEED_000 = "000_a2e2f57e8b32cb76.txt"


# --- running the commands ---------------------------------------------------------------------------

def kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=cwd, capture_output=True, text=True)


def build(store: Path, *paths: Path | str, cwd: Path = ROOT) -> None:
    done = kg("build", *map(str, paths), "--store", str(store), cwd=cwd)
    assert done.returncode == 0, done.stderr


def audit_json(store: Path, *options: str, cwd: Path = ROOT) -> tuple[int, dict]:
    done = kg("audit", "--store", str(store), "--format", "json", *options, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def select(store: Path, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the union of graphs, as plain strings (store opened read-only)."""
    results = Store.read_only(str(store)).query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in results.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in results]


def update(store: Path, sparql: str) -> None:
    """Tamper with the store as something other than kg would."""
    writer = Store(str(store))
    writer.update(PREFIXES + sparql)
    writer.flush()
    del writer


def of_kind(report: dict, kind: str) -> list[dict]:
    return [f for f in report["findings"] if f["kind"] == kind]


def article(folder: Path, name: str, date: str, *paragraphs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"date {date}\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def observations_of(store: Path, source: Path) -> list[str]:
    return [r["obs"] for r in select(store, f"""
        SELECT ?obs WHERE {{ ?obs kg:document ?d . ?d kg:sourcePath "{source}" }}""")]


# --- the seeds ----------------------------------------------------------------------------------------

@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A store built by `kg build` from a private copy of the seeds (tmp_path/seeds), never audited:
    for tests that change the source files."""
    return build_seed_store(tmp_path)


@pytest.fixture(scope="module")
def seeds_built(tmp_path_factory) -> Path:
    return build_seed_store(tmp_path_factory.mktemp("audit-seeds"))


@pytest.fixture
def store_copy(seeds_built: Path, tmp_path: Path) -> Path:
    """A copy of a never-audited seed store whose source files are shared: for tests that change
    the store only."""
    shutil.copytree(seeds_built, tmp_path / "store")
    return tmp_path / "store"


@pytest.fixture(scope="module")
def seed_report(seeds_built: Path, tmp_path_factory) -> tuple[int, dict, Path]:
    store = tmp_path_factory.mktemp("audited") / "store"
    shutil.copytree(seeds_built, store)
    code, report = audit_json(store)
    return code, report, store


def test_seeds_pass_the_evidence_source_and_provenance_checks(seed_report) -> None:
    code, report, _ = seed_report
    assert code == 0
    assert report["documents"] == 5 and report["observations"] == 56
    assert report["broken"] is False
    for kind in ("evidence", "source", "provenance", "empty-document", "conflict"):
        assert of_kind(report, kind) == [], kind


def test_seed_000_adds_up(seed_report) -> None:
    """1755.5 + 848 = 2603.5 and 656.8 / 2603.5 = 25.2 %: the audit had both sums to check and
    found nothing wrong with them."""
    _, report, store = seed_report
    rows = select(store, f"""
        SELECT ?obs ?flow ?value ?mode ?share WHERE {{
          ?obs kg:reporter place:CN-HN ; kg:periodCode "2021-H1" ; kg:flow ?flow ; kg:value ?value ;
               kg:document ?d . ?d kg:sourcePath ?src FILTER(STRENDS(?src, "{SEED_000}"))
          FILTER NOT EXISTS {{ ?obs kg:partner ?p }} FILTER NOT EXISTS {{ ?obs kg:commodity ?c }}
          OPTIONAL {{ ?obs kg:mode ?mode }} OPTIONAL {{ ?obs kg:sharePct ?share }} }}""")
    headline = {r["flow"].rsplit("/", 1)[1]: Decimal(r["value"]) for r in rows if "mode" not in r}
    assert headline["export"] + headline["import"] == headline["total"]
    [zone] = [r for r in rows if "share" in r]
    assert round(Decimal(zone["value"]) / headline["total"] * 100, 1) == Decimal(zone["share"])
    concerned = {c for f in of_kind(report, "arithmetic") for c in f["concerns"]}
    assert not concerned & {r["obs"] for r in rows}, "no arithmetic finding about seed 000"


def test_audit_graph_holds_the_run_and_the_findings(seed_report) -> None:
    _, report, store = seed_report
    runs = select(store, f"""
        SELECT ?run ?start ?end ?version WHERE {{ GRAPH <{AUDIT_GRAPH}> {{
          ?run a kg:AuditRun, prov:Activity ; prov:startedAtTime ?start ; prov:endedAtTime ?end ;
               prov:wasAssociatedWith ?sw . ?sw schema:softwareVersion ?version }} }}""")
    assert [r["run"] for r in runs] == [report["run"]]
    assert runs[0]["start"] <= runs[0]["end"] and runs[0]["version"] == report["version"]
    findings = select(store, f"""
        SELECT ?f ?kind ?severity ?message (LANG(?message) AS ?lang) (COUNT(?c) AS ?concerns) WHERE {{
          GRAPH <{AUDIT_GRAPH}> {{ ?f a kg:Finding ; kg:findingKind ?kind ; kg:severity ?severity ;
            kg:message ?message ; prov:wasGeneratedBy <{report['run']}> ; kg:concerns ?c }} }}
        GROUP BY ?f ?kind ?severity ?message""")
    assert sorted(r["f"] for r in findings) == sorted(f["iri"] for f in report["findings"])
    for row in findings:
        listed = next(f for f in report["findings"] if f["iri"] == row["f"])
        assert (row["kind"], row["severity"], row["message"]) == (listed["kind"], listed["severity"], listed["message"])
        assert row["lang"] == "en" and int(row["concerns"]) == len(listed["concerns"]) >= 1


def test_the_audit_graph_conforms_to_the_shapes(seed_report) -> None:
    """The audit graph alone is enough: findings, runs and the software they point to are all in it."""
    _, _, store = seed_report
    quads = Store.read_only(str(store)).quads_for_pattern(None, None, None, NamedNode(AUDIT_GRAPH))
    data = Graph().parse(data=serialize((Triple(q.subject, q.predicate, q.object) for q in quads),
                                        format=RdfFormat.N_TRIPLES), format="nt")
    assert len(data) > 10
    conforms, _, text = validate(data, shacl_graph=str(ROOT / "ontology" / "shapes.ttl"), inference="none")
    assert conforms, text


def test_each_audit_replaces_the_graph(store_copy: Path) -> None:
    _, first = audit_json(store_copy)
    _, second = audit_json(store_copy)
    assert first["run"] != second["run"]
    runs = select(store_copy, f"SELECT ?run WHERE {{ GRAPH <{AUDIT_GRAPH}> {{ ?run a kg:AuditRun }} }}")
    assert [r["run"] for r in runs] == [second["run"]]
    count = select(store_copy, f"SELECT (COUNT(?f) AS ?n) WHERE {{ GRAPH <{AUDIT_GRAPH}> {{ ?f a kg:Finding }} }}")
    assert int(count[0]["n"]) == len(second["findings"])


def test_text_report_is_readable(store_copy: Path) -> None:
    done = kg("audit", "--store", str(store_copy))
    assert done.returncode == 0, done.stderr
    assert "5 documents, 56 observations" in done.stdout
    assert "evidence, sources and provenance hold" in done.stdout


def test_html_report_is_a_standalone_page(store_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "audit.html"
    done = kg("audit", "--store", str(store_copy), "--format", "html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "Evidence, sources and provenance hold." in page
    assert "<link" not in page and "<script" not in page  # nothing to fetch: it works offline


# --- sources ------------------------------------------------------------------------------------------

def test_an_edited_source_is_named_with_its_observations(seeds: Path) -> None:
    source = seeds.parent / "seeds" / SEED_000
    depending = observations_of(seeds, source)
    assert len(depending) >= 10
    source.write_text(source.read_text(encoding="utf-8").replace("2603.5亿元", "2630.5亿元"), encoding="utf-8")
    done = kg("audit", "--store", str(seeds))
    assert done.returncode == 1
    assert f"{source} has changed since it was built" in done.stdout
    for obs in depending:
        assert obs.removeprefix(ID) in done.stdout
    _, report = audit_json(seeds)
    [changed] = of_kind(report, "source")
    assert changed["severity"] == "error" and set(depending) <= set(changed["concerns"])


def test_a_deleted_source_is_reported(seeds: Path) -> None:
    source = seeds.parent / "seeds" / SEED_000
    source.unlink()
    code, report = audit_json(seeds)
    assert code == 1
    [missing] = of_kind(report, "source")
    assert f"{source} is missing" in missing["message"]
    assert set(observations_of(seeds, source)) <= set(missing["concerns"])


def test_relative_source_paths_resolve_against_root(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    store = tmp_path / "store"
    build(store, "seeds", cwd=tmp_path)  # recorded as seeds/NNN.txt, relative to tmp_path
    assert audit_json(store, "--root", str(tmp_path))[0] == 0
    assert audit_json(store, cwd=tmp_path)[0] == 0
    code, report = audit_json(store, "--root", str(tmp_path / "elsewhere"))
    assert code == 1 and len(of_kind(report, "source")) == 5


# --- evidence and provenance in the store ---------------------------------------------------------------

def first_evidence(store: Path) -> dict[str, str]:
    return select(store, """
        SELECT ?obs ?quote ?sel ?start ?pos WHERE {
          ?obs prov:wasDerivedFrom ?ev . ?ev oa:hasSelector ?sel, ?pos .
          ?sel oa:exact ?quote . ?pos oa:start ?start } ORDER BY ?obs LIMIT 1""")[0]


def test_a_tampered_quote_is_an_evidence_error(store_copy: Path) -> None:
    ev = first_evidence(store_copy)
    update(store_copy, f"""DELETE {{ GRAPH ?g {{ <{ev['sel']}> oa:exact ?q }} }}
                      INSERT {{ GRAPH ?g {{ <{ev['sel']}> oa:exact "{ev['quote'][:-1]}X" }} }}
                      WHERE {{ GRAPH ?g {{ <{ev['sel']}> oa:exact ?q }} }}""")
    code, report = audit_json(store_copy)
    assert code == 1
    [bad] = of_kind(report, "evidence")
    assert bad["concerns"][0] == ev["obs"] and "is not the stored text at" in bad["message"]


def test_a_tampered_offset_is_an_evidence_error(store_copy: Path) -> None:
    ev = first_evidence(store_copy)
    update(store_copy, f"""DELETE {{ GRAPH ?g {{ <{ev['pos']}> oa:start ?s }} }}
                      INSERT {{ GRAPH ?g {{ <{ev['pos']}> oa:start {int(ev['start']) + 1} }} }}
                      WHERE {{ GRAPH ?g {{ <{ev['pos']}> oa:start ?s }} }}""")
    code, report = audit_json(store_copy)
    assert code == 1
    assert [f["concerns"][0] for f in of_kind(report, "evidence")] == [ev["obs"]]


def test_edited_stored_text_no_longer_matches_its_hash(store_copy: Path) -> None:
    update(store_copy, """DELETE { GRAPH ?g { ?d kg:text ?t } } INSERT { GRAPH ?g { ?d kg:text ?edited } }
                     WHERE { GRAPH ?g { ?d kg:text ?t ; kg:sourcePath ?s FILTER(CONTAINS(?s, "000_")) }
                             BIND(REPLACE(?t, "2603.5", "2630.5") AS ?edited) }""")
    code, report = audit_json(store_copy)
    assert code == 1
    messages = [f["message"] for f in of_kind(report, "evidence")]
    assert any("no longer hashes to its recorded kg:textSha256" in m for m in messages), messages


@pytest.mark.parametrize("link, words", [
    ("prov:wasDerivedFrom", "no evidence"),
    ("kg:document", "no document"),
    ("prov:wasGeneratedBy", "no extraction run"),
])
def test_an_observation_without_its_provenance_is_an_error(store_copy: Path, link: str, words: str) -> None:
    obs = first_evidence(store_copy)["obs"]
    update(store_copy, f"DELETE WHERE {{ GRAPH ?g {{ <{obs}> {link} ?x }} }}")
    code, report = audit_json(store_copy)
    assert code == 1
    [broken] = of_kind(report, "provenance")
    assert broken["concerns"][0] == obs and words in broken["message"]


# --- the store while others use it --------------------------------------------------------------------

def test_a_store_locked_by_another_writer_is_refused(store_copy: Path) -> None:
    writer = Store(str(store_copy))  # as a running kg build holds it
    try:
        done = kg("audit", "--store", str(store_copy))
    finally:
        del writer
    assert done.returncode == 2
    assert "locked by another writer" in done.stderr and done.stdout == ""


def test_a_missing_store_is_refused(tmp_path: Path) -> None:
    done = kg("audit", "--store", str(tmp_path / "nothing"))
    assert done.returncode == 2 and "run `kg build` first" in done.stderr
    assert not (tmp_path / "nothing").exists()


def test_a_build_that_changes_documents_marks_the_audit_stale(seeds: Path, tmp_path: Path) -> None:
    _, report = audit_json(seeds)
    stale = f"ASK {{ GRAPH <{AUDIT_GRAPH}> {{ <{report['run']}> kg:stale true }} }}"
    build(seeds, seeds.parent / "seeds")  # nothing changed: the audit still holds
    assert not Store.read_only(str(seeds)).query(PREFIXES + stale)
    extra = article(tmp_path / "more", "extra.txt", "2024-07-20", "今年上半年，湖南省进出口总值3000亿元，比上年同期增长5%。")
    done = kg("build", str(extra), "--store", str(seeds))
    assert done.returncode == 0 and "marked stale" in done.stdout
    assert Store.read_only(str(seeds)).query(PREFIXES + stale)
    _, again = audit_json(seeds)
    assert not Store.read_only(str(seeds)).query(PREFIXES + stale.replace(report["run"], again["run"]))


# --- disagreements between figures --------------------------------------------------------------------

HALF_YEAR_2024 = "今年上半年，湖南省进出口总值{total}亿元，比上年同期增长5%。"


@pytest.fixture
def disagreeing(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    """Three articles on Hunan's 2024 H1 total (two agree, the latest disagrees, one adds up wrong)
    and one article without figures, built into a fresh store."""
    arts = tmp_path / "articles"
    files = {
        "early": article(arts, "early.txt", "2024-07-20", "湖南外贸半年报",
                         HALF_YEAR_2024.format(total=3000) + "其中，出口2000亿元，增长6%，进口800亿元，增长3%。"),
        "same": article(arts, "same.txt", "2024-07-22", "湖南外贸", HALF_YEAR_2024.format(total="3,000.0")),
        "late": article(arts, "late.txt", "2024-08-10", "湖南外贸再报", HALF_YEAR_2024.format(total=3100)),
        "empty": article(arts, "empty<script>.txt", "2024-01-05", "冬日随笔", "今天天气很好，我们去公园散步。"),
    }
    build(tmp_path / "store", arts)
    return tmp_path / "store", files


def obs_from(report_finding: dict, store: Path, source: Path) -> list[dict]:
    mine = set(observations_of(store, source))
    return [s for s in report_finding["sides"] if s["observation"] in mine]


def test_two_documents_with_different_figures_are_a_conflict(disagreeing) -> None:
    store, files = disagreeing
    code, report = audit_json(store)
    assert code == 0, "a conflict is a finding, not broken provenance"
    [conflict] = of_kind(report, "conflict")
    assert conflict["severity"] == "warning"
    [late] = obs_from(conflict, store, files["late"])
    [early] = obs_from(conflict, store, files["early"])
    [same] = obs_from(conflict, store, files["same"])
    assert late["quote"] == HALF_YEAR_2024.format(total=3100) and "3100亿元" in conflict["message"]
    assert early["quote"].startswith(HALF_YEAR_2024.format(total=3000)) and "3000亿元" in conflict["message"]
    # the later publication wins; the one that agrees with the loser within rounding is deprecated too
    assert (late["rank"], early["rank"], same["rank"]) == ("preferred", "deprecated", "deprecated")
    assert "later publication (2024-08-10 against" in conflict["message"]
    for side in (late, early, same):
        assert side["observation"] in conflict["concerns"] and side["document"] in conflict["concerns"]
    ranks = select(store, f"""SELECT ?obs ?rank WHERE {{ GRAPH <{AUDIT_GRAPH}> {{ ?obs kg:rank ?rank }} }}""")
    assert {r["obs"]: r["rank"] for r in ranks} == {s["observation"]: s["rank"] for s in (late, early, same)}
    # both observations stay in the graph, and derived queries can leave the deprecated one out
    kept = select(store, """SELECT ?obs WHERE { ?obs kg:reporter place:CN-HN ; kg:periodCode "2024-H1" ;
                             kg:flow flow:total FILTER NOT EXISTS { ?obs kg:partner ?p }
                             FILTER NOT EXISTS { ?obs kg:rank "deprecated" } }""")
    assert [r["obs"] for r in kept] == [late["observation"]]


def test_figures_that_agree_within_rounding_are_no_conflict(tmp_path: Path) -> None:
    arts = tmp_path / "articles"
    article(arts, "a.txt", "2024-07-20", HALF_YEAR_2024.format(total="3,000.0"))
    article(arts, "b.txt", "2024-07-21", "今年上半年，湖南省进出口总值0.3万亿元，比上年同期增长5%。")
    build(tmp_path / "store", arts)
    code, report = audit_json(tmp_path / "store")
    assert code == 0 and of_kind(report, "conflict") == []


def test_an_official_customs_source_is_preferred_to_a_later_one(tmp_path: Path) -> None:
    arts = tmp_path / "articles"
    press = article(arts, "press.txt", "2024-08-10", HALF_YEAR_2024.format(total=3100))
    customs = arts / "customs.html"
    customs.write_text("---\ntitle: 湖南外贸\ndate: 2024-07-18\nauthor: 长沙海关\n---\n<p>"
                       + HALF_YEAR_2024.format(total=3000) + "</p>\n", encoding="utf-8")
    build(tmp_path / "store", arts)
    _, report = audit_json(tmp_path / "store")
    [conflict] = of_kind(report, "conflict")
    [official] = obs_from(conflict, tmp_path / "store", customs)
    [later] = obs_from(conflict, tmp_path / "store", press)
    assert (official["rank"], later["rank"]) == ("preferred", "deprecated")
    assert "an official customs source" in conflict["message"]


def test_a_document_whose_export_and_import_do_not_add_up(tmp_path: Path) -> None:
    arts = tmp_path / "articles"
    wrong = article(arts, "wrong.txt", "2024-07-20", HALF_YEAR_2024.format(total=3000)
                    + "其中，出口2000亿元，增长6%，进口800亿元，增长3%。")
    build(tmp_path / "store", arts)
    code, report = audit_json(tmp_path / "store")
    [wrong_sum] = of_kind(report, "arithmetic")
    assert code == 0 and wrong_sum["severity"] == "warning"
    assert set(wrong_sum["concerns"]) >= set(observations_of(tmp_path / "store", wrong))
    assert "exports + imports = 280000000000, but the total is 3000亿元" in wrong_sum["message"]


def test_a_document_without_figures_is_reported_as_empty(disagreeing) -> None:
    store, files = disagreeing
    code, report = audit_json(store)
    [empty] = of_kind(report, "empty-document")
    assert code == 0 and empty["severity"] == "info"
    assert str(files["empty"]) in empty["message"] and "yielded no observation" in empty["message"]
    assert empty["concerns"] == [d["d"] for d in select(store, f"""
        SELECT ?d WHERE {{ ?d kg:sourcePath "{files['empty']}" }}""")]


@pytest.mark.parametrize("share, found", [("25.2", False), ("27.5", True)])
def test_a_share_is_checked_against_the_reporters_total(tmp_path: Path, share: str, found: bool) -> None:
    arts = tmp_path / "articles"
    article(arts, "zone.txt", "2021-07-20", "今年上半年，湖南省进出口总值2603.5亿元，比上年同期增长28%。"
            f"上半年湖南省海关特殊监管区域进出口总额实现656.8亿元，增长62.2%，占全省进出口总值的{share}%。")
    build(tmp_path / "store", arts)
    _, report = audit_json(tmp_path / "store")
    shares = [f for f in of_kind(report, "arithmetic") if "the share is" in f["message"]]
    assert bool(shares) is found
    if found:
        assert f"the share is {share}%, but" in shares[0]["message"] and "is 25.23%" in shares[0]["message"]


@pytest.mark.parametrize("growth, found", [("10", False), ("25", True)])
def test_a_yoy_change_is_checked_against_the_figure_a_year_earlier(tmp_path: Path, growth: str, found: bool) -> None:
    arts = tmp_path / "articles"
    article(arts, "2023.txt", "2023-07-20", "今年上半年，湖南省进出口总值2000亿元。")
    article(arts, "2024.txt", "2024-07-20", f"今年上半年，湖南省进出口总值2200亿元，比上年同期增长{growth}%。")
    build(tmp_path / "store", arts)
    _, report = audit_json(tmp_path / "store")
    changes = [f for f in of_kind(report, "arithmetic") if "year-on-year" in f["message"]]
    assert bool(changes) is found
    if found:
        assert "against 2000亿元 = 200000000000 CNY for 2023-H1 it is 10%" in changes[0]["message"]


# --- findings over HTTP: /sparql, /audit and the saved queries ------------------------------------------

CONFLICT_QUOTES = f"""
PREFIX kg: <{KG}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?finding ?obs ?rank ?quote ?doc WHERE {{
  GRAPH <{AUDIT_GRAPH}> {{ ?finding kg:findingKind "conflict" ; kg:concerns ?obs . OPTIONAL {{ ?obs kg:rank ?rank }} }}
  ?obs kg:document ?doc ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote .
}}"""


def test_a_conflict_is_queryable_over_http_and_shown_at_audit(disagreeing, tmp_path: Path) -> None:
    store, files = disagreeing
    _, report = audit_json(store)
    [conflict] = of_kind(report, "conflict")
    # a later build adds a document: the findings stay, marked stale, and the page says so
    build(store, article(tmp_path / "later", "later.txt", "2024-09-01", "今年前8个月，湖南省进出口总值4000亿元。"))
    server = start_server(store, tmp_path / "serve.log")
    try:
        reply = call(server, "GET", "?query=" + quote(CONFLICT_QUOTES), headers={"Accept": "application/sparql-results+json"})
        page = call(server.base + "/audit", "GET", headers={"Accept": "text/html"})
        as_json = call(server.base + "/audit", "GET", headers={"Accept": "application/json"})
        saved = call(server.base + "/queries/audit_conflicts", "GET", "?format=json")
    finally:
        stop_server(server)
    assert reply.status == 200, reply.text
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(reply.body)["results"]["bindings"]]
    assert {r["finding"] for r in rows} == {conflict["iri"]}
    assert {r["quote"] for r in rows} == {s["quote"] for s in conflict["sides"]}
    assert {r["obs"]: r.get("rank") for r in rows} == {s["observation"]: s["rank"] for s in conflict["sides"]}

    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert 'id="stale"' in html and 'id="no-audit"' not in html
    assert "<script>" not in html and "empty&lt;script&gt;.txt" in html  # the empty file's name, escaped
    assert html.count('id="finding-') == len(report["findings"])
    assert escape(conflict["message"]) in html
    for side in conflict["sides"]:
        assert f'href="/{side["observation"].removeprefix("https://w3id.org/cn-trade-kg/")}"' in html
        assert f'href="/{side["document"].removeprefix("https://w3id.org/cn-trade-kg/")}"' in html

    listed = json.loads(as_json.body)
    assert as_json.status == 200 and listed["audited"] is True and listed["run"]["iri"] == report["run"]
    assert listed["run"]["stale"] is True
    assert sorted(f["iri"] for f in listed["findings"]) == sorted(f["iri"] for f in report["findings"])
    shown = next(f for f in listed["findings"] if f["kind"] == "conflict")
    assert shown["severity"] == "warning" and shown["message"] == conflict["message"]
    assert {c["iri"] for c in shown["concerns"]} == set(conflict["concerns"])

    assert saved.status == 200, saved.text
    sides = [{k: v["value"] for k, v in b.items()} for b in json.loads(saved.body)["results"]["bindings"]]
    assert {(r["obs"], r["rank"]) for r in sides} == {(s["observation"], s["rank"] or "normal") for s in conflict["sides"]}
    assert sides[0]["rank"] == "preferred" and sides[0]["asWritten"] == "3100亿元"


def test_audit_page_says_when_no_audit_has_been_run(seeds_built: Path, tmp_path: Path) -> None:
    server = start_server(seeds_built, tmp_path / "serve.log")
    try:
        page = call(server.base + "/audit", "GET", headers={"Accept": "text/html"})
        as_json = call(server.base + "/audit", "GET", "?format=json")
        bad = call(server.base + "/audit", "GET", "?format=pdf")
    finally:
        stop_server(server)
    assert page.status == 200 and 'id="no-audit"' in page.text and "No audit has been run" in page.text
    assert 'id="finding-' not in page.text and 'id="stale"' not in page.text
    body = json.loads(as_json.body)
    assert body["audited"] is False and body["findings"] == [] and "kg audit" in body["message"]
    assert bad.status == 400 and "format" in bad.text


def test_the_html_report_escapes_what_it_shows(disagreeing, tmp_path: Path) -> None:
    store, files = disagreeing
    out = tmp_path / "report.html"
    assert kg("audit", "--store", str(store), "--format", "html", "-o", str(out)).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "empty&lt;script&gt;.txt" in page
    assert "3100亿元" in page and "preferred" in page and "deprecated" in page


@pytest.mark.parametrize("value", ["-1", "101", "abc", "nan"])
def test_a_bad_tolerance_is_refused(store_copy: Path, value: str) -> None:
    done = kg("audit", "--store", str(store_copy), "--tolerance", value)
    assert done.returncode == 2 and "--tolerance" in done.stderr
