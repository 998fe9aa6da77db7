"""Which dataset a query runs over: the protocol's, the query's own FROM clauses, or the union of all graphs.

The engine's union flag replaces a query's FROM clause (SELECT … FROM <g> would see every graph),
so it is only set for queries that name no dataset. FROM occurs nowhere else in SPARQL 1.1, so
the lexer's keywords are enough to spot a dataset clause.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.serve.lexer import keywords
from kg.serve.memo import for_short_texts


@for_short_texts
def declares_dataset(query: str) -> bool:
    """Whether the query has a FROM or FROM NAMED clause."""
    return "FROM" in keywords(query)


def dataset_options(query: str, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...]) -> dict:
    """Keyword arguments for Store.query choosing the dataset (SPARQL 1.1 Protocol §2.1.4).

    A protocol dataset wins over FROM clauses; an empty list is an empty set of graphs."""
    if default_graphs or named_graphs:
        return {"default_graph": [NamedNode(g) for g in default_graphs],
                "named_graphs": [NamedNode(g) for g in named_graphs]}
    if declares_dataset(query):
        return {}
    return {"use_default_graph_as_union": True}
