"""`kg export`: the whole store, streamed, in a standard format.

N-Quads and TriG keep the named graphs; Turtle, N-Triples and RDF/XML hold the
union of all graphs; JSON-LD keeps the graphs and carries the project's
@context (ontology/context.jsonld) around the engine's expanded output, which
is valid under it.
"""

from __future__ import annotations

import json
from typing import BinaryIO

from pyoxigraph import RdfFormat, Store, Triple, serialize

from kg.emit.iris import PREFIXES
from kg.emit.reference import ONTOLOGY_DIR

FORMATS = {"nq": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "ttl": RdfFormat.TURTLE,
           "nt": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD, "rdfxml": RdfFormat.RDF_XML}


def jsonld_opening() -> bytes:
    """The start of a JSON-LD document under the project's @context; the engine's expanded
    output (an array) follows as its @graph, then JSONLD_CLOSING."""
    context = json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))
    return b'{"@context": ' + json.dumps(context.get("@context", context), ensure_ascii=False).encode() + b', "@graph": '


JSONLD_CLOSING = b"}\n"


def export(store: Store, fmt: str, out: BinaryIO) -> None:
    rdf_format = FORMATS[fmt]
    if fmt == "jsonld":
        out.write(jsonld_opening())
        store.dump(out, rdf_format)
        out.write(JSONLD_CLOSING)
    elif rdf_format.supports_datasets:
        store.dump(out, rdf_format, prefixes=PREFIXES if fmt == "trig" else None)
    else:
        triples = (Triple(q.subject, q.predicate, q.object) for q in store)
        serialize(triples, out, rdf_format, prefixes=PREFIXES if fmt == "ttl" else None)
