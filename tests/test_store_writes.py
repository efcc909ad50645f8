"""How a store writes a document's graph: a graph new to the store is written whole or not at
all (the embedded store `load`s it instead of running an update), a stored graph is replaced
in one step, and any write says the build record is no longer current."""

from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.store import Store, ntriples
from tests.servers import store_location_fixture  # noqa: F401 (the store_location fixture: both backends)

PRED = "http://example.org/p"
SIZE = 300


def graph_quads(graph: str, value: str) -> list[ox.Quad]:
    return [ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode(PRED), ox.Literal(value),
                    ox.NamedNode(graph)) for i in range(SIZE)]


def test_store_new_graphs_appear_whole_to_a_reader(store_location: str):
    """A reader polling while 30 new graphs are written counts 0 or all quads of each, never part."""
    store = Store(store_location)
    graphs = [f"http://example.org/g{n}" for n in range(30)]
    seen: list[dict[str, int]] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            rows = store.query(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{PRED}> ?v }} }} GROUP BY ?g")
            seen.append({r["g"].value: int(r["n"].value) for r in rows})

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n, graph in enumerate(graphs):
            store.replace_graphs([graph], graph, ntriples(graph_quads(graph, str(n))))
    finally:
        done.set()
        reader.join(timeout=30)
    assert seen, "the reader never ran"
    assert all(count == SIZE for counts in seen for count in counts.values()), \
        [counts for counts in seen if set(counts.values()) - {SIZE}][:3]
    assert len(store) == SIZE * len(graphs)


def test_store_new_graph_then_replaced_and_moved(store_location: str):
    """Written new, replaced in place, then moved to another name (the old one dropped in the same
    write): each time the store holds exactly the last version."""
    store = Store(store_location)
    first, second = "http://example.org/first", "http://example.org/second"
    store.replace_graphs([first], first, graph_quads(first, "a"))
    store.replace_graphs([first], first, graph_quads(first, "b"))
    assert sorted(str(q) for q in store.quads()) == sorted(str(q) for q in graph_quads(first, "b"))
    store.replace_graphs([second, first], second, graph_quads(second, "c"))
    assert sorted(str(q) for q in store.quads()) == sorted(str(q) for q in graph_quads(second, "c"))


def test_store_bad_new_graph_writes_nothing(tmp_path):
    """A body that does not parse is refused whole, as the update of a stored graph would be."""
    store = Store(tmp_path / "store")
    good = ntriples(graph_quads("http://example.org/g", "x"))
    with pytest.raises(KgError) as caught:
        store.replace_graphs([], "http://example.org/g", good + '\n<http://example.org/s> <broken "x" .')
    assert caught.value.kind == "store" and "nothing of this document was written" in caught.value.message
    assert len(store) == 0


def test_store_any_write_ends_the_record_mark(tmp_path):
    """The mark goes with the first write after it, through either path, and stays gone after a reopen."""
    location = tmp_path / "store"
    store = Store(location)
    for write in (lambda: store.replace_graphs([], "http://example.org/new", graph_quads("http://example.org/new", "1")),
                  lambda: store.replace_graphs(["http://example.org/new"], "http://example.org/new",
                                               graph_quads("http://example.org/new", "2")),
                  lambda: store.update("INSERT DATA { GRAPH <http://example.org/u> { <http://example.org/s> "
                                       "<http://example.org/p> 1 } }")):
        store.mark_record_current()
        assert store.record_is_current()
        write()
        assert not store.record_is_current()
    store.mark_record_current()
    store.close()
    reopened = Store(location)
    assert reopened.record_is_current()
    reopened.replace_graphs([], "http://example.org/other", graph_quads("http://example.org/other", "3"))
    reopened.close()
    assert not Store(location, read_only=True).record_is_current()
