"""A build counts the graphs it writes from what its workers read off their N-Triples (`holds`),
and the graphs it did not write by asking the store: both must give the summary that counting
the whole store by SPARQL gives — on both backends."""

from __future__ import annotations

import shutil
from pathlib import Path

from kg import api
from kg.build import write_reference
from kg.buildworker import extract
from kg.namespaces import PENDING_GRAPH, SUMMARY_GRAPH
from kg.store import Store
from kg.summary import Summary
from tests.conftest import DOCUMENTS
from tests.servers import store_location_fixture  # noqa: F401 (the store_location fixture: both backends)
from tests.test_summary_counts import STATED, summary, write


def mark_pending(location: str | Path) -> None:
    """What a build killed between its writes and its summary leaves: the pending mark."""
    store = Store(location)
    try:
        store.update(f'INSERT DATA {{ GRAPH <{PENDING_GRAPH}> {{ <{PENDING_GRAPH}> <{PENDING_GRAPH}> "crashed" }} }}')
    finally:
        store.close()


def test_summary_from_the_workers_equals_the_stores_count(store_location: str, tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCUMENTS, docs)
    write(docs, "extra.txt", f"{STATED} Frankrijk is lead nation van EMASoH.")
    api.build([docs], store_location, workers=2)
    counted_by_workers = summary(store_location)
    assert any(f"<{SUMMARY_GRAPH}>" in line and "documentCount" in line for line in counted_by_workers)

    mark_pending(store_location)  # the next build writes nothing and counts the whole store by SPARQL
    report = api.build([docs], store_location)
    assert report.built == [] and report.quads_written > 0
    assert summary(store_location) == counted_by_workers


def test_summary_counts_graphs_it_did_not_write_with_those_it_wrote(store_location: str, tmp_path: Path):
    docs = tmp_path / "docs"
    write(docs, "m.txt", f"{STATED} Duitsland is framework nation van TAAC-North.")
    write(docs, "n.txt", "Duitsland is framework nation van TAAC-North.")
    api.build([docs], store_location)
    mark_pending(store_location)  # m and n: counted by the store, the graphs below by their workers
    write(docs, "b.txt", STATED)  # a smaller example than m's for the contribution, and one more document
    write(docs, "c.txt", "Frankrijk is lead nation van EMASoH.")
    write(docs, "z.txt", f"Zoals gemeld: {STATED} Duitsland is framework nation van TAAC-North.")
    report = api.build([docs], store_location, workers=2)
    assert sorted(report.built) == ["b.txt", "c.txt", "z.txt"]

    fresh = tmp_path / "fresh"
    api.build([docs], fresh)
    assert summary(store_location) == summary(fresh)
    rows = api.query("contributions", {"country": "NL"}, store_location).rows
    assert [(r["missionLabel"], r["amount"], r["documents"], r["source"]) for r in rows] == [
        ("Resolute Support Mission", "120", "3", "b.txt")]
    leads = api.query("leads", {"leader": "DE"}, store_location).rows
    assert [(r["role"], r["documents"]) for r in leads] == [("framework nation", "3")]


def test_summary_of_a_graph_written_and_dropped_again_is_counted_in_full(tmp_path: Path):
    docs = tmp_path / "docs"
    write(docs, "a.txt", STATED)
    write(docs, "b.txt", f"{STATED} Duitsland is framework nation van TAAC-North.")
    api.build([docs / "a.txt"], tmp_path / "fresh")
    store = Store(tmp_path / "store")
    try:
        write_reference(store)
        counted = Summary(store, everything=True)
        for path in sorted(docs.glob("*.txt")):
            result = extract(path, "hash")
            counted.before_write([])
            store.replace_graphs([], result.graph, result.body)
            counted.after_write(result.graph, result.holds)
        counted.before_write([result.graph])  # b's graph, which this summary counted, goes again
        store.replace_graphs([result.graph], None, "")
        counted.refresh()
    finally:
        store.close()
    assert summary(tmp_path / "store") == summary(tmp_path / "fresh")
