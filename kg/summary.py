"""The summary graph: each fact and entity once, with the number of documents that state it.

Document graphs say the same things again and again: at 10,000 generated documents the
Netherlands' contributions were 52,000 statements of 359 distinct facts. An analyst asks about
the facts ("who contributes what to which mission, in how many documents"), and a query that
joins every statement cannot answer in under a second at that size (17.5 s for the
contributions of one country, measured). So a build also keeps `SUMMARY_GRAPH`:

- per distinct fact (the node every statement of it points to with `prov:specializationOf`,
  `kg.namespaces.general_fact_iri`): its class, roles and values as the statements have them,
  `kg:documentCount`, and one example statement — the one with the smallest IRI, so any build
  of the same documents writes the same summary — as `kg:example`, `kg:exampleDocument`,
  `kg:exampleSource` and `kg:exampleEvidence`;
- per entity a document mentions or describes: `kg:documentCount` (documents mentioning it),
  its description (type, labels, identifiers) as the first document describing it gives it, and
  `kg:displayLabel`, the one name a query shows for it (`display_label`). What the data files
  define is described in the reference graph already;
- per pair of entities a general fact links, the one-hop edge its document graphs have too
  (`FactSpec.direct`: `X kg:dependsOn Y`, `X kg:leads Y`, ...), while any fact states it: a path
  query walks these, where going through the fact nodes (`^kg:mission/kg:provider`) also walked
  every contribution to each mission on the way.

What each graph a build writes holds (`Holds`: its general facts with their statements, the
entities it mentions and describes) is read off its N-Triples by the worker that made them, so the
build never asks the store about a graph it wrote. A build that writes every document (a fresh
store, new code) counts in Python what its workers sent: asking the store instead took 8–13 s of
CPU at 10,000 bench documents against 1.0 at 1,000 — the smallest IRIs (`MIN(STR(?g))`) compare
strings looked up in Oxigraph's dictionary, row by row; now the refresh takes 0.9–1.1 s at 10,000
and 0.3 at 1,000 (reading the examples and writing the summary: it grows with the distinct facts
and entities), the writer 50 µs a document and the workers 0.1 ms. Graphs it did not write (a
document that failed keeps its old graph; a store left pending by a crash) are counted by SPARQL
on top, graph by graph, or — when they are the most — the whole store is. A build that changes a
few documents counts by difference, because recounting a fact or entity that 5,000 documents state
means reading 5,000 statements: it notes what each graph it drops holds (asking the store before
the drop) and what each graph it writes holds, and adds the difference to the stored counts. The
example stays exact: it was the smallest statement IRI, so while it stands — its document
untouched, or written again still making that statement — the new smallest is the smaller of it
and the smallest written now; only when the example went with its document is that fact (or
entity) counted again in full (at 10,000 bench documents, a sentence added to the document
holding the examples of most facts: 2.6 s of recounting before this rule, none after).

A crash between writing documents and writing their summary would leave the summary behind the
documents for good (the next build sees them unchanged), so the build marks the store with
`PENDING_GRAPH` before its first write and removes the mark in the same update that writes the
summary; a build that finds the mark counts everything. Everything is read and written with
SPARQL through `kg.store.Store`, so the summary is the same on the embedded store and on a SPARQL
endpoint.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.model import ENTITY_TYPES
from kg.namespaces import (
    KG,
    PENDING_GRAPH,
    SUMMARY_GRAPH,
    graph_iri,
    sparql_prologue,
    term,
)
from kg.rdf.reference import REFERENCE_GRAPH
from kg.rdf.triples import FACTS, IDS
from kg.store import Store

#: IRIs per VALUES block: long enough to keep requests few, short enough for any endpoint.
BATCH = 500

#: What a statement says about its document and passage rather than about the fact.
_PER_STATEMENT = {term("prov:wasDerivedFrom"), term("kg:evidence"), term("kg:start"), term("kg:end"),
                  term("prov:specializationOf")}
#: What describes an entity (as `kg.rdf.triples.describe` writes it, and a document node's title).
_DESCRIPTIVE = [term(p) for p in ("rdf:type", "skos:prefLabel", "skos:altLabel", "skos:notation",
                                  "kg:officialPublication", "dcterms:title", *(prop for prop, _ in IDS.values()))]
_CLASSES = ", ".join(f"kg:{t}" for t in sorted(ENTITY_TYPES))


def _direct_edges() -> list[tuple[str, str, str, str]]:
    """(fact class, subject role property, predicate, object role property) of each direct triple
    (`FactSpec.direct`) between two roles of a general fact whose predicate no fact uses for a
    role or value, so that the summary's edges can be told from its facts' own triples."""
    own = {prop for spec in FACTS.values() for prop in spec.roles.values()}
    own |= {prop for spec in FACTS.values() for prop, _ in spec.values.values()}
    edges = []
    for spec in FACTS.values():
        for subject, predicate, obj in spec.direct:
            if spec.general and subject.startswith("role:") and obj.startswith("role:") and predicate not in own:
                edges.append((spec.cls, spec.roles[subject[5:]], predicate, spec.roles[obj[5:]]))
    return edges


#: The summary's one-hop paths between entities (X kg:dependsOn Y, X kg:leads Y, ...), kept in
#: line with its facts by every refresh (`_edge_updates`).
EDGES = _direct_edges()
_EDGE_PREDICATES = sorted({f"<{term(p)}>" for _, _, p, _ in EDGES})

#: What a display label is chosen from (`display_label`), by predicate, in order of preference.
_NAMES = {term("skos:prefLabel"): 0, term("dcterms:title"): 1}
#: Display-label languages in order of preference: the queries' columns are English, the documents Dutch.
_LANGUAGES = ("en", "nl")
#: Where a display label's names come from, in order of preference.
_FROM_REFERENCE, _FROM_DOCUMENT = 0, 1

_NOT_DOCUMENTS = f"FILTER(?g NOT IN (<{REFERENCE_GRAPH}>, <{SUMMARY_GRAPH}>))"
#: The predicates and classes of `holds` in N-Triples, as `_note_dropped`'s queries see them in the store.
_SPECIALIZATION = f"<{term('prov:specializationOf')}>"
_MENTIONS = f"<{KG}mentions>"
_TYPE = f"<{term('rdf:type')}>"
_CLASS_TERMS = frozenset(f"<{KG}{t}>" for t in ENTITY_TYPES)


@dataclass(frozen=True)
class Holds:
    """What one document graph holds that the summary counts: per general fact the smallest
    statement IRI stating it, the entities something in it mentions (`kg:mentions`), and the ones
    it types with an entity class (a data-file entity's type is in the reference graph instead)."""

    facts: dict[str, str]
    mentioned: frozenset[str]
    described: frozenset[str]


@dataclass(frozen=True)
class Name:
    """A name of an entity a display label can be chosen from (`display_label`)."""

    kind: int  # `_NAMES`: a preferred label or a title
    origin: int  # `_FROM_REFERENCE` or `_FROM_DOCUMENT`
    literal: ox.Literal


def holds(lines: Iterable[str]) -> Holds:
    """What a graph holds, from its N-Triples lines as pyoxigraph prints them (`<iri>` terms, one
    space apart: no space inside an IRI): what `_note_dropped`'s queries find in the stored graph. Runs
    in the build's workers; 0.1 ms for a bench document's 310 lines."""
    facts: dict[str, str] = {}
    mentioned: set[str] = set()
    described: set[str] = set()
    for line in lines:
        subject, predicate, rest = line.split(" ", 2)
        if predicate == _SPECIALIZATION:
            fact, statement = rest[1:-3], subject[1:-1]
            if fact not in facts or statement < facts[fact]:
                facts[fact] = statement
        elif predicate == _MENTIONS:
            mentioned.add(rest[1:-3])
        elif predicate == _TYPE and rest[:-2] in _CLASS_TERMS:
            described.add(subject[1:-1])
    return Holds(facts, frozenset(mentioned), frozenset(described))


class Summary:
    """What one build touched, and the step that brings the summary graph up to date."""

    def __init__(self, store: Store, everything: bool):
        self.store = store
        # a crash left the summary behind its documents, or there is no summary yet
        self.everything = everything or _exists(store, PENDING_GRAPH) or not _exists(store, SUMMARY_GRAPH)
        self.pending = False
        self.written: set[str] = set()  # graphs written, whose `Holds` are in the counts below
        # a graph this build wrote was dropped again: the smallest IRIs below may name what is
        # gone, so the summary is counted in full
        self.rewritten = False
        self.touched: set[str] = set()  # graphs dropped or written
        self.fact_delta: Counter[str] = Counter()  # fact → change in the documents stating it
        self.entity_delta: Counter[str] = Counter()  # entity → change in the documents mentioning it
        self.smallest_written: dict[str, str] = {}  # fact → smallest statement IRI, entity → smallest graph

    def before_write(self, dropped: Iterable[str]) -> None:
        """Call before a document's graph is written or dropped: marks the store, and notes what
        the graphs about to be dropped hold (after the drop it is gone)."""
        if not self.pending:
            self.store.update(f"INSERT DATA {{ GRAPH <{PENDING_GRAPH}> {{ <{PENDING_GRAPH}> <{term('dcterms:description')}> "
                              '"documents were written that the summary graph does not count yet" } }')
            self.pending = True
        for graph in set(dropped):
            if graph in self.written:
                self.rewritten = True
            elif not self.everything:
                self._note_dropped(graph)

    def after_write(self, graph: str, held: Holds) -> None:
        """Call after a document's graph was written, with what it holds (`holds` of its lines)."""
        self.written.add(graph)
        self._add(graph, held, +1)

    def refresh(self) -> int:
        """Bring the summary of what this build touched up to date, in one update; the number of
        summary quads written. A build that touched a few documents writes only the summary's
        triples that changed: a document rewritten with the same facts and entities changes no
        count and no example (writing its ~100 nodes again took 0.1–0.2 s at 10,000 documents)."""
        if not self.pending and not (self.everything and _has_documents(self.store)):
            return 0
        if self.everything or self.rewritten:
            facts, entities = self._everything()
            added = list(_fact_lines(self.store, facts)) + list(_entity_lines(self.store, entities))
            clear, edges_before = [f"DROP SILENT GRAPH <{SUMMARY_GRAPH}>"], set()
        else:
            stored = _node_triples(self.store, sorted(self.fact_delta) + sorted(self.entity_delta))
            facts = self._facts(_counts_and_examples(stored, "example"))
            entities = self._entities(_counts_and_examples(stored, "exampleDocument"))
            now = set(_fact_lines(self.store, facts)) | set(_entity_lines(self.store, entities))
            before = {f"{s} {p} {o} ." for s, p, o in stored}
            added, removed = sorted(now - before), sorted(before - now)
            clear = _data("DELETE DATA", removed)
            edges_before = _edges(self.store)
        self.store.update(" ;\n".join([*clear, *_data("INSERT DATA", added), *_edge_updates(),
                                       f"DROP SILENT GRAPH <{PENDING_GRAPH}>"]))
        self.pending = False
        return len(added) + len(_edges(self.store) - edges_before)

    def _note_dropped(self, graph: str) -> None:
        """Count what the stored `graph`, about to be dropped, holds out of the differences."""
        facts: dict[str, str] = {}
        for row in self.store.query(sparql_prologue()
                                    + f"SELECT ?s ?f WHERE {{ GRAPH <{graph}> {{ ?f prov:specializationOf ?s }} }}"):
            fact, statement = row["s"].value, row["f"].value
            facts[fact] = min(statement, facts.get(fact, statement))
        mentioned, described = set(), set()
        for row in self.store.query(sparql_prologue() + f"""
            SELECT DISTINCT ?e ?mentioned WHERE {{ GRAPH <{graph}> {{
              {{ ?d kg:mentions ?e BIND(1 AS ?mentioned) }} UNION {{ ?e a ?c FILTER(?c IN ({_CLASSES})) BIND(0 AS ?mentioned) }} }} }}"""):
            (mentioned if row["mentioned"].value == "1" else described).add(row["e"].value)
        self._add(graph, Holds(facts, frozenset(mentioned), frozenset(described)), -1)

    def _add(self, graph: str, held: Holds, sign: int) -> None:
        """Count what `graph` holds into the differences (-1: dropped, +1: written)."""
        self.touched.add(graph)
        for entity in held.described:  # described alone: counted, in no document
            self.entity_delta.setdefault(entity, 0)
        if sign < 0:
            self.fact_delta.subtract(held.facts.keys())
            self.entity_delta.subtract(held.mentioned)
            return
        self.fact_delta.update(held.facts.keys())
        self.entity_delta.update(held.mentioned)
        smallest = self.smallest_written
        for fact, statement in held.facts.items():
            if fact not in smallest or statement < smallest[fact]:
                smallest[fact] = statement
        for entity in held.mentioned | held.described:
            if entity not in smallest or graph < smallest[entity]:
                smallest[entity] = graph

    def _everything(self) -> tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]]]:
        """Every fact and entity of the store, as counting all of it by SPARQL gives them: what
        this build wrote as its workers counted it, plus the graphs it did not write as the store
        counts them — graph by graph while they are at most half of the store (1.5 ms a graph
        against 0.85 for counting all of it, 10,000 bench documents)."""
        graphs = _graphs(self.store)
        others = sorted(graphs - self.written - {REFERENCE_GRAPH, SUMMARY_GRAPH, PENDING_GRAPH})
        if self.rewritten or 2 * len(others) > len(graphs):
            return _count_facts(self.store, _values("s", None)), _count_entities(self.store, _values("e", None))
        facts = {fact: (n, self.smallest_written[fact]) for fact, n in self.fact_delta.items()}
        entities = {entity: (n, self.smallest_written[entity]) for entity, n in self.entity_delta.items()}
        return (_merged(facts, _count_facts(self.store, _values("g", others))),
                _merged(entities, _count_entities(self.store, _values("g", others))))

    def _facts(self, stored: dict[str, tuple[int, str | None]]) -> dict[str, tuple[int, str]]:
        """Fact → (documents, example statement) for every fact touched, from what the summary
        holds of them (`_counts_and_examples`); gone facts left out."""
        counted: dict[str, tuple[int, str]] = {}
        again: list[str] = []  # facts whose example went with its document: counted in full
        for fact, delta in sorted(self.fact_delta.items()):
            documents, example = stored.get(fact, (0, None))
            written = self.smallest_written.get(fact)
            if example is not None and _statement_graph(example) in self.touched and written != example:
                again.append(fact)
                continue
            candidates = [c for c in (example, written) if c is not None]
            if documents + delta > 0 and candidates:
                counted[fact] = (documents + delta, min(candidates))
        return counted | _count_facts(self.store, _values("s", again))

    def _entities(self, stored: dict[str, tuple[int, str | None]]) -> dict[str, tuple[int, str]]:
        """Entity → (documents mentioning it, first graph mentioning or describing it), for every
        entity touched, from what the summary holds of them (`_counts_and_examples`); entities no graph
        holds any more left out."""
        counted: dict[str, tuple[int, str]] = {}
        again: list[str] = []  # new entities, and those their first document lost: counted in full
        for entity, delta in sorted(self.entity_delta.items()):
            documents, document = stored.get(entity, (0, None))
            first = graph_iri(document) if document is not None else None
            written = self.smallest_written.get(entity)
            if first is None or (first in self.touched and written != first):
                again.append(entity)
                continue
            counted[entity] = (documents + delta, min(first, written) if written else first)
        return counted | _count_entities(self.store, _values("e", again))


