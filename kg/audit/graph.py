"""The audit graph (https://w3id.org/cn-trade-kg/graph/audit): the findings as RDF, written in one
transaction that drops the previous audit's graph, and the mark `kg build` leaves on it.

    ?f a kg:Finding ; kg:findingKind "conflict" ; kg:severity "warning" ;
       kg:concerns ?obs, ?doc ; kg:message "…"@en ; prov:wasGeneratedBy ?run .
    ?run a kg:AuditRun, prov:Activity ; prov:startedAtTime … ; prov:endedAtTime … ;
       prov:wasAssociatedWith <…/software/kg-VERSION> .
    ?obs kg:rank "preferred" | "deprecated" .
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, Triple, serialize

from kg.audit.findings import Finding
from kg.audit.records import AUDIT_GRAPH
from kg.emit import iris
from kg.emit.iris import PROV, RDFS, SCHEMA, XSD, kg
from kg.emit.rdf import A, xsd_datetime

TRUE = Literal("true", datatype=NamedNode(XSD + "boolean"))


def run_iri(started: datetime) -> NamedNode:
    return NamedNode(f"{iris.ID}run/audit-{started.strftime('%Y%m%dT%H%M%S%fZ')}")


def audit_triples(findings: Iterable[Finding], ranks: dict[str, str], started: datetime, ended: datetime,
                  version: str) -> list[Triple]:
    run, software = run_iri(started), iris.software(version)
    out = [
        Triple(run, A, kg("AuditRun")), Triple(run, A, NamedNode(PROV + "Activity")),
        Triple(run, NamedNode(PROV + "startedAtTime"), xsd_datetime(started)),
        Triple(run, NamedNode(PROV + "endedAtTime"), xsd_datetime(ended)),
        Triple(run, NamedNode(PROV + "wasAssociatedWith"), software),
        Triple(software, A, kg("Software")), Triple(software, A, NamedNode(PROV + "SoftwareAgent")),
        Triple(software, NamedNode(SCHEMA + "softwareVersion"), Literal(version)),
        Triple(software, NamedNode(RDFS + "label"), Literal(f"kg {version}")),
    ]
    for f in findings:
        node = NamedNode(f.iri)
        out += [Triple(node, A, kg("Finding")), Triple(node, kg("findingKind"), Literal(f.kind)),
                Triple(node, kg("severity"), Literal(f.severity)),
                Triple(node, kg("message"), Literal(f.message, language="en")),
                Triple(node, NamedNode(PROV + "wasGeneratedBy"), run)]
        out += [Triple(node, kg("concerns"), NamedNode(c)) for c in f.concerns]
    out += [Triple(NamedNode(obs), kg("rank"), Literal(rank)) for obs, rank in sorted(ranks.items())]
    return out


def replace_audit_graph(store: Store, triples: list[Triple]) -> None:
    """Drop the old audit graph and insert the new one in a single update: readers see either."""
    body = serialize(dict.fromkeys(triples), format=RdfFormat.N_TRIPLES).decode("utf-8")
    store.update(f"DROP SILENT GRAPH <{AUDIT_GRAPH.value}> ;\n"
                 f"INSERT DATA {{ GRAPH <{AUDIT_GRAPH.value}> {{\n{body}}} }}")


def mark_stale(store: Store) -> int:
    """Mark every audit run in the store stale (after `kg build` changed documents); how many."""
    runs = [q.subject for q in store.quads_for_pattern(None, A, kg("AuditRun"), AUDIT_GRAPH)]
    for run in runs:
        store.add(Quad(run, kg("stale"), TRUE, AUDIT_GRAPH))
    return len(runs)
