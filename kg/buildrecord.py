"""What the last build knew, so that a rebuild reads neither the unchanged files nor the store's
list of documents: the content hash of each file with the file's stat, and the documents the
store held when that build ended.

Reading and hashing every file was most of a rebuild (292 MB at 10,000 documents), and listing
the stored documents' hashes the next largest part (0.3–1 s at 10,000: one string lookup in the
store per value). So each build of an embedded store writes `<store>.record.json`:

- `files`: per file, what `os.stat` said of it and of its sidecar (size, modification and change
  time in ns, inode) and the content hash it had. The next build stats every file (~2 µs each)
  and reads only those whose stat differs; the others' hash comes from the record. This part is
  a memo of "this file, in this state, has this hash": it never needs the store to agree.
- `documents`: the store's documents (file name → document, graph, content hash) as the build
  left them. It is used only while the store still holds the mark `kg.store.embedded` sets after
  the record is saved, which every write through `kg.store` drops in the same transaction: so it
  is trusted only when nothing was written since. Otherwise the store is asked, as before.

The rule, and why a changed file is always rebuilt:

- Any change to a file's bytes, or to its sidecar (written, created, deleted, replaced), changes
  its change time (ctime), which no program can set back: `os.utime` restores the modification
  time, not the ctime. A touch changes the stat only: the file is read, its hash found equal,
  nothing is rebuilt, and the new stat is recorded.
- The record holds kg's fingerprint (code and data); when that differs the record is ignored,
  and every content hash changes anyway, so everything is rebuilt.
- Racy files: file times come from a coarse clock, so a file written twice within one tick can
  keep its stat. A stat is only recorded when the file last changed at least `RACY_SECONDS`
  before the build started; a file changed more recently is read again by the next build.
- Losing the record, or a build killed before it is written, costs one full read and a store
  scan, nothing else. `KG_REHASH=1` makes a build ignore it.
- Not covered: a file system that does not maintain ctime, a clock set back by more than
  `RACY_SECONDS`, and a store written by other tools (pyoxigraph directly, a kg older than the
  record): after either, build once with `KG_REHASH=1`.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from kg.fingerprint import content_hash, fingerprint
from kg.store import StoredDocument

#: How long before the build a file must have last changed for its stat to be trusted: above
#: the timestamp granularity of every common file system (FAT: 2 s).
RACY_SECONDS = 3


def state(path: Path | str) -> list[int]:
    """Size, mtime_ns, ctime_ns and inode of `path`, then of its sidecar when it has one; raises
    OSError when `path` cannot be stat'ed."""
    name = os.fspath(path)
    st = os.stat(name)
    own = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    try:
        side = os.stat(name + ".meta.json")
    except (FileNotFoundError, NotADirectoryError):
        return own
    return own + [side.st_size, side.st_mtime_ns, side.st_ctime_ns, side.st_ino]


class BuildRecord:
    """The record of one store's last build; `hash_of(path)` reads only files that changed."""

    def __init__(self, path: Path | None):
        self.path = path
        self.fingerprint = fingerprint()
        self.trusted_before = time.time_ns() - RACY_SECONDS * 1_000_000_000
        self.read = 0  # files read and hashed by this build
        data = self._load() if path is not None and not os.environ.get("KG_REHASH") else {}
        files = data.get("files")
        self._known: dict[str, list] = files if isinstance(files, dict) else {}
        self._seen: dict[str, list] = {}
        self._folders: dict[str, str] = {}  # folder as given → its absolute path, with a separator
        self._documents: dict[str, list[str]] | None = data.get("documents")

    def hash_of(self, path: Path | str) -> str:
        """The content hash of `path` (`kg.fingerprint.content_hash`), from the record when its stat
        is the recorded one; raises OSError when the file cannot be read."""
        folder, name = os.path.split(os.fspath(path))
        absolute = self._folders.get(folder)
        if absolute is None:  # `os.path.abspath` once per folder, not per file (10,000 calls: ~60 ms)
            absolute = self._folders[folder] = os.path.join(os.path.abspath(folder), "")
        key = absolute + name
        now = state(path)
        known = self._known.get(key)
        if isinstance(known, list) and known[:-1] == now and isinstance(known[-1], str):
            self._seen[key] = known
            return known[-1]
        digest = content_hash(Path(path))
        self.read += 1
        if max(now[1], now[2], *now[5:7]) < self.trusted_before:  # the latest mtime/ctime of file and sidecar
            self._seen[key] = [*now, digest]
        return digest

    def documents(self) -> dict[str, StoredDocument] | None:
        """The store's documents as the last build left them (trust them only while the store's
        mark says nothing was written since), or None when the record has none."""
        if not isinstance(self._documents, dict):
            return None
        try:
            return {name: StoredDocument(iri, graph, name, digest) for name, (iri, graph, digest) in self._documents.items()}
        except (TypeError, ValueError):
            return None

    def save(self, documents: dict[str, StoredDocument] | None) -> bool:
        """Write the files this build saw and the store's `documents` (None: unknown), atomically
        and durably, when they differ from the record; True when the record now holds the
        documents. A record that cannot be written only makes the next build read more."""
        if self.path is None:
            return False
        listed = None if documents is None else {n: [d.iri, d.graph, d.content_hash] for n, d in documents.items()}
        if self._seen == self._known and listed == self._documents:
            return listed is not None
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            with temporary.open("w", encoding="utf-8") as out:
                # dumps, not dump: one pass of the C encoder, 0.03 s for 10,000 files where dump takes 0.2 s
                out.write(json.dumps({"fingerprint": self.fingerprint, "files": self._seen, "documents": listed},
                                     separators=(",", ":")))
                out.flush()
                os.fsync(out.fileno())  # on disk before the store's mark can say it is current
            os.replace(temporary, self.path)
            folder = os.open(self.path.parent, os.O_RDONLY)  # and the rename with it
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        except OSError:
            temporary.unlink(missing_ok=True)
            return False
        return listed is not None

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("fingerprint") != self.fingerprint:
            return {}
        return data
