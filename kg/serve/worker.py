"""An executor process: opens the store read-only once, then answers Jobs until its pipe closes.

It runs in its own process so that the web process can kill it when a query overruns its time
limit: the engine offers no way to cancel a query from Python. Jobs run on a thread with a large
stack, because the engine's parser and planner recurse on long or nested queries and would
otherwise overflow the main thread's stack (which kills the process) well before the size limit.
"""

from __future__ import annotations

import signal
import threading
from multiprocessing.connection import Connection

from pyoxigraph import Store

from kg.serve.evaluate import evaluate
from kg.serve.jobs import Outcome

READY = "ready"
STACK_BYTES = 256 << 20  # address space only: pages are committed as the stack grows


def serve_jobs(conn: Connection, store_path: str) -> None:
    """Process entry point: answer jobs on a large-stack thread until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the web process's to handle
    threading.stack_size(STACK_BYTES)
    runner = threading.Thread(target=_answer_jobs, args=(conn, store_path), name="kg-jobs")
    runner.start()
    runner.join()


def _answer_jobs(conn: Connection, store_path: str) -> None:
    """Report READY (or the error that prevents it), then answer each job in turn."""
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
