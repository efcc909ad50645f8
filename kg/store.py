"""The graph store: pyoxigraph on disk, one named graph per document.

A document's graph is replaced in ONE SPARQL update (`DROP GRAPH` + `INSERT DATA`), which
Oxigraph applies as a single transaction, so a reader sees a document's old graph or its new
one, never a mix; the same request works against any SPARQL 1.1 endpoint later. The content
hash that decides whether a document must be rebuilt lives inside its own graph, so it is
written in the same transaction as the data it describes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg.errors import store_error
from kg.namespaces import sparql_prologue

DEFAULT_STORE = Path(".kg") / "store"


def default_store_path() -> Path:
    """`KG_STORE` if set, else `.kg/store` under the current directory."""
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


@dataclass(frozen=True)
class StoredDocument:
    iri: str
    graph: str
    source: str
    content_hash: str


class Store:
    """A thin wrapper over `pyoxigraph.Store` speaking kg's terms."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else default_store_path()
        try:
            if read_only:
                if not self.path.exists():
                    raise store_error(
                        "no store here yet",
                        where=str(self.path),
                        hint="run `kg build DIR` first, or point --store at an existing store",
                    )
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise store_error(
                f"cannot open the store ({exc})",
                where=str(self.path),
                hint="another kg process may be writing to it; wait for it to finish, or use another --store",
            ) from None

    # -- reading -----------------------------------------------------------------------
    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """Run a query over the union of all document graphs."""
        return self._store.query(sparql, use_default_graph_as_union=True)

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

    def __len__(self) -> int:
        return len(self._store)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    # -- writing -----------------------------------------------------------------------
    def replace_graphs(self, drop: Iterable[str], graph: str | None, quads: Iterable[ox.Quad]) -> None:
        """Drop the named graphs `drop` and write `quads` into `graph`, atomically."""
        parts = [f"DROP SILENT GRAPH <{g}>" for g in sorted(set(drop))]
        if graph is not None:
            body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
            parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
        if not parts:
            return
        try:
            self._store.update(" ;\n".join(parts))
        except OSError as exc:
            raise store_error(f"writing to the store failed ({exc}); nothing of this document was written",
                              where=str(self.path), hint="check free disk space and permissions, then rebuild") from None

    def flush(self) -> None:
        self._store.flush()

    def dump_nquads(self) -> bytes:
        """The whole store as N-Quads, sorted, for comparisons (canonical for blank-node-free data)."""
        lines = sorted(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n" for q in self._store)
        return "".join(lines).encode()
