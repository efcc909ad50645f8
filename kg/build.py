"""The build stage: files in, one named graph per document out.

A document whose content hash (its bytes, its sidecar, kg's own code and data) matches the
stored one is skipped; a changed one has its graph replaced in one transaction; a document
that cannot be read or processed is reported and skipped while the others go on, and its
previously stored graph is kept. A file is only read to hash it when its stat (size, times,
inode; its sidecar's too) differs from the one the last build recorded, and the store's list of
documents is read only when something wrote to the store since that build (`kg.buildrecord`).

With `workers` > 1 the documents are extracted in worker processes (extraction is pure Python
and holds the GIL) while this process writes: each worker returns one document's graph as
N-Triples text, and the writer applies the results in the order of the files, each document in
its own transaction — so the store ends up exactly as a single-worker build leaves it. At most
eight documents per worker are in flight, so memory stays flat however large the corpus: only
names and hashes of the files are held, never their text or their quads.
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
from kg.ingest import readable_suffixes
from kg.namespaces import document_iri, graph_iri
from kg.pipeline import fingerprint, process
from kg.rdf.reference import REFERENCE_GRAPH, stored_fingerprint_query
from kg.rdf.triples import doc_to_ntriples, reference_quads
from kg.store import Store, StoredDocument
from kg.summary import Summary

#: Documents in flight per worker: enough to keep every worker busy while the writer writes and
#: while it waits for the next document in file order (2 left the cores idle a seventh of the
#: time: 24.7 s against 21.3 s for 1,000 bench documents on 2 workers), few enough that results
#: never pile up when writing is the slower side (a document's graph is ~50 KB of text).
IN_FLIGHT_PER_WORKER = 8

#: Quads written between two flushes of the store. RocksDB holds what was written in memtables
#: (up to 128 MB for each of its ~10 indexes, as Oxigraph configures it) until it flushes them
#: itself, so the writer grew with the store: 0.60 GB at 1,000 documents, 2.1 GB at 10,000.
#: Flushing every 100,000 quads: 0.18 GB and 0.23 GB (bench corpora, 2 workers).
FLUSH_EVERY_QUADS = 100_000

#: A build that wrote this many quads compacts the store afterwards (`Store.optimize`): measured
#: at 10,000 documents (5.4 M quads), 7–13 s of compaction halved the store on disk (3.7 →
#: 1.8 GB) and made queries 1.3–2× faster; a small update is not worth it.
OPTIMIZE_AFTER_QUADS = 250_000


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
    seconds: float = 0.0


@dataclass(frozen=True)
class Job:
    """A document that must be (re)built: its file, its content hash, its stored graph if any."""

    path: Path
    digest: str
    previous: StoredDocument | None


@dataclass(frozen=True)
class Extracted:
    """One document's graph, ready to write; plain text and numbers so it pickles cheaply."""

    document: str
    graph: str
    body: str
    quads: int
    facts: int
    entities: frozenset[str]


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def discover(paths: Iterable[Path]) -> list[Path]:
    """The documents under the given files and folders, sorted; sidecars are not documents.

    Folders are walked with `os.walk` (directory entries carry their type, so a corpus of
    100,000 files costs no stat call per file). Names are handled as strings and sorted in
    `Path` order before they become `Path`s: at 10,000 files that is ten times faster."""
    suffixes = readable_suffixes()
    found: set[str] = set()
    for path in paths:
        if path.is_dir():
            for folder, _, names in os.walk(path):
                prefix = os.path.join(os.path.normpath(folder), "") if folder != "." else ""  # as str(Path(folder, n))
                found.update(prefix + n for n in names if os.path.splitext(n)[1].lower() in suffixes)
        elif path.is_file():
            found.add(str(path))
        else:
            raise input_error(path, "no such file or folder", hint="check the path you gave to `kg build`")
    return [Path(name) for name in sorted(found, key=_parts)]


def _parts(name: str) -> list[str]:
    """`Path(name).parts` of a normalised path, as a sort key."""
    parts = name.split(os.sep)
    if not parts[0]:
        parts[0] = os.sep
    return parts


