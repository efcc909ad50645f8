"""A large build compacts the embedded store afterwards (`Store.optimize`); compaction must not
change what the store holds, and RocksDB's background compaction runs at the lowest priority."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import kg.build
from kg import api
from kg.store import Store
from kg.store.embedded import BACKGROUND_NICE, EmbeddedStore
from tests.conftest import DOCUMENTS


def test_build_compaction_keeps_every_quad(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    compacted, plain = tmp_path / "compacted", tmp_path / "plain"
    monkeypatch.setattr(kg.build, "OPTIMIZE_AFTER_QUADS", 0)  # every build compacts
    report = api.build([DOCUMENTS], compacted)
    monkeypatch.setattr(kg.build, "OPTIMIZE_AFTER_QUADS", 10**12)  # no build compacts
    api.build([DOCUMENTS], plain)
    assert report.built and Store(compacted, read_only=True).dump_nquads() == Store(plain, read_only=True).dump_nquads()
    # and the compacted store goes on taking writes: an unchanged rebuild finds everything current
    monkeypatch.setattr(kg.build, "OPTIMIZE_AFTER_QUADS", 0)
    assert api.build([DOCUMENTS], compacted).built == []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="threads are named and reniced through Linux's /proc")
def test_store_opened_for_writing_compacts_at_the_lowest_priority(tmp_path: Path):
    """RocksDB's compaction threads yield the CPU to a build's extraction workers."""
    store = EmbeddedStore(tmp_path / "store")
    try:
        compaction = {}
        for tid in Path("/proc/self/task").iterdir():
            if (tid / "comm").read_text().strip() == "rocksdb:low":
                compaction[tid.name] = os.getpriority(os.PRIO_PROCESS, int(tid.name))
        assert compaction and set(compaction.values()) == {BACKGROUND_NICE}
        assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < BACKGROUND_NICE  # this thread keeps its own
    finally:
        store.close()


def test_build_compact_merges_what_small_builds_left(tmp_path: Path):
    """Each small build leaves sorted runs (files) of its own, which reads merge in; `compact`
    merges them, whatever the build wrote (here: nothing), and the store holds the same quads."""
    documents, store = tmp_path / "docs", tmp_path / "store"
    documents.mkdir()
    for source in sorted(DOCUMENTS.glob("*.txt"))[:3]:
        (documents / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    api.build([documents], store)
    for k, path in enumerate(sorted(documents.glob("*.txt"))):
        path.write_text(path.read_text(encoding="utf-8") + f"\nDe VS leveren {k + 3} F-35's.\n", encoding="utf-8")
        assert api.build([documents], store).built == [path.name]
    runs = len(list(store.glob("*.sst")))
    before = Store(store, read_only=True).dump_nquads()
    report = api.build([documents], store, compact=True)
    assert report.built == [] and report.compacted
    assert len(list(store.glob("*.sst"))) < runs
    assert Store(store, read_only=True).dump_nquads() == before
