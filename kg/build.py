"""The build stage: files in, one named graph per document out.

A document whose content hash (its bytes, its sidecar, kg's own code and data) matches the
stored one is skipped; a changed one has its graph replaced in one transaction; a document
that cannot be read or processed is reported and skipped while the others go on, and its
previously stored graph is kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg.errors import KgError, input_error
from kg.ingest import readable_suffixes
from kg.namespaces import document_iri, graph_iri
from kg.pipeline import content_hash, process
from kg.rdf.triples import doc_to_quads
from kg.store import Store


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
    triples: int = 0
    seconds: float = 0.0


def discover(paths: Iterable[Path]) -> list[Path]:
    """The documents under the given files and folders, sorted; sidecars are not documents."""
    suffixes = readable_suffixes()
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        elif path.is_file():
            found.add(path)
        else:
            raise input_error(path, "no such file or folder", hint="check the path you gave to `kg build`")
    return sorted(found)


def build(
    paths: Iterable[Path],
    store: Store,
    *,
    prune: bool = False,
    on_document: Callable[[Path], None] | None = None,
) -> BuildReport:
    """Build or update the store from the documents under `paths`."""
    started = time.perf_counter()
    report = BuildReport()
    files = discover(paths)
    stored = store.documents()
    seen: dict[str, Path] = {}
    entity_keys: set[str] = set()
    for path in files:
        report.documents += 1
        if on_document:
            on_document(path)
        if path.name in seen:
            report.skipped.append((str(path), f"same file name as {seen[path.name]}; rename one of them"))
            continue
        seen[path.name] = path
        try:
            digest = content_hash(path)
            previous = stored.get(path.name)
            if previous is not None and previous.content_hash == digest:
                report.unchanged.append(path.name)
                continue
            doc = process(path)
        except OSError as exc:
            report.skipped.append((str(path), f"cannot read the file ({exc.strerror or exc})"))
            continue
        except KgError as exc:
            report.skipped.append((str(path), exc.message + (f" — {exc.hint}" if exc.hint else "")))
            continue
        doc_iri = document_iri(doc.document.meta.identifier, path.stem)
        quads = doc_to_quads(doc, digest)
        drop = [previous.graph] if previous is not None else []
        store.replace_graphs(drop, graph_iri(doc_iri), quads)
        report.built.append(path.name)
        report.facts += len(doc.facts)
        report.quads_written += len(quads)
        entity_keys.update(doc.entities)
    if prune:
        for name, gone in sorted(stored.items()):
            if name not in seen:
                store.replace_graphs([gone.graph], None, [])
                report.pruned.append(name)
    store.flush()
    report.entities = len(entity_keys)
    report.triples = len(store)
    report.seconds = time.perf_counter() - started
    return report
