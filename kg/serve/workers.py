"""Query workers: each query runs in a worker process, so the time limit can really stop it.

pyoxigraph evaluates a query in Rust with the GIL released and offers no way to cancel it, so a
query on a thread would go on using a core after its client got 503. Here each worker process
opens the store read-only (RocksDB allows any number of read-only openers beside one writer) and
answers queries one at a time; a request takes an idle worker, and when the answer is not back
within `timeout` seconds the worker is killed and a fresh one started in its place. A worker is
handed a query only once it has opened the store (it says so first): starting a process, importing
kg and opening the store took more than a 0.5 s time limit on a busy machine, and that is not the
query's time. A request that finds no worker idle within the time limit is answered 503 too (the
endpoint is saturated, or its workers are still starting).
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from kg.serve.answers import Answer, evaluate, text_answer
from kg.store import Store


#: A worker's first message: the store is open, queries may come.
READY = "ready"

#: How long the pool waits for a new worker to say READY; one that has not by then (or died) is
#: handed out all the same, and the request that gets it reports what became of it.
START_SECONDS = 60.0


def _serve(conn: Connection, location: str, limit: int) -> None:
    """A worker's life: open the store, answer (sparql, accept) pairs until told to stop (None)."""
    store = Store(location, read_only=True)
    conn.send(READY)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        sparql, accept = request
        conn.send(evaluate(store, sparql, accept, limit))


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection


class QueryWorkers:
    """`workers` query processes over the store at `location` (a folder or an endpoint URL)."""

    def __init__(self, location: str, *, timeout: float, limit: int, workers: int):
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.location = location
        self.timeout = timeout
        self.limit = limit
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._closed = False
        for worker in [self._start() for _ in range(workers)]:  # all starting at once, then each awaited
            self._idle.put(self._ready(worker))

    def answer(self, sparql: str, accept: str | None) -> Answer:
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return text_answer(503, f"Every query worker stayed busy for {self.timeout:g} s; try again later.")
        try:
            worker.conn.send((sparql, accept))
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):  # the worker died (killed, out of memory): replace it
            self._replace(worker)
            return text_answer(500, "The query worker died while answering; the query may need too much memory.")
        self._replace(worker)
        return text_answer(503, f"The query did not finish within the time limit of {self.timeout:g} s and was "
                                "stopped. Narrow it (a LIMIT, a more selective pattern) or ask for a longer --timeout.")

    def close(self) -> None:
        """Stop every worker: an idle one is asked to, a busy one is killed."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().conn.send(None)
            except queue.Empty:
                break
            except OSError:
                pass
        for worker in list(self._all):
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=5)

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, self.location, self.limit), daemon=True,
                                        name="kg-query")
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self._all.add(worker)
        return worker

    @staticmethod
    def _ready(worker: _Worker) -> _Worker:
        """`worker`, once it has opened the store (see READY and START_SECONDS)."""
        try:
            if worker.conn.poll(START_SECONDS):
                worker.conn.recv()
        except (EOFError, OSError):  # it died starting: the request that takes it says so and replaces it
            pass
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` and start its successor off the request's path (starting takes a moment)."""
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self._all.discard(worker)
        if not self._closed:
            threading.Thread(target=lambda: self._idle.put(self._ready(self._start())), daemon=True).start()
