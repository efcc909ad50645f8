"""What the CLI and the tests call: build, query, list queries, validate.

Each function takes plain Python values, returns plain results and raises `KgError`; none
prints or exits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from kg import queries as q
from kg.build import BuildReport
from kg.build import build as _build
from kg.errors import query_error
from kg.store import Store


def build(paths: Iterable[Path], store: Path | None = None, *, prune: bool = False,
          on_document: Callable[[Path], None] | None = None) -> BuildReport:
    """Extract every document under `paths` into the store at `store`."""
    return _build([Path(p) for p in paths], Store(store), prune=prune, on_document=on_document)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, str]]


def list_queries() -> list[q.NamedQuery]:
    return q.list_queries()


def query(name_or_file: str, params: dict[str, str] | None = None, store: Path | None = None) -> QueryResult:
    """Run a named query (or a .rq file) with parameters bound as RDF terms."""
    named = q.resolve(name_or_file)
    text = q.with_prologue(q.bind(named, params or {}))
    try:
        solutions = Store(store, read_only=True).query(text)
    except SyntaxError as exc:
        raise query_error(f"the query does not parse: {exc}", where=str(named.path)) from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise query_error("only SELECT queries can be run with `kg query`", where=str(named.path))
    columns = [v.value for v in solutions.variables if not v.value.startswith("param_")]
    rows = [{c: _plain(s[c]) for c in columns} for s in solutions]
    return QueryResult(columns, rows)


def _plain(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    return "" if term is None else term.value


def validate(store: Path | None = None):
    """Check the store against the SHACL shapes of `ontology/`."""
    from kg.rdf.validate import validate as _validate, store_graph

    return _validate(store_graph(Store(store, read_only=True)))
