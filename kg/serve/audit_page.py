"""/audit: the findings of the last `kg audit`, read from graph/audit through the executor pool.

The web process never opens the store: the page's query (kg/data/audit/page.rq) runs in an
executor like any /sparql request, and its JSON results are turned into the page or the JSON
answer here. The executors see the store as it was when they opened it, so findings written by
a `kg audit` after the server started appear once the server is restarted.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from kg.audit.findings import KINDS, SEVERITIES
from kg.emit.iris import BASE
from kg.serve.answer import outcome_of
from kg.serve.config import ServeConfig
from kg.serve.jobs import Job

blueprint = Blueprint("audit", __name__)

PAGE_QUERY = (Path(__file__).resolve().parent.parent / "data" / "audit" / "page.rq").read_text(encoding="utf-8")
HTML, JSON = "text/html", "application/json"
NOT_RUN = ("No audit has been run on this store. Run `kg audit --store DIR` (it writes its findings "
           "into the store), then restart `kg serve` to see them here.")


@dataclass
class Concern:
    iri: str
    path: str | None    # the server's own address for it (/id/obs/…), when it is one of ours
    type: str           # observation, document or resource


@dataclass
class PageFinding:
    iri: str
    kind: str
    severity: str
    message: str
    concerns: list[Concern] = field(default_factory=list)


@dataclass
class AuditView:
    audited: bool
    run: dict[str, str | bool | None] | None
    findings: list[PageFinding]
    truncated: bool

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@blueprint.route("/audit")
def audit() -> Response:
    as_html = _wants_html()
    config: ServeConfig = current_app.extensions["kg.config"]
    outcome = outcome_of(Job(query=PAGE_QUERY, base_iri=request.base_url, row_cap=config.row_cap, format="json"))
    view = read_view(json.loads(outcome.body), outcome.truncated)
    if as_html:
        response = Response(render_template("audit.html", view=view, not_run=NOT_RUN, kinds=list(KINDS)),
                            mimetype=HTML)
    else:
        body = asdict(view)
        if not view.audited:
            body["message"] = NOT_RUN
        response = jsonify(body)
    response.vary.add("Accept")
    return response


def read_view(results: dict, truncated: bool) -> AuditView:
    """The page's view of SPARQL JSON results: the run, and findings with their concerns."""
    rows = [{k: v["value"] for k, v in b.items()} for b in results["results"]["bindings"]]
    if not rows:
        return AuditView(False, None, [], truncated)
    first = rows[0]
    run = {"iri": first["run"], "started": first["started"], "ended": first["ended"],
           "version": first.get("version"), "stale": first.get("stale") == "true"}
    findings: dict[str, PageFinding] = {}
    for row in rows:
        if "finding" not in row:
            continue
        f = findings.setdefault(row["finding"], PageFinding(row["finding"], row["kind"], row["severity"], row["message"]))
        f.concerns.append(_concern(row["concern"]))
    kinds = list(KINDS)
    ordered = sorted(findings.values(), key=lambda f: (_index(SEVERITIES, f.severity), _index(kinds, f.kind), f.message))
    return AuditView(True, run, ordered, truncated)


def _index(values, value) -> int:
    return values.index(value) if value in values else len(values)


def _concern(iri: str) -> Concern:
    path = "/" + iri.removeprefix(BASE) if iri.startswith(BASE) else None
    kind = ("observation" if path and path.startswith("/id/obs/") else
            "document" if path and path.startswith("/id/doc/") else "resource")
    return Concern(iri, path, kind)


def _wants_html() -> bool:
    """HTML for browsers (and by default: it is a page); JSON when asked for (Accept or format=json)."""
    fmt = request.args.get("format")
    if fmt is not None:
        if fmt.strip().lower() not in ("json", "html"):
            abort(400, f"Unknown format {fmt!r}: the audit page comes as html or json.")
        return fmt.strip().lower() == "html"
    accept = request.headers.get("Accept", "")
    if not accept:
        return True
    best = parse_accept_header(accept, MIMEAccept).best_match([HTML, JSON])
    if best is None:
        abort(406, f"The audit page is given as {HTML} or {JSON}.")
    return best == HTML
