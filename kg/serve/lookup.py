"""The resource queries (kg/data/resources/*.rq), run in the executor pool about one resource.

`?r` in a query stands for the resource. Its IRI is checked by pyoxigraph (NamedNode) in the web
process and written in place of `?r` as the term pyoxigraph writes for it: a checked IRI holds no
`>`, `\\`, space or quote, so the term cannot end early and no other text reaches the query. The
engine's `substitutions` would bind it too, but it applies them as a join after evaluating the rest
(see kg/data/resources/README.md: 21.5 s instead of 0.5 s for one description on 880,000 quads).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from flask import current_app
from pyoxigraph import NamedNode

from kg.emit.iris import BASE, PREFIXES
from kg.serve import answer, formats
from kg.serve.config import ServeConfig
from kg.serve.formats import Format
from kg.serve.jobs import Job, Outcome
from kg.serve.terms import Row, rows_from_json

QUERY_DIR = Path(__file__).resolve().parent.parent / "data" / "resources"
PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
RESOURCE = re.compile(r"\?r\b")   # the variable ?r, not ?run or ?reporter


@cache
def query_text(name: str) -> str:
    """The query in kg/data/resources/`name`.rq, with the project's prefixes declared."""
    return PROLOGUE + (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def run(name: str, fmt: Format, resource: NamedNode | None = None) -> Outcome:
    """The complete answer of query `name` (about `resource`, when given) in `fmt`, or the HTTP
    error that stopped it."""
    config: ServeConfig = current_app.extensions["kg.config"]
    text = query_text(name)
    if resource is not None:
        text = RESOURCE.sub(lambda _: str(resource), text)
    return answer.outcome_of(Job(query=text, base_iri=BASE, row_cap=config.row_cap, format=fmt.name))


def select(name: str, resource: NamedNode | None = None) -> list[Row]:
    """The rows of SELECT query `name` (about `resource`, when given)."""
    return rows_from_json(run(name, formats.JSON, resource).body)


def exists(resource: NamedNode) -> bool:
    """Whether the store holds `resource` as a subject, an object or a graph name."""
    return bool(select("exists", resource))
