"""The store as a `networkx.MultiDiGraph`: entities and documents as nodes, facts as edges.

Nodes are keyed by IRI and carry `type` (`Mission`, …, or `Document` for a stored document),
`label`, `labels` (language → preferred label), `alt_labels`, `ids` (`wikidata`, `notation`,
`official_publication` and the other schemes of `kg.rdf.triples.IDS`: `tk_person` …),
`documents` (IRIs of the documents that mention it),
`document_count` and `mentions` (occurrences counted over those documents); a document node
also has `source`, `identifier`, `date`, `doc_type` and `title` where known.

Edges are facts. Which ends a fact joins is read from the `direct` triples of
`kg.rdf.triples.FACTS` (a Contribution joins its country to its mission; a Citation its
document to the cited Kamerstuk; a motion reference its document to the motion and the motion
to its Kamerstuk), so a new fact kind becomes an edge without code here. The same statement
drawn from several documents is ONE edge: `kind` (the fact class), `relation` and `label`
(the direct predicate and its English label from the ontology), `qualifiers` (a dict of
typed values: `amount` float, `year` int, `enabler` str …), `documents`, `document_count`,
`sources` (file names), `evidence` (the supporting sentences) and `facts` (statement IRIs).
A `Mention` edge joins a document to each entity it names, with the occurrence `count`.
Facts with one entity (spending figures, questions) join nothing and are left to the queries.

Attribute values are Python lists and dicts where they are lists and dicts;
`kg.export.formats` flattens them for files. Everything is pulled with four SPARQL SELECTs
and filtered in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import networkx as nx
import pyoxigraph as ox

from kg.errors import KgError
from kg.export.selection import select_documents
from kg.model import ENTITY_TYPES
from kg.namespaces import PREFIXES, sparql_prologue, term
from kg.rdf.triples import FACTS, IDS, read_mention_offsets
from kg.resources import resource_dir
from kg.store import Store

DOCUMENT = "Document"
MENTION = "Mention"
#: every node type, in the order legends list them.
NODE_TYPES: tuple[str, ...] = ENTITY_TYPES + (DOCUMENT,)

#: external identifier property → key in a node's `ids`; skos:notation holds an ISO code on a
#: country and the reference on a Kamerstuk, so it keeps its own name; a Kamerstuk's page at
#: officielebekendmakingen.nl is an identifier an analyst follows.
ID_KEYS: dict[str, str] = {term(prop): scheme for scheme, (prop, _) in IDS.items()} | {
    term("skos:notation"): "notation", term("kg:officialPublication"): "official_publication"}
PREF_LABEL, ALT_LABEL = term("skos:prefLabel"), term("skos:altLabel")
#: datatype of `FACTS` → Python type of the edge attribute (a gYear is a year number).
PYTHON_TYPES: dict[str, type] = {"string": str, "integer": int, "decimal": float, "boolean": bool, "gYear": int}

_ENTITY_VALUES = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
_FACT_VALUES = " ".join(spec.cls for spec in FACTS.values())
_NAME_PROPS = " ".join(["skos:prefLabel", "skos:altLabel", *(f"<{p}>" for p in ID_KEYS)])

# Names and mentions are matched within each graph — a document's or the reference graph —
# (over the union, an entity described by N documents would join its N copies of `a` with N
# copies of each label: N² rows), and repeats across graphs are dropped by the store.
ENTITIES = f"""SELECT DISTINCT ?node ?class ?p ?o WHERE {{ GRAPH ?g {{
  VALUES ?class {{ {_ENTITY_VALUES} }}
  ?node a ?class .
  OPTIONAL {{ VALUES ?p {{ {_NAME_PROPS} }} ?node ?p ?o }}
}} }}"""
DOCUMENTS = """SELECT DISTINCT ?node ?p ?o WHERE { GRAPH ?g {
  ?node a kg:Document ; ?p ?o .
  VALUES ?p { kg:sourceFile dcterms:identifier dcterms:title dcterms:date kg:docType }
} }"""
MENTIONS = """SELECT ?doc ?node WHERE { GRAPH ?g { ?doc kg:mentions ?node } }"""
MENTION_OFFSETS = """SELECT ?doc ?offsets WHERE { GRAPH ?g { ?doc kg:mentionOffsets ?offsets } }"""
_FACT_PROPS = " ".join(sorted({"kg:evidence"} | {p for spec in FACTS.values() for p in spec.roles.values()}
                                | {p for spec in FACTS.values() for p, _ in spec.values.values()}))
FACT_ROWS = f"""SELECT ?fact ?class ?doc ?p ?o WHERE {{
  VALUES ?class {{ {_FACT_VALUES} }}
  VALUES ?p {{ {_FACT_PROPS} }}
  ?fact a ?class ; prov:wasDerivedFrom ?doc ; ?p ?o .
}}"""

_DOCUMENT_ATTRS = {"kg:sourceFile": "source", "dcterms:identifier": "identifier", "dcterms:title": "title",
                   "dcterms:date": "date", "kg:docType": "doc_type"}


@lru_cache(maxsize=None)
def relation_labels() -> dict[str, str]:
    """Property IRI → its English `rdfs:label` in `ontology/kg.ttl` (the edge labels tools show)."""
    ontology = ox.Store()
    ontology.load(path=str(resource_dir("ontology") / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    rows = ontology.query(sparql_prologue() + 'SELECT ?p ?l WHERE { ?p rdfs:label ?l FILTER(LANG(?l) = "en") }')
    return {r["p"].value: r["l"].value for r in rows}


def local_name(iri: str) -> str:
    """`…/def#contributesTo` → `contributesTo`."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class _Fact:
    """One statement node: its class, the documents it is drawn from, its property values."""

    cls: str
    docs: set[str] = field(default_factory=set)
    props: dict[str, list[ox.NamedNode | ox.Literal]] = field(default_factory=lambda: defaultdict(list))


