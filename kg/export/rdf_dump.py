"""RDF dumps of the store, or of one document's graph: Turtle, N-Triples, N-Quads, TriG, JSON-LD.

N-Quads and TriG keep one named graph per document, so a dump loads back into a store as it
was. Turtle, N-Triples and JSON-LD hold triples: the union of the graphs, each triple once
(an entity described by three documents gives its label once). pyoxigraph writes the first
four as a stream; JSON-LD goes through rdflib, which compacts it with `ontology/context.jsonld`
so that a reader sees `"prefLabel": {"en": ...}` rather than full IRIs — rdflib holds the graph
in memory (~1.7 KB per triple), which is fine for a document or a few thousand of them.
"""

from __future__ import annotations

import json
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox

from kg.export.selection import select_documents
from kg.namespaces import PREFIXES
from kg.resources import resource_dir
from kg.store import Store

#: format name → (pyoxigraph format, whether it keeps named graphs); JSON-LD is rdflib's.
RDF_FORMATS: dict[str, tuple[ox.RdfFormat | None, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (None, False),
}


def json_ld_context() -> dict:
    """The `@context` object of `ontology/context.jsonld`."""
    return json.loads((resource_dir("ontology") / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def _quads(store: Store, graph: str | None) -> Iterator[ox.Quad]:
    if graph is None:
        yield from store.quads()
        return
    name = ox.NamedNode(graph)
    for triple in store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
        yield ox.Quad(triple.subject, triple.predicate, triple.object, name)


def _triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """Each triple once, in first-seen order (the store iterates in a stable order)."""
    return list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))


def dump(store: Store, fmt: str, output: BinaryIO, document: str | None = None) -> int:
    """Write the store (or the graph of `document`, named as `kg.export.selection` accepts)
    to `output` in format `fmt`; returns the number of statements written."""
    graph = None
    if document is not None:
        graph = select_documents(store, [document])[0].graph
    ox_format, keeps_graphs = RDF_FORMATS[fmt]
    quads = _quads(store, graph)
    statements: list = list(quads) if keeps_graphs else _triples(quads)
    if ox_format is None:
        output.write(_json_ld(statements).encode("utf-8"))
    else:
        ox.serialize(statements, output, ox_format, prefixes=PREFIXES)
    return len(statements)


def _json_ld(triples: list[ox.Triple]) -> str:
    from rdflib import Graph

    graph = Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph.serialize(format="json-ld", context=json_ld_context(), indent=1)
