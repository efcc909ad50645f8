"""What the CLI and the tests call: build, query, list queries, validate, fetch, link, export, view.

Each function takes plain Python values, returns plain results and raises `KgError`; none
prints or exits.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from kg import queries as q
from kg.errors import KgError, query_error
from kg.store import Store

if TYPE_CHECKING:
    from kg.build import BuildReport


def build(paths: Iterable[Path], store: Path | str | None = None, *, prune: bool = False, workers: int | None = 1,
          on_document: Callable[[Path], None] | None = None, compact: bool = False) -> BuildReport:
    """Extract every document under `paths` into the store at `store` (a folder, or the URL of
    a SPARQL endpoint), with `workers` extraction processes (None: one per core); `compact`
    compacts the store afterwards, however little was written (`kg.build.OPTIMIZE_AFTER_QUADS`)."""
    # the extraction pipeline is imported only by what builds: `kg query` and `kg --help` start faster
    from kg.build import build as _build
    from kg.build import default_workers

    return _build([Path(p) for p in paths], Store(store), prune=prune, workers=workers or default_workers(),
                  on_document=on_document, compact=compact)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, str]]
    next_page: dict[str, str] | None = None  # a paged query's parameters for the page after these rows
    unknown: list[str] = field(default_factory=list)  # entity parameters that named no entity ("country=Atlantis")


def list_queries() -> list[q.NamedQuery]:
    return q.list_queries()


def query(name_or_file: str, params: dict[str, str] | None = None, store: Path | str | None = None) -> QueryResult:
    """Run a named query (or a .rq file) with parameters bound as RDF terms."""
    named = q.resolve(name_or_file)
    values = params or {}
    q.check_params(named, values)
    opened = Store(store, read_only=True)
    try:
        resolved = q.resolve_entities(named, values, opened.query)
        text = q.with_prologue(q.bind(named, values, resolved))
        solutions = opened.query(text)
    except SyntaxError as exc:
        raise query_error(f"the query does not parse: {exc}", where=str(named.path)) from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise query_error("only SELECT queries can be run with `kg query`", where=str(named.path))
    columns = [v.value for v in solutions.variables if not v.value.startswith("param_")]
    rows = [{c: _plain(s[c]) for c in columns} for s in solutions]
    following = named.page.next(rows) if named.page else None
    unknown = sorted(f"{name}={values[name]}" for name, iris in resolved.items() if not iris)
    return QueryResult(columns, rows, None if following is None else {**values, **following}, unknown)


def _plain(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    return "" if term is None else term.value


def validate(store: Path | str | None = None):
    """Check the store against the SHACL shapes of `ontology/`."""
    from kg.rdf.validate import store_graph
    from kg.rdf.validate import validate as _validate

    return _validate(store_graph(Store(store, read_only=True)))


def evaluate(gold: Path, docs: Path | None = None):
    """Build each document of `docs` (default: the shipped documents) into a temporary store of
    its own, run the named queries and score them against the gold files in `gold` (see
    `kg.evaluate`). One store per document because the shipped queries give each distinct fact
    once, with one example document: alone in its store, a document's rows are all its own."""
    import shutil
    import tempfile

    from kg import evaluate as ev
    from kg.build import discover
    from kg.resources import resource_dir

    gold_docs = ev.load_gold(Path(gold))
    docs = Path(docs) if docs is not None else resource_dir("data") / "documents"
    rows: dict[str, list[dict[str, str]]] = {name: [] for name in ev.QUERIES}
    built: list[str] = []
    skipped: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        for number, path in enumerate(discover([docs])):
            store = Path(tmp) / f"store-{number}"
            report = build([path], store)
            built += [Path(name).stem for name in report.built]
            skipped += report.skipped
            for name in ev.QUERIES:
                rows[name] += query(name, {}, store).rows
            shutil.rmtree(store)
    result = ev.score(gold_docs, rows, built)
    result.not_scored += [f"{Path(path).name}: not built ({message})" for path, message in skipped]
    if not result.documents:
        reasons = "".join(f"\n  {Path(path).name}: {message}" for path, message in skipped[:5])
        raise KgError("usage", "none of the documents built has a gold file" + reasons, where=str(docs),
                      hint="gold files are named <document file stem>.gold.json; point --docs at those documents")
    return result


def render_evaluation(report, *, details: bool = True) -> str:
    """An evaluation as the text `kg eval` prints: tables, misses and false hits, totals."""
    from kg.evaluate import render

    return render(report, details=details)


