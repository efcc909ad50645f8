"""A bad document is reported and skipped while the others are built, and what was stored for
it before stays: duplicates, a failing extractor, a failing write, one Kamerstuk twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg.pipeline
from kg import api
from kg.errors import KgError, store_error
from kg.namespaces import SUMMARY_GRAPH
from kg.store import Store
from kg.store.embedded import EmbeddedStore


def graph_of(store: Path, name: str) -> bytes:
    stored = Store(store, read_only=True)
    graph = stored.documents()[name].graph
    return b"".join(line for line in stored.dump_nquads().splitlines(keepends=True) if graph.encode() in line)


def built_then_edited(documents: Path, tmp_path: Path, index: int) -> tuple[Path, Path, bytes]:
    """A store built from `documents`, then every document edited; returns the store, the
    document at `index` and its graph as stored before the edit."""
    store = tmp_path / "store"
    api.build([documents], store)
    target = sorted(documents.glob("*.txt"))[index]
    before = graph_of(store, target.name)
    for path in documents.glob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    return store, target, before


def test_build_same_content_under_two_names(documents_copy: Path, tmp_path: Path):
    original = sorted(documents_copy.glob("*.txt"))[0]
    shutil.copy(original, documents_copy / "zz copy of it.txt")
    report = api.build([documents_copy], tmp_path / "store")
    assert [(Path(p).name, m.split(",")[0]) for p, m in report.skipped] == [("zz copy of it.txt", f"same content as {original}")]
    assert original.name in report.built


def test_build_failing_extractor_keeps_the_old_graph(documents_copy: Path, tmp_path: Path, monkeypatch):
    store, target, before = built_then_edited(documents_copy, tmp_path, 1)
    real_run = kg.pipeline.run

    def run(doc, components):
        if doc.document.source.name == target.name:
            raise RuntimeError("extractor bug")
        return real_run(doc, components)

    monkeypatch.setattr(kg.pipeline, "run", run)
    report = api.build([documents_copy], store)
    assert [Path(p).name for p, _ in report.skipped] == [target.name]
    assert "extraction failed (RuntimeError: extractor bug)" in report.skipped[0][1]
    assert len(report.built) == len(list(documents_copy.glob("*.txt"))) - 1
    assert graph_of(store, target.name) == before


def test_build_failing_write_keeps_the_old_graph_and_goes_on(documents_copy: Path, tmp_path: Path, monkeypatch):
    store, target, before = built_then_edited(documents_copy, tmp_path, 2)
    real_update = EmbeddedStore.update

    def update(self, sparql: str) -> None:
        if f"\"{target.name}\"" in sparql and SUMMARY_GRAPH not in sparql:  # the document's own write
            raise store_error("writing to the store failed (No space left on device)")
        real_update(self, sparql)

    monkeypatch.setattr(EmbeddedStore, "update", update)
    report = api.build([documents_copy], store)
    assert [(Path(p).name, "No space left" in m) for p, m in report.skipped] == [(target.name, True)]
    assert len(report.built) == len(list(documents_copy.glob("*.txt"))) - 1
    assert graph_of(store, target.name) == before


def test_build_one_kamerstuk_from_two_files_keeps_one(tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    footer = "\nTweede Kamer, vergaderjaar 2020–2021, 28 676, nr. 350 1\n"
    (folder / "a.txt").write_text("Nederland levert een fregat aan de NAVO." + footer, encoding="utf-8")
    (folder / "b.txt").write_text("Nederland levert twee fregatten aan de NAVO." + footer, encoding="utf-8")
    report = api.build([folder], tmp_path / "store")
    assert report.built == ["a.txt"]
    assert [(Path(p).name, "same Kamerstuk as a.txt" in m) for p, m in report.skipped] == [("b.txt", True)]


def test_build_symlink_loop_is_not_followed(tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Nederland levert een fregat.\n", encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    report = api.build([folder], tmp_path / "store")
    assert report.built == ["a.txt"] and not report.skipped


def test_build_store_error_is_a_kg_error(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(KgError) as err:
        api.build([tmp_path], blocker / "store")
    assert err.value.kind == "store"