def _statement_graph(statement: str) -> str:
    """The graph of a document's statement: its IRI is `<document>/<kind>/<hash>` (`fact_iri`)."""
    return graph_iri(statement.rsplit("/", 2)[0])


def _counts_and_examples(stored: list[tuple[ox.NamedNode, ox.NamedNode, ox.Term]],
                         example: str) -> dict[str, tuple[int, str | None]]:
    """Node → (its stored kg:documentCount, its stored `example` property's value), from the
    summary's triples about the nodes (`_node_triples`)."""
    counts = {s.value: int(o.value) for s, p, o in stored if p.value == f"{KG}documentCount"}
    examples = {s.value: o.value for s, p, o in stored if p.value == f"{KG}{example}"}
    return {node: (count, examples.get(node)) for node, count in counts.items()}


def _count_facts(store: Store, blocks: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Fact → (documents stating it, smallest statement IRI), counted by the store: each block
    (`_values`) names facts (?s) or the graphs to count in (?g); "" counts every fact in every
    graph. A fact no document states any more has no entry."""
    counted: dict[str, tuple[int, str]] = {}
    for values in blocks:
        for row in store.query(sparql_prologue() + f"""SELECT ?s (COUNT(DISTINCT ?g) AS ?n) (MIN(STR(?f)) AS ?x)
            WHERE {{ {values} GRAPH ?g {{ ?f prov:specializationOf ?s }} }} GROUP BY ?s"""):
            counted[row["s"].value] = (int(row["n"].value), row["x"].value)
    return counted


def _count_entities(store: Store, blocks: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Entity → (documents mentioning it, first graph mentioning or describing it), counted by
    the store: each block names entities (?e) or graphs (?g), as for `_count_facts`."""
    counted: dict[str, tuple[int, str]] = {}
    for values in blocks:
        for row in store.query(sparql_prologue() + f"""SELECT ?e (COUNT(DISTINCT ?m) AS ?n) (MIN(STR(?g)) AS ?first)
            WHERE {{ {values}
              {{ GRAPH ?g {{ ?d kg:mentions ?e }} BIND(?g AS ?m) }}
              UNION {{ GRAPH ?g {{ ?e a ?c FILTER(?c IN ({_CLASSES})) }} }}
              {_NOT_DOCUMENTS} }} GROUP BY ?e"""):
            counted[row["e"].value] = (int(row["n"].value), row["first"].value)
    return counted


def _fact_lines(store: Store, facts: dict[str, tuple[int, str]]) -> Iterator[str]:
    """N-Triples lines of the summary of each fact, from its count and its example statement."""
    examples = {example: fact for fact, (_, example) in facts.items()}
    for fact, (documents, example) in sorted(facts.items()):
        yield f"<{fact}> <{KG}documentCount> \"{documents}\"^^<{term('xsd:integer')}> ."
        yield f"<{fact}> <{KG}example> <{example}> ."
    documents_of: dict[str, list[str]] = defaultdict(list)
    for values in _values("x", sorted(examples)):
        for row in store.query(f"SELECT ?x ?p ?o WHERE {{ {values} GRAPH ?g {{ ?x ?p ?o }} {_NOT_DOCUMENTS} }}"):
            node, predicate, obj = examples[row["x"].value], row["p"].value, row["o"]
            if predicate == term("prov:wasDerivedFrom"):
                documents_of[obj.value].append(node)
                yield f"<{node}> <{KG}exampleDocument> {obj} ."
            elif predicate == term("kg:evidence"):
                yield f"<{node}> <{KG}exampleEvidence> {obj} ."
            elif predicate not in _PER_STATEMENT:
                yield f"<{node}> <{predicate}> {obj} ."
    for values in _values("d", sorted(documents_of)):
        for row in store.query(sparql_prologue()
                               + f"SELECT ?d ?src WHERE {{ {values} GRAPH ?g {{ ?d kg:sourceFile ?src }} }}"):
            for node in documents_of[row["d"].value]:
                yield f"<{node}> <{KG}exampleSource> {row['src']} ."


def _entity_lines(store: Store, entities: dict[str, tuple[int, str]]) -> Iterator[str]:
    """N-Triples lines of the summary of each entity: its count, its class in the reference graph,
    its description and document as the first graph holding it gives them, and its display label
    (`display_label`)."""
    allowed = ", ".join(f"<{p}>" for p in _DESCRIPTIVE)
    pairs = sorted((entity, first) for entity, (_, first) in entities.items())
    for entity, (documents, _) in sorted(entities.items()):
        yield f"<{entity}> <{KG}documentCount> \"{documents}\"^^<{term('xsd:integer')}> ."
    for start in range(0, len(pairs), BATCH):
        chunk = pairs[start:start + BATCH]
        values = " ".join(f"(<{e}> <{g}>)" for e, g in chunk)
        names: dict[str, list[Name]] = defaultdict(list)
        for row in store.query(f"""SELECT ?e ?p ?o WHERE {{ VALUES (?e ?g) {{ {values} }}
                                     GRAPH ?g {{ ?e ?p ?o FILTER(?p IN ({allowed})) }} }}"""):
            yield f"{row['e']} {row['p']} {row['o']} ."
            if row["p"].value in _NAMES:
                names[row["e"].value].append(Name(_NAMES[row["p"].value], _FROM_DOCUMENT, row["o"]))
        # the class of a data-file entity, so that queries find entities of a type in this graph
        # alone, and its preferred labels, for the display label
        entity_values = " ".join(f"<{e}>" for e, _ in chunk)
        for row in store.query(f"""SELECT ?e ?p ?o WHERE {{ VALUES ?e {{ {entity_values} }}
                                     VALUES ?p {{ <{term('rdf:type')}> <{term('skos:prefLabel')}> }}
                                     GRAPH <{REFERENCE_GRAPH}> {{ ?e ?p ?o }} }}"""):
            if row["p"].value == term("rdf:type"):
                yield f"{row['e']} <{term('rdf:type')}> {row['o']} ."
            else:
                names[row["e"].value].append(Name(_NAMES[row["p"].value], _FROM_REFERENCE, row["o"]))
        for entity, found in sorted(names.items()):
            yield f"<{entity}> <{KG}displayLabel> {display_label(found)} ."
        by_graph: dict[str, list[str]] = defaultdict(list)
        for entity, graph in chunk:
            by_graph[graph].append(entity)
        graphs = " ".join(f"<{g}>" for g in sorted(by_graph))
        for row in store.query(sparql_prologue() + f"""SELECT ?g ?d ?src WHERE {{ VALUES ?g {{ {graphs} }}
                                     GRAPH ?g {{ ?d kg:sourceFile ?src }} }}"""):
            for entity in by_graph[row["g"].value]:
                yield f"<{entity}> <{KG}exampleDocument> {row['d']} ."
                yield f"<{entity}> <{KG}exampleSource> {row['src']} ."


def display_label(names: Iterable[Name]) -> ox.Literal:
    """The one name to show for an entity: a preferred label before a title, English before
    Dutch before another language, the data files' before the first describing document's, then
    the smallest. Written to the summary so that a query reads one value per entity, where
    looking in two graphs for a label in the right language took four lookups per row (a
    quarter of the time of `contributions` at 10,000 documents)."""

    def preference(name: Name) -> tuple[int, int, int, str, str]:
        language = name.literal.language or ""
        ranked = _LANGUAGES.index(language) if language in _LANGUAGES else len(_LANGUAGES)
        return name.kind, ranked, name.origin, language, name.literal.value

    return min(names, key=preference).literal


def _edge_updates() -> list[str]:
    """Update operations that bring the summary's edges in line with its facts, after the facts
    were rewritten: an edge stands while any fact states it. Both read every edge and every fact
    of the edges' classes (at 10,000 bench documents 272 edges and ~1,100 facts: ~27 ms) and
    write only what changed."""
    graph = f"GRAPH <{SUMMARY_GRAPH}>"
    updates = []
    for predicate in sorted({p for _, _, p, _ in EDGES}):
        stated = " UNION ".join(f"{{ ?f a <{term(c)}> ; <{term(s)}> ?s ; <{term(o)}> ?o }}"
                                for c, s, p, o in EDGES if p == predicate)
        edge = f"?s <{term(predicate)}> ?o"
        # MINUS: one anti-join; FILTER NOT EXISTS looked for the facts of each edge (1 s at 10,000)
        updates.append(f"DELETE {{ {graph} {{ {edge} }} }} WHERE {{ {graph} {{ {edge} MINUS {{ {stated} }} }} }}")
        updates.append(f"INSERT {{ {graph} {{ {edge} }} }} WHERE {{ {graph} {{ {stated} MINUS {{ {edge} }} }} }}")
    return updates


def _data(operation: str, lines: list[str]) -> list[str]:
    """An `INSERT DATA` or `DELETE DATA` operation of N-Triples lines in the summary graph; none
    for no lines."""
    body = "\n".join(lines)
    return [f"{operation} {{ GRAPH <{SUMMARY_GRAPH}> {{\n{body}\n}} }}"] if lines else []


def _node_triples(store: Store, nodes: list[str]) -> list[tuple[ox.NamedNode, ox.NamedNode, ox.Term]]:
    """The summary's triples about `nodes` (facts and entities), their edges left out (those are
    `_edge_updates`'): read once, for the stored counts and examples and for what changed."""
    not_edges = ", ".join(_EDGE_PREDICATES)
    return [(row["n"], row["p"], row["o"]) for values in _values("n", nodes) for row in store.query(
        f"SELECT ?n ?p ?o WHERE {{ {values} GRAPH <{SUMMARY_GRAPH}> {{ ?n ?p ?o FILTER(?p NOT IN ({not_edges})) }} }}")]


def _edges(store: Store) -> set[tuple[str, str, str]]:
    """The summary's edges, to count those a refresh wrote (at 10,000 bench documents: 272, 2 ms)."""
    predicates = " ".join(_EDGE_PREDICATES)
    return {(row["s"].value, row["p"].value, row["o"].value) for row in store.query(
        f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {predicates} }} GRAPH <{SUMMARY_GRAPH}> {{ ?s ?p ?o }} }}")}


def _values(name: str, iris: list[str] | None) -> Iterator[str]:
    """VALUES blocks of at most BATCH IRIs (none for no IRIs), or one empty string for None: no
    restriction, every node."""
    if iris is None:
        yield ""
        return
    for start in range(0, len(iris), BATCH):
        yield f"VALUES ?{name} {{ {' '.join(f'<{i}>' for i in iris[start:start + BATCH])} }}"


def _merged(counted: dict[str, tuple[int, str]], more: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """Counts of two sets of graphs that share none: documents added, the smaller example."""
    merged = dict(counted)
    for key, (documents, example) in more.items():
        if key in merged:
            documents, example = merged[key][0] + documents, min(merged[key][1], example)
        merged[key] = (documents, example)
    return merged


def _graphs(store: Store) -> set[str]:
    """Every named graph of the store (10,000 of them: 0.06 s)."""
    return {row["g"].value for row in store.query("SELECT ?g WHERE { GRAPH ?g { } }")}


def _exists(store: Store, graph: str) -> bool:
    return bool(store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))


def _has_documents(store: Store) -> bool:
    return bool(store.query(sparql_prologue() + "ASK { GRAPH ?g { ?d kg:contentHash ?h ; kg:sourceFile ?f } }"))
