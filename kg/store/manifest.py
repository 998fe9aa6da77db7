"""What the store already holds: each source file's document graphs and their content hashes."""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import Store

from kg.emit.iris import KG

_DOCUMENTS = f"""
SELECT ?g ?source ?sha WHERE {{
  GRAPH ?g {{ ?d a <{KG}Document> ; <{KG}sourcePath> ?source ; <{KG}sha256> ?sha }}
}}"""


def documents_by_source(store: Store) -> dict[str, list[tuple[str, str]]]:
    """source path -> [(graph IRI, sha256)], usually one entry each."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in store.query(_DOCUMENTS):
        found[row["source"].value].append((row["g"].value, row["sha"].value))
    return dict(found)
