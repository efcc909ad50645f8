"""One writer or many readers per embedded store, across processes.

RocksDB lets one process open a store for writing, and calls a read-only open undefined while
another process writes. So kg takes an advisory lock on a file beside the store
(`<store>.lock`): a build holds it exclusively, `kg query`/`validate`/`export`/`serve` hold it
shared. Whoever finds it taken waits up to `KG_STORE_WAIT` seconds (default 10) and then gets
a clear "store busy" error naming what holds it. The kernel drops the lock when its process
ends, however it ends (SIGKILL included), so a crashed build never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from kg.errors import KgError, store_error

POLL_SECONDS = 0.1


def wait_seconds() -> float:
    value = os.environ.get("KG_STORE_WAIT", "10")
    try:
        return max(0.0, float(value))
    except ValueError:
        raise KgError("usage", f"KG_STORE_WAIT={value!r} is not a number of seconds",
                      hint="set it to e.g. KG_STORE_WAIT=60") from None


class StoreLock:
    """An flock on `<store>.lock`; released by `release()` or when the process ends."""

    def __init__(self, store_path: Path, *, exclusive: bool):
        self.path = Path(f"{store_path}.lock")
        self.exclusive = exclusive
        self._fd: int | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise store_error(f"cannot create the store's lock file ({exc.strerror or exc})", where=str(self.path),
                              hint="check that you may write to the folder that holds the store") from None
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + wait_seconds()
        while True:
            try:
                fcntl.flock(self._fd, mode)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = self._holder()
                    self.release()
                    raise store_error(
                        f"store busy: {holder}",
                        where=str(store_path),
                        hint=("wait until it has finished and retry (KG_STORE_WAIT sets how long kg waits), "
                              "or use another --store; to build while others read, use an Oxigraph server store"),
                    ) from None
                time.sleep(POLL_SECONDS)
        if exclusive:
            os.ftruncate(self._fd, 0)
            os.write(self._fd, f"{os.getpid()}\n".encode())

    def _holder(self) -> str:
        """What holds the lock, as far as the lock file tells."""
        try:
            pid = self.path.read_text().strip()
        except OSError:
            pid = ""
        if pid:
            return f"a kg build (pid {pid}) is writing to it"
        return "another kg process is reading it (kg query, kg serve, ...)"

    def __del__(self) -> None:  # a store dropped without close() must not keep others waiting
        self.release()

    def release(self) -> None:
        if self._fd is not None:
            if self.exclusive:
                os.ftruncate(self._fd, 0)  # no writer any more: the pid goes with the lock
            os.close(self._fd)
            self._fd = None
