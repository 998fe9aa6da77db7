"""kg.serve.saved on its own: reading saved query files (and refusing broken ones), typing and binding values."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Store, Variable

from kg.serve.saved import BadParameter, SavedQueryError, load_saved_queries, read_saved_query

PLACE = "https://w3id.org/cn-trade-kg/id/place/"
XSD = "http://www.w3.org/2001/XMLSchema#"

ONE_OF_EACH = """\
#+ summary: One parameter of each type
#+ description: Every type, to test binding.
#+ tags: [test]
#+ params:
#+   - {name: i, type: iri, description: an IRI, default: "urn:x:1"}
#+   - {name: p, type: place, description: a place, default: CN-HN}
#+   - {name: n, type: integer, description: an integer, default: 0}
#+   - {name: d, type: decimal, description: a decimal, default: "2.5"}
#+   - {name: t, type: date, description: a date, default: "2021-01-01"}
#+   - {name: s, type: string, description: a string, default: "*"}
#+   - {name: l, type: langstring, description: a name, default: "湖南省@zh-Hans"}
#+   - {name: f, type: string, description: a flow, default: total, allowed: [total, export]}
#+   - {name: r, type: integer, description: required}
#+ limit: 5
SELECT ?i ?p ?n ?d ?t ?s ?l ?f ?r WHERE { }
LIMIT 5
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def query(tmp_path: Path):
    return read_saved_query(write(tmp_path, "one_of_each", ONE_OF_EACH))


def bound(query, **values: str) -> dict[str, NamedNode | Literal]:
    return {v.value: t for v, t in query.bind({"r": "1", **values}).items()}


def test_the_header_is_read(query) -> None:
    assert (query.name, query.summary, query.tags, query.limit) == ("one_of_each", "One parameter of each type", ["test"], 5)
    assert [(p.name, p.type, p.default) for p in query.params][:3] == [("i", "iri", "urn:x:1"), ("p", "place", "CN-HN"),
                                                                       ("n", "integer", "0")]
    assert query.params[7].allowed == ("total", "export") and query.params[8].default is None
    assert query.text.startswith("SELECT ?i")


def test_defaults_are_bound_as_typed_terms(query) -> None:
    terms = bound(query)
    assert terms["i"] == NamedNode("urn:x:1")
    assert terms["p"] == NamedNode(PLACE + "CN-HN")
    assert terms["n"] == Literal("0", datatype=NamedNode(XSD + "integer"))
    assert terms["d"] == Literal("2.5", datatype=NamedNode(XSD + "decimal"))
    assert terms["t"] == Literal("2021-01-01", datatype=NamedNode(XSD + "date"))
    assert terms["s"] == Literal("*")
    assert terms["l"] == Literal("湖南省", language="zh-Hans")
    assert terms["f"] == Literal("total")
    assert terms["r"] == Literal("1", datatype=NamedNode(XSD + "integer"))


@pytest.mark.parametrize(("name", "given", "expected"), [
    ("p", "CN-430100", NamedNode(PLACE + "CN-430100")),
    ("n", "+14", Literal("14", datatype=NamedNode(XSD + "integer"))),
    ("n", "-3", Literal("-3", datatype=NamedNode(XSD + "integer"))),
    ("d", "30", Literal("30", datatype=NamedNode(XSD + "decimal"))),
    ("d", "-.5", Literal("-0.5", datatype=NamedNode(XSD + "decimal"))),
    ("t", "2024-02-29", Literal("2024-02-29", datatype=NamedNode(XSD + "date"))),
    ("s", '"} UNION { ?s ?p ?o } #', Literal('"} UNION { ?s ?p ?o } #')),
    ("l", 'x"@en } #@en', Literal('x"@en } #', language="en")),
    ("f", "export", Literal("export")),
    ("i", "https://w3id.org/cn-trade-kg/id/obs/doc-1-2", NamedNode("https://w3id.org/cn-trade-kg/id/obs/doc-1-2")),
])
def test_values_are_bound_as_one_term(query, name: str, given: str, expected) -> None:
    assert bound(query, **{name: given})[name] == expected


