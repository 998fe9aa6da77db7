"""The resource queries (kg/data/resources/*.rq), run in the executor pool with the resource bound.

The resource is bound to ?r as an RDF term through the Job's substitutions: its IRI is checked by
pyoxigraph (NamedNode) in the web process and never becomes part of the query text.
"""

from __future__ import annotations

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
RESOURCE = "r"


@cache
def query_text(name: str) -> str:
    """The query in kg/data/resources/`name`.rq, with the project's prefixes declared."""
    return PROLOGUE + (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def run(name: str, fmt: Format, resource: NamedNode | None = None) -> Outcome:
    """The complete answer of query `name` (about `resource`, when given) in `fmt`, or the HTTP
    error that stopped it."""
    config: ServeConfig = current_app.extensions["kg.config"]
    bound = ((RESOURCE, str(resource)),) if resource is not None else ()
    job = Job(query=query_text(name), base_iri=BASE, row_cap=config.row_cap, format=fmt.name, substitutions=bound)
    return answer.outcome_of(job)


def select(name: str, resource: NamedNode | None = None) -> list[Row]:
    """The rows of SELECT query `name` (about `resource`, when given)."""
    return rows_from_json(run(name, formats.JSON, resource).body)


def exists(resource: NamedNode) -> bool:
    """Whether the store holds `resource` as a subject, an object or a graph name."""
    return bool(select("exists", resource))
