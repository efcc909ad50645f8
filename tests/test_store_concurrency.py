"""Reads during writes and two builds at once: the lock beside the embedded store makes the
second comer wait, then refuse clearly — never a crash or a corrupt store."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg import api
from kg.errors import KgError
from kg.store import Store

HOLD = """
import sys, time
from kg.store import Store
store = Store(sys.argv[1], read_only=sys.argv[2] == "read")
print("locked", flush=True)
time.sleep(float(sys.argv[3]))
"""


@contextmanager
def held(store: Path, mode: str, seconds: float) -> Iterator[subprocess.Popen]:
    """Another process holding the store for up to `seconds`, as a build or a query would."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(store), mode, str(seconds)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture
def store(tmp_path: Path, documents_copy: Path) -> Path:
    path = tmp_path / "store"
    api.build([sorted(documents_copy.glob("*.txt"))[0]], path)
    return path


def test_store_query_during_a_build_says_busy(store: Path, monkeypatch):
    monkeypatch.setenv("KG_STORE_WAIT", "0.5")
    with held(store, "write", 5), pytest.raises(KgError) as err:
        api.query("documents", {}, store)
    assert err.value.kind == "store" and "store busy" in err.value.message and "kg build" in err.value.message


def test_store_second_build_refuses_clearly(store: Path, documents_copy: Path, monkeypatch):
    monkeypatch.setenv("KG_STORE_WAIT", "0.5")
    with held(store, "write", 5) as writer, pytest.raises(KgError) as err:
        api.build([documents_copy], store)
    assert "store busy" in err.value.message and str(writer.pid) in err.value.message


def test_store_waiting_reader_gets_in_when_the_writer_is_done(store: Path, monkeypatch):
    monkeypatch.setenv("KG_STORE_WAIT", "20")
    with held(store, "write", 1):
        started = time.monotonic()
        rows = api.query("documents", {}, store).rows
    assert len(rows) == 1 and time.monotonic() - started >= 0.5


def test_store_readers_share(store: Path, monkeypatch):
    monkeypatch.setenv("KG_STORE_WAIT", "0.5")
    with held(store, "read", 5):
        assert len(api.query("documents", {}, store).rows) == 1


def test_store_lock_of_a_killed_build_is_gone(store: Path, monkeypatch):
    monkeypatch.setenv("KG_STORE_WAIT", "0.5")
    with held(store, "write", 30):
        pass  # killed on leaving, as SIGKILL would
    assert len(Store(store).documents()) == 1
