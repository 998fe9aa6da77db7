"""A light SPARQL lexer for checks that need no grammar: which keywords occur, how deep brackets nest.

IRIs, strings, comments, variables and prefixed names are skipped, so a FROM or a `{` inside them
does not count. It is not a parser (a `<` may be misread as an IRI's start), so it is only used
where a mistake changes results or refuses a query, never where it could let the engine do more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.serve.memo import for_short_texts

_TOKEN = re.compile(r"""
      <[^<>"{}|^`\\\x00-\x20]*>                  # IRI
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"         # long strings
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | "(?:[^"\\\n\r]|\\.)*"                       # short strings
    | '(?:[^'\\\n\r]|\\.)*'
    | \#[^\n\r]*                                  # comment
    | [?$]\w+                                     # variable
    | [\w.-]*:[\w.:%\\-]*                         # prefixed name or blank node
    | (?P<word>[A-Za-z]+)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
""", re.VERBOSE | re.DOTALL)


def keywords(query: str) -> Iterator[str]:
    """The bare words of `query` (keywords and function names), upper-cased."""
    for match in _TOKEN.finditer(query):
        if match.group("word"):
            yield match.group("word").upper()


@for_short_texts
def nesting_depth(query: str) -> int:
    """How deep `{`, `(` and `[` nest in `query`."""
    depth = deepest = 0
    for match in _TOKEN.finditer(query):
        if match.group("open"):
            depth += 1
            deepest = max(deepest, depth)
        elif match.group("close"):
            depth -= 1
    return deepest
