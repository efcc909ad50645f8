"""Check graphs against `ontology/shapes.ttl` with pySHACL.

The shapes and the ontology are data read at run time from `ontology/` (`kg.resources`: beside
the package, which an editable install keeps in place, or under KG_HOME). A dataset is validated
as the union of its graphs, so that disagreements between documents (two English labels for
one entity) are found too; the ontology is mixed in for its class hierarchy, without RDFS
inference, which would infer the very types the shapes check (see the head of shapes.ttl).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

import pyoxigraph
import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import PENDING_GRAPH, SUMMARY_GRAPH
from kg.resources import resource_dir


class Violation(NamedTuple):
    """One validation result: the node at fault, the property concerned (empty for a
    node-level constraint) and the shape's message saying what is wrong."""

    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"<{self.focus}> {self.path or '(node)'}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """pySHACL's verdict: `violations` sorted for stable output, `text` its readable report."""

    conforms: bool
    violations: list[Violation]
    text: str


def load_turtle(path: Path) -> Graph:
    """Parse one ontology file; a missing or malformed one is a data error naming the file."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError:
        raise KgError("data", "ontology file is missing", where=str(path),
                      hint="restore it from version control; kg reads ontology/ from its source "
                           "tree, so install kg from a checkout (pip install -e .)") from None
    except Exception as exc:  # rdflib raises a different parser error per syntax problem
        raise KgError("data", f"cannot parse Turtle: {exc}", where=str(path),
                      hint="fix the syntax error (rdflib or riot can point at the line)") from None
    return graph


def _term(node: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal) -> Node:
    if isinstance(node, pyoxigraph.NamedNode):
        return URIRef(node.value)
    if isinstance(node, pyoxigraph.BlankNode):
        return BNode(node.value)
    if node.language:
        return Literal(node.value, lang=node.language)
    # RDF 1.1 makes "x" and "x"^^xsd:string one term; rdflib keeps them apart, so use the plain form.
    datatype = node.datatype.value
    return Literal(node.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def to_dataset(quads: Iterable[pyoxigraph.Quad]) -> Dataset:
    """pyoxigraph quads (a list, or a `Store` iterated) → an rdflib Dataset for `validate`.

    Term by term rather than through an N-Quads round trip, whose rdflib 7 parser warns about
    rdflib's own deprecated API on every call.
    """
    dataset = Dataset()
    for quad in quads:
        graph = quad.graph_name
        context = (dataset.default_graph if isinstance(graph, pyoxigraph.DefaultGraph)
                   else dataset.graph(URIRef(graph.value)))
        context.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return dataset


class HasQuads(Protocol):
    """What `store_graph` needs of a store (kg.store.Store, which this stage must not import)."""

    def quads(self) -> Iterator[pyoxigraph.Quad]: ...


def store_graph(store: HasQuads) -> Graph:
    """Every triple of the document and reference graphs of a store, straight into one graph: the
    union `validate` checks, without holding the store twice in memory as a Dataset would. The
    summary graphs are left out: they are counted from the document graphs, and a summary node
    is a fact without a passage of its own (`kg.summary`)."""
    graph = Graph()
    for quad in store.quads():
        if getattr(quad.graph_name, "value", None) not in (SUMMARY_GRAPH, PENDING_GRAPH):
            graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


def union(data: Dataset | Graph) -> Graph:
    """All triples of every graph of `data` in one graph (a Graph is returned as is)."""
    if not isinstance(data, Dataset):
        return data
    merged = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def validate(data: Dataset | Graph, *, ontology_dir: Path | None = None) -> ValidationReport:
    """Validate `data` (a dataset as the union of its graphs) against the kg shapes.

    `ontology_dir` defaults to kg's `ontology/`. Raises KgError("data") when `kg.ttl` or
    `shapes.ttl` is missing or malformed.
    """
    ontology_dir = ontology_dir or resource_dir("ontology")
    shapes = load_turtle(ontology_dir / "shapes.ttl")
    ontology = load_turtle(ontology_dir / "kg.ttl")
    conforms, results, text = pyshacl.validate(
        union(data), shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=False
    )
    violations = sorted(
        Violation(
            focus=str(results.value(result, SH.focusNode)),
            path=str(results.value(result, SH.resultPath) or ""),
            message=" ".join(str(m) for m in results.objects(result, SH.resultMessage)),
        )
        for result in results.subjects(RDF.type, SH.ValidationResult)
    )
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))
