"""Evidence against the stored text: each quote is the text at its offsets, and the text is the
text that was extracted (it still hashes to the document's kg:textSha256).

kg:sha256 is the digest of the raw file, which the extracted text cannot be compared with; the
text's own digest is recorded at build time for this check (kg/emit/rdf.py). Whether the file
itself is unchanged is the source check's business (sources.py).
"""

from __future__ import annotations

from kg.audit.findings import Finding, finding
from kg.audit.records import Doc, Evidence, Obs, short
from kg.emit.rdf import text_sha256


def check_document_evidence(doc: Doc, text: str | None, observations: list[Obs],
                            evidence: dict[str, Evidence]) -> list[Finding]:
    """Findings for one document's stored text and the quotes of its observations."""
    concerned = [o.iri for o in observations]
    if text is None:
        return [finding("evidence", f"{short(doc.iri)} has no stored text (kg:text): none of its "
                                    f"{len(observations)} observations can be checked against it.", doc.iri, *concerned)]
    found = []
    if doc.text_sha256 is None:
        found.append(finding("evidence", f"{short(doc.iri)} records no SHA-256 of its text (kg:textSha256), so its "
                                         "stored text cannot be verified; it was built by an older kg: rebuild the "
                                         "store into a fresh folder.", doc.iri))
    elif text_sha256(text) != doc.text_sha256:
        found.append(finding("evidence", f"The stored text of {short(doc.iri)} no longer hashes to its recorded "
                                         f"kg:textSha256 ({doc.text_sha256[:12]}… recorded, {text_sha256(text)[:12]}… "
                                         f"now): the {len(observations)} quotes into it cannot be trusted.",
                             doc.iri, *concerned))
    for obs in observations:
        for iri in obs.evidence:
            ev = evidence.get(iri)
            if ev is None or ev.exact is None or ev.start is None or ev.end is None:
                continue  # reported by the provenance check
            problem = _quote_problem(doc, text, ev)
            if problem:
                found.append(finding("evidence", f"{short(obs.iri)}: {problem}", obs.iri, doc.iri))
    return found


def _quote_problem(doc: Doc, text: str, ev: Evidence) -> str | None:
    start, end = ev.start, ev.end
    if ev.source != doc.iri:
        return f"its evidence points into {short(ev.source or 'nothing')}, not into its document {short(doc.iri)}."
    if not 0 <= start < end <= len(text):
        return f"the offsets [{start}, {end}) fall outside the stored text ({len(text)} code points)."
    if text[start:end] != ev.exact:
        return f"the quote {ev.exact!r} is not the stored text at [{start}, {end}), which reads {text[start:end]!r}."
    return None
