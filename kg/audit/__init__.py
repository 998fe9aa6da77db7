"""Provenance audits: every figure traced to its sentence, file and run, and every disagreement and
inconsistency between figures found (`kg audit`; findings in the graph graph/audit)."""
