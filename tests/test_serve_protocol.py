"""`kg serve` speaks the SPARQL 1.1 Protocol: a real server process, queried with a real HTTP
client (urllib), answering in the negotiated format, refusing writes, with CORS, a result limit
and a query timeout."""

from __future__ import annotations

import csv
import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib

from kg import api
from kg.queries import list_queries, with_prologue
from kg.store import Store
from tests.servers import descendants, kg_server, oxigraph_server

LIMIT = 50
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
DOCUMENTS = with_prologue("SELECT ?document ?source WHERE { GRAPH ?g { ?document kg:sourceFile ?source } } ORDER BY ?source")


@pytest.fixture(scope="module")
def endpoint(seed_store: Path) -> str:
    with kg_server(seed_store, "--limit", str(LIMIT)) as url:
        yield url + "sparql"


def request(url: str, *, query: str | None = None, method: str = "GET", data: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    if query is not None and method == "GET":
        url += "?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def form(query: str) -> bytes:
    return urllib.parse.urlencode({"query": query}).encode()


def sources(seed_store: Path) -> list[str]:
    return [row["source"] for row in api.query("documents", {}, seed_store).rows]


def test_serve_get_answers_sparql_json(endpoint: str, seed_store: Path):
    status, headers, body = request(endpoint, query=DOCUMENTS)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["document", "source"]
    assert [b["source"]["value"] for b in data["results"]["bindings"]] == sources(seed_store)
    assert "KG-Result-Truncated" not in headers


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "application/sparql-query"])
def test_serve_post_answers_like_get(endpoint: str, content_type: str):
    data = form(DOCUMENTS) if content_type.endswith("urlencoded") else DOCUMENTS.encode()
    status, _, body = request(endpoint, method="POST", data=data, headers={"Content-Type": content_type})
    assert status == 200
    assert json.loads(body) == json.loads(request(endpoint, query=DOCUMENTS)[2])


