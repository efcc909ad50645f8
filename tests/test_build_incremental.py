"""Building is idempotent and incremental: unchanged documents are skipped, a changed one is
replaced in its own graph, a removed one is pruned on request — on both store backends."""

from __future__ import annotations

from pathlib import Path

from kg import api
from kg.store import Store
from tests.servers import store_location_fixture  # noqa: F401 (the store_location fixture: both backends)


def test_build_twice_changes_nothing(documents_copy: Path, store_location: str):
    store = store_location
    first = api.build([documents_copy], store)
    assert first.built and not first.skipped
    before = Store(store).dump_nquads()
    second = api.build([documents_copy], store)
    assert second.built == [] and len(second.unchanged) == len(first.built)
    assert Store(store).dump_nquads() == before


def test_build_rebuilds_only_the_edited_document(documents_copy: Path, store_location: str):
    store = store_location
    api.build([documents_copy], store)
    target = sorted(documents_copy.glob("*.txt"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nDe VS leveren 12 F-35's.\n", encoding="utf-8")
    report = api.build([documents_copy], store)
    assert report.built == [target.name]


def test_build_touch_without_change_rebuilds_nothing(documents_copy: Path, store_location: str):
    store = store_location
    api.build([documents_copy], store)
    target = sorted(documents_copy.glob("*.txt"))[1]
    target.touch()
    assert api.build([documents_copy], store).built == []


def test_build_from_scratch_equals_incremental(documents_copy: Path, tmp_path: Path, store_location: str):
    """Replacing one document's graph gives exactly the graph a fresh build gives."""
    incremental = store_location
    target = sorted(documents_copy.glob("*.txt"))[2]
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\nExtra zin.\n", encoding="utf-8")
    api.build([documents_copy], incremental)
    target.write_text(original, encoding="utf-8")
    api.build([documents_copy], incremental)
    fresh = tmp_path / "fresh"
    api.build([documents_copy], fresh)
    assert Store(incremental).dump_nquads() == Store(fresh).dump_nquads()


def test_build_prune_removes_only_the_missing_document(documents_copy: Path, store_location: str):
    store = store_location
    api.build([documents_copy], store)
    gone = sorted(documents_copy.glob("*.txt"))[0]
    gone.unlink()
    kept = api.build([documents_copy], store)
    assert kept.pruned == [] and gone.name in Store(store).documents()
    pruned = api.build([documents_copy], store, prune=True)
    assert pruned.pruned == [gone.name]
    remaining = Store(store).documents()
    assert gone.name not in remaining and len(remaining) == len(list(documents_copy.glob("*.txt")))
