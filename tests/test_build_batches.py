"""Batches of new documents (`kg.build._Writes`, `Store.write_new_graphs`): a build that writes
the graphs new to the store several at once leaves exactly the store, and the report, of a build
that writes them one by one — with a duplicate Kamerstuk in a batch, with replacements and renames
between batches — and a batch the store refuses is reported document by document and leaves
nothing of it behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kg.store.embedded
from kg.build import build
from kg.namespaces import PENDING_GRAPH, SUMMARY_GRAPH
from kg.store import BatchNotWritten, Store
from tests.conftest import DOCUMENTS
from tests.servers import store_location_fixture  # noqa: F401 (the store_location fixture: both backends)
from tests.test_build_parallel import corpus

ROOT = DOCUMENTS.parent.parent


@pytest.fixture(autouse=True)
def bulk_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed documents are small: bulk-load every batch of two or more, as large ones are."""
    monkeypatch.setattr(kg.store.embedded, "BULK_MIN_QUADS", 0)


def add(folder: Path, source: Path, name: str) -> None:
    """A copy of `source` named `name`, a document of its own (an identifier of its own)."""
    shutil.copy(source, folder / name)
    (folder / f"{name}.meta.json").write_text(json.dumps({"identifier": f"test-{Path(name).stem}"}), encoding="utf-8")


def built(paths: list[Path], location: str | Path, batch: int):
    store = Store(location)
    try:
        return build(paths, store, batch_documents=batch), store.dump_nquads()
    finally:
        store.close()


def same_report(a, b) -> None:
    assert (a.built, a.skipped, a.pruned, a.quads_written, a.facts, a.entities) == \
           (b.built, b.skipped, b.pruned, b.quads_written, b.facts, b.entities)


def test_batched_build_equals_one_by_one(tmp_path: Path, store_location: str):
    documents = corpus(tmp_path / "docs", copies=3)
    one, one_dump = built([documents], tmp_path / "single", batch=1)
    batched, batched_dump = built([documents], store_location, batch=4)
    same_report(batched, one)
    assert batched.built and not batched.skipped and batched_dump == one_dump


def test_batch_with_a_duplicate_kamerstuk(tmp_path: Path):
    """The second file of a Kamerstuk waiting in the batch is skipped as a one-by-one build skips it."""
    documents = corpus(tmp_path / "docs", copies=2)
    first = sorted(documents.glob("c0_*.txt"))[1]
    twin = documents / f"c0_zz_{first.name}"
    shutil.copy(first, twin)
    twin.write_text(first.read_text(encoding="utf-8") + "\nEen andere versie.\n", encoding="utf-8")
    shutil.copy(first.with_name(first.name + ".meta.json"), twin.with_name(twin.name + ".meta.json"))
    one, one_dump = built([documents], tmp_path / "single", batch=1)
    batched, batched_dump = built([documents], tmp_path / "batched", batch=50)
    assert [(Path(p).name, m.split(",")[0]) for p, m in batched.skipped] == \
           [(twin.name, f"holds the same Kamerstuk as {first.name}")]
    same_report(batched, one)
    assert batched_dump == one_dump


def test_batches_around_replacements_and_renames(tmp_path: Path):
    """A second build adds new documents before and after a changed one and a renamed one (a new
    file name taking over a stored graph): the same store and report, batched or not."""
    documents = corpus(tmp_path / "docs", copies=1)
    for location in ("single", "batched"):
        built([documents], tmp_path / location, batch=1)
    changed, renamed = sorted(documents.glob("*.txt"))[1:3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nDe VS leveren 12 F-35's.\n", encoding="utf-8")
    for path in (renamed, renamed.with_name(renamed.name + ".meta.json")):
        path.rename(path.with_name(path.name.replace("c0_", "c0_renamed_")))
    for n, stem in enumerate(("a_new", "m_new", "z_new")):
        add(documents, sorted(DOCUMENTS.glob("*.txt"))[n], f"c0_{stem}.txt")
    one, one_dump = built([documents], tmp_path / "single", batch=1)
    batched, batched_dump = built([documents], tmp_path / "batched", batch=50)
    assert changed.name in batched.built and not batched.skipped and len(batched.built) == 5
    same_report(batched, one)
    assert batched_dump == one_dump


def test_store_batch_of_new_graphs_is_all_or_nothing(tmp_path: Path, store_location: str):
    store = Store(store_location)
    good = [(f"http://example.org/g{n}", f'<http://example.org/s> <http://example.org/p> "{n}" .') for n in range(3)]
    store.write_new_graphs(good)
    assert len(store) == 3
    bad = [("http://example.org/h1", '<http://example.org/s> <http://example.org/p> "1" .'),
           ("http://example.org/h2", '<http://example.org/s> <broken "x" .')]
    with pytest.raises(BatchNotWritten) as caught:
        store.write_new_graphs(bad)
    if not isinstance(store, kg.store.embedded.EmbeddedStore):
        # an endpoint writes graph by graph: the first graph is in, whole, and the error says so
        assert caught.value.written == 1 and len(store) == 4
        return
    assert caught.value.written == 0
    assert "nothing of this batch of 2 new documents was written" in caught.value.message
    assert len(store) == 3 and not list(Path(store_location).glob(kg.store.embedded.BULK_FILES))


FAILING_BUILD = """
import json, resource, signal, sys
import kg.store.embedded
from kg.build import build
from kg.store import BatchNotWritten, Store
from pathlib import Path
kg.store.embedded.BULK_MIN_QUADS = 0
store = Store(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
report = build([Path(sys.argv[2])], store)
print(json.dumps({"built": report.built, "skipped": report.skipped}))
"""


def document_graphs(location: Path) -> list[bytes]:
    return [line for line in Store(location, read_only=True).dump_nquads().splitlines()
            if not line.endswith((f"<{SUMMARY_GRAPH}> .".encode(), f"<{PENDING_GRAPH}> .".encode()))]


def test_build_reports_a_refused_batch_and_the_next_build_repairs(tmp_path: Path):
    """A batch whose files the disk refuses (a file size limit: the bulk loader's files exceed
    it): every document of the batch is skipped with the store's message, nothing of it is
    stored, and a normal build then leaves the store a fresh build leaves."""
    documents = corpus(tmp_path / "docs", copies=1)
    store = tmp_path / "store"
    first = Store(store)
    build([documents], first)
    first.optimize()  # one file per index: no compaction starts in the build below and meets the limit
    first.close()
    before = document_graphs(store)
    for n in range(2):
        for source in sorted(DOCUMENTS.glob("*.txt")):
            add(documents, source, f"d{n}_{source.name}")
    new = sorted(p.name for p in documents.glob("d*.txt"))
    run = subprocess.run([sys.executable, "-c", FAILING_BUILD, str(store), str(documents), "30000"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT, env=dict(os.environ), check=False)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.splitlines()[-1])
    assert report["built"] == []
    refused = {Path(p).name: m for p, m in report["skipped"] if p != "(summary graph)"}
    assert sorted(refused) == new
    assert all(f"nothing of this batch of {len(new)} new documents was written" in m for m in refused.values())
    assert document_graphs(store) == before
    assert not list(store.glob(kg.store.embedded.BULK_FILES))
    repaired, _ = built([documents], store, batch=100)
    assert sorted(repaired.built) == new and not repaired.skipped
    _, fresh_dump = built([documents], tmp_path / "fresh", batch=100)
    assert Store(store, read_only=True).dump_nquads() == fresh_dump
