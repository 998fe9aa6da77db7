"""`kg stats`: what the store holds, in a few numbers."""

from __future__ import annotations

from pyoxigraph import Store

from kg.emit.iris import GRAPH, KG

_COUNTS = f"""
SELECT
  (COUNT(DISTINCT ?d) AS ?documents)
  (COUNT(DISTINCT ?o) AS ?observations)
  (COUNT(DISTINCT ?r) AS ?reporters)
  (COUNT(DISTINCT ?p) AS ?partners)
WHERE {{
  {{ ?d a <{KG}Document> }} UNION
  {{ ?o a <{KG}TradeObservation> ; <{KG}reporter> ?r . OPTIONAL {{ ?o <{KG}partner> ?p }} }}
}}"""


def stats(store: Store) -> dict[str, int]:
    row = next(iter(store.query(_COUNTS, use_default_graph_as_union=True)))
    counts = {k: int(row[k].value) for k in ("documents", "observations", "reporters", "partners")}
    graphs = [g.value for g in store.named_graphs()]
    counts["document graphs"] = sum(1 for g in graphs if g.startswith(GRAPH + "doc-"))
    counts["reference graphs"] = len(graphs) - counts["document graphs"]
    counts["quads"] = len(store)
    return counts
