"""Source files against the store: each document's file is still there and still has the bytes it
was built from (its SHA-256 is kg:sha256).

kg build records the path as it was given (kg:sourcePath), relative to the folder it ran in, so a
relative path is resolved against `root` (the audit's --root, by default the current folder).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.audit.findings import Finding, finding
from kg.audit.records import Doc, Obs, short


def resolve(source: str, root: Path) -> Path:
    path = Path(source)
    return path if path.is_absolute() else root / path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_source(doc: Doc, observations: list[Obs], root: Path) -> Finding | None:
    """A finding naming the file and every observation read from it, when it is gone or changed."""
    if not doc.source:
        return finding("source", f"{short(doc.iri)} records no source path (kg:sourcePath).", doc.iri)
    path = resolve(doc.source, root)
    depends = _depending(observations)
    try:
        now = file_sha256(path)
    except FileNotFoundError:
        problem = f"{doc.source} is missing (looked for {path})"
    except OSError as e:
        problem = f"{doc.source} cannot be read ({e.strerror or e})"
    else:
        if now == doc.sha256:
            return None
        problem = (f"{doc.source} has changed since it was built (SHA-256 {(doc.sha256 or '?')[:12]}… recorded, "
                   f"{now[:12]}… now)")
    return finding("source", f"{problem}: {depends} from {short(doc.iri)} depend on it.",
                   doc.iri, *(o.iri for o in observations))


def _depending(observations: list[Obs]) -> str:
    n = len(observations)
    return "no observation" if n == 0 else "1 observation" if n == 1 else f"{n} observations"
