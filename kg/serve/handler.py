"""The HTTP side of `kg serve`: SPARQL 1.1 Protocol queries at /sparql, the page at /, CORS.

Routes: `GET /sparql?query=…`, `POST /sparql` (a form with `query=`, or the query itself as
`application/sparql-query`), `GET /` (the query page), `GET /queries` (the shipped queries as
JSON, for the page). The endpoint is read-only: SPARQL updates get 403 Forbidden, Graph Store
writes (PUT, DELETE, PATCH, or POST of RDF) 405 Method Not Allowed. Every answer carries
`Access-Control-Allow-Origin: *` and OPTIONS answers the preflight, so YASGUI or a notebook in a
browser on another origin can query it.
"""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from kg.serve.answers import Answer, text_answer
from kg.serve.negotiation import GRAPHS
from kg.serve.workers import QueryWorkers

#: Largest request body read, in bytes: a query, never a data upload.
MAX_BODY = 1_000_000
ALLOWED = "GET, POST, OPTIONS"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "KG-Result-Truncated, KG-Result-Limit",
}


class KgServer(ThreadingHTTPServer):
    """The HTTP server with what the handler serves: the query service, the page, the query list."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], service: QueryWorkers | None, page: bytes, queries: bytes, quiet: bool):
        super().__init__(address, Handler)
        self.service = service
        self.page = page
        self.queries = queries
        self.quiet = quiet


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: KgServer

    # -- routes ------------------------------------------------------------------------
    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(Answer(200, "text/html; charset=utf-8", self.server.page))
        elif url.path == "/queries":
            self._send(Answer(200, "application/json", self.server.queries))
        elif url.path == "/sparql":
            self._sparql(parse_qs(url.query, keep_blank_values=True))
        else:
            self._send(text_answer(404, f"Nothing at {url.path}: the SPARQL endpoint is /sparql, the query page /."))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            return self._send(text_answer(413, f"A request body may be at most {MAX_BODY} bytes."))
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path != "/sparql" or "graph" in params or "default" in params or media in GRAPHS:
            return self._refuse_write()
        if media == "application/sparql-update":
            return self._refuse_update()
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            params.setdefault("query", []).append(body)
        else:
            return self._send(text_answer(415, "Send the query as application/sparql-query or as a form "
                                               "(application/x-www-form-urlencoded) with query=…"))
        self._sparql(params)

    def do_OPTIONS(self) -> None:
        self._send(Answer(204, "text/plain", b"", {
            "Access-Control-Allow-Methods": ALLOWED,
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Max-Age": "86400",
        }))

    def do_PUT(self) -> None:
        self._refuse_write()

    do_DELETE = do_PATCH = do_PUT

    # -- the protocol --------------------------------------------------------------------
    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._refuse_update()
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return self._send(text_answer(400, "default-graph-uri and named-graph-uri are not supported: the "
                                               "default graph is the union of all document graphs; use GRAPH in the query."))
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(text_answer(400, "Give exactly one query: /sparql?query=… (or POST it); "
                                               "the page at / helps write one."))
        self._send(self.server.service.answer(queries[0], self.headers.get("Accept")))

    def _refuse_update(self) -> None:
        self._send(text_answer(403, "This endpoint is read-only: SPARQL updates are refused. "
                                    "Change the graph with `kg build`."))

    def _refuse_write(self) -> None:
        self._discard_body()
        self._send(text_answer(405, "This endpoint is read-only: Graph Store writes are refused. "
                                    "Change the graph with `kg build`."), {"Allow": ALLOWED})

    def _discard_body(self) -> None:
        """Read an unread body, so the kept-alive connection stays in step."""
        length = int(self.headers.get("Content-Length") or 0)
        if self.command != "POST" and 0 < length <= MAX_BODY:
            self.rfile.read(length)
        elif length > MAX_BODY:
            self.close_connection = True

    def _send(self, answer: Answer, extra: dict[str, str] | None = None) -> None:
        self.send_response(answer.status)
        for name, value in {**CORS, **answer.headers, **(extra or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")
