"""A query's answer over the store, bounded in rows and in time, written in the negotiated format.

The time limit: the query runs on a worker thread (pyoxigraph releases the GIL while it
evaluates) and the request waits for it at most `timeout` seconds; past that the client gets
503 at once and the evaluation is told to stop, which it does at its next result row — a query
that sorts or groups everything first finishes that step before it notices. The result limit:
at most `limit` rows (or triples) are written, and `KG-Result-Truncated: true` says more existed.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import KgError
from kg.serve.negotiation import GRAPHS, RESULTS, choose
from kg.store import Store


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def text_answer(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


class Stopped(Exception):
    """The request gave up waiting (timeout): stop evaluating."""


class QueryService:
    """Runs SPARQL queries on a read-only store for the HTTP handler."""

    def __init__(self, store: Store, *, timeout: float, limit: int, threads: int = 4):
        self.store = store
        self.timeout = timeout
        self.limit = limit
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="kg-query")

    def answer(self, sparql: str, accept: str | None) -> Answer:
        stop = threading.Event()
        future = self._pool.submit(self._evaluate, sparql, accept, stop)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            stop.set()
            return text_answer(503, f"The query did not finish within the time limit of {self.timeout:g} s. "
                                    "Narrow it (a LIMIT, a more selective pattern) or ask for a longer --timeout.")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _evaluate(self, sparql: str, accept: str | None, stop: threading.Event) -> Answer:
        try:
            result = self.store.query(sparql)
            if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
                return self._results(result, accept, stop)
            return self._graph(result, accept, stop)
        except SyntaxError as exc:
            return text_answer(400, f"The query does not parse: {exc}")
        except Stopped:
            return text_answer(503, "stopped")
        except KgError as exc:
            return text_answer(502, str(exc))
        except OSError as exc:
            return text_answer(500, f"The store failed while answering: {exc}")

    def _results(self, result: ox.QuerySolutions | ox.QueryBoolean, accept: str | None, stop: threading.Event) -> Answer:
        chosen = choose(accept, RESULTS)
        if chosen is None:
            return _not_acceptable(RESULTS)
        _, fmt = chosen
        headers: dict[str, str] = {}
        if isinstance(result, ox.QueryBoolean):
            document = {"head": {}, "boolean": bool(result)}
        else:
            variables = [v.value for v in result.variables]
            rows = []
            for solution in result:
                if stop.is_set():
                    raise Stopped
                if len(rows) == self.limit:
                    headers = _truncated(self.limit)
                    break
                rows.append({v: _json_term(solution[v]) for v in variables if solution[v] is not None})
            document = {"head": {"vars": variables}, "results": {"bindings": rows}}
        body = json.dumps(document, ensure_ascii=False).encode()
        if fmt != ox.QueryResultsFormat.JSON:  # pyoxigraph writes the other formats from the bounded JSON
            body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
        return Answer(200, fmt.media_type, body, headers)

    def _graph(self, triples, accept: str | None, stop: threading.Event) -> Answer:
        chosen = choose(accept, GRAPHS)
        if chosen is None:
            return _not_acceptable(GRAPHS)
        _, fmt = chosen
        kept: list[ox.Triple] = []
        headers: dict[str, str] = {}
        for triple in triples:
            if stop.is_set():
                raise Stopped
            if len(kept) == self.limit:
                headers = _truncated(self.limit)
                break
            kept.append(triple)
        return Answer(200, fmt.media_type, ox.serialize(kept, format=fmt), headers)


def _json_term(term) -> dict[str, str]:
    """One RDF term as SPARQL 1.1 Query Results JSON §3.2.2 writes it."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # an RDF-star triple: kg writes none


def _truncated(limit: int) -> dict[str, str]:
    return {"KG-Result-Truncated": "true", "KG-Result-Limit": str(limit)}


def _not_acceptable(offered: dict) -> Answer:
    return text_answer(406, "None of the formats in the Accept header can be written. Available: " + ", ".join(offered))
