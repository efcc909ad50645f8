"""Shared fixtures: the shipped documents, and one store built from them per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "data" / "documents"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from data/documents; tests must not write to it."""
    from kg import api

    store = tmp_path_factory.mktemp("seed") / "store"
    report = api.build([DOCUMENTS], store)
    assert not report.skipped, report.skipped
    return store


@pytest.fixture
def documents_copy(tmp_path: Path) -> Path:
    """A private copy of data/documents that a test may edit."""
    target = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, target)
    return target
