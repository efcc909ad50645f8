"""The files `kg export` and `kg view` write: which graph, which writer, where to.

RDF dumps take the store's quads as they are (`rdf_dump`); every other format takes the
networkx graph (`graph`), whole, restricted by type, document or date, or the citation
network. `kg view` writes the HTML view of that graph, or a picture of it, optionally
narrowed to the neighbourhood of one entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable

import networkx as nx

from kg.errors import KgError
from kg.export import picture
from kg.export.formats import NETWORK_FORMATS, write_network
from kg.export.graph import DOCUMENT, MENTION, citation_network, to_networkx
from kg.export.neighbourhood import neighbourhood
from kg.export.rdf_dump import RDF_FORMATS, dump
from kg.export.view import write_view
from kg.store import Store

EXPORT_FORMATS: tuple[str, ...] = tuple(RDF_FORMATS) + tuple(NETWORK_FORMATS)
VIEW_FORMATS: tuple[str, ...] = ("html", "png", "svg")
VIEW_MENTION_LIMIT = 3000


@dataclass(frozen=True)
class ExportReport:
    """What was written: `statements` (triples or quads) for RDF, `nodes` and `edges` for the
    others; `paths` are the files written (none when written to a stream)."""

    fmt: str
    statements: int = 0
    nodes: int = 0
    edges: int = 0
    paths: list[Path] = field(default_factory=list)
    note: str = ""

    def summary(self) -> str:
        what = (f"{self.statements} statements" if self.fmt in RDF_FORMATS
                else f"{self.nodes} nodes, {self.edges} edges")
        where = ", ".join(map(str, self.paths)) or "standard output"
        return f"{what} written as {self.fmt} to {where}" + (f"; {self.note}" if self.note else "")


def _cannot_write(path: Path, exc: OSError) -> KgError:
    return KgError("usage", f"cannot write the file ({exc.strerror or exc})", where=str(path),
                   hint="check that its folder exists and that you may write there")


def export_graph(store: Store, fmt: str, output: Path | BinaryIO, *, document: str | None = None,
                 types: Iterable[str] | None = None, since: str | None = None, until: str | None = None,
                 citations: bool = False) -> ExportReport:
    """Write the store (or one document's part) in `fmt` to `output`, a path or a binary stream."""
    if fmt not in EXPORT_FORMATS:
        raise KgError("usage", f"unknown export format {fmt!r}", hint=f"formats: {', '.join(EXPORT_FORMATS)}")
    try:
        if fmt in RDF_FORMATS:
            if types or since or until or citations:
                raise KgError("usage", "an RDF dump holds whole graphs: --type, --since, --until and --citations "
                                       "apply to the network formats", hint="use --document for one document's graph")
            if isinstance(output, Path):
                with output.open("wb") as out:
                    return ExportReport(fmt, statements=dump(store, fmt, out, document), paths=[output])
            return ExportReport(fmt, statements=dump(store, fmt, output, document))
        if NETWORK_FORMATS[fmt] and not isinstance(output, Path):
            raise KgError("usage", "csv writes two tables, so it needs -o PREFIX",
                          hint="e.g. -o graph.csv writes graph.nodes.csv and graph.edges.csv")
        documents = [document] if document else []
        graph = (citation_network(store, documents=documents, since=since, until=until) if citations
                 else to_networkx(store, types=types, documents=documents, since=since, until=until))
        paths = write_network(graph, fmt, output)
    except BrokenPipeError:  # the reader of standard output stopped (`| head`): its choice, not an error
        raise
    except OSError as exc:
        raise _cannot_write(Path(getattr(exc, "filename", None) or str(output)), exc) from None
    return ExportReport(fmt, nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), paths=paths)


def view_graph(store: Store, *, focus: str | None = None, depth: int = 2, types: Iterable[str] | None = None,
               document: str | None = None) -> tuple[nx.MultiDiGraph, str]:
    """The graph `kg view` shows, and its title.

    Documents are nodes only while their mentions stay fewer than `VIEW_MENTION_LIMIT` (or
    when `types` asks for them): past that every document is linked to most entities and the
    picture is one knot; the document selector still filters by them."""
    graph = to_networkx(store, types=types, documents=[document] if document else [])
    mentions = sum(1 for *_, kind in graph.edges(data="kind") if kind == MENTION)
    if types is None and focus is None and mentions > VIEW_MENTION_LIMIT:
        graph.remove_nodes_from([n for n, t in graph.nodes(data="type") if t == DOCUMENT])
        graph.graph["note"] = f"documents left out ({mentions:,} mentions): --type Document … shows them"
    if focus is None:
        return graph, f"kg: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    graph = neighbourhood(graph, focus, depth)
    label = graph.nodes[graph.graph["focus"]]["label"]
    return graph, f"{label} and the facts around it (depth {depth})"


def make_view(store: Store, output: Path, fmt: str = "html", **options) -> ExportReport:
    """Write the HTML view (or, for `png`/`svg`, a picture) of the graph `view_graph` selects."""
    if fmt not in VIEW_FORMATS:
        raise KgError("usage", f"unknown view format {fmt!r}", hint=f"formats: {', '.join(VIEW_FORMATS)}")
    graph, title = view_graph(store, **options)
    try:
        if fmt == "html":
            write_view(graph, output, title)
        else:
            picture.draw(graph, output, title, fmt)
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    return ExportReport(fmt, nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), paths=[output],
                        note=graph.graph.get("note", ""))
