"""RDF terms as the web process reads them back from SPARQL JSON results, ready for a page.

Pages only show terms and link them, so a term is its value, kind, language and datatype; how it
is linked is kg/serve/paths.py's business.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kg.serve import paths

Row = dict[str, "Term"]


@dataclass(frozen=True)
class Term:
    value: str
    kind: str = "literal"            # uri, literal or bnode (the SPARQL JSON result types)
    lang: str | None = None
    datatype: str | None = None

    @property
    def is_iri(self) -> bool:
        return self.kind == "uri"

    @property
    def href(self) -> str | None:
        """Where a page links the term (None for literals and for IRIs that must not be followed)."""
        return paths.href(self.value) if self.is_iri else None

    @property
    def short(self) -> str:
        """The compact form of an IRI (kg:value), or the literal's text."""
        return paths.compact(self.value) if self.is_iri else self.value

    @property
    def datatype_short(self) -> str | None:
        return paths.compact(self.datatype) if self.datatype else None


def rows_from_json(body: bytes) -> list[Row]:
    """The solutions of a SPARQL 1.1 JSON results document, one dict per row (unbound names left out)."""
    bindings = json.loads(body)["results"]["bindings"]
    return [{name: _term(value) for name, value in binding.items()} for binding in bindings]


def _term(binding: dict) -> Term:
    kind = "literal" if binding["type"] == "typed-literal" else binding["type"]
    return Term(binding["value"], kind, binding.get("xml:lang"), binding.get("datatype"))
