"""The summary graph counts each fact and entity once, and a build that changes, adds or removes
documents leaves it exactly as a fresh build of the same documents would — on both backends."""

from __future__ import annotations

import shutil
from pathlib import Path

from kg import api
from kg.namespaces import PENDING_GRAPH, SUMMARY_GRAPH
from kg.store import Store
from tests.conftest import DOCUMENTS
from tests.servers import store_location_fixture  # noqa: F401 (the store_location fixture: both backends)

HEADER = "Tweede Kamer der Staten-Generaal\n\n"
STATED = "Nederland levert in 2021 maximaal 120 militairen aan de Resolute Support-missie."


def summary(location: str | Path) -> set[str]:
    """The summary graph (and the pending mark, which must be gone) as N-Triples lines."""
    store = Store(location, read_only=True)
    try:
        return {f"{q.subject} {q.predicate} {q.object} {q.graph_name}" for q in store.quads()
                if q.graph_name.value in (SUMMARY_GRAPH, PENDING_GRAPH)}
    finally:
        store.close()


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(HEADER + text + "\n", encoding="utf-8")


def test_summary_counts_a_fact_once_with_the_documents_stating_it(tmp_path: Path):
    docs = tmp_path / "docs"
    write(docs, "a.txt", STATED)
    write(docs, "b.txt", f"Zoals eerder gemeld: {STATED} Duitsland is framework nation van TAAC-North.")
    write(docs, "c.txt", "Duitsland is framework nation van TAAC-North.")
    store = tmp_path / "store"
    api.build([docs], store)

    rows = api.query("contributions", {"country": "NL"}, store).rows
    assert [(r["missionLabel"], r["amount"], r["documents"], r["source"]) for r in rows] == [
        ("Resolute Support Mission", "120", "2", "a.txt")]  # the example: the smallest statement IRI
    assert rows[0]["evidence"] == STATED
    leads = api.query("leads", {"leader": "DE"}, store).rows
    assert [(r["role"], r["documents"]) for r in leads] == [("framework nation", "2")]
    countries = {r["label"]: r["documents"] for r in api.query("entities", {"type": "Country"}, store).rows}
    assert countries == {"Netherlands": "2", "Germany": "2"}


def test_summary_after_changes_equals_a_fresh_build(store_location: str, tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCUMENTS, docs)
    write(docs, "extra.txt", STATED)
    api.build([docs], store_location)

    first = sorted(docs.glob("0*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nDuitsland levert in 2022 ongeveer 300 militairen aan "
                     "de Resolute Support-missie.\n", encoding="utf-8")
    (sorted(docs.glob("0*.txt"))[-1]).unlink()  # with prune: its facts and entities lose a document
    (docs / "extra.txt").unlink()
    write(docs, "new.txt", f"{STATED} Frankrijk is lead nation van EMASoH.")
    report = api.build([docs], store_location, prune=True)
    assert len(report.built) == 2 and len(report.pruned) == 2

    fresh = tmp_path / "fresh"
    api.build([docs], fresh)
    assert summary(store_location) == summary(fresh)
    assert not any(PENDING_GRAPH in line for line in summary(fresh))
    rows = api.query("contributions", {"country": "DE"}, store_location).rows
    assert ("300", "2022", "1") in {(r["amount"], r["year"], r["documents"]) for r in rows}


def test_summary_unchanged_build_writes_nothing(tmp_path: Path):
    docs = tmp_path / "docs"
    write(docs, "a.txt", STATED)
    store = tmp_path / "store"
    api.build([docs], store)
    before = summary(store)
    report = api.build([docs], store)
    assert report.quads_written == 0 and summary(store) == before


LEADS = "Duitsland is framework nation van TAAC-North."
DEPENDS = "De Resolute Support-missie is afhankelijk van Amerikaanse enablers."


def edges(location: str | Path) -> set[tuple[str, str, str]]:
    """The summary's one-hop edges between entities, by local names."""
    names = {tuple(part.rsplit("/", 1)[-1].rsplit("#", 1)[-1].strip("<>") for part in line.split(" ")[:3])
             for line in summary(location)}
    return {edge for edge in names if edge[1] in ("dependsOn", "leads", "contributesTo", "votedOn")}


def test_summary_edges_stand_while_a_fact_states_them(store_location: str, tmp_path: Path):
    """X kg:dependsOn Y (kg:leads, ...) stands in the summary while any document states the fact:
    it survives losing one of two documents and a rewrite of its entity's other triples, and goes
    with the last document — as a fresh build of the same documents has it."""
    docs = tmp_path / "docs"
    write(docs, "a.txt", LEADS)
    write(docs, "b.txt", f"Zoals gemeld: {LEADS}")
    write(docs, "c.txt", DEPENDS)
    api.build([docs], store_location)
    stated = {("DE", "leads", "train-advise-assist-command-north"), ("resolute-support-mission", "dependsOn", "US")}
    assert stated <= edges(store_location)

    (docs / "a.txt").unlink()  # the leadership keeps one document
    write(docs, "c.txt", "De Resolute Support-missie blijft.")  # the dependence loses its only one
    write(docs, "d.txt", "Duitsland en Frankrijk overleggen.")  # Germany's own summary is rewritten
    api.build([docs], store_location, prune=True)
    now = edges(store_location)
    assert ("DE", "leads", "train-advise-assist-command-north") in now
    assert ("resolute-support-mission", "dependsOn", "US") not in now

    fresh = tmp_path / "fresh"
    api.build([docs], fresh)
    assert summary(store_location) == summary(fresh)


def test_summary_when_the_examples_document_changes_equals_a_fresh_build(store_location: str, tmp_path: Path):
    """The document holding a fact's and an entity's example (the smallest IRIs) changes: kept
    stating them, the example stands (counted by difference); no longer stating them, the
    example moves to the next document (counted again) — a fresh build agrees either way."""
    docs = tmp_path / "docs"
    write(docs, "a.txt", f"{STATED} {LEADS}")
    write(docs, "b.txt", f"Zoals gemeld: {STATED} {LEADS}")
    api.build([docs], store_location)
    for text in (f"{STATED} {LEADS} Frankrijk is lead nation van EMASoH.", "Frankrijk is lead nation van EMASoH."):
        write(docs, "a.txt", text)
        api.build([docs], store_location)
        fresh = tmp_path / f"fresh-{len(text)}"
        api.build([docs], fresh)
        assert summary(store_location) == summary(fresh)
    rows = api.query("contributions", {"country": "NL"}, store_location).rows
    assert [(r["documents"], r["source"]) for r in rows] == [("1", "b.txt")]


def test_summary_a_document_rewritten_with_the_same_facts_writes_no_summary(store_location: str, tmp_path: Path):
    """A document changed in a way that changes none of its facts and entities: the build writes its
    graph and nothing of the summary, which stays as it was."""
    docs = tmp_path / "docs"
    write(docs, "a.txt", f"{STATED} {LEADS}")
    write(docs, "b.txt", f"Zoals gemeld: {STATED}")
    api.build([docs], store_location)
    before = summary(store_location)
    write(docs, "a.txt", f"{STATED} {LEADS}\n\nDit is een zin zonder feiten.")
    report = api.build([docs], store_location)
    store = Store(store_location, read_only=True)
    try:
        graph = store.documents()["a.txt"].graph
        written = sum(1 for q in store.quads() if q.graph_name.value == graph)
    finally:
        store.close()
    assert report.built == ["a.txt"] and summary(store_location) == before
    assert report.quads_written == written
