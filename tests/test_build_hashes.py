"""A rebuild reads only the files whose stat changed, and still rebuilds every changed document:
edited, edited behind a restored size and mtime, sidecar changed, kg's data changed
(`kg.buildrecord`). Real files, a real embedded store; `report.hashed` counts the files read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import api, buildrecord
from kg.resources import ROOT
from kg.store import Store


@pytest.fixture
def trusted(monkeypatch):
    """Trust a stat however recent the file's last change: the tests' files are seconds old."""
    monkeypatch.setattr(buildrecord, "RACY_SECONDS", 0)


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def test_build_reads_no_file_whose_stat_is_unchanged(documents_copy: Path, tmp_path: Path, trusted):
    store = tmp_path / "store"
    first = api.build([documents_copy], store)
    assert first.hashed == len(first.built) == len(_files(documents_copy))
    second = api.build([documents_copy], store)
    assert second.hashed == 0 and second.built == [] and len(second.unchanged) == len(first.built)


def test_build_touched_file_is_read_not_rebuilt_then_trusted_again(documents_copy: Path, tmp_path: Path, trusted):
    store = tmp_path / "store"
    api.build([documents_copy], store)
    _files(documents_copy)[1].touch()
    touched = api.build([documents_copy], store)
    assert touched.hashed == 1 and touched.built == []
    assert api.build([documents_copy], store).hashed == 0


def test_build_edit_behind_restored_size_and_mtime_is_rebuilt(documents_copy: Path, tmp_path: Path, trusted):
    """`os.utime` sets the mtime back, not the ctime: the change is still seen."""
    store = tmp_path / "store"
    api.build([documents_copy], store)
    target = _files(documents_copy)[0]
    before = target.stat()
    data = target.read_bytes()
    at = data.index(b"NAVO")
    target.write_bytes(data[:at] + b"NATO" + data[at + 4:])  # same size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    report = api.build([documents_copy], store)
    assert report.built == [target.name] and report.hashed == 1


def test_build_sidecar_change_rebuilds_its_document(documents_copy: Path, tmp_path: Path, trusted):
    store = tmp_path / "store"
    api.build([documents_copy], store)
    sidecar = next(documents_copy.glob("*.meta.json"))
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(json.dumps({**meta, "title": meta.get("title", "") + " (herzien)"}), encoding="utf-8")
    report = api.build([documents_copy], store)
    assert report.built == [sidecar.name.removesuffix(".meta.json")]
    sidecar.unlink()
    assert api.build([documents_copy], store).built == [sidecar.name.removesuffix(".meta.json")]


def test_build_recently_changed_files_are_read_again(documents_copy: Path, tmp_path: Path):
    """A stat taken within RACY_SECONDS of the file's last change is not trusted: a second
    write in the same clock tick could leave it as it was."""
    store = tmp_path / "store"
    api.build([documents_copy], store)
    assert api.build([documents_copy], store).hashed == len(_files(documents_copy))


def test_build_lost_record_or_kg_rehash_reads_everything_and_rebuilds_nothing(documents_copy: Path, tmp_path: Path,
                                                                              trusted, monkeypatch):
    store = tmp_path / "store"
    api.build([documents_copy], store)
    Path(f"{store}.record.json").write_text("{not json", encoding="utf-8")
    lost = api.build([documents_copy], store)
    assert lost.hashed == len(_files(documents_copy)) and lost.built == []
    monkeypatch.setenv("KG_REHASH", "1")
    again = api.build([documents_copy], store)
    assert again.hashed == len(_files(documents_copy)) and again.built == []


def test_build_data_change_rebuilds_every_document(documents_copy: Path, tmp_path: Path):
    """A change to kg's data (here a comment added to a data file of a KG_HOME copy) changes the
    fingerprint: the record is ignored and every document is rebuilt."""
    home = tmp_path / "home"
    for name in ("data", "ontology", "queries"):
        shutil.copytree(ROOT / name, home / name, ignore=shutil.ignore_patterns("documents", "fetch"))
    command = [sys.executable, "-c", "from kg.cli import main; main()", "build", str(documents_copy),
               "--store", str(tmp_path / "store"), "--workers", "1"]
    env = {**os.environ, "KG_HOME": str(home)}

    def build() -> str:
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout

    count = len(_files(documents_copy))
    assert f"{count} built" in build()
    assert "Nothing to do" in build()
    with (home / "data" / "abbreviations.txt").open("a", encoding="utf-8") as f:
        f.write("\n# a comment: the data changed, the documents did not\n")
    assert f"{count} built" in build()


def test_build_a_write_since_the_record_makes_the_build_ask_the_store(documents_copy: Path, tmp_path: Path, trusted):
    """The record's list of stored documents is used only while the store's mark says nothing
    was written since: a graph dropped behind the build's back is rebuilt."""
    location = tmp_path / "store"
    api.build([documents_copy], location)
    store = Store(location)
    assert store.record_is_current()
    victim = min(store.documents().items())
    store.replace_graphs([victim[1].graph], None, "")
    assert not store.record_is_current()
    store.close()
    report = api.build([documents_copy], location)
    assert report.built == [victim[0]] and report.hashed == 0
    assert Store(location).record_is_current()


def test_build_record_keeps_the_stored_documents_in_step_with_renames_and_prunes(documents_copy: Path, tmp_path: Path,
                                                                               trusted):
    """A renamed file takes over its graph, a pruned one leaves: the next build, which trusts
    the record, agrees with a build that asks the store."""
    location = tmp_path / "store"
    api.build([documents_copy], location)
    first, second = _files(documents_copy)[:2]
    first.rename(first.with_name("renamed.txt"))
    sidecar = first.with_name(first.name + ".meta.json")
    if sidecar.exists():
        sidecar.rename(first.with_name("renamed.txt.meta.json"))
    second.unlink()
    api.build([documents_copy], location, prune=True)
    assert Store(location).record_is_current()
    trusted_report = api.build([documents_copy], location)
    asked_report = api.build([documents_copy], location, prune=True)
    assert trusted_report.built == asked_report.built == [] and asked_report.pruned == []
    assert sorted(Store(location).documents()) == sorted(p.name for p in _files(documents_copy))
