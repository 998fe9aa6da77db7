"""Refuse SERVICE calls to endpoints that are not on the allow-list, before the engine sees a query.

pyoxigraph sends a real HTTP request for every SERVICE clause it evaluates and this cannot be
switched off, so an open endpoint would fetch any URL a visitor names (including hosts on the
server's own network). The engine has no parse-only API, so the query is parsed with rdflib's
SPARQL 1.1 grammar and every SERVICE clause is found in the parse tree, wherever it is nested
(OPTIONAL, UNION, MINUS, sub-queries, EXISTS). A grammar, not a token scan, is needed: the engine
reads `?a<?b)SERVICE#>` as a comparison, a SERVICE keyword and a comment, where a context-free
tokenizer sees one IRI.

Every doubt refuses: a query that mentions SERVICE and cannot be parsed, uses an unknown prefix
or `\\u` escapes (rdflib expands them everywhere before parsing, the engine only inside strings
and IRIs, so the two would read different queries), or names its endpoint with a variable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pyparsing import ParseResults
from rdflib import Variable
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.serve.memo import for_short_texts

# The engine matches keywords without case; re.I also folds look-alikes (ſ, K), which only adds checks.
_MENTIONS_SERVICE = re.compile("service", re.IGNORECASE)
_UNICODE_ESCAPE = re.compile(r"\\[uU]")


class Refused(Exception):
    """A query the endpoint will not run; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def check_services(query: str, base_iri: str, allow: frozenset[str]) -> None:
    """Raise Refused unless every SERVICE endpoint of `query` is in `allow` (exact IRIs)."""
    if not _MENTIONS_SERVICE.search(query):
        return  # the SERVICE keyword cannot occur, so the engine will make no call
    refusal = _refusal(query, base_iri, allow)  # a full parse: remembered for queries asked again
    if refusal is not None:
        raise Refused(*refusal)


@for_short_texts
def _refusal(query: str, base_iri: str, allow: frozenset[str]) -> tuple[int, str] | None:
    """(status, message) when `query` calls a SERVICE endpoint outside `allow`, else None."""
    try:
        _check(query, base_iri, allow)
    except Refused as e:
        return e.status, str(e)
    return None


def _check(query: str, base_iri: str, allow: frozenset[str]) -> None:
    if _UNICODE_ESCAPE.search(query):
        raise Refused(400, "A query that mentions SERVICE cannot use \\u escapes on this endpoint "
                           "(they keep it from being checked for SERVICE calls); write the characters themselves.")
    for iri in service_endpoints(query, base_iri):
        if iri is None:
            raise Refused(403, "SERVICE with a variable endpoint (SERVICE ?x) is refused on this endpoint.")
        if iri not in allow:
            raise Refused(403, f"SERVICE <{iri}> is refused: this endpoint only calls the SERVICE endpoints "
                               "on its allow-list" + (" (which is empty)." if not allow else "."))


def service_endpoints(query: str, base_iri: str) -> list[str | None]:
    """The absolute IRI of every SERVICE clause in `query` (None for a variable endpoint)."""
    try:
        tree = parseQuery(query)
        prologue = translatePrologue(tree[0], base_iri)
        return [None if isinstance(node["term"], Variable) else str(prologue.absolutize(node["term"]))
                for node in _walk(tree[1]) if node.name == "ServiceGraphPattern"]
    except RecursionError as e:  # rdflib's grammar recurses without end on a SERVICE inside a SERVICE
        raise Refused(400, "The query mentions SERVICE and nests too deeply to be checked for SERVICE calls "
                           "(a SERVICE inside a SERVICE cannot be checked).") from e
    except Exception as e:  # whatever rdflib raises, a query it cannot read is not run
        raise Refused(400, f"The query mentions SERVICE and could not be checked for SERVICE calls: {e}") from e


def _walk(node: object) -> Iterator[CompValue]:
    """Every grammar node under `node`, depth first (IRIs and literals are leaves, not sequences)."""
    children: Iterable[object]
    if isinstance(node, CompValue):
        yield node
        children = node.values()
    elif isinstance(node, (list, ParseResults)):
        children = node
    else:
        return
    for child in children:
        yield from _walk(child)