def to_networkx(store: Store, *, types: Iterable[str] | None = None, documents: Iterable[str] = (),
                since: str | None = None, until: str | None = None, construct: str | None = None) -> nx.MultiDiGraph:
    """The store (or the part named by `documents`, or dated within `since`..`until`) as a graph.

    `types` keeps the nodes of those types (`Document` included) and the edges between them.
    `construct` is a SPARQL CONSTRUCT whose triples replace the store's as the source of facts:
    return the statement nodes you want (`?fact ?p ?o`); the nodes they join are described
    from the store, and only those are kept.
    """
    wanted = _check_types(types)
    chosen = select_documents(store, documents, since, until)
    scope = None if chosen is None else {d.iri for d in chosen}
    facts = _facts(store if construct is None else _constructed(store, construct), scope)
    nodes, docs, mentions = _entities(store), _documents(store), _mentions(store, scope)
    if construct is not None:
        ends = {o.value for f in facts.values() for os in f.props.values() for o in os if isinstance(o, ox.NamedNode)}
        supporting = {d for f in facts.values() for d in f.docs}
        nodes = {k: v for k, v in nodes.items() if k in ends}
        docs = {k: v for k, v in docs.items() if k in supporting}
    else:  # what the chosen documents name (the reference graph also describes entities none names)
        nodes = {k: v for k, v in nodes.items() if k in mentions}
        if scope is not None:
            docs = {k: v for k, v in docs.items() if k in scope}

    for iri, attrs in docs.items():  # a stored document is a Document node, Kamerstuk or not
        node = nodes.get(iri) or {"labels": {}, "alt_labels": [], "ids": {}}
        nodes[iri] = node | attrs | {"type": DOCUMENT,
                                     "label": node["ids"].get("notation") or attrs.get("identifier") or attrs["source"]}
    graph = nx.MultiDiGraph(name="kg")
    for iri, attrs in nodes.items():
        if attrs["type"] in wanted:
            mentioned = mentions.get(iri, {})
            graph.add_node(iri, **attrs, documents=sorted(mentioned), document_count=len(mentioned),
                           mentions=sum(mentioned.values()))
    graph.graph["documents"] = {iri: {"label": nodes[iri]["label"], "source": a["source"], "date": a.get("date", "")}
                                for iri, a in docs.items()}

    _add_fact_edges(graph, facts, docs)
    if construct is None and DOCUMENT in wanted:  # one per document and entity: nothing to merge
        label = relation_labels()[term("kg:mentions")]
        graph.add_edges_from(
            (doc, iri, MENTION, {"kind": MENTION, "relation": "mentions", "label": label, "qualifiers": {},
                                 "count": count, "documents": [doc], "sources": [docs[doc]["source"]],
                                 "evidence": [], "facts": [], "document_count": 1})
            for iri, mentioned in mentions.items() for doc, count in mentioned.items()
            if doc in graph and iri in graph and doc != iri)
    return graph


