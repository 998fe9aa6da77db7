"""The pure parts behind the resource pages: where an IRI is linked, and the paragraph around a quote."""

from __future__ import annotations

from kg.serve.passage import Passage, passage
from kg.serve.paths import compact, href, iri_of, local_path

BASE = "https://w3id.org/cn-trade-kg/"


def test_the_graphs_iris_link_to_their_path_on_this_server() -> None:
    assert local_path(BASE + "id/place/CN-HN") == "/id/place/CN-HN"
    assert local_path(BASE + "graph/doc-8d62021494f41b72") == "/graph/doc-8d62021494f41b72"
    assert local_path(BASE + "ontology#TradeObservation") == "/ontology#TradeObservation"
    assert local_path(BASE + "id/commodity/新三样") == "/id/commodity/%E6%96%B0%E4%B8%89%E6%A0%B7"
    assert iri_of("id/place/CN-HN") == BASE + "id/place/CN-HN"
    assert local_path(BASE + "queries/x") is None            # not a part of the base this server dereferences
    assert local_path("http://www.wikidata.org/entity/Q45761") is None


def test_only_web_iris_become_links() -> None:
    assert href("http://www.wikidata.org/entity/Q45761") == "http://www.wikidata.org/entity/Q45761"
    for hostile in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "urn:x:y"):
        assert href(hostile) is None


def test_compact_names() -> None:
    assert compact(BASE + "ontology#value") == "kg:value"
    assert compact(BASE + "id/place/CN-HN") == "place:CN-HN"
    assert compact(BASE + "id/evidence/doc-1-2") == "id/evidence/doc-1-2"
    assert compact("http://example.org/x") == "http://example.org/x"


TEXT = "标题\n\n第一句。对东盟贸易额406.2亿元，增长20.8%；其余。\n最后一段。"


def test_the_passage_is_the_quotes_paragraph_split_around_it() -> None:
    quote = "对东盟贸易额406.2亿元，增长20.8%；"
    start = TEXT.index(quote)
    assert passage(TEXT, start, start + len(quote), quote) == Passage("第一句。", quote, "其余。")


def test_a_passage_at_the_edges_of_the_text_and_across_paragraphs() -> None:
    assert passage(TEXT, 0, 2, "标题") == Passage("", "标题", "")
    end = len(TEXT)
    assert passage(TEXT, end - 5, end, "最后一段。") == Passage("", "最后一段。", "")
    across = TEXT[TEXT.index("其余"):TEXT.index("最后") + 2]
    start = TEXT.index(across)
    assert passage(TEXT, start, start + len(across), across) == Passage(
        "第一句。对东盟贸易额406.2亿元，增长20.8%；", across, "一段。")


def test_offsets_that_do_not_hold_the_quote_give_no_passage() -> None:
    assert passage(TEXT, 5, 9, "not there") is None
    assert passage(TEXT, 50, 40, "") is None
    assert passage(TEXT, 0, 999, TEXT) is None
