"""The embedded backend: pyoxigraph on disk, for one analyst on a laptop.

pyoxigraph applies each SPARQL update, and each `Store.load`, as one RocksDB transaction
("either the full operation succeeds, or nothing is written"), so a document's write is atomic
here. A document whose graph is not in the store yet (every document of a first build) is
written with `load` of its N-Triples: no drop to pair it with, and no SPARQL parsing — 18% less
CPU per quad than the `INSERT DATA` update (measured: 19.8 against 24.2 µs, 530,000 quads,
1,000 documents; parsing N-Triples alone is 1.4 µs, the rest is RocksDB's transactional
writes). A graph that exists is replaced by the single update of `kg.store`.

Several new graphs at once (`write_new_graphs`, a build's batch of new documents) go in one
`bulk_load` of N-Quads, which skips RocksDB's transactions and memtables: it sorts the batch into
one SST file per index and ingests them all with one `IngestExternalFiles` call, which RocksDB
applies atomically across its column families — the batch is in the store whole or not at all,
also after a SIGKILL (`tests/test_build_crash.py`; 30 kills of a process bulk-loading batches of
100 bench documents left every batch whole). pyoxigraph documents `bulk_load` as not atomic:
that is about inputs larger than the bulk loader's chunk (1,000,000 quads), which are ingested
chunk by chunk, and a parse error in a later chunk; `kg.build` keeps batches far below one
chunk, and a batch that does not parse is refused before anything is ingested. An ingestion is
not ordered with RocksDB's log, so `write_new_graphs` flushes the memtables first: the marks a
build wrote before (`RECORD_MARK` dropped, the summary's pending mark) are on disk before any
batch is. Measured on 1,000 bench documents (549,000 quads): 11–13 µs of CPU per
quad in batches of 50–200 documents, where `load` costs 23 µs and the flushes its memtables
need another 4; a bulk load has a fixed cost of ~20 ms, so a batch under `BULK_MIN_QUADS` is
written one `load` per graph instead.

RocksDB compacts what a build ingests in background threads, and while a build's workers keep
every core busy that compaction took their CPU: at 10,000 documents 50–65 s of it, growing with
the square of the store (each compaction rewrites the whole index it merges into). A store
opened for writing therefore lowers those threads' priority (`BACKGROUND_NICE`): they compact
when a core is free, merging more files in each pass, and the build's final `optimize` does the
rest. Measured at 10,000 bench documents on 2 workers, runs alternated: compaction 56–59 →
20–23 s of CPU, the build 147–149 → 127–138 s; nothing else changes (the same files are merged
into the same store). Linux only: elsewhere threads keep their priority.

A store opened for writing takes RocksDB's lock: a second writer gets a clear "locked" error
instead of a corrupt store. A read-only store sees the data as it was when it was opened
(RocksDB read-only mode), which is what `kg query` and `kg serve` need; restart `kg serve`
after a build to serve the new graph.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError, store_error
from kg.namespaces import ID, KG
from kg.store import BatchNotWritten, QueryResult, Store, StoredDocument, default_store_location, ntriples
from kg.store.lock import StoreLock

#: An empty named graph (no quads, so no query or dump sees it) that exists only while the build
#: record beside the store lists the store's documents as they are: `mark_record_current` adds it
#: after a build saved the record, and the first write after that drops it in a transaction of
#: its own that comes before the write (RocksDB recovers a prefix of its log; a bulk load flushes
#: the log's writes to disk before it ingests), so no write is ever in the store while the mark
#: says the record is current.
RECORD_MARK = ox.NamedNode(ID + "graph/build-record-is-current")

#: Fewer quads than this are written one `load` per graph: a bulk load costs ~20 ms whatever
#: its size (one `load` of a 550-quad document: 8 ms).
BULK_MIN_QUADS = 5_000

#: The nice value of RocksDB's compaction threads in a store opened for writing (see the module
#: docstring): the lowest priority, so that a build's extraction comes first.
BACKGROUND_NICE = 19

#: The files pyoxigraph's bulk loader writes before it ingests them; one left behind by a failed
#: or killed bulk load is in no RocksDB manifest, so nothing reads it.
BULK_FILES = "bulk-*.sst"


class EmbeddedStore(Store):
    """A thin wrapper over `pyoxigraph.Store` speaking kg's terms."""

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(location if location is not None else default_store_location())
        self.location = str(self.path)
        self.record_path = Path(f"{self.path}.record.json")
        if read_only and not self.path.exists():
            raise store_error("no store here yet", where=self.location,
                              hint="run `kg build DIR` first, or point --store at an existing store")
        self._record_marked: bool | None = None  # whether RECORD_MARK is stored; None: not known yet
        self._lock = StoreLock(self.path, exclusive=not read_only)
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
                self._remove_bulk_files()  # of a bulk load killed before it ingested them
                compact_in_background()
        except OSError as exc:
            self._lock.release()
            raise store_error(
                f"cannot open the store ({exc})",
                where=self.location,
                hint="another kg process may be writing to it; wait for it to finish, or use another --store",
            ) from None

    def query(self, sparql: str) -> QueryResult:
        return self._store.query(sparql, use_default_graph_as_union=True)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def documents(self) -> dict[str, StoredDocument]:
        """As `Store.documents`, from two index scans instead of a SPARQL join: every build asks
        it first, and at 10,000 documents the scans take 0.27 s where the join takes 0.36 s."""
        sources: dict[tuple[str, str], list[str]] = {}
        for q in self._store.quads_for_pattern(None, ox.NamedNode(KG + "sourceFile"), None, None):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                sources.setdefault((q.subject.value, q.graph_name.value), []).append(q.object.value)
        found = {}
        for q in self._store.quads_for_pattern(None, ox.NamedNode(KG + "contentHash"), None, None):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                for source in sources.get((q.subject.value, q.graph_name.value), []):
                    found[source] = StoredDocument(q.subject.value, q.graph_name.value, source, q.object.value)
        return found

    def __len__(self) -> int:
        return len(self._store)

    def record_is_current(self) -> bool:
        return self._store.contains_named_graph(RECORD_MARK)

    def mark_record_current(self) -> None:
        if not self.record_is_current():
            self._store.add_graph(RECORD_MARK)
        self._record_marked = True

    def update(self, sparql: str) -> None:
        with self._writing():
            self._store.update(sparql)

    def replace_graphs(self, drop: Iterable[str], graph: str | None, quads: Iterable[ox.Quad] | str) -> None:
        """As `Store.replace_graphs`; a graph new to the store is written by one `load` (see the
        module docstring). The check is sound because this process holds the store's write lock
        and pyoxigraph registers a named graph with its first quad: a graph not registered has
        no quads, so dropping it first would change nothing."""
        drop = list(drop)
        if graph is None or any(self._store.contains_named_graph(ox.NamedNode(g)) for g in {*drop, graph}):
            super().replace_graphs(drop, graph, quads)
            return
        body = quads if isinstance(quads, str) else ntriples(quads)
        with self._writing():
            self._store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))

    def write_new_graphs(self, graphs: Sequence[tuple[str, str]]) -> None:
        """As `Store.write_new_graphs`, in one bulk load: all of the batch or none of it (see the
        module docstring). A small batch, or one naming a graph the store holds (a build only
        passes graphs it believes new; the store has the last word), is written graph by graph."""
        lines = [body.count("\n") + 1 for _, body in graphs]
        if (sum(lines) < BULK_MIN_QUADS
                or len({graph for graph, _ in graphs}) < len(graphs)
                # N-Triples has no line break inside a term: when every line ends with " ." (as
                # pyoxigraph and kg.rdf.triples write them), the graph goes in before each dot
                or any(body.count(" .\n") + 1 != n or not body.endswith(" .") for (_, body), n in zip(graphs, lines))
                or any(self._store.contains_named_graph(ox.NamedNode(graph)) for graph, _ in graphs)):
            super().write_new_graphs(graphs)
            return
        nquads = "".join(f"{body}\n".replace(" .\n", f" <{graph}> .\n") for graph, body in graphs)
        try:
            with self._writing(len(graphs)):
                # what this process wrote in transactions before (the dropped record mark, the
                # summary's pending mark) reaches its SST files first: the ingestion, durable once
                # it returns, never lands on disk without them, not even after a power cut (the
                # log is not synced)
                self._store.flush()
                try:
                    self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
                except (SyntaxError, OSError):
                    self._remove_bulk_files()
                    raise
        except KgError as exc:
            raise BatchNotWritten(exc, 0) from None

    def _remove_bulk_files(self) -> None:
        """Delete what a failed or killed bulk load left: this process holds the write lock, so no
        bulk load is running."""
        for leftover in self.path.glob(BULK_FILES):
            leftover.unlink(missing_ok=True)

    @contextmanager
    def _writing(self, documents: int = 1) -> Iterator[None]:
        """Around one transactional write: drop the record mark first, report a failure as a KgError."""
        try:
            if self._record_marked is not False:
                self._store.remove_graph(RECORD_MARK)
                self._record_marked = False
            yield
        except SyntaxError as exc:  # kg wrote a bad update: a bug, reported like the endpoint's refusal
            raise store_error(f"the store refused the update ({exc}); {_nothing_written(documents)}",
                              where=self.location) from None
        except OSError as exc:
            raise store_error(f"writing to the store failed ({exc}); {_nothing_written(documents)}",
                              where=self.location, hint="check free disk space and permissions, then rebuild") from None

    def flush(self) -> None:
        try:
            self._store.flush()
        except OSError as exc:  # each write was committed to RocksDB's log; writing its files failed
            raise store_error(f"flushing the store failed ({exc})", where=self.location,
                              hint="check free disk space and permissions, then build again") from None

    def optimize(self) -> bool:
        try:
            self._store.optimize()
            return True
        except OSError as exc:  # the data is written and flushed; only the compaction failed
            raise store_error(f"compacting the store failed ({exc}); what was written is kept",
                              where=self.location, hint="check free disk space; the next large build compacts it") from None

    def close(self) -> None:
        """Drop the pyoxigraph handle (RocksDB's lock goes once nothing else holds it), then ours."""
        self._store = None
        self._lock.release()


def compact_in_background() -> None:
    """Give RocksDB's compaction threads (named `rocksdb:low`; its process-wide pool, started
    when a store opens) the lowest priority. Linux names and reniced threads through /proc; where
    that is missing, or a thread is gone, nothing changes."""
    try:
        threads = os.listdir("/proc/self/task")
    except OSError:
        return
    for tid in threads:
        try:
            with open(f"/proc/self/task/{tid}/comm", encoding="utf-8") as comm:
                if comm.read().strip() != "rocksdb:low":
                    continue
            if os.getpriority(os.PRIO_PROCESS, int(tid)) < BACKGROUND_NICE:
                os.setpriority(os.PRIO_PROCESS, int(tid), BACKGROUND_NICE)
        except OSError:
            continue


def _nothing_written(documents: int) -> str:
    return "nothing of this document was written" if documents == 1 else \
        f"nothing of this batch of {documents} new documents was written"