def extract(path: Path, digest: str) -> Extracted | str:
    """One document through the pipeline into graph text, or the reason it was skipped.

    Runs in a worker process; a `KgError` or unreadable file is the document's problem and
    comes back as a message, while any other exception is a bug and propagates.
    """
    try:
        doc = process(path)
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    except KgError as exc:
        return exc.message + (f" — {exc.hint}" if exc.hint else "")
    lines = doc_to_ntriples(doc, digest)
    document = document_iri(doc.document.meta.identifier, path.stem)
    return Extracted(document, graph_iri(document), "\n".join(lines), len(lines), len(doc.facts), frozenset(doc.entities))


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
) -> BuildReport:
    """Build or update the store from the documents under `paths` with `workers` processes."""
    started = time.perf_counter()
    report = BuildReport()
    files = discover(paths)
    record = BuildRecord(store.record_path)
    stored = (record.documents() if store.record_is_current() else None) or store.documents()
    reference_written = write_reference(store)
    report.quads_written += reference_written
    # a fresh store or new code: every document is (re)written, so the summary is counted whole
    summary = Summary(store, everything=not stored or reference_written > 0)
    seen: dict[str, Path] = {}
    jobs = _plan(files, stored, seen, report, on_document, record)
    now = _Documents(stored)  # the store's documents as this build leaves them, for the record
    failed = False
    report.workers = max(1, min(workers, len(jobs)))
    entity_keys: set[str] = set()
    unflushed = 0  # quads written since the last flush
    owners = {d.graph: name for name, d in stored.items() if name in seen}  # graph → the file it came from
    for job, result in _extracted(jobs, report.workers):
        if on_document:
            on_document(job.path)
        if isinstance(result, str):
            report.skipped.append((str(job.path), result))
            continue
        owner = owners.get(result.graph)
        if owner is not None and owner != job.path.name:
            report.skipped.append((str(job.path), f"holds the same Kamerstuk as {owner}, which is kept; "
                                                  "kg keeps one file per document — remove one of them"))
            continue
        # the graph itself too: a file that held this Kamerstuk and is gone must not leave a mix
        drop = [result.graph] + ([job.previous.graph] if job.previous is not None else [])
        try:
            summary.before_write(g for g in drop if g in now.by_graph)
            store.replace_graphs(drop, result.graph, result.body)
        except KgError as exc:  # a full disk, a refused write: this document keeps its old graph
            report.skipped.append((str(job.path), exc.message + (f" — {exc.hint}" if exc.hint else "")))
            failed = True
            continue
        summary.after_write(result.graph)
        now.replaced(drop, StoredDocument(result.document, result.graph, job.path.name, job.digest))
        owners[result.graph] = job.path.name
        report.built.append(job.path.name)
        report.facts += result.facts
        report.quads_written += result.quads
        entity_keys.update(result.entities)
        unflushed += result.quads
        if unflushed >= FLUSH_EVERY_QUADS:  # the writer's memory stays flat (see FLUSH_EVERY_QUADS)
            store.flush()
            unflushed = 0
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
    if report.quads_written >= OPTIMIZE_AFTER_QUADS:
        store.optimize()
    if record.save(None if failed else now.by_name):
        store.mark_record_current()
    report.hashed = record.read
    report.entities = len(entity_keys)
    if not stored:  # counting a store is a scan of all of it (seconds at millions of quads): only when free
        report.triples = report.quads_written
    report.seconds = time.perf_counter() - started
    return report


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


def _plan(files: list[Path], stored: dict[str, StoredDocument], seen: dict[str, Path], report: BuildReport,
          on_document: Callable[[Path], None] | None, record: BuildRecord) -> list[Job]:
    """The documents to (re)build; unchanged and unreadable ones are reported here. Only files
    whose stat changed since the last build are read (`kg.buildrecord`)."""
    jobs: list[Job] = []
    contents: dict[str, Path] = {}  # content hash (bytes and sidecar) → the first file that had it
    for path in files:
        report.documents += 1
        if path.name in seen:
            report.skipped.append((str(path), f"same file name as {seen[path.name]}; rename one of them"))
        else:
            seen[path.name] = path
            try:
                digest = record.hash_of(path)
                first = contents.setdefault(digest, path)
            except OSError as exc:
                report.skipped.append((str(path), f"cannot read the file ({exc.strerror or exc})"))
            else:
                if first != path:
                    report.skipped.append((str(path), f"same content as {first}, a copy under another name; "
                                                      "remove one of them"))
                    if on_document:
                        on_document(path)
                    continue
                previous = stored.get(path.name)
                if previous is None or previous.content_hash != digest:
                    jobs.append(Job(path, digest, previous))
                    continue
                report.unchanged.append(path.name)
        if on_document:
            on_document(path)
    return jobs


def _extracted(jobs: list[Job], workers: int) -> Iterator[tuple[Job, Extracted | str]]:
    """Each job with its result, in the order of `jobs`; in this process when `workers` is 1."""
    if workers <= 1:
        for job in jobs:
            yield job, extract(job.path, job.digest)
        return
    methods = multiprocessing.get_all_start_methods()
    # forkserver: workers fork from a clean process, not from this one with the store's threads.
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["kg.build"])  # import kg once, in the server, not per worker
    window: deque[tuple[Job, Future]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        try:
            for job in jobs:
                window.append((job, pool.submit(extract, job.path, job.digest)))
                if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                    done, future = window.popleft()
                    yield done, future.result()
            while window:
                done, future = window.popleft()
                yield done, future.result()
        finally:
            pool.shutdown(cancel_futures=True)
