"""`kg serve`: the store as a read-only SPARQL 1.1 Protocol endpoint, with a query page.

The standard library's `ThreadingHTTPServer` carries it: the protocol is a handful of routes,
and the work of a request is the query, which runs in a query worker process
(`kg.serve.workers`) so that the time limit can stop it — a web framework would add a
dependency and no speed. The default graph is the union of the document
graphs, as in `kg query`, so the shipped queries run unchanged; the page at / lists them.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files

from kg.namespaces import PREFIXES
from kg.queries import list_queries
from kg.serve.handler import KgServer
from kg.serve.workers import QueryWorkers

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7879
DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10_000


def runnable(text: str) -> str:
    """A query file's text with the PREFIX lines of the prefixes it uses, so it runs as is on
    any endpoint and the page does not open on a screenful of unused prefixes."""
    used = [p for p in PREFIXES if re.search(rf"(?<![\w:]){re.escape(p)}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + text


def shipped_queries() -> bytes:
    """The shipped queries as the page shows them, and kg's prefixes to shorten the IRIs it shows."""
    return json.dumps({
        "prefixes": PREFIXES,
        "queries": [{"name": q.name, "title": q.title, "description": q.description, "params": q.params,
                     "text": runnable(q.text)} for q in list_queries()],
    }, ensure_ascii=False).encode()


def make_server(location: str, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                limit: int = DEFAULT_LIMIT, workers: int = 2, quiet: bool = False) -> KgServer:
    """A server over the store at `location`, bound to host:port (port 0: a free one), not yet
    serving; `server_address` tells where. The port is bound before any worker starts."""
    page = files("kg.serve").joinpath("page.html").read_bytes()
    server = KgServer((host, port), None, page, shipped_queries(), quiet)
    server.service = QueryWorkers(location, timeout=timeout, limit=limit, workers=workers)
    return server
