"""Real servers for tests, on 127.0.0.1: an Oxigraph server (`oxigraph serve`, from the PyPI
package `oxigraph` of the test extras) and `kg serve`, each started as a process of its own and
killed at teardown, with bounded waits.

`store_location` is the backend fixture: a test that takes it runs once against the embedded
store and once against an Oxigraph server, so one suite covers both backends.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BACKENDS = ["embedded", "oxigraph-server"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    """The `oxigraph` command; in CI (CI=true) a missing one fails the test instead of skipping it."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if found is None:
        message = "the `oxigraph` command is missing: pip install -e '.[test]' installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def wait_until_up(url: str, *, seconds: float = 15.0) -> None:
    """Poll `url` until it answers (any HTTP status), at most `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no server answered at {url} within {seconds} s") from None
            time.sleep(0.05)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def oxigraph_server(location: Path, *, union_default_graph: bool = True) -> Iterator[str]:
    """An Oxigraph server on a free port over `location`; yields its base URL."""
    port = free_port()
    command = [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(f"{url}/query?query=ASK%7B%7D")
        yield url
    finally:
        stop(process)


class Served(str):
    """The base URL of a running `kg serve` (ending in /), knowing the server's process id."""

    pid: int


def descendants(pid: int) -> set[int]:
    """The process ids below `pid` (from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry.name))
    found, stack = set(), [pid]
    while stack:
        for child in parents.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


@contextmanager
def kg_server(store: str | Path, *args: str) -> Iterator[Served]:
    """`kg serve --port 0 --quiet` over `store`; yields the base URL it prints."""
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--store", str(store),
               "--port", "0", "--quiet", *args]
    # --quiet: nothing but the start line (or an error) is written, so the pipe never fills up.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        if " at http://" not in line:
            raise RuntimeError(f"kg serve did not start: {line + process.stdout.read()!r}")
        url = Served(line.split(" at ", 1)[1].split()[0])
        url.pid = process.pid
        wait_until_up(url)
        yield url
    finally:
        stop(process)
        process.stdout.close()


@contextmanager
def empty_store(backend: str, folder: Path) -> Iterator[str]:
    """An empty store of `backend` under `folder`: the folder of an embedded store, or the URL of
    a fresh Oxigraph server."""
    if backend == "embedded":
        yield str(folder / "store")
    else:
        with oxigraph_server(folder / "oxigraph") as url:
            yield url


@pytest.fixture(params=BACKENDS, name="store_location")
def store_location_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store of each backend, for one test."""
    with empty_store(request.param, tmp_path) as location:
        yield location
