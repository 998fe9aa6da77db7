"""A fixed set of executor processes that can be killed and replaced: the hard query time limit.

pyoxigraph evaluates lazily and cannot cancel a query from Python, so a thread could neither stop
a runaway query nor free its core. Each query is sent to an idle executor process instead; when
its deadline passes, the process is killed (SIGKILL: a read-only store needs no cleanup) and a
fresh one is started in the background, so the next query finds a full pool again. Executors are
started by a fork server (spawn where there is none), never forked from the threaded web process.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import select
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from kg.serve.jobs import Job, Outcome
from kg.serve.worker import READY, serve_jobs

log = logging.getLogger("kg.serve")
START_TIMEOUT = 60.0  # seconds for a new executor to open the store
RETRY_DELAY = 1.0     # seconds between attempts to replace an executor that failed to start


class QueryTimeout(Exception):
    """The query ran past its deadline; its executor was killed."""


class PoolBusy(Exception):
    """No executor became free before the deadline; the query never ran."""


class ExecutorCrashed(Exception):
    """The executor died while answering (for instance killed by the OS for memory)."""


@dataclass(eq=False)
class _Executor:
    process: BaseProcess
    conn: Connection
    answer: select.poll  # registered once on `conn`: Connection.poll builds a new selector on every call

    def answered_within(self, seconds: float) -> bool:
        """Whether the answer (or the end of the pipe) arrived within `seconds`."""
        return bool(self.answer.poll(seconds * 1000))


class ExecutorPool:
    """`size` executor processes over the store at `store_path`; `run` is safe from many threads."""

    def __init__(self, store_path: Path, size: int) -> None:
        self._store_path = str(store_path)
        self._ctx = _context()
        self._idle: queue.Queue[_Executor] = queue.Queue()
        self._live: set[_Executor] = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [self._start() for _ in range(size)]
        try:
            for executor in starting:
                self._await_ready(executor)
                self._idle.put(executor)
        except RuntimeError:
            self.close()
            raise

    def run(self, job: Job, timeout: float) -> Outcome:
        """The executor's answer to `job`, or QueryTimeout / PoolBusy / ExecutorCrashed."""
        deadline = time.monotonic() + timeout
        try:
            executor = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolBusy from None
        try:
            executor.conn.send(job)
            answered = executor.answered_within(max(0.0, deadline - time.monotonic()))
            outcome = executor.conn.recv() if answered else None
        except (EOFError, OSError):
            self._replace(executor)
            raise ExecutorCrashed from None
        if outcome is None:
            self._replace(executor)
            raise QueryTimeout
        self._idle.put(executor)
        return outcome

    def close(self) -> None:
        """Kill every executor; the pool cannot be used afterwards."""
        self._closed = True
        with self._lock:
            live = list(self._live)
        for executor in live:
            self._discard(executor)

    def _start(self) -> _Executor:
        ours, theirs = self._ctx.Pipe()
        process = self._ctx.Process(target=serve_jobs, args=(theirs, self._store_path),
                                    name="kg-executor", daemon=True)
        process.start()
        theirs.close()
        answer = select.poll()
        answer.register(ours.fileno(), select.POLLIN)
        executor = _Executor(process, ours, answer)
        with self._lock:
            self._live.add(executor)
        return executor

    def _await_ready(self, executor: _Executor) -> None:
        try:
            message = executor.conn.recv() if executor.conn.poll(START_TIMEOUT) else "it did not start in time"
        except (EOFError, OSError):
            message = "it exited while starting"
        if message != READY:
            self._discard(executor)
            raise RuntimeError(f"query executor failed: {message}")

    def _discard(self, executor: _Executor) -> None:
        executor.process.kill()
        executor.process.join(5)
        executor.conn.close()
        with self._lock:
            self._live.discard(executor)

    def _replace(self, executor: _Executor) -> None:
        """Kill `executor` now; start its successor in the background so the response is not delayed."""
        self._discard(executor)
        threading.Thread(target=self._restock, name="kg-executor-restart", daemon=True).start()

    def _restock(self) -> None:
        while not self._closed:
            try:
                executor = self._start()
                self._await_ready(executor)
            except (RuntimeError, OSError) as e:
                log.error("%s; retrying", e)
                time.sleep(RETRY_DELAY)
                continue
            if self._closed:
                self._discard(executor)
            else:
                self._idle.put(executor)
            return


def _context() -> ForkServerContext | SpawnContext:
    """A fork server preloaded with the executor's imports (fast restarts), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(["kg.serve.worker"])
        return forkserver
    return multiprocessing.get_context("spawn")
