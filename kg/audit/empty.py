"""Documents that yielded no observation: worth a look (an article without figures, or figures the
extractor missed), never an error."""

from __future__ import annotations

from kg.audit import describe
from kg.audit.findings import Finding, finding
from kg.audit.records import Facts


def check_empty_documents(facts: Facts) -> list[Finding]:
    used = {o.document for o in facts.observations}
    return [finding("empty-document", f"{describe.document(doc)} yielded no observation"
                                      + (f": \u201c{doc.title}\u201d ({doc.source})." if doc.title else f" ({doc.source})."),
                    doc.iri)
            for iri, doc in sorted(facts.documents.items()) if iri not in used]