def test_serve_negotiates_results_formats(endpoint: str, seed_store: Path):
    expected = sources(seed_store)
    status, headers, body = request(endpoint, query=DOCUMENTS, headers={"Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert [r["source"] for r in rows] == expected

    status, headers, body = request(endpoint, query=DOCUMENTS, headers={"Accept": "text/tab-separated-values"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    lines = body.decode().splitlines()
    assert lines[0].split("\t") == ["?document", "?source"] and len(lines) == len(expected) + 1

    status, headers, body = request(endpoint, query=DOCUMENTS, headers={"Accept": "application/sparql-results+xml"})
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    found = [b.find("r:literal", ns).text for b in ET.fromstring(body).iterfind(".//r:binding[@name='source']", ns)]
    assert found == expected


def test_serve_ask_answers_a_boolean(endpoint: str):
    status, _, body = request(endpoint, query=with_prologue("ASK { ?d kg:sourceFile ?s }"))
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser uses its own deprecated API
@pytest.mark.parametrize("accept, rdf_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")])
def test_serve_negotiates_graph_formats(endpoint: str, seed_store: Path, accept: str, rdf_format: str):
    construct = with_prologue("CONSTRUCT { ?d kg:sourceFile ?s } WHERE { ?d kg:sourceFile ?s }")
    status, headers, body = request(endpoint, query=construct, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    graph = rdflib.Graph().parse(data=body, format=rdf_format)
    assert sorted(str(o) for o in graph.objects()) == sorted(sources(seed_store))


def test_serve_unacceptable_format_is_406(endpoint: str):
    assert request(endpoint, query=DOCUMENTS, headers={"Accept": "image/png"})[0] == 406


def test_serve_result_limit_truncates_and_says_so(endpoint: str, seed_store: Path):
    assert len(Store(seed_store, read_only=True)) > LIMIT
    status, headers, body = request(endpoint, query=ALL_TRIPLES)
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == LIMIT
    assert headers["KG-Result-Truncated"] == "true" and headers["KG-Result-Limit"] == str(LIMIT)


def test_serve_refuses_writes(endpoint: str, seed_store: Path):
    before = len(Store(seed_store, read_only=True))
    update = "INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }"
    assert request(endpoint, method="POST", data=update.encode(),
                   headers={"Content-Type": "application/sparql-update"})[0] == 403
    assert request(endpoint, method="POST", data=urllib.parse.urlencode({"update": update}).encode(),
                   headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    turtle = b"<http://example.org/s> <http://example.org/p> 1 ."
    for method in ("PUT", "POST", "DELETE"):
        status, headers, _ = request(endpoint + "?graph=http%3A%2F%2Fexample.org%2Fg", method=method, data=turtle,
                                     headers={"Content-Type": "text/turtle"})
        assert status == 405 and "GET" in headers["Allow"], method
    assert len(Store(seed_store, read_only=True)) == before


def test_serve_bad_requests_are_400(endpoint: str):
    assert request(endpoint)[0] == 400  # no query
    status, _, body = request(endpoint, query="SELECT ?x WHERE { ?x ?y }")
    assert status == 400 and b"does not parse" in body


def test_serve_cors_for_browser_tools(endpoint: str):
    _, headers, _ = request(endpoint, query=DOCUMENTS, headers={"Origin": "http://yasgui.example"})
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = request(endpoint, method="OPTIONS", headers={
        "Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()


def test_serve_lists_the_shipped_queries_runnable(endpoint: str):
    base = endpoint.rsplit("/", 1)[0]
    status, _, body = request(base + "/queries")
    listed = {q["name"]: q for q in json.loads(body)["queries"]}
    assert status == 200 and set(listed) == {q.name for q in list_queries()}
    for named in listed.values():  # the text shown on the page runs as is on the endpoint
        assert request(endpoint, query=named["text"])[0] == 200, named["name"]


def test_serve_times_out_a_long_query_and_stops_it(seed_store: Path):
    """The query's worker process is killed (not left computing) and a fresh one takes its place."""
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j }"  # 10^11 rows: never ends
    with kg_server(seed_store, "--timeout", "0.5", "--workers", "1") as url:
        before = descendants(url.pid)
        status, _, body = request(url + "sparql", query=cross)
        assert status == 503 and b"time limit" in body
        # it still answers, on a new worker: handed the query once started, which on a busy
        # machine may take longer than the time limit (until then: 503, "still starting")
        waited_until = time.monotonic() + 30
        while (status := request(url + "sparql", query=DOCUMENTS)[0]) == 503 and time.monotonic() < waited_until:
            time.sleep(0.1)
        assert status == 200
        after = descendants(url.pid)
    gone = before - after
    assert len(gone) == 1 and not Path(f"/proc/{gone.pop()}").exists()


def test_serve_over_a_server_store(tmp_path: Path, seed_store: Path):
    """kg serve in front of an Oxigraph server store answers like over the embedded one."""
    with oxigraph_server(tmp_path / "ox") as store_url:
        api.build([Path(__file__).resolve().parent.parent / "data" / "documents"], store_url)
        with kg_server(store_url) as url:
            status, _, body = request(url + "sparql", query=DOCUMENTS)
    assert status == 200
    assert [b["source"]["value"] for b in json.loads(body)["results"]["bindings"]] == sources(seed_store)


def test_serve_binds_to_localhost_by_default(endpoint: str):
    assert endpoint.startswith("http://127.0.0.1:")  # kg_server gives no --host


def test_serve_hands_a_query_only_to_a_worker_that_has_started(seed_store: Path):
    """Starting a worker (a process, kg's imports, the store opened) is not the query's time: with a
    time limit far below a start-up, a first query and one after a replacement still answer."""
    from kg.serve.workers import QueryWorkers

    workers = QueryWorkers(str(seed_store), timeout=0.05, limit=100, workers=1)
    try:
        assert workers.answer("ASK { ?s ?p ?o }", None).status == 200
        cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j }"
        assert workers.answer(cross, None).status == 503  # stopped: its worker is replaced
        waited_until = time.monotonic() + 30
        while (answer := workers.answer("ASK { ?s ?p ?o }", None)).status == 503 and time.monotonic() < waited_until:
            pass  # the replacement is starting: no worker idle yet
        assert answer.status == 200
    finally:
        workers.close()
