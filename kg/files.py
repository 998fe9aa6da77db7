"""Which files a command reads: the files named, and the files under the folders named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def iter_files(paths: list[str]) -> Iterator[Path]:
    """Files named, and the files under folders named (sorted, hidden ones skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            yield p
