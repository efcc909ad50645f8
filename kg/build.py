"""The build stage: files in, one named graph per document out.

A document whose content hash (its bytes, its sidecar, kg's own code and data) matches the
stored one is skipped; a changed one has its graph replaced in one transaction; a document
that cannot be read or processed is reported and skipped while the others go on, and its
previously stored graph is kept.

With `workers` > 1 the documents are extracted in worker processes (extraction is pure Python
and holds the GIL) while this process writes: each worker returns one document's graph as
N-Triples text, and the writer applies the results in the order of the files, each document in
its own transaction — so the store ends up exactly as a single-worker build leaves it. At most
two documents per worker are in flight, so memory stays flat however large the corpus: only
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

from kg.errors import KgError, input_error
from kg.ingest import readable_suffixes
from kg.namespaces import document_iri, graph_iri
from kg.pipeline import content_hash, process
from kg.rdf.triples import doc_to_quads
from kg.store import Store, StoredDocument, ntriples

#: Documents in flight per worker: enough to keep every worker busy while the writer writes,
#: few enough that results never pile up when writing is the slower side.
IN_FLIGHT_PER_WORKER = 2


@dataclass
class BuildReport:
    documents: int = 0
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
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
    100,000 files costs no stat call per file)."""
    suffixes = readable_suffixes()
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            for folder, _, names in os.walk(path):
                found.update(Path(folder, n) for n in names if Path(n).suffix.lower() in suffixes)
        elif path.is_file():
            found.add(path)
        else:
            raise input_error(path, "no such file or folder", hint="check the path you gave to `kg build`")
    return sorted(found)


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
    quads = doc_to_quads(doc, digest)
    graph = graph_iri(document_iri(doc.document.meta.identifier, path.stem))
    return Extracted(graph, ntriples(quads), len(quads), len(doc.facts), frozenset(doc.entities))


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
    stored = store.documents()
    seen: dict[str, Path] = {}
    jobs = _plan(files, stored, seen, report, on_document)
    report.workers = max(1, min(workers, len(jobs)))
    entity_keys: set[str] = set()
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
            store.replace_graphs(drop, result.graph, result.body)
        except KgError as exc:  # a full disk, a refused write: this document keeps its old graph
            report.skipped.append((str(job.path), exc.message + (f" — {exc.hint}" if exc.hint else "")))
            continue
        owners[result.graph] = job.path.name
        report.built.append(job.path.name)
        report.facts += result.facts
        report.quads_written += result.quads
        entity_keys.update(result.entities)
    if prune:
        for name, gone in sorted(stored.items()):
            if name not in seen:
                store.replace_graphs([gone.graph], None, "")
                report.pruned.append(name)
    store.flush()
    report.entities = len(entity_keys)
    if not stored:  # counting a store is a scan of all of it (seconds at millions of quads): only when free
        report.triples = report.quads_written
    report.seconds = time.perf_counter() - started
    return report


def _plan(files: list[Path], stored: dict[str, StoredDocument], seen: dict[str, Path], report: BuildReport,
          on_document: Callable[[Path], None] | None) -> list[Job]:
    """The documents to (re)build; unchanged and unreadable ones are reported here."""
    jobs: list[Job] = []
    contents: dict[str, Path] = {}  # content hash (bytes and sidecar) → the first file that had it
    for path in files:
        report.documents += 1
        if path.name in seen:
            report.skipped.append((str(path), f"same file name as {seen[path.name]}; rename one of them"))
        else:
            seen[path.name] = path
            try:
                digest = content_hash(path)
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
