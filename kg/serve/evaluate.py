"""Run one Job against the store, inside an executor process, and serialise its whole answer."""

from __future__ import annotations

import re

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
)

from kg.serve.dataset import dataset_options
from kg.serve.formats import OFFERS, Kind, negotiate
from kg.serve.jobs import Job, Outcome
from kg.serve.lexer import nesting_depth
from kg.serve.serialise import serialise
from kg.serve.services import Refused, check_services

MAX_NESTING = 500  # far below where the engine's recursion would exhaust even a large stack
_UPDATE_WORD = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", re.IGNORECASE)


def evaluate(store: Store, job: Job) -> Outcome:
    """The answer to `job`: 200 with the serialised results, or a refusal with its message."""
    if nesting_depth(job.query) > MAX_NESTING:  # a stack overflow would kill the executor: refuse first
        return Outcome.refusal(400, f"The query nests brackets more than {MAX_NESTING} deep.")
    try:
        check_services(job.query, job.base_iri, job.service_allow)
    except Refused as e:
        return Outcome.refusal(e.status, str(e))
    bound = substitutions(job.substitutions)  # made by the web process from checked values: never fails
    try:
        results = store.query(job.query, base_iri=job.base_iri, substitutions=bound,
                              **dataset_options(job.query, job.default_graphs, job.named_graphs))
    except SyntaxError as e:
        return Outcome.refusal(400, _syntax_message(job.query, e))
    except (OSError, RuntimeError, ValueError) as e:  # evaluation errors surface here for ASK
        return Outcome.refusal(500, f"The query failed: {e}")
    kind = _kind(results)
    fmt = negotiate(kind, job.accept, job.format)
    if fmt is None:
        offered = ", ".join(f"{f.media_type} (format={f.name})" for f in OFFERS[kind])
        return Outcome.refusal(406, f"A {kind.value} result can be given as {offered}; "
                                    "none of them is acceptable to this request.")
    try:
        body, truncated = serialise(results, fmt, job.row_cap)
    except (OSError, RuntimeError, ValueError) as e:
        return Outcome.refusal(500, f"The query failed: {e}")
    return Outcome(200, body, fmt.media_type, truncated)


def substitutions(terms: tuple[tuple[str, str], ...]) -> dict[Variable, NamedNode | BlankNode | Literal | Triple]:
    """The job's parameters as engine terms: each N-Triples term is read back as the object of one triple."""
    bound: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {}
    for name, term in terms:
        [quad] = parse(f"<urn:s> <urn:p> {term} .".encode(), format=RdfFormat.N_TRIPLES)
        bound[Variable(name)] = quad.object
    return bound


def _kind(results: object) -> Kind:
    if isinstance(results, QuerySolutions):
        return Kind.SOLUTIONS
    if isinstance(results, QueryBoolean):
        return Kind.BOOLEAN
    return Kind.GRAPH


def _syntax_message(query: str, error: SyntaxError) -> str:
    """The parser's message, with a hint when the text looks like an update."""
    message = f"Malformed query: {error}"
    if _UPDATE_WORD.search(query):
        message += ("\n(This endpoint is read-only: it answers SELECT, ASK, CONSTRUCT and DESCRIBE "
                    "queries; SPARQL Update is refused.)")
    return message
