"""An executor process: opens the store read-only once, then answers Jobs until its pipe closes.

It runs in its own process so that the web process can kill it when a query overruns its time
limit: the engine offers no way to cancel a query from Python.
"""

from __future__ import annotations

import signal
from multiprocessing.connection import Connection

from pyoxigraph import Store

from kg.serve.evaluate import evaluate
from kg.serve.jobs import Outcome

READY = "ready"


def serve_jobs(conn: Connection, store_path: str) -> None:
    """Process entry point: report READY (or the error that prevents it), then loop over jobs."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the web process's to handle
    try:
        store = Store.read_only(store_path)
    except OSError as e:
        conn.send(f"cannot open the store at {store_path}: {e}")
        return
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the web process closed the pipe or died
        try:
            outcome = evaluate(store, job)
        except Exception as e:  # a bug answers one request with a 500 instead of killing the executor
            outcome = Outcome.refusal(500, f"Internal error: {type(e).__name__}: {e}")
        conn.send(outcome)
