"""The graph store: one named graph per document, behind one small interface, two backends.

`Store(location)` opens the embedded store (pyoxigraph on disk, `kg.store.embedded`) when
`location` is a folder, and a SPARQL 1.1 endpoint (`kg.store.remote`: an Oxigraph server, or
Fuseki, GraphDB, Virtuoso, QLever) when it is an http(s) URL. Everything above this module —
build, query, serve, validate — speaks only the interface below, so a research group moves
from a laptop store to a shared server without a code change.

Both backends write a document's graph in ONE SPARQL 1.1 update request,
`DROP SILENT GRAPH <old> ; INSERT DATA { GRAPH <new> { … } }`: Oxigraph applies an update as
one transaction, and SPARQL 1.1 Update asks every service to treat a request atomically, so a
reader sees a document's old graph or its new one, never a mix. (The embedded store writes a
graph it does not hold yet with one `load` transaction instead: nothing to drop, no SPARQL to
parse; see `kg.store.embedded`.) Graphs new to the store — every document of a first build —
may also be written several at once (`Store.write_new_graphs`): on a SPARQL endpoint still one
update per graph, on the embedded store one bulk load of the whole batch, all of it or none.
The content hash that decides
whether a document must be rebuilt lives inside its own graph, so it is written in the same
transaction as the data it describes.

Queries run over the union of the document graphs as the default graph: the embedded store
asks pyoxigraph for it per query; a remote endpoint must be configured to expose it (see
`kg.store.remote`).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import sparql_prologue

DEFAULT_STORE = Path(".kg") / "store"

#: What `Store.query` returns on both backends: pyoxigraph's own result objects (a remote
#: endpoint's answer is parsed into them), or a list of triples for CONSTRUCT from a remote.
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple]


class BatchNotWritten(KgError):
    """`Store.write_new_graphs` failed: the first `written` graphs of the batch are in the store,
    each whole, and none of the others (0 where the batch is written all at once)."""

    def __init__(self, cause: KgError, written: int):
        super().__init__(cause.kind, cause.message, where=cause.where, hint=cause.hint)
        self.written = written


def default_store_location() -> str:
    """`KG_STORE` if set (a folder or an http(s) URL), else `.kg/store` under the current directory."""
    return os.environ.get("KG_STORE") or str(DEFAULT_STORE)


def is_endpoint(location: str | Path) -> bool:
    """A store location is a SPARQL endpoint when it is an http(s) URL, else a folder."""
    return isinstance(location, str) and location.startswith(("http://", "https://"))


@dataclass(frozen=True)
class StoredDocument:
    iri: str
    graph: str
    source: str
    content_hash: str


def ntriples(quads: Iterable[ox.Quad]) -> str:
    """The triples of `quads` as N-Triples text, the body of an `INSERT DATA` graph block.

    Terms are written by pyoxigraph (N-Triples escaping), so no literal can break out of the
    block. Build workers send such text (`kg.rdf.triples.doc_to_ntriples`), not term objects,
    across the process boundary.
    """
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def replacement_update(drop: Iterable[str], graph: str | None, body: str) -> str | None:
    """The single SPARQL update that drops the graphs `drop` and writes `body` into `graph`."""
    parts = [f"DROP SILENT GRAPH <{g}>" for g in sorted(set(drop))]
    if graph is not None:
        parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
    return " ;\n".join(parts) or None


class Store(ABC):
    """A kg store; `Store(location)` returns the backend the location names.

    `location` is a folder (embedded; default `$KG_STORE` or `.kg/store`) or an http(s) URL
    (a SPARQL 1.1 endpoint). `read_only` opens an embedded store without taking its write lock
    and fails when there is no store yet; an endpoint is never created by kg.
    """

    location: str
    #: Where builds keep their record (`kg.buildrecord`); None: nowhere, every build reads every
    #: file and lists the stored documents.
    record_path: Path | None = None

    def __new__(cls, location: str | Path | None = None, **kwargs):
        backend = cls
        if cls is Store:
            from kg.store.embedded import EmbeddedStore
            from kg.store.remote import RemoteStore

            chosen = location if location is not None else default_store_location()
            backend = RemoteStore if is_endpoint(str(chosen)) else EmbeddedStore
        return super().__new__(backend)

    # -- reading -----------------------------------------------------------------------
    @abstractmethod
    def query(self, sparql: str) -> QueryResult:
        """Run a query over the union of all document graphs (raises SyntaxError if it does not parse)."""

    @abstractmethod
    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every document graph, streamed."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads in the store."""

    def documents(self) -> dict[str, StoredDocument]:
        """Every stored document by its source file name."""
        rows = self.query(
            sparql_prologue()
            + "SELECT ?doc ?g ?source ?hash WHERE { GRAPH ?g { ?doc kg:sourceFile ?source ; kg:contentHash ?hash } }"
        )
        return {
            r["source"].value: StoredDocument(r["doc"].value, r["g"].value, r["source"].value, r["hash"].value)
            for r in rows
        }

    def record_is_current(self) -> bool:
        """True while nothing was written since `mark_record_current()` (never, on a backend without a record)."""
        return False

    def mark_record_current(self) -> None:
        """Say that the build record beside the store lists its documents as they are now."""

    def dump_nquads(self) -> bytes:
        """The whole store as N-Quads, sorted, for comparisons (canonical for blank-node-free data)."""
        lines = sorted(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n" for q in self.quads())
        return "".join(lines).encode()

    # -- writing -----------------------------------------------------------------------
    @abstractmethod
    def update(self, sparql: str) -> None:
        """Apply one SPARQL update as one transaction (raises KgError "store" when it fails)."""

    def replace_graphs(self, drop: Iterable[str], graph: str | None, quads: Iterable[ox.Quad] | str) -> None:
        """Drop the named graphs `drop` and write `quads` (or their N-Triples text) into `graph`, atomically."""
        body = quads if isinstance(quads, str) else ntriples(quads)
        update = replacement_update(drop, graph, body)
        if update is not None:
            self.update(update)

    def write_new_graphs(self, graphs: Sequence[tuple[str, str]]) -> None:
        """Write named graphs the store does not hold yet, each given as (graph IRI, N-Triples
        text). Here one `replace_graphs` per graph, so each graph is written whole or not at all,
        and a failure raises `BatchNotWritten` with the number written before it; a backend that
        can write the whole batch at once, all or none, overrides it (`kg.store.embedded`)."""
        for written, (graph, body) in enumerate(graphs):
            try:
                self.replace_graphs([graph], graph, body)
            except KgError as exc:
                raise BatchNotWritten(exc, written) from None

    def flush(self) -> None:
        """Make what was written durable (a no-op where every request already is)."""

    def optimize(self) -> bool:
        """Compact the store after a large batch of writes; False where the server sees to it."""
        return False

    def close(self) -> None:
        """Release the store (its lock, its connections)."""