def serve(store: Path | str | None = None, *, host: str = "127.0.0.1", port: int = 7879, timeout: float = 30.0,
          limit: int = 10_000, workers: int | None = None, quiet: bool = False,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the store read-only as a SPARQL 1.1 endpoint at /sparql with a query page at /,
    until interrupted; `workers` query processes (None: one per core); `on_ready` gets the base
    URL once the port is bound (port 0: a free one)."""
    from kg.build import default_workers
    from kg.serve import make_server

    location = Store(store, read_only=True).location  # fails here, clearly, when there is no store
    try:
        server = make_server(location, host=host, port=port, timeout=timeout, limit=limit,
                             workers=workers or default_workers(), quiet=quiet)
    except OSError as exc:
        raise KgError("usage", f"cannot listen on {host}:{port} ({exc.strerror or exc})",
                      hint="another program uses that port: pick another with --port") from None
    bound_host, bound_port = server.server_address[:2]
    if on_ready:
        on_ready(f"http://{bound_host if ':' not in bound_host else f'[{bound_host}]'}:{bound_port}/")
    if threading.current_thread() is threading.main_thread():  # `kill PID` stops it as cleanly as Ctrl-C
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.service.close()


def fetch(into: Path | None = None, *, dossiers: Iterable[str] = (), kamerstukken: Iterable[str] = (),
          since: str | None = None, tk_base: str | None = None, koop_base: str | None = None,
          on_item: Callable[[str], None] | None = None):
    """Fetch Kamerstukken into `into` (default data/fetch/documents): those of `dossiers` through
    the Tweede Kamer SyncFeed, incrementally, and `kamerstukken` by identifier (see kg.fetch)."""
    from kg.fetch.documents import fetch as _fetch

    return _fetch(into, dossiers=list(dossiers), kamerstukken=list(kamerstukken), since=since,
                  tk_base=tk_base, koop_base=koop_base, on_item=on_item)


def link_wikidata(store: Path | str | None = None, *, links_file: Path | None = None, cache: Path | None = None,
                  offline: bool = False, api_url: str | None = None, today: str | None = None,
                  on_entity: Callable[[str], None] | None = None):
    """Look up the store's missions, initiatives and organisations without a Wikidata item and
    add the accepted items (and the misses) to `links_file` (default data/links/wikidata.csv)."""
    import os
    from datetime import date

    from kg.link import lookup
    from kg.link import wikidata_links as wl
    from kg.link.wikidata_api import Wikidata
    from kg.namespaces import sparql_prologue

    path = Path(links_file) if links_file else wl.LINKS_CSV
    known = wl.load_links(path)
    solutions = Store(store, read_only=True).query(sparql_prologue() + lookup.UNLINKED_SPARQL)
    rows = [{v.value: _plain(s[v.value]) for v in solutions.variables} for s in solutions]
    todo = [e for e in lookup.unlinked(rows) if e.key not in known]
    client = Wikidata(Path(cache or os.environ.get("KG_WIKIDATA_CACHE") or Path(".kg") / "wikidata-cache"),
                      api=api_url, offline=offline)
    report = lookup.link_entities(todo, client, wl.load_types(), today or date.today().isoformat(),
                                  on_entity=(lambda e: on_entity(e.key)) if on_entity else None)
    if report.accepted or report.unmatched:
        wl.write_links(path, {**known, **{link.key: link for link in report.accepted + report.unmatched}})
    return report


def export_graph(fmt: str, output: Path | BinaryIO, store: Path | str | None = None, *, document: str | None = None,
                 types: Iterable[str] | None = None, since: str | None = None, until: str | None = None,
                 citations: bool = False):
    """Write the graph as RDF (ttl, nt, nq, trig, jsonld; whole store or `document`'s graph) or
    for a graph tool (graphml, gexf, json, cytoscape, dot, csv) to a path or a binary stream;
    returns a `kg.export.files.ExportReport`."""
    from kg.export.files import export_graph as _export

    return _export(Store(store, read_only=True), fmt, output, document=document, types=types, since=since,
                   until=until, citations=citations)


def to_networkx(store: Path | str | None = None, *, types: Iterable[str] | None = None, documents: Iterable[str] = (),
                since: str | None = None, until: str | None = None, construct: str | None = None):
    """The store as a `networkx.MultiDiGraph`: entities (and documents) as nodes, facts as edges
    with their evidence; restricted by node type, document, date range or a SPARQL CONSTRUCT."""
    from kg.export.graph import to_networkx as _to_networkx

    return _to_networkx(Store(store, read_only=True), types=types, documents=documents, since=since, until=until,
                        construct=construct)


def citation_network(store: Path | str | None = None, *, documents: Iterable[str] = (), since: str | None = None,
                     until: str | None = None):
    """The documents and the Kamerstukken they cite, as a `networkx.MultiDiGraph`."""
    from kg.export.graph import citation_network as _citations

    return _citations(Store(store, read_only=True), documents=documents, since=since, until=until)


def view(output: Path, store: Path | str | None = None, *, fmt: str = "html", focus: str | None = None,
         depth: int = 2, types: Iterable[str] | None = None, document: str | None = None):
    """Write the interactive HTML view (or a png/svg picture) of the graph, or of the
    neighbourhood of `focus` to `depth` facts; returns a `kg.export.files.ExportReport`."""
    from kg.export.files import make_view

    return make_view(Store(store, read_only=True), Path(output), fmt, focus=focus, depth=depth, types=types,
                     document=document)