def citation_network(store: Store, *, documents: Iterable[str] = (), since: str | None = None,
                     until: str | None = None) -> nx.MultiDiGraph:
    """Documents and the Kamerstukken they cite: one `Citation` edge per citing document and
    cited paper, with the sentences that cite it. A cited paper that is itself in the store is
    its Document node, so chains of citations between stored documents show."""
    graph = to_networkx(store, types=(DOCUMENT, "Kamerstuk"), documents=documents, since=since, until=until)
    graph.remove_edges_from([(u, v, k) for u, v, k, kind in graph.edges(keys=True, data="kind") if kind != "Citation"])
    graph.remove_nodes_from([n for n, t in graph.nodes(data="type") if t != DOCUMENT and graph.degree(n) == 0])
    graph.graph["name"] = "kg citations"
    return graph


def _check_types(types: Iterable[str] | None) -> set[str]:
    if types is None:
        return set(NODE_TYPES)
    by_lower = {t.lower(): t for t in NODE_TYPES}
    unknown = [t for t in types if t.lower() not in by_lower]
    if unknown:
        raise KgError("usage", f"unknown node type(s) {', '.join(map(repr, unknown))}",
                      hint=f"types: {', '.join(NODE_TYPES)}")
    return {by_lower[t.lower()] for t in types}


def _query(source: Store | ox.Store, sparql: str) -> ox.QuerySolutions:
    """Over the union of the named graphs of the store, or the default graph of a CONSTRUCT result."""
    return source.query(sparql_prologue() + sparql)


def _constructed(store: Store, construct: str) -> ox.Store:
    """The triples of the CONSTRUCT in a store of their own."""
    try:
        result = store.query(sparql_prologue() + construct)
    except SyntaxError as exc:
        raise KgError("query", f"the CONSTRUCT does not parse: {exc}") from None
    if not isinstance(result, (ox.QueryTriples, list)):  # a remote endpoint's triples come as a list
        raise KgError("query", "only a CONSTRUCT query can select a graph", hint="write CONSTRUCT { ... } WHERE { ... }")
    memory = ox.Store()
    memory.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in result)
    return memory


