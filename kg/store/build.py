"""`kg build`: documents in, one named graph per document in the on-disk store.

Safe by construction:
- a document whose bytes have not changed since its graph was built is skipped
  (so a second build changes nothing);
- a changed document's new graph is committed first and its old graph dropped
  after; an interrupted build leaves both, and the next build keeps the graph
  whose hash matches the file and drops the other;
- a document that cannot be read or extracted is reported and its old graph is
  left as it was;
- new graphs go through the store's bulk loader in batches, which is atomic on
  commit, so a killed build leaves a store that opens;
- the audit graph is kept, but when documents were added, replaced or removed its
  audit run is marked kg:stale: its findings describe the store as it was.
Workers read, extract and serialise each document's graph as N-Quads; the main
process collects those bytes into batches, which a loader thread feeds to the
engine's bulk loader (overlapping with extraction) before dropping stale graphs.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import sys
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, serialize

from kg import __version__
from kg.audit.graph import mark_stale
from kg.emit import iris
from kg.emit.iris import DCTERMS
from kg.emit.rdf import document_quads
from kg.emit.reference import reference_fingerprint, reference_quads
from kg.files import iter_files
from kg.gazetteer import load_gazetteer
from kg.store.manifest import documents_by_source

BATCH_BYTES = 64_000_000  # N-Quads bytes per bulk commit: bounded memory, few commits
WINDOW_PER_JOB = 32  # files in flight per worker: enough to keep it busy, few enough to bound memory
FINGERPRINT = NamedNode(DCTERMS + "hasVersion")


@dataclass
class BuildSummary:
    read: int = 0
    skipped: int = 0
    failed: int = 0
    removed: int = 0
    observations: int = 0
    quads_written: int = 0
    quads_in_store: int = 0
    audit_marked_stale: bool = False
    errors: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"documents: {self.read} read, {self.skipped} unchanged (skipped), {self.failed} failed, {self.removed} removed",
            f"observations: {self.observations} from the documents read",
            f"quads: {self.quads_written} written; {self.quads_in_store} in the store",
        ] + (["audit: the documents changed since the last `kg audit`; its findings are marked stale"]
             if self.audit_marked_stale else [])


@dataclass(frozen=True)
class Extracted:
    """What a worker sends back: the document's graph as N-Quads, and counts for the summary."""

    graph: str
    nquads: bytes
    observations: int
    quads: int


def _extract(path: str) -> tuple[str, Extracted | str]:
    """Worker: read, extract and serialise one file; returns (path, Extracted) or (path, error)."""
    from kg.extract.observations import extract_observations
    from kg.read import ReadError, read_document

    started = datetime.now(timezone.utc)
    try:
        doc = read_document(Path(path))
        observations = extract_observations(doc)
        quads = document_quads(doc, observations, started, datetime.now(timezone.utc), __version__)
    except ReadError as e:
        return path, str(e)
    except Exception as e:  # a bug must not stop the build: report it with the file
        return path, f"extraction failed: {type(e).__name__}: {e}"
    return path, Extracted(iris.doc_graph(doc.id).value, serialize(quads, format=RdfFormat.N_QUADS),
                           len(observations), len(quads))


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def ensure_reference(store: Store) -> bool:
    """(Re)load the reference graphs when the files they come from changed; True when reloaded."""
    fingerprint = reference_fingerprint()
    marker = iris.reference_graph("places")
    held = list(store.quads_for_pattern(marker, FINGERPRINT, None, marker))
    if held and held[0].object.value == fingerprint:
        return False
    gaz = load_gazetteer()
    for name, quads in reference_quads(gaz).items():
        g = iris.reference_graph(name)
        if store.contains_named_graph(g):
            store.remove_graph(g)
        store.bulk_extend(quads)
    store.add(Quad(marker, FINGERPRINT, Literal(fingerprint), marker))
    return True


