"""The build's worker side: one document through the pipeline into the text of its graph.

`kg.build` runs `extract` in its worker processes (their fork server imports this module once),
or in its own process when it has one worker, and imports this module only then: a build with
nothing to extract never loads the extractors (~0.15 s of a process that finds nothing to do).
"""

from __future__ import annotations

from pathlib import Path

from kg.build import Extracted
from kg.errors import KgError
from kg.namespaces import document_iri, graph_iri
from kg.pipeline import collector_paused, process
from kg.rdf.triples import doc_to_ntriples
from kg.summary import holds


def extract(path: Path, digest: str) -> Extracted | str:
    """One document through the pipeline into graph text, or the reason it was skipped.

    A `KgError` or unreadable file is the document's problem and comes back as a message, while
    any other exception is a bug and propagates.
    """
    with collector_paused():  # see `collector_paused`
        return _extracted_graph(path, digest)  # its `Doc` is freed on return, before the collector runs


def _extracted_graph(path: Path, digest: str) -> Extracted | str:
    """`extract` with the collector paused."""
    try:
        doc = process(path)
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    except KgError as exc:
        return exc.message + (f" — {exc.hint}" if exc.hint else "")
    lines = doc_to_ntriples(doc, digest)
    document = document_iri(doc.document.meta.identifier, path.stem)
    return Extracted(document, graph_iri(document), "\n".join(lines), len(lines), len(doc.facts),
                     frozenset(doc.entities), holds(lines))
