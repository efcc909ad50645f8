"""The build stage: files in, one named graph per document out.

A document whose content hash (its bytes, its sidecar, kg's own code and data) matches the
stored one is skipped; a changed one has its graph replaced in one transaction; a document
that cannot be read or processed is reported and skipped while the others go on, and its
previously stored graph is kept. A file is only read to hash it when its stat (size, times,
inode; its sidecar's too) differs from the one the last build recorded, and the store's list of
documents is read only when something wrote to the store since that build (`kg.buildrecord`).

With `workers` > 1 the documents are extracted in worker processes (extraction is pure Python
and holds the GIL; `kg.buildworker`, which this process imports only to extract in process)
while this process writes: each worker returns one document's graph as
N-Triples text, and the writer applies the results in the order of the files — a replaced graph
in its own transaction, graphs new to the store in batches (`_Writes`; on the embedded store one
bulk load per batch, all of it or none) — so the store ends up exactly as a single-worker,
one-by-one build leaves it. At most `IN_FLIGHT_PER_WORKER` documents per worker are in flight:
what the build holds is the names and hashes of the files and the summary's count per fact and
entity (`kg.summary.Holds`), never the documents' text or quads.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.buildrecord import BuildRecord
from kg.errors import KgError, input_error
from kg.fingerprint import fingerprint
from kg.ingest import readable_suffixes
from kg.rdf.reference import REFERENCE_GRAPH, stored_fingerprint_query
from kg.rdf.triples import reference_quads
from kg.store import BatchNotWritten, Store, StoredDocument
from kg.summary import Holds, Summary

#: Documents in flight per worker: enough to keep every worker busy while the writer writes and
#: while it waits for the next document in file order. A batch's bulk load takes 0.5–1.5 s (it
#: lets the workers' results in meanwhile: pyoxigraph releases the GIL), in which a worker
#: extracts ~30–100 documents; with 8 in flight the workers stood idle through it (1,000 bench
#: documents on 2 workers, 4 runs each on a noisy machine: 12.6–17.2 s with 8, 11.8–12.1 s with
#: 128). What waits costs memory: a document's graph is ~40 KB of text, 128 × 2 of them ~10 MB.
IN_FLIGHT_PER_WORKER = 128

#: Quads written between two flushes of the store. RocksDB holds what was written in memtables
#: (up to 128 MB for each of its ~10 indexes, as Oxigraph configures it) until it flushes them
#: itself, so the writer grew with the store: 0.60 GB at 1,000 documents, 2.1 GB at 10,000.
#: Flushing every 100,000 quads: 0.18 GB and 0.23 GB (bench corpora, 2 workers).
FLUSH_EVERY_QUADS = 100_000

#: New graphs written at once (`Store.write_new_graphs`: one bulk load on the embedded store,
#: all or none). Measured on 1,000 bench documents (549,000 quads) through the embedded store,
#: CPU per quad including RocksDB's background compaction: 23 µs one `load` per document (and 4
#: more for the flushes), 16.8 in batches of 20 documents, 13 of 50, 11 of 100, 10.2 of 200 — a
#: bulk load costs ~20 ms however small. Every batch lands as one more level-0 file per index,
#: and RocksDB merges those into the level below, rewriting it: at 10,000 documents batches of
#: 55,000 quads cost 159 s of compaction. So a batch holds at least `BATCH_QUADS` quads and
#: grows with what the build wrote (an eighth of it) up to `BATCH_QUADS_MAX`: the writer's peak
#: memory grows with a batch (180 MB at 1,000 documents in batches of 55,000 quads, 283 MB of
#: 110,000, 548 MB of 250,000), and a batch stays far below the bulk loader's chunk of 1,000,000
#: quads (beyond it a load is no longer one ingestion, see `kg.store.embedded`). The cap keeps
#: memory flat as the corpus grows: capped at 200,000 the writer peaked at 1.09 GB at 10,000
#: documents against 0.21 GB at 1,000 (2.05× for the whole build); at 100,000, 0.46 GB and 1.31×,
#: for ~10 % more time at 10,000 documents (227 against 207 s, compaction).
BATCH_DOCUMENTS = 1_000
BATCH_QUADS = 60_000
BATCH_QUADS_MAX = 100_000

#: A build that wrote this many quads compacts the store afterwards (`Store.optimize`): measured
#: at 10,000 documents (5.4 M quads), 7–13 s of compaction halved the store on disk (3.7 →
#: 1.8 GB) and made queries 1.3–2× faster; written in bulk loads (batches above), still 1.5×
#: on `contributions` (0.16 against 0.25 s of CPU). At 1,000 documents (0.56 M quads, bulk
#: loaded) it cost 1.0 s of CPU and no query got faster (`contributions`, `documents`, a scan of
#: every quad: equal within noise), so a build compacts from a million quads. Small builds each
#: leave their writes in sorted runs of their own, which reads merge in: after six one-document
#: rebuilds at 10,000 documents `contributions` took 38 against 31 ms of CPU (9 s of compaction
#: won it back); `kg build --compact` compacts whatever the build wrote, for a nightly run.
OPTIMIZE_AFTER_QUADS = 1_000_000


@dataclass
class BuildReport:
    documents: int = 0
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    hashed: int = 0  # files read to hash them: those whose stat changed since the last build
    pruned: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    entities: int = 0
    facts: int = 0
    quads_written: int = 0
    triples: int | None = None  # quads in the store, when known without counting them (a fresh build)
    workers: int = 1
    compacted: bool = False  # the store was compacted (an embedded one; a server sees to its own)
    seconds: float = 0.0


@dataclass(frozen=True)
class Job:
    """A document that must be (re)built: its file, its content hash, its stored graph if any."""

    path: Path
    digest: str
    previous: StoredDocument | None


@dataclass(frozen=True)
class Extracted:
    """One document's graph, ready to write (`kg.buildworker.extract` makes it); plain text and
    numbers so it pickles cheaply, and defined here, with the writer, so that unpickling it
    does not import the extractors."""

    document: str
    graph: str
    body: str
    quads: int
    facts: int
    entities: frozenset[str]
    holds: Holds  # what the summary counts in this graph, read off `body` here rather than asked of the store


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def discover(paths: Iterable[Path]) -> list[Path]:
    """The documents under the given files and folders, sorted; sidecars are not documents."""
    return [Path(name) for name in _discovered(paths)]


def _discovered(paths: Iterable[Path]) -> list[str]:
    """`discover`'s documents as path strings, which a build plans with: a `Path` costs ~4 µs
    to make (40 ms of a one-document rebuild at 10,000 documents), and only the documents to
    extract need one.

    Folders are walked with `os.walk` (directory entries carry their type, so a corpus of
    100,000 files costs no stat call per file). Names are handled as strings and sorted in
    `Path` order: at 10,000 files that is ten times faster than sorting `Path`s."""
    suffixes = readable_suffixes()
    found: set[str] = set()
    for path in paths:
        if path.is_dir():
            for folder, _, names in os.walk(path):
                prefix = os.path.join(os.path.normpath(folder), "") if folder != "." else ""  # as str(Path(folder, n))
                found.update(prefix + n for n in names if _suffix(n) in suffixes)
        elif path.is_file():
            found.add(str(path))
        else:
            raise input_error(path, "no such file or folder", hint="check the path you gave to `kg build`")
    return sorted(found, key=_parts)


def _suffix(name: str) -> str:
    """`os.path.splitext(name)[1].lower()` of a file name, at a third of its cost."""
    if name.startswith("."):  # leading dots start no suffix: splitext's own rule
        return os.path.splitext(name)[1].lower()
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _parts(name: str) -> list[str]:
    """`Path(name).parts` of a normalised path, as a sort key."""
    parts = name.split(os.sep)
    if not parts[0]:
        parts[0] = os.sep
    return parts


def write_reference(store: Store) -> int:
    """Write the reference graph when it is missing or was made by another version of kg's code
    or data (then every document is rebuilt too: their content hashes hold the same fingerprint);
    the number of quads written."""
    current = fingerprint()
    if [row["hash"].value for row in store.query(stored_fingerprint_query())] == [current]:
        return 0
    quads = reference_quads(current)
    store.replace_graphs([REFERENCE_GRAPH], REFERENCE_GRAPH, quads)
    return len(quads)


def build(
    paths: Iterable[Path],
    store: Store,
    *,
    prune: bool = False,
    workers: int = 1,
    on_document: Callable[[Path], None] | None = None,
    batch_documents: int = BATCH_DOCUMENTS,
    compact: bool = False,
) -> BuildReport:
    """Build or update the store from the documents under `paths` with `workers` processes;
    new graphs are written in batches of at most `batch_documents` (1: one by one). The store is
    compacted afterwards when the build wrote `OPTIMIZE_AFTER_QUADS`, or when `compact` asks."""
    started = time.perf_counter()
    report = BuildReport()
    files = _discovered(paths)
    record = BuildRecord(store.record_path)
    stored = (record.documents() if store.record_is_current() else None) or store.documents()
    reference_written = write_reference(store)
    report.quads_written += reference_written
    # a fresh store or new code: every document is (re)written, so the summary is counted whole
    summary = Summary(store, everything=not stored or reference_written > 0)
    seen: dict[str, str] = {}  # file name → the path it was found at
    jobs = _plan(files, stored, seen, report, on_document, record)
    now = _Documents(stored)  # the store's documents as this build leaves them, for the record
    report.workers = max(1, min(workers, len(jobs)))
    owners = {d.graph: name for name, d in stored.items() if name in seen}  # graph → the file it came from
    writes = _Writes(store, summary, now, owners, report, batch_documents)
    for job, result in _extracted(jobs, report.workers):
        if on_document:
            on_document(job.path)
        writes.add(job, result)
    writes.write_batch()
    failed = writes.failed
    if prune:  # what the store holds now: a graph a renamed file took over this build is not its old file's
        for name, gone in sorted(now.by_name.items()):
            if name not in seen:
                summary.before_write([gone.graph])
                store.replace_graphs([gone.graph], None, "")
                report.pruned.append(name)
                now.replaced([gone.graph], None)
    try:
        report.quads_written += summary.refresh()
    except KgError as exc:  # the documents are written; the summary stays marked, the next build recounts it
        report.skipped.append(("(summary graph)", exc.message + " — the next build counts it again"))
        failed = True
    store.flush()
    if compact or report.quads_written >= OPTIMIZE_AFTER_QUADS:
        report.compacted = store.optimize()
    if record.save(None if failed else now.by_name):
        store.mark_record_current()
    report.hashed = record.read
    report.entities = len(writes.entity_keys)
    if not stored:  # counting a store is a scan of all of it (seconds at millions of quads): only when free
        report.triples = report.quads_written
    report.seconds = time.perf_counter() - started
    return report


class _Writes:
    """This build's writes, in the order of the files: documents whose graph is new to the store
    wait in a batch written at once (`Store.write_new_graphs`); anything else — a replacement, a
    skip — first writes the batch, so the store and the report come out as a one-by-one build's."""

    def __init__(self, store: Store, summary: Summary, now: _Documents, owners: dict[str, str],
                 report: BuildReport, batch_documents: int):
        self.store, self.summary, self.now, self.owners, self.report = store, summary, now, owners, report
        self.batch_documents = batch_documents
        self.batch: dict[str, tuple[Job, Extracted]] = {}  # graph → its document, waiting to be written
        self.batch_quads = 0
        self.unflushed = 0  # quads written in transactions since the last flush
        self.failed = False
        self.entity_keys: set[str] = set()

    def add(self, job: Job, result: Extracted | str) -> None:
        """Write one document's result, or add it to the batch."""
        if (isinstance(result, Extracted) and job.previous is None and result.graph not in self.now.by_graph
                and result.graph not in self.batch):
            self.batch[result.graph] = (job, result)
            self.batch_quads += result.quads
            bound = min(BATCH_QUADS_MAX, max(BATCH_QUADS, self.report.quads_written // 8))
            if len(self.batch) >= self.batch_documents or self.batch_quads >= bound:
                self.write_batch()
            return
        self.write_batch()  # a second file of a Kamerstuk in the batch is judged once the first is written
        if isinstance(result, str):
            self.report.skipped.append((str(job.path), result))
            return
        owner = self.owners.get(result.graph)
        if owner is not None and owner != job.path.name:
            self.report.skipped.append((str(job.path), (f"holds the same Kamerstuk as {owner}, which is kept; "
                                                        "kg keeps one file per document — remove one of them")))
            return
        # the graph itself too: a file that held this Kamerstuk and is gone must not leave a mix
        drop = [result.graph] + ([job.previous.graph] if job.previous is not None else [])
        try:
            self.summary.before_write(g for g in drop if g in self.now.by_graph)
            self.store.replace_graphs(drop, result.graph, result.body)
        except KgError as exc:  # a full disk, a refused write: this document keeps its old graph
            self._skip(job, exc)
            return
        self._written(job, result, drop)
        self.unflushed += result.quads
        if self.unflushed >= FLUSH_EVERY_QUADS:  # the writer's memory stays flat (see FLUSH_EVERY_QUADS)
            self.store.flush()
            self.unflushed = 0

    def write_batch(self) -> None:
        """Write the waiting new graphs at once, then account for each of their documents."""
        if not self.batch:
            return
        batch, self.batch, self.batch_quads = list(self.batch.values()), {}, 0
        try:
            self.summary.before_write([])
            self.store.write_new_graphs([(result.graph, result.body) for _, result in batch])
        except KgError as exc:  # the first `written` are in the store, each whole; the others not at all
            written = exc.written if isinstance(exc, BatchNotWritten) else 0
            for job, result in batch[:written]:
                self._written(job, result, [result.graph])
            for job, _ in batch[written:]:
                self._skip(job, exc)
            return
        for job, result in batch:
            self._written(job, result, [result.graph])

    def _written(self, job: Job, result: Extracted, dropped: list[str]) -> None:
        self.summary.after_write(result.graph, result.holds)
        self.now.replaced(dropped, StoredDocument(result.document, result.graph, job.path.name, job.digest))
        self.owners[result.graph] = job.path.name
        self.report.built.append(job.path.name)
        self.report.facts += result.facts
        self.report.quads_written += result.quads
        self.entity_keys.update(result.entities)

    def _skip(self, job: Job, exc: KgError) -> None:
        self.report.skipped.append((str(job.path), exc.message + (f" — {exc.hint}" if exc.hint else "")))
        self.failed = True


class _Documents:
    """The stored documents by file name, kept in step with this build's writes."""

    def __init__(self, stored: dict[str, StoredDocument]):
        self.by_name = dict(stored)
        self.by_graph = {d.graph: name for name, d in stored.items()}

    def replaced(self, dropped: list[str], written: StoredDocument | None) -> None:
        for graph in dropped:
            self.by_name.pop(self.by_graph.pop(graph, None), None)
        if written is not None:
            self.by_name[written.source] = written
            self.by_graph[written.graph] = written.source


def _plan(files: list[str], stored: dict[str, StoredDocument], seen: dict[str, str], report: BuildReport,
          on_document: Callable[[Path], None] | None, record: BuildRecord) -> list[Job]:
    """The documents to (re)build; unchanged and unreadable ones are reported here. Only files
    whose stat changed since the last build are read (`kg.buildrecord`)."""
    jobs: list[Job] = []
    contents: dict[str, str] = {}  # content hash (bytes and sidecar) → the first file that had it
    for path in files:
        report.documents += 1
        name = path[path.rfind(os.sep) + 1:]  # `Path(path).name` of a normalised path
        if name in seen:
            report.skipped.append((path, f"same file name as {seen[name]}; rename one of them"))
        else:
            seen[name] = path
            try:
                digest = record.hash_of(path)
                first = contents.setdefault(digest, path)
            except OSError as exc:
                report.skipped.append((path, f"cannot read the file ({exc.strerror or exc})"))
            else:
                if first != path:
                    report.skipped.append((path, f"same content as {first}, a copy under another name; "
                                                 "remove one of them"))
                    if on_document:
                        on_document(Path(path))
                    continue
                previous = stored.get(name)
                if previous is None or previous.content_hash != digest:
                    jobs.append(Job(Path(path), digest, previous))
                    continue
                report.unchanged.append(name)
        if on_document:
            on_document(Path(path))
    return jobs


def _extracted(jobs: list[Job], workers: int) -> Iterator[tuple[Job, Extracted | str]]:
    """Each job with its result, in the order of `jobs`; in this process when `workers` is 1."""
    if workers <= 1:
        for job in jobs:
            yield job, _extract(job.path, job.digest)
        return
    methods = multiprocessing.get_all_start_methods()
    # forkserver: workers fork from a clean process, not from this one with the store's threads.
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        # the extractors imported once, in the server, not per worker; and the main module, as
        # the server does by default: a worker then does not run the `kg` script again
        context.set_forkserver_preload(["__main__", "kg.buildworker"])
    window: deque[tuple[Job, Future]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        try:
            for job in jobs:
                window.append((job, pool.submit(_extract, job.path, job.digest)))
                if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                    done, future = window.popleft()
                    yield done, future.result()
            while window:
                done, future = window.popleft()
                yield done, future.result()
        finally:
            pool.shutdown(cancel_futures=True)


def _extract(path: Path, digest: str) -> Extracted | str:
    """`kg.buildworker.extract`, imported where it runs: a worker has it already, and this
    process loads the extractors only when it extracts a document itself."""
    from kg.buildworker import extract

    return extract(path, digest)
