"""`kg validate`: the store's union graph against ontology/shapes.ttl with pyshacl."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pyoxigraph import RdfFormat, Store, Triple, serialize

from kg.emit.reference import ONTOLOGY_DIR

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Finding:
    severity: str
    focus: str
    path: str
    message: str


def validate(store: Store) -> tuple[bool, list[Finding]]:
    """(conforms, findings) for the union of the store's graphs."""
    import pyshacl
    from rdflib import Graph, Namespace

    buf = io.BytesIO()
    serialize((Triple(q.subject, q.predicate, q.object) for q in store), buf, RdfFormat.N_TRIPLES)
    data = Graph().parse(data=buf.getvalue(), format="nt")
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    sh = Namespace(SH)
    findings = []
    for result in report.subjects(predicate=sh.resultSeverity):
        findings.append(Finding(
            severity=str(report.value(result, sh.resultSeverity)).rsplit("#", 1)[-1],
            focus=str(report.value(result, sh.focusNode)),
            path=str(report.value(result, sh.resultPath) or ""),
            message=str(report.value(result, sh.resultMessage) or ""),
        ))
    findings.sort(key=lambda f: (f.severity != "Violation", f.focus, f.path))
    return bool(conforms), findings


def report_text(conforms: bool, findings: list[Finding]) -> str:
    if conforms and not findings:
        return "SHACL: the store conforms to ontology/shapes.ttl\n"
    lines = [f"SHACL: {'conforms, with warnings' if conforms else 'does NOT conform'} ({len(findings)} results)"]
    for f in findings:
        lines.append(f"  {f.severity}: {f.focus}" + (f" [{f.path}]" if f.path else "") + f"\n    {f.message}")
    return "\n".join(lines) + "\n"
