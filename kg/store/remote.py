"""The server backend: any SPARQL 1.1 endpoint, spoken to through the SPARQL 1.1 Protocol.

An Oxigraph server first (`oxigraph serve --location DIR --union-default-graph`), but nothing
here is Oxigraph-only, so Fuseki, GraphDB, Virtuoso or QLever can take over:

- Where: `--store http://HOST:PORT` (no path) means Oxigraph's layout, queries at `/query` and
  updates at `/update`; a URL with a path is one endpoint taking both (Fuseki's dataset URL,
  Virtuoso's `/sparql`). `KG_QUERY_ENDPOINT` and `KG_UPDATE_ENDPOINT` override either (GraphDB
  updates go to `/repositories/ID/statements`).
- Atomicity: a document's graph is replaced by ONE update request (`DROP SILENT GRAPH` +
  `INSERT DATA`); SPARQL 1.1 Update §2.2 asks a service to apply a request atomically, and
  Oxigraph, Fuseki (TDB2) and GraphDB run it in one transaction. The Graph Store Protocol is
  not used for writing: a PUT was measured no faster than the update (about 9–11 against 9–15
  documents/s of ~1,000 quads on Oxigraph 0.5), and a document whose graph name changed (a
  new official identifier) would need two GSP requests, which no service makes atomic.
- The union of the document graphs: kg's queries read the default graph as the union of the
  named graphs (labels and paths cross documents). SPARQL leaves the default graph to the
  service, so the endpoint must be configured so: `oxigraph serve --union-default-graph`,
  Fuseki `tdb2:unionDefaultGraph true`; GraphDB, Virtuoso and QLever do it by default. The
  first query checks it (one named-graph triple must be visible in the default graph) and
  stops with a message saying how to configure the endpoint, rather than return empty answers.

HTTP is the standard library's `http.client`, one kept-alive connection per thread: a build
sends one request per document, and a fresh TCP connection for each would cost more than the
request on a small document.
"""

from __future__ import annotations

import http.client
import os
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import store_error
from kg.store import QueryResult, Store

#: How long a request may take before kg gives up on the endpoint, in seconds.
DEFAULT_TIMEOUT = 300.0

SELECT_ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
UNION_HINT = ("configure the endpoint to query the union of its named graphs as the default graph: "
              "`oxigraph serve --union-default-graph ...`; Fuseki: tdb2:unionDefaultGraph true")


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str


def endpoints(url: str) -> Endpoints:
    """The query and update endpoints a store URL names (see the module docstring)."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.path in ("", "/"):
        base = url.rstrip("/")
        query, update = f"{base}/query", f"{base}/update"
    else:
        query = update = url
    return Endpoints(os.environ.get("KG_QUERY_ENDPOINT") or query, os.environ.get("KG_UPDATE_ENDPOINT") or update)


class RemoteStore(Store):
    """A kg store on a SPARQL 1.1 endpoint."""

    def __init__(self, location: str, *, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT):
        self.location = location
        self.endpoints = endpoints(location)
        self.read_only = read_only
        self.timeout = timeout
        self._local = threading.local()
        self._union_checked = False

    # -- reading -----------------------------------------------------------------------
    def query(self, sparql: str) -> QueryResult:
        if not self._union_checked:
            self._check_union_default_graph()
        return self._query(sparql)

    def quads(self) -> Iterator[ox.Quad]:
        """Streamed from the endpoint on a connection of its own (the answer may be large)."""
        request = urllib.request.Request(
            self.endpoints.query, data=SELECT_ALL_QUADS.encode(), method="POST",
            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                for row in ox.parse_query_results(response, format=ox.QueryResultsFormat.JSON):
                    yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
        except OSError as exc:
            raise self._unreachable(exc) from None

    def __len__(self) -> int:
        rows = list(self._query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value)

    # -- writing -----------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        if self.read_only:
            raise store_error("this store was opened read-only", where=self.location)
        status, _, body = self._request(self.endpoints.update, sparql, "application/sparql-update", "*/*")
        if status >= 300:
            raise store_error(f"the endpoint refused the update (HTTP {status}: {_text(body)}); "
                              "nothing of this document was written", where=self.endpoints.update,
                              hint="check that the endpoint accepts SPARQL 1.1 updates at this URL "
                                   "(KG_UPDATE_ENDPOINT) and is not read-only")

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    # -- the protocol --------------------------------------------------------------------
    def _query(self, sparql: str) -> QueryResult:
        status, content_type, body = self._request(
            self.endpoints.query, sparql, "application/sparql-query",
            "application/sparql-results+json, application/n-triples;q=0.9")
        if status == 400:
            raise SyntaxError(_text(body))
        if status >= 300:
            raise store_error(f"the endpoint failed the query (HTTP {status}: {_text(body)})",
                              where=self.endpoints.query)
        if content_type.startswith("application/n-triples"):
            return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def _check_union_default_graph(self) -> None:
        """One triple of a named graph must be visible without GRAPH; else kg's queries would
        silently find nothing."""
        rows = list(self._query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"))
        if rows:
            row = rows[0]
            visible = self._query(f"ASK {{ {row['s']} {row['p']} {row['o']} }}")
            if not bool(visible):
                raise store_error("the endpoint does not query the union of its named graphs by default",
                                  where=self.endpoints.query, hint=UNION_HINT)
        self._union_checked = True

    def _request(self, url: str, body: str, content_type: str, accept: str) -> tuple[int, str, bytes]:
        """POST `body` on this thread's kept-alive connection; one retry on a fresh connection
        when the server had closed an idle one (a replacement update is idempotent)."""
        target = urllib.parse.urlsplit(url)
        path = target.path or "/"
        if target.query:
            path += "?" + target.query
        headers = {"Content-Type": f"{content_type}; charset=utf-8", "Accept": accept}
        for attempt in (1, 2):
            connection = self._connection(target)
            try:
                connection.request("POST", path, body=body.encode(), headers=headers)
                response = connection.getresponse()
                data = response.read()
                return response.status, response.getheader("Content-Type", ""), data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if attempt == 2:
                    raise self._unreachable(exc) from None
            except TimeoutError:
                self.close()
                raise store_error(f"the endpoint did not answer within {self.timeout:g} s", where=url,
                                  hint="the query or update is too heavy for it, or the server hangs") from None
            except OSError as exc:
                self.close()
                raise self._unreachable(exc) from None
        raise AssertionError("unreachable")

    def _connection(self, target: urllib.parse.SplitResult) -> http.client.HTTPConnection:
        connection = getattr(self._local, "connection", None)
        if connection is None or (connection.host, connection.port) != (target.hostname, target.port or _port(target)):
            if connection is not None:
                connection.close()
            kind = http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
            connection = kind(target.hostname, target.port or _port(target), timeout=self.timeout)
            self._local.connection = connection
        return connection

    def _unreachable(self, exc: BaseException):
        return store_error(f"cannot reach the SPARQL endpoint ({exc})", where=self.location,
                           hint="start it, e.g. `oxigraph serve --location DIR --union-default-graph "
                                "--bind 127.0.0.1:7878`, or check --store / KG_STORE")


def _port(target: urllib.parse.SplitResult) -> int:
    return 443 if target.scheme == "https" else 80


def _text(body: bytes, limit: int = 500) -> str:
    """An error body as one short line."""
    text = " ".join(body.decode("utf-8", "replace").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
