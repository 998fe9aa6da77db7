"""The graph in a real on-disk Oxigraph store, built from the seeds by the real command line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from scoring import ROOT, load_gold

KG = "https://w3id.org/cn-trade-kg/ontology#"
ID = "https://w3id.org/cn-trade-kg/id/"
PREFIXES = f"PREFIX kg: <{KG}> PREFIX place: <{ID}place/> PREFIX oa: <http://www.w3.org/ns/oa#> " \
           "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "


def kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    """A store built from a copy of the seeds (module-wide; tests that change it make their own)."""
    base = tmp_path_factory.mktemp("seeds")
    docs = base / "seeds"
    shutil.copytree(ROOT / "seeds", docs)
    out = kg("build", str(docs), "--store", str(base / "store"))
    assert out.returncode == 0, out.stderr
    return base / "store"


def select(store_dir: Path, query: str) -> list[dict]:
    store = Store.read_only(str(store_dir))
    return [{v.value: row[v.value] for v in rows.variables}
            for rows in [store.query(PREFIXES + query, use_default_graph_as_union=True)] for row in rows]


def test_every_observation_has_reporter_flow_period_and_a_measure(seed_store: Path) -> None:
    rows = select(seed_store, """
        SELECT ?o (COUNT(DISTINCT ?r) AS ?reporters) (COUNT(DISTINCT ?f) AS ?flows)
               (COUNT(DISTINCT ?s) AS ?starts) (COUNT(DISTINCT ?e) AS ?ends) (COUNT(?m) AS ?measures) WHERE {
          ?o a kg:TradeObservation .
          OPTIONAL { ?o kg:reporter ?r } OPTIONAL { ?o kg:flow ?f }
          OPTIONAL { ?o kg:periodStart ?s } OPTIONAL { ?o kg:periodEnd ?e }
          OPTIONAL { ?o kg:value|kg:quantity|kg:yoyPct|kg:sharePct ?m }
        } GROUP BY ?o""")
    assert len(rows) == 56
    for row in rows:
        assert [int(row[k].value) for k in ("reporters", "flows", "starts", "ends")] == [1, 1, 1, 1], row["o"]
        assert int(row["measures"].value) >= 1


def test_every_quote_is_the_stored_text_between_its_offsets(seed_store: Path) -> None:
    rows = select(seed_store, """
        SELECT ?exact ?start ?end ?text WHERE {
          ?o prov:wasDerivedFrom ?ev . ?ev oa:hasSource ?d ; oa:hasSelector ?q, ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end . ?d kg:text ?text }""")
    assert len(rows) >= 56
    for row in rows:
        s, e = int(row["start"].value), int(row["end"].value)
        assert row["text"].value[s:e] == row["exact"].value


def test_hunan_trades_with_asean_and_leads_back_to_the_sentence(seed_store: Path) -> None:
    rows = select(seed_store, """
        SELECT DISTINCT ?exact ?date WHERE {
          place:CN-HN kg:tradesWith place:ASEAN .
          ?o kg:reporter place:CN-HN ; kg:partner place:ASEAN ; kg:document ?d ; prov:wasDerivedFrom ?ev .
          ?ev oa:hasSelector ?q . ?q oa:exact ?exact . ?d <http://purl.org/dc/terms/date> ?date }""")
    quotes = {r["exact"].value for r in rows}
    assert any("对东盟贸易额406.2亿元，增长20.8%" in q for q in quotes)


def test_every_gold_observation_is_in_the_graph(seed_store: Path) -> None:
    """The issue's acceptance query: reporter, partner, flow, period as xsd:date, measures, quote inside the text."""
    store = Store.read_only(str(seed_store))
    for g in load_gold(ROOT / "tests" / "data" / "seeds_gold.jsonl"):
        partner = f"kg:partner place:{g['partner']}" if g["partner"] else "FILTER NOT EXISTS { ?o kg:partner ?any }"
        measures = []
        for field, prop in (("value", "value"), ("yoy_pct", "yoyPct"), ("share_pct", "sharePct")):
            if g[field] is not None:
                measures.append(f"?o kg:{prop} ?{prop} . FILTER(ABS(?{prop} - {g[field]}) <= {abs(g[field]) * 0.001 + 0.01})")
        if g["quantity"]:
            measures.append(f"?o kg:quantity ?qa . FILTER(?qa = {g['quantity']['amount']})")
        query = PREFIXES + f"""
            ASK {{
              ?o a kg:TradeObservation ; kg:reporter place:{g['reporter']} ; kg:flow <{ID}flow/{g['flow']}> ;
                 kg:periodStart "{g['period']['start']}"^^xsd:date ; kg:periodEnd "{g['period']['end']}"^^xsd:date .
              {'?o ' + partner + ' .' if g['partner'] else partner}
              {' '.join(measures)}
              ?o prov:wasDerivedFrom ?ev . ?ev oa:hasSource ?d ; oa:hasSelector ?q . ?q oa:exact ?exact .
              ?d kg:text ?text . FILTER(CONTAINS(?text, ?exact))
            }}"""
        assert bool(store.query(query, use_default_graph_as_union=True)), g["quote"]


def test_a_second_build_changes_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", docs)
    store = tmp_path / "store"
    assert kg("build", str(docs), "--store", str(store)).returncode == 0
    before = sorted(map(str, Store.read_only(str(store))))
    second = kg("build", str(docs), "--store", str(store))
    assert second.returncode == 0 and "0 read, 5 unchanged" in second.stdout
    assert sorted(map(str, Store.read_only(str(store)))) == before


def _graphs(store: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in Store.read_only(str(store)):
        out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def test_a_changed_document_replaces_its_graph_and_only_its_graph(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", docs)
    store = tmp_path / "store"
    assert kg("build", str(docs), "--store", str(store)).returncode == 0
    before = _graphs(store)
    (target,) = docs.glob("004_*.txt")
    target.write_text(target.read_text(encoding="utf-8").replace("6.2万亿元", "6.3万亿元"), encoding="utf-8")
    out = kg("build", str(docs), "--store", str(store))
    assert out.returncode == 0 and "1 read, 4 unchanged" in out.stdout
    after = _graphs(store)
    gone, new = set(before) - set(after), set(after) - set(before)
    assert len(gone) == 1 and len(new) == 1
    assert all(before[g] == after[g] for g in before if g in after)
    values = {q.split()[2] for q in after[new.pop()] if "#value>" in q}
    assert '"6300000000000"^^<http://www.w3.org/2001/XMLSchema#decimal>' in values


def test_a_broken_document_leaves_the_store_intact(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", docs)
    store = tmp_path / "store"
    assert kg("build", str(docs), "--store", str(store)).returncode == 0
    before = _graphs(store)
    (target,) = docs.glob("003_*.txt")
    target.write_bytes(b"\x00\x01\x02binary" * 100)
    out = kg("build", str(docs), "--store", str(store))
    assert out.returncode == 2 and target.name in out.stderr
    assert _graphs(store) == before


def test_prune_drops_the_graphs_of_documents_no_longer_present(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", docs)
    store = tmp_path / "store"
    assert kg("build", str(docs), "--store", str(store)).returncode == 0
    (docs / next(p.name for p in docs.glob("001_*"))).unlink()
    assert kg("build", str(docs), "--store", str(store)).returncode == 0
    assert len([g for g in _graphs(store) if "/graph/doc-" in g]) == 5  # kept without --prune
    out = kg("build", str(docs), "--store", str(store), "--prune")
    assert out.returncode == 0 and "1 removed" in out.stdout
    assert len([g for g in _graphs(store) if "/graph/doc-" in g]) == 4


def test_export_round_trips_through_rdflib(seed_store: Path, tmp_path: Path) -> None:
    from rdflib import Dataset

    out = tmp_path / "all.nq"
    assert kg("export", "--format", "nq", "-o", str(out), "--store", str(seed_store)).returncode == 0
    ds = Dataset()
    ds.parse(out, format="nquads")
    assert sum(len(g) for g in ds.graphs()) == len(Store.read_only(str(seed_store)))


@pytest.mark.parametrize("fmt,parse_as", [("trig", "trig"), ("ttl", "turtle"), ("nt", "nt"), ("rdfxml", "xml"), ("jsonld", "json-ld")])
def test_every_export_format_parses(seed_store: Path, tmp_path: Path, fmt: str, parse_as: str) -> None:
    from rdflib import Dataset

    out = tmp_path / f"all.{fmt}"
    result = kg("export", "--format", fmt, "-o", str(out), "--store", str(seed_store))
    assert result.returncode == 0, result.stderr
    ds = Dataset()
    ds.parse(out, format=parse_as)
    assert sum(len(g) for g in ds.graphs()) > 1000


def test_query_formats(seed_store: Path) -> None:
    q = "SELECT ?p WHERE { place:CN-HN kg:tradesWith ?p } ORDER BY ?p"
    out = kg("query", q, "--format", "json", "--store", str(seed_store))
    assert out.returncode == 0
    partners = {b["p"]["value"].rsplit("/", 1)[1] for b in json.loads(out.stdout)["results"]["bindings"]}
    assert {"ASEAN", "US", "HK", "EU", "RCEP", "BRI", "AFRICA"} <= partners
    assert kg("query", q, "--format", "csv", "--store", str(seed_store)).stdout.splitlines()[0] == "p"
    bad = kg("query", "SELEC nothing", "--store", str(seed_store))
    assert bad.returncode == 1 and "error" in bad.stderr
    graph = kg("query", "CONSTRUCT { ?a kg:tradesWith ?b } WHERE { ?a kg:tradesWith ?b }", "--format", "nt", "--store", str(seed_store))
    assert graph.returncode == 0 and "tradesWith" in graph.stdout


def test_shacl_conforms_on_the_seeds_and_reports_a_broken_observation(tmp_path: Path, seed_store: Path) -> None:
    ok = kg("validate", "--store", str(seed_store))
    assert ok.returncode == 0, ok.stdout
    broken = tmp_path / "store"
    shutil.copytree(seed_store, broken)
    store = Store(str(broken))
    obs = NamedNode(ID + "obs/broken")
    g = NamedNode("https://w3id.org/cn-trade-kg/graph/broken")
    store.add(Quad(obs, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(KG + "TradeObservation"), g))
    store.add(Quad(obs, NamedNode(KG + "yoyPct"), Literal("5", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), g))
    store.flush()
    del store
    out = kg("validate", "--store", str(broken))
    assert out.returncode == 1 and "obs/broken" in out.stdout


def test_a_killed_build_leaves_a_store_that_opens_and_a_rerun_completes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    seeds = sorted((ROOT / "seeds").iterdir())
    for i in range(400):
        src = seeds[i % len(seeds)]
        (docs / f"{i:04d}_{src.name}").write_bytes(src.read_bytes() + f"\n\n第{i}号稿。\n".encode())
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(docs), "--store", str(store)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    opened = Store(str(store))  # opens
    del opened  # and lets go of its lock for the rerun
    out = kg("build", str(docs), "--store", str(store))
    assert out.returncode == 0, out.stderr
    graphs = [g for g in _graphs(store) if "/graph/doc-" in g]
    assert len(graphs) == 400