@pytest.mark.parametrize(("name", "given"), [
    ("i", "http://x y"), ("i", "http://x> } ; DROP ALL"), ("i", "relative/iri"), ('i', 'http://x/"^^<x>'), ("i", ""),
    ("p", "CN-HN> } ; DROP ALL ; SELECT * {"), ("p", "CN HN"), ("p", ""), ("p", "https://example.org/x"),
    ("n", "12a"), ("n", "1_000"), ("n", " 1"), ("n", "1e3"), ("n", "0 } UNION { ?s ?p ?o }"), ("n", ""),
    ("d", "NaN"), ("d", "Infinity"), ("d", "1e9"), ("d", "0) || true || (1"), ("d", ""),
    ("t", "2021-13-01"), ("t", "2021-02-30"), ("t", "20210101"), ("t", '2021-01-01" || true'),
    ("t", '2021-01-01"^^<x>'),
    ("l", "no language"), ("l", "@en"), ("l", "text@"), ("l", 'x@en" } #'), ("l", "x@bad tag"),
    ("f", "imports"), ("f", 'total" } #'), ("f", "TOTAL"),
    ("r", "x" * 3000),
])
def test_bad_values_are_refused_naming_the_parameter(query, name: str, given: str) -> None:
    with pytest.raises(BadParameter) as refused:
        bound(query, **{name: given})
    assert refused.value.name == name and repr(name) in str(refused.value)


def test_unknown_and_missing_parameters(query) -> None:
    with pytest.raises(BadParameter) as unknown:
        bound(query, reporter="CN-HN")
    assert unknown.value.name == "reporter" and "no such parameter" in str(unknown.value)
    with pytest.raises(BadParameter) as missing:
        query.bind({})
    assert missing.value.name == "r" and "required" in str(missing.value)


def test_bound_terms_are_inert_in_the_engine(query) -> None:
    """A string that looks like SPARQL stays one literal: the query sees it as a value, nothing more."""
    store = Store()
    text = 'SELECT ?s ?n WHERE { BIND(STRLEN(?s) AS ?n) }'
    sneaky = '"} UNION { ?s ?p ?o } #'
    [row] = store.query(text, substitutions={Variable("s"): bound(query, s=sneaky)["s"]})
    assert row["s"].value == sneaky and int(row["n"].value) == len(sneaky)


def test_probe_text_asks_for_one_row_more_than_the_limit(query) -> None:
    assert query.probe_text.rstrip().endswith("LIMIT 6")
    assert query.text.rstrip().endswith("LIMIT 5")


# --- files the loader refuses --------------------------------------------------------------------

def header_with(old: str, new: str) -> str:
    assert old in ONE_OF_EACH
    return ONE_OF_EACH.replace(old, new)


@pytest.mark.parametrize(("text", "line", "words"), [
    (header_with("#+ tags: [test]", "#+ tags: [test"), 4, "not valid YAML"),
    (header_with("type: date", "type: datetime"), 9, "unknown type 'datetime'"),
    (header_with('default: "2021-01-01"', 'default: "2021-1-1"'), 9, "not a valid date"),
    (header_with("an integer, default: 0}", "an integer, default: 0, allowed: [0, 1x]}"), 7, "(an allowed value)"),
    (header_with("default: total", "default: both"), 12, "not one of total, export"),
    (header_with("#+ limit: 5", "#+ limit: 6"), 14, "LIMIT the query ends with (5)"),
    (header_with("#+ tags: [test]", "#+ tag: [test]"), 3, "unknown header key 'tag'"),
    (header_with("#+ summary: One parameter of each type\n", ""), None, "summary is required"),
    (header_with("{name: s,", "{name: s, defualt: x,"), 10, "unknown key 'defualt'"),
    (header_with("{name: n,", "{name: i,"), 7, "declared twice"),
    (header_with("{name: n,", "{name: n-1,"), 7, "SPARQL variable name"),
    (header_with("{name: s,", "{name: format,"), 10, "taken by the server"),
    (header_with("SELECT ?i", "CONSTRUCT { ?i ?p ?n } WHERE { }\n# SELECT ?i"), None, "is a SELECT"),
    ("SELECT * WHERE { }\n", None, "#+ YAML header"),
])
def test_broken_files_are_refused_with_file_and_line(tmp_path: Path, text: str, line: int | None, words: str) -> None:
    path = write(tmp_path, "broken", text)
    with pytest.raises(SavedQueryError) as refused:
        load_saved_queries(tmp_path)
    message = str(refused.value)
    assert message.startswith(f"{path}:{line}: " if line else f"{path}: "), message
    assert words in message, message


def test_file_names_become_url_parts(tmp_path: Path) -> None:
    path = write(tmp_path, "Bad-Name", ONE_OF_EACH)
    with pytest.raises(SavedQueryError, match="snake_case") as refused:
        load_saved_queries(tmp_path)
    assert str(path) in str(refused.value)


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SavedQueryError, match="no such folder"):
        load_saved_queries(tmp_path / "absent")