def _entities(source: Store) -> dict[str, dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for row in _query(source, ENTITIES):
        node = nodes.setdefault(row["node"].value, {"type": local_name(row["class"].value), "labels": {},
                                                    "alt_labels": set(), "ids": {}})
        prop, value = row["p"], row["o"]
        if prop is None:
            continue
        if prop.value == PREF_LABEL:
            node["labels"][value.language or ""] = value.value
        elif prop.value == ALT_LABEL:
            node["alt_labels"].add(value.value)
        else:
            wikidata = value.value.startswith(PREFIXES["wd"])
            node["ids"][ID_KEYS[prop.value]] = value.value[len(PREFIXES["wd"]):] if wikidata else value.value
    for node in nodes.values():
        labels = node["labels"]
        node["label"] = labels.get("en") or next(iter(sorted(labels.values())), None) or node["ids"].get("notation", "")
        node["alt_labels"] = sorted(node["alt_labels"])
    for iri, node in nodes.items():
        node["label"] = node["label"] or local_name(iri)
    return nodes


def _documents(source: Store) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = defaultdict(dict)
    names = {term(p): name for p, name in _DOCUMENT_ATTRS.items()}
    for row in _query(source, DOCUMENTS):
        if row["p"].value in names:
            docs[row["node"].value][names[row["p"].value]] = row["o"].value
    return {iri: attrs for iri, attrs in docs.items() if "source" in attrs}


def _mentions(source: Store, scope: set[str] | None) -> dict[str, dict[str, int]]:
    """Entity IRI → {document IRI: occurrences}."""
    spans: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for row in _query(source, MENTION_OFFSETS):
        doc = row["doc"].value
        if scope is None or doc in scope:
            spans[doc] = read_mention_offsets(row["offsets"].value)
    mentions: dict[str, dict[str, int]] = defaultdict(dict)
    for row in _query(source, MENTIONS):
        doc, node = row["doc"].value, row["node"].value
        if scope is None or doc in scope:
            mentions[node][doc] = len(spans.get(doc, {}).get(node, ()))
    return mentions


def _facts(source: Store | ox.Store, scope: set[str] | None) -> dict[str, _Fact]:
    facts: dict[str, _Fact] = {}
    for row in _query(source, FACT_ROWS):
        doc = row["doc"].value
        if scope is not None and doc not in scope:
            continue
        fact = facts.setdefault(row["fact"].value, _Fact(row["class"].value))
        fact.docs.add(doc)
        if row["o"] not in fact.props[row["p"].value]:
            fact.props[row["p"].value].append(row["o"])
    return facts


def _python(value: ox.Literal, datatype: str) -> Any:
    if datatype == "boolean":
        return value.value == "true"
    return PYTHON_TYPES[datatype](value.value)


def _add_fact_edges(graph: nx.MultiDiGraph, facts: dict[str, _Fact], docs: dict[str, dict[str, Any]]) -> None:
    specs = {term(spec.cls): spec for spec in FACTS.values()}
    for iri, fact in facts.items():
        spec = specs[fact.cls]
        qualifiers: dict[str, Any] = {}
        for name, (prop, datatype) in spec.values.items():
            values = [_python(v, datatype) for v in fact.props.get(term(prop), [])]
            if values:
                qualifiers[name] = values[0] if len(values) == 1 else sorted(values)
        evidence = [v.value for v in fact.props.get(term("kg:evidence"), [])]
        for subject_ref, predicate, object_ref in spec.direct:
            for doc in sorted(fact.docs):
                ends = [_end(ref, fact, spec, doc) for ref in (subject_ref, object_ref)]
                if ends[0] and ends[1] and ends[0] in graph and ends[1] in graph:
                    _add_edge(graph, ends[0], ends[1], local_name(fact.cls), term(predicate), qualifiers,
                              doc, docs, iri, evidence)


def _end(ref: str, fact: _Fact, spec, doc: str) -> str | None:
    """The IRI at one end of a direct triple of `FACTS`; `None` for a literal or the fact itself."""
    if ref == "doc":
        return doc
    where, _, name = ref.partition(":")
    if where != "role":
        return None
    values = fact.props.get(term(spec.roles[name]), [])
    return values[0].value if values else None


def _add_edge(graph: nx.MultiDiGraph, subject: str, obj: str, kind: str, relation: str, qualifiers: dict[str, Any],
              doc: str, docs: dict[str, dict[str, Any]], fact: str, evidence: list[str]) -> None:
    """Add the statement as an edge, or add this document's support to the edge already there."""
    key = kind if not qualifiers else kind + " " + " ".join(f"{k}={v}" for k, v in sorted(qualifiers.items()))
    if not graph.has_edge(subject, obj, key):
        graph.add_edge(subject, obj, key, kind=kind, relation=local_name(relation),
                       label=relation_labels().get(relation, local_name(relation)), qualifiers=dict(qualifiers),
                       documents=[], sources=[], evidence=[], facts=[])
    data = graph.edges[subject, obj, key]
    if doc not in data["documents"]:
        data["documents"].append(doc)
        source = docs.get(doc, {}).get("source")
        if source:
            data["sources"].append(source)
    if fact not in data["facts"]:
        data["facts"].append(fact)
    data["evidence"].extend(e for e in evidence if e not in data["evidence"])
    data["document_count"] = len(data["documents"])
