"""`kg serve` / `python server.py`: build the store from seeds/ if it is empty, then serve it with waitress.

waitress serves requests on a pool of threads; the queries themselves run in the app's executor
processes, so threads only parse requests and copy bytes and a slow query holds up no one else.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

import waitress
from pyoxigraph import Store

from kg.serve.app import create_app
from kg.serve.config import ServeConfig
from kg.serve.saved import SavedQueryError

SEEDS = "seeds"
THREADS = 8
log = logging.getLogger("kg.serve")


def store_is_empty(path: Path) -> bool:
    """True when there is no store at `path`, or one that holds no quad."""
    if not path.is_dir() or not any(path.iterdir()):
        return True
    return next(iter(Store.read_only(str(path))), None) is None


def ensure_store(path: Path) -> None:
    """Build the store from seeds/ when it is missing or empty, so a fresh checkout can serve at once."""
    if not store_is_empty(path):
        return
    if not Path(SEEDS).is_dir():
        raise SystemExit(f"kg serve: error: the store at {path} is empty and there is no {SEEDS}/ folder "
                         "to build it from; run `kg build PATH --store DIR` first")
    from kg.store.build import build

    log.info("the store at %s is empty: building it from %s/", path, SEEDS)
    summary = build([SEEDS], path, progress=False)
    for line in summary.lines():
        log.info("%s", line)


def serve(store: Path, host: str, port: int, config: ServeConfig) -> None:
    """Serve the SPARQL endpoint on http://host:port/sparql until interrupted or terminated."""
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s", stream=sys.stderr)
    ensure_store(store)
    try:
        app = create_app(store, config)
    except SavedQueryError as e:
        raise SystemExit(f"kg serve: error: {e}") from None
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))  # exit cleanly: executors are killed
    log.info("SPARQL endpoint: http://%s:%d/sparql (store %s, timeout %g s)", host, port, store, config.timeout)
    log.info("saved queries: http://%s:%d/queries (%d from %s)", host, port, len(app.extensions["kg.saved"]),
             config.queries or "no folder")
    try:
        waitress.serve(app, host=host, port=port, threads=THREADS, ident="kg",
                       max_request_body_size=2 * config.max_request_bytes,
                       max_request_header_size=config.max_request_bytes + 65536)
    finally:
        app.extensions["kg.pool"].close()
