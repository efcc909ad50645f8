"""A large build compacts the embedded store afterwards (`Store.optimize`); compaction must not
change what the store holds."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.build
from kg import api
from kg.store import Store
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
