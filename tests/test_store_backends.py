"""The store behaves the same on both backends — the embedded store and an Oxigraph server
reached over the SPARQL 1.1 Protocol: what a build writes, what the shipped queries answer,
and that a document's graph is replaced atomically."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import main
from kg.errors import EXIT_CODES, KgError
from kg.namespaces import SUMMARY_GRAPH
from kg.queries import list_queries
from kg.rdf.reference import REFERENCE_GRAPH
from kg.store import Store
from tests.conftest import DOCUMENTS
from tests.servers import (
    BACKENDS,
    empty_store,
    free_port,
    oxigraph_server,
    store_location_fixture,  # noqa: F401 (the store_location fixture: both backends)
)

QUERIES = sorted(q.name for q in list_queries())


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The shipped documents built once per backend, for the tests that only read."""
    with empty_store(request.param, tmp_path_factory.mktemp(request.param)) as location:
        api.build([DOCUMENTS], location)
        yield location


def test_store_build_writes_one_graph_per_document(store_location: str):
    report = api.build([DOCUMENTS], store_location)
    store = Store(store_location)
    assert set(store.documents()) == set(report.built) and len(report.built) == len(list(DOCUMENTS.glob("*.txt")))
    assert len(store) == report.triples == report.quads_written
    graphs = {q.graph_name.value for q in store.quads()}
    assert graphs == {d.graph for d in store.documents().values()} | {REFERENCE_GRAPH, SUMMARY_GRAPH}


def test_store_backends_hold_the_same_quads(seeded: str, seed_store: Path):
    assert Store(seeded).dump_nquads() == Store(seed_store, read_only=True).dump_nquads()


@pytest.mark.parametrize("name", QUERIES)
def test_store_shipped_queries_answer_alike(seeded: str, seed_store: Path, name: str):
    """The union default graph: labels and paths across documents are found on both backends."""
    expected = api.query(name, {}, seed_store)
    got = api.query(name, {}, seeded)
    assert got.columns == expected.columns
    assert sorted(map(sorted, (r.items() for r in got.rows))) == sorted(map(sorted, (r.items() for r in expected.rows)))


def test_store_bound_query_crosses_documents(seeded: str):
    """missions-depending-on needs the union: the path runs through graphs of two documents."""
    rows = api.query("missions-depending-on", {"provider": "VS"}, seeded).rows
    assert rows and {r["via"] for r in rows} - {""}, "expected at least one row derived through a path"


def test_store_malformed_query_is_a_query_error(seeded: str, tmp_path: Path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    with pytest.raises(KgError) as caught:
        api.query(str(bad), {}, seeded)
    assert caught.value.kind == "query"


def test_store_replacement_is_atomic_for_a_reader(store_location: str):
    """A reader polling during repeated replacements sees one complete version, never a mix."""
    store = Store(store_location)
    graph, pred, size = "http://example.org/g", "http://example.org/p", 300

    def version(n: int) -> list[ox.Quad]:
        return [ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode(pred), ox.Literal(str(n)),
                        ox.NamedNode(graph)) for i in range(size)]

    store.replace_graphs([], graph, version(0))
    seen: list[list[tuple[str, int]]] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            rows = store.query(f"SELECT ?v (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s <{pred}> ?v }} }} GROUP BY ?v")
            seen.append(sorted((r["v"].value, int(r["n"].value)) for r in rows))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(1, 25):
            store.replace_graphs([graph], graph, version(n))
    finally:
        done.set()
        reader.join(timeout=30)
    assert seen, "the reader never ran"
    assert all(len(s) == 1 and s[0][1] == size for s in seen), [s for s in seen if len(s) != 1 or s[0][1] != size][:3]


def test_store_failed_update_writes_nothing(store_location: str):
    api.build([DOCUMENTS], store_location)
    store = Store(store_location)
    before = store.dump_nquads()
    victim = next(iter(store.documents().values()))
    with pytest.raises(KgError):
        store.replace_graphs([victim.graph], victim.graph, "<http://example.org/s> <http://example.org/p> \"unterminated .")
    assert store.dump_nquads() == before


def test_store_endpoint_without_union_default_graph_is_refused(tmp_path: Path):
    with oxigraph_server(tmp_path / "ox", union_default_graph=False) as url:
        api.build([DOCUMENTS], url)
        with pytest.raises(KgError) as caught:
            api.query("documents", {}, url)
    assert caught.value.kind == "store" and "union-default-graph" in str(caught.value)


def test_store_unreachable_endpoint_exits_6():
    url = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["query", "documents", "--store", url])
    assert result.exit_code == EXIT_CODES["store"], result.output
    assert "cannot reach the SPARQL endpoint" in result.output and "oxigraph serve" in result.output


def test_store_endpoints_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A URL with a path is one endpoint; KG_UPDATE_ENDPOINT sends updates elsewhere (GraphDB's layout)."""
    with oxigraph_server(tmp_path / "ox") as url:
        monkeypatch.setenv("KG_UPDATE_ENDPOINT", f"{url}/update")
        report = api.build([DOCUMENTS], f"{url}/query")
        assert report.built and len(Store(f"{url}/query")) == report.triples


def test_store_cli_builds_and_queries_a_server_store(tmp_path: Path, seed_store: Path):
    with oxigraph_server(tmp_path / "ox") as url:
        built = CliRunner().invoke(main, ["build", str(DOCUMENTS), "--store", url, "--workers", "2"])
        assert built.exit_code == 0, built.output
        listed = CliRunner().invoke(main, ["query", "documents", "--store", url, "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    sources = [line.split(",")[1] for line in listed.output.strip().splitlines()[1:]]
    assert sources == [row["source"] for row in api.query("documents", {}, seed_store).rows]
