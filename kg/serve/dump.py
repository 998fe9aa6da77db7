"""/export: the whole store as a download in any export format, streamed as it is written.

The dump is written by `kg export`'s own code (kg/store/export.py) on a thread of the web process,
over a read-only handle of its own: the design notes (../shared/design/engine-notes.md) measure
that several read-only handles may be open at once with the executors', so a long download holds
no executor and no query waits for it. The writer hands 64 KiB chunks through a short queue, so at
most about a megabyte is in flight whatever the store's size, and it stops when the client goes
away. A dump that fails half way ends the connection without the closing chunk, so a client never
takes a cut-off dump for a whole one.
"""

from __future__ import annotations

import io
import logging
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request
from pyoxigraph import Store

from kg.serve import formats
from kg.serve.representation import HTML, Representation, choose
from kg.store.export import export

log = logging.getLogger("kg.serve")
blueprint = Blueprint("dump", __name__)
EXPORT_FORMATS = (formats.NQUADS, formats.TRIG, formats.TURTLE, formats.NTRIPLES, formats.JSONLD, formats.RDFXML)
EXTENSIONS = {"rdfxml": "rdf"}   # file name extensions that differ from the format name
CHUNK_BYTES = 64 << 10
CHUNKS_IN_FLIGHT = 16
WAIT = 1.0                        # seconds between checks that the client is still there


@blueprint.route("/export")
def export_route() -> Response:
    offers: tuple[Representation, ...] = (*EXPORT_FORMATS, HTML)
    chosen = choose(request.headers.get("Accept", ""), request.args.get("format"), offers)
    if chosen is HTML:
        return Response(render_template("export.html", formats=EXPORT_FORMATS), mimetype="text/html")
    store: Path = current_app.extensions["kg.store"]
    response = Response(stream(store, chosen.name), mimetype=chosen.media_type)
    filename = f"cn-trade-kg.{EXTENSIONS.get(chosen.name, chosen.name)}"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.vary.add("Accept")
    return response


class _Gone(Exception):
    """The client stopped reading: the writer gives up."""


class _Failed:
    """Put on the queue instead of a chunk when the dump failed."""


_DONE = object()


class _ChunkWriter(io.RawIOBase):
    """A file the exporter writes to; every CHUNK_BYTES go to the queue (blocking while it is full)."""

    def __init__(self, chunks: queue.Queue, gone: threading.Event) -> None:
        super().__init__()
        self.chunks, self.gone, self.pending = chunks, gone, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]  # any buffer, as RawIOBase.write takes
        self.pending += data
        if len(self.pending) >= CHUNK_BYTES:
            self.send_pending()
        return len(data)

    def send_pending(self) -> None:
        if self.pending:
            put(self.chunks, bytes(self.pending), self.gone)
            self.pending.clear()


def put(chunks: queue.Queue, item: object, gone: threading.Event) -> None:
    """Queue `item`, waiting while the queue is full, unless the client has gone."""
    while True:
        if gone.is_set():
            raise _Gone
        try:
            chunks.put(item, timeout=WAIT)
            return
        except queue.Full:
            continue


def stream(store_path: Path, fmt: str) -> Iterator[bytes]:
    """The dump of the store at `store_path` in `fmt`, chunk by chunk (the writer starts on the first read)."""
    chunks: queue.Queue = queue.Queue(maxsize=CHUNKS_IN_FLIGHT)
    gone = threading.Event()
    threading.Thread(target=_write, args=(store_path, fmt, chunks, gone), name="kg-export", daemon=True).start()
    try:
        while (chunk := chunks.get()) is not _DONE:
            if isinstance(chunk, _Failed):
                raise RuntimeError("the export failed part way; the connection is closed unfinished")
            yield chunk
    finally:
        gone.set()


def _write(store_path: Path, fmt: str, chunks: queue.Queue, gone: threading.Event) -> None:
    try:
        writer = _ChunkWriter(chunks, gone)
        export(Store.read_only(str(store_path)), fmt, writer)
        writer.send_pending()
        put(chunks, _DONE, gone)
    except _Gone:
        return
    except Exception:  # any failure of the engine or the disk: the reader must not take a cut dump for a whole one
        log.exception("export of %s as %s failed", store_path, fmt)
        try:
            put(chunks, _Failed(), gone)
        except _Gone:
            pass
