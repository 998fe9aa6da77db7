"""The audit report in three forms: text for a terminal, JSON for programs, a standalone HTML page."""

from __future__ import annotations

import json
from dataclasses import asdict

from jinja2 import Environment, PackageLoader, select_autoescape

from kg.audit.findings import KINDS, SEVERITIES, Finding
from kg.audit.records import short
from kg.audit.runner import AuditReport


def _ordered(report: AuditReport) -> list[Finding]:
    kinds = list(KINDS)
    return sorted(report.findings, key=lambda f: (SEVERITIES.index(f.severity), kinds.index(f.kind)))


def as_dict(report: AuditReport) -> dict:
    return {
        "run": report.run,
        "store": str(report.store),
        "root": str(report.root),
        "version": report.version,
        "started": report.started.isoformat(),
        "ended": report.ended.isoformat(),
        "tolerance_pct": float(report.tolerance_pct),
        "documents": report.documents,
        "observations": report.observations,
        "broken": report.broken,
        "counts": {kind: report.count(kind) for kind in KINDS},
        "findings": [{"iri": f.iri, "kind": f.kind, "severity": f.severity, "message": f.message,
                      "concerns": list(f.concerns), "sides": [asdict(s) for s in f.sides]}
                     for f in _ordered(report)],
        "ranks": dict(sorted(report.ranks.items())),
    }


def to_json(report: AuditReport) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


def to_text(report: AuditReport) -> str:
    lines = [f"kg audit of {report.store}: {report.documents} documents, {report.observations} observations "
             f"(kg {report.version}, {report.started:%Y-%m-%d %H:%M:%S} UTC, tolerance {report.tolerance_pct}% "
             "beyond the rounding of the figures as written)",
             "  findings: " + ", ".join(f"{kind} {report.count(kind)}" for kind in KINDS), ""]
    for f in _ordered(report):
        lines.append(f"{f.severity.upper()} [{f.kind}] {f.message}")
        for side in f.sides:
            rank = f" [{side.rank}]" if side.rank else ""
            lines.append(f"    {short(side.observation)}{rank}: {side.figure}")
            if side.quote:
                lines.append(f"      \u201c{side.quote}\u201d")
        if not f.sides:
            lines += [f"    {short(c)}" for c in f.concerns]
    if report.findings:
        lines.append("")
    verdict = ("BROKEN: evidence, sources or provenance failed (exit status 1)" if report.broken
               else "evidence, sources and provenance hold")
    lines.append(f"{verdict}; {len(report.findings)} findings written to the audit graph "
                 f"(run {short(report.run)}).")
    return "\n".join(lines) + "\n"


_ENV = Environment(loader=PackageLoader("kg.audit", "templates"), autoescape=select_autoescape(["html"]))


def to_html(report: AuditReport) -> str:
    return _ENV.get_template("report.html").render(report=as_dict(report), kinds=list(KINDS), short=short)