class _Writer:
    """Collects new documents' N-Quads into batches that a loader thread commits in order.

    The engine's bulk loader releases the GIL, so loading one batch on this thread overlaps with
    the main thread collecting the next batch from the workers; at most one batch waits while
    another loads, which bounds memory. A batch's stale graphs are dropped only after the batch
    that replaces them is committed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: list[bytes] = []
        self.size = 0
        self.stale: list[str] = []
        self._batches: queue.Queue[tuple[bytes, list[str]] | None] = queue.Queue(maxsize=1)
        self._failure: BaseException | None = None
        # started on the first hand-over, after the worker pool has forked: no thread is forked
        self._thread = threading.Thread(target=self._load, name="kg-build-loader", daemon=True)

    def add(self, nquads: bytes, stale: list[str]) -> None:
        self.pending.append(nquads)
        self.size += len(nquads)
        self.stale += stale
        if self.size >= BATCH_BYTES:
            self._hand_over()

    def close(self) -> None:
        """Commit everything collected, wait for the loader, and raise what stopped it, if anything."""
        self._hand_over()
        self._batches.put(None)
        self._thread.join()
        if self._failure is not None:
            raise self._failure

    def _hand_over(self) -> None:
        if self._failure is not None:
            raise self._failure
        if not self._thread.is_alive():
            self._thread.start()
        self._batches.put((b"".join(self.pending), self.stale))
        self.pending, self.size, self.stale = [], 0, []

    def _load(self) -> None:
        while (batch := self._batches.get()) is not None:
            if self._failure is not None:
                continue  # drain, so the main thread never blocks on a dead loader
            nquads, stale = batch
            try:
                if nquads:
                    self.store.bulk_load(nquads, RdfFormat.N_QUADS)
                for g in stale:
                    self.store.remove_graph(NamedNode(g))
            except BaseException as e:  # re-raised in the main thread by close() or add()
                self._failure = e


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="kg build", file=sys.stderr, disable=None)


def build(paths: list[str], store_dir: Path, prune: bool = False, jobs: int | None = None,
          progress: bool = True) -> BuildSummary:
    """Bring the store at `store_dir` up to date with the documents under `paths`."""
    store_dir.mkdir(parents=True, exist_ok=True)
    store = Store(str(store_dir))
    summary = BuildSummary()
    ensure_reference(store)
    known = documents_by_source(store)
    files = [str(f) for f in iter_files(paths)]
    todo, writer = [], _Writer(store)
    for source in files:
        sha = _sha256(Path(source))
        held = known.get(source, [])
        if sha is not None and any(s == sha for _, s in held):
            summary.skipped += 1
            writer.stale += [g for g, s in held if s != sha]  # left over from an interrupted build
        else:
            todo.append(source)
    bar = _progress(len(todo), progress)
    for source, result in _run(todo, jobs):
        if bar is not None:
            bar.update()
        if isinstance(result, str):
            summary.failed += 1
            summary.errors.append((source, result))
            continue
        writer.add(result.nquads, [g for g, _ in known.get(source, []) if g != result.graph])
        summary.read += 1
        summary.observations += result.observations
        summary.quads_written += result.quads
    if bar is not None:
        bar.close()
    if prune:
        present = set(files)
        for source, held in known.items():
            if source not in present:
                writer.stale += [g for g, _ in held]
                summary.removed += 1
    writer.close()
    if summary.read or summary.removed:
        summary.audit_marked_stale = mark_stale(store) > 0
    store.flush()
    summary.quads_in_store = len(store)
    return summary


def _run(todo: list[str], jobs: int | None) -> Iterator[tuple[str, object]]:
    """Extraction results in input order, from a pool of workers when there is enough work.

    A sliding window keeps every worker busy while bounding the results in flight: a new file
    is handed out each time the oldest result is taken, so results cannot pile up while the
    main process is busy, and workers never wait for a whole window to drain."""
    jobs = jobs or min(len(todo), os.cpu_count() or 1)
    if jobs <= 1 or len(todo) < 8:
        yield from map(_extract, todo)
        return
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    window = jobs * WINDOW_PER_JOB
    with ctx.Pool(jobs) as pool:
        in_flight: deque = deque()
        for source in todo:
            if len(in_flight) >= window:
                yield in_flight.popleft().get()
            in_flight.append(pool.apply_async(_extract, (source,)))
        while in_flight:
            yield in_flight.popleft().get()
