"""One extracted `Doc` → the quads of its named graph, per the vocabulary in `ontology/kg.ttl`.

Everything drawn from a document goes into the document's own graph, so replacing it on a
rebuild is atomic — except the triples the reference graph (`kg.rdf.reference`: what kg's data
files say about the entities they define) already holds, which are left out. Every quad is
written to six indexes and compacted again as the store grows, so provenance is kept lean:
`kg:mentions` once per entity a document names, and where it names them in ONE literal per
document (`kg:mentionOffsets`, JSON: entity IRI → [[start, end], …]). A node per entity per
document (two more quads each, and an IRI of its own) made mentions 53 % of a build's quads
and twice the store's size (bench, 10,000 documents: 1.51 → 0.86 GB written, writer CPU −32 %).

The mapping of fact kinds to classes and properties is data (`FACTS`), not code: adding a fact
kind means adding a row there, its terms to `ontology/kg.ttl` and a shape to
`ontology/shapes.ttl`. Output is deterministic (no blank nodes; fact IRIs hash what the fact
states), so the same `Doc` always gives the same quads.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.ingest.kamerstuk import publication_url, split_identifier
from kg.model import ENTITY_TYPES, Doc, Entity, Fact, Mention
from kg.namespaces import (
    PREFIXES,
    document_iri,
    entity_iri,
    fact_iri,
    general_fact_iri,
    graph_iri,
    term,
)
from kg.rdf.reference import REFERENCE_GRAPH, reference_entities

log = logging.getLogger(__name__)

Term = NamedNode | Literal
Triple = tuple[NamedNode, NamedNode, Term]


@lru_cache(maxsize=None)
def iri(prefixed: str) -> NamedNode:
    """`kg:Document` → NamedNode; cached because the same few predicates recur in every quad."""
    return NamedNode(term(prefixed))


@lru_cache(maxsize=None)
def _predicate(prefixed: str) -> str:
    """`kg:Document` → its N-Triples form, for `_Writer.add`."""
    return str(iri(prefixed))


@lru_cache(maxsize=1 << 16)
def _entity_node(key: str) -> NamedNode:
    """The node of an entity key; cached because a document names each of its ~100 entities in
    two to four places, and gazetteer entities recur in every document (3 µs to build one)."""
    return NamedNode(entity_iri(key))


@lru_cache(maxsize=1 << 16)
def _entity_printed(key: str) -> str:
    """`_entity_node(key)` in N-Triples (`<…>`), for `_entity`."""
    return str(_entity_node(key))


# --- literals ------------------------------------------------------------------------------


def _string(value: Any) -> Literal:
    return Literal(str(value))


def _integer(value: Any) -> Literal:
    if isinstance(value, bool):  # bool is an int in Python; a flag here is an extractor bug
        raise ValueError(f"expected an integer, got {value!r}")
    return Literal(str(int(value)), datatype=iri("xsd:integer"))


def _decimal(value: Any) -> Literal:
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    # str() first so 1.48 stays 1.48 (not its binary expansion); "f" avoids the 1E+3 form,
    # which is not in the lexical space of xsd:decimal; normalize() gives the canonical form
    # stores keep ("51500000000.0" → "51500000000"), so a graph read back equals the one written
    text = format(Decimal(str(value)).normalize(), "f")
    return Literal(text, datatype=iri("xsd:decimal"))


def _boolean(value: Any) -> Literal:
    if not isinstance(value, bool):
        raise ValueError(f"expected a boolean, got {value!r}")
    return Literal("true" if value else "false", datatype=iri("xsd:boolean"))


def _gyear(value: Any) -> Literal:
    text = str(value)
    if isinstance(value, bool) or not re.fullmatch(r"-?\d{4,}", text):
        raise ValueError(f"expected a year, got {value!r}")
    return Literal(text, datatype=iri("xsd:gYear"))


#: Python value → typed literal, by the datatype named in `FACTS`.
LITERALS: dict[str, Callable[[Any], Literal]] = {
    "string": _string,
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
    "gYear": _gyear,
}

#: ISO 8601 dates, full or reduced, and the XSD type each form has (in `dcterms:date`).
DATE_FORMS: tuple[tuple[str, str], ...] = (
    (r"\d{4}-\d{2}-\d{2}", "xsd:date"),
    (r"\d{4}-\d{2}", "xsd:gYearMonth"),
    (r"\d{4}", "xsd:gYear"),
)


def date_literal(date: str) -> Literal:
    """A metadata date typed by its precision; any other form stays a plain string, which the
    `dcterms:date` shape then reports — bad metadata is a finding, not a crash."""
    for pattern, datatype in DATE_FORMS:
        if re.fullmatch(pattern, date):
            return Literal(date, datatype=iri(datatype))
    return Literal(date)


# --- the tables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FactSpec:
    """How one fact kind is written.

    `roles`: role name → property whose object is the role's entity. `values`: value name →
    (property, datatype of `LITERALS`); a list value gives one literal per item. `direct`:
    (subject, predicate, object) triples that give SPARQL a one-hop path, each end being
    `doc`, `fact`, `role:<name>` or `value:<name>`; a triple whose role or value is absent
    is left out. `general`: the statement is one fact whichever document makes it (a
    contribution, a spending figure), so it points to a document-independent node
    (`prov:specializationOf`) that `kg.summary` counts; False where the document is part of
    what is stated (question 4 of this consultation). `own_when`: a boolean value that, when
    true, makes the document part of a general fact's node (a motion document's reference to
    itself is about that document alone, though the fact names no entity for it).
    """

    cls: str
    roles: dict[str, str]
    values: dict[str, tuple[str, str]] = field(default_factory=dict)
    direct: tuple[tuple[str, str, str], ...] = ()
    general: bool = True
    own_when: str | None = None


#: fact kind → how it is written; the single place the fact vocabulary of /tmp/vocab.md lives.
FACTS: dict[str, FactSpec] = {
    "depends_on": FactSpec(
        cls="kg:Dependence",
        roles={"mission": "kg:mission", "provider": "kg:provider"},
        values={"enabler": ("kg:enabler", "string")},
        direct=(("role:mission", "kg:dependsOn", "role:provider"),),
    ),
    "contributes": FactSpec(
        cls="kg:Contribution",
        roles={"country": "kg:country", "mission": "kg:mission"},
        values={
            "amount": ("kg:amount", "decimal"),
            "amount_max": ("kg:amountMax", "decimal"),
            "unit": ("kg:unit", "string"),
            "year": ("kg:year", "gYear"),
            "qualifier": ("kg:qualifier", "string"),
        },
        direct=(("role:country", "kg:contributesTo", "role:mission"),),
    ),
    "leads": FactSpec(
        cls="kg:Leadership",
        roles={"leader": "kg:leader", "led": "kg:led"},
        values={"role": ("kg:role", "string")},
        direct=(("role:leader", "kg:leads", "role:led"),),
    ),
    "cites": FactSpec(
        cls="kg:Citation",
        roles={"cited": "kg:cited"},
        direct=(("doc", "cito:cites", "role:cited"),),
    ),
    "motions": FactSpec(
        cls="kg:MotionReference",
        roles={"motion": "kg:motion", "kamerstuk": "kg:kamerstuk"},
        values={"submitters": ("kg:submitterName", "string"), "self": ("kg:self", "boolean")},
        direct=(
            ("doc", "kg:refersTo", "role:motion"),
            ("role:motion", "kg:kamerstuk", "role:kamerstuk"),
            ("role:motion", "kg:submitterName", "value:submitters"),
        ),
        own_when="self",
    ),
    "questions": FactSpec(
        cls="kg:Question",
        roles={"party": "kg:party"},
        values={
            "number": ("kg:questionNumber", "integer"),
            "answered": ("kg:answered", "boolean"),
            "answered_with": ("kg:answeredWith", "integer"),
            "refers_to": ("kg:answerRefersTo", "integer"),
        },
        direct=(("doc", "kg:hasQuestion", "fact"),),
        general=False,
    ),
    "votes": FactSpec(
        cls="kg:Vote",
        roles={"motion": "kg:motion", "party": "kg:party", "person": "kg:voter"},
        values={
            "choice": ("kg:choice", "string"),
            "seats": ("kg:seats", "integer"),
            "mistake": ("kg:mistake", "boolean"),
            "decision": ("kg:decision", "string"),
        },
        direct=(("role:party", "kg:votedOn", "role:motion"), ("role:person", "kg:votedOn", "role:motion")),
    ),
    "spending": FactSpec(
        cls="kg:SpendingFigure",
        roles={"country": "kg:country"},
        values={
            "year": ("kg:year", "gYear"),
            "percent_gdp": ("kg:percentGDP", "decimal"),
            "amount": ("kg:amount", "decimal"),
            "currency": ("kg:currency", "string"),
        },
    ),
}


def _wikidata(value: str) -> NamedNode:
    """`Q30` (or its full entity IRI) → `wd:Q30`."""
    qid = value.rsplit("/", 1)[-1]
    if not re.fullmatch(r"Q\d+", qid):
        raise ValueError(f"not a Wikidata item: {value!r}")
    return NamedNode(PREFIXES["wd"] + qid)


#: external id scheme in `Entity.ids` → (property, object maker).
IDS: dict[str, tuple[str, Callable[[str], Term]]] = {
    "iso3166": ("skos:notation", _string),
    "wikidata": ("skos:exactMatch", _wikidata),
    "tk_person": ("kg:tkPersonId", _string),
    "parlement_com": ("kg:parlementComId", _string),
    "tk_fractie": ("kg:tkFractieId", _string),
    "tk_zaak": ("kg:zaakNumber", _string),
    "tk_document": ("kg:tkDocumentNumber", _string),
}


def official_publication(ref: str) -> NamedNode | None:
    """The officielebekendmakingen.nl address of a Kamerstuk named by dossier and number
    (`28676-346` → …/kst-28676-346); None for a zaak or document number, which KOOP does not
    publish under."""
    identifier = f"kst-{ref}"
    return NamedNode(publication_url(identifier)) if split_identifier(identifier) else None

#: `DocumentMeta` field → property; list fields give one literal per item. `date` is typed
#: by `date_literal` and `identifier` also decides the Kamerstuk typing, see `_document`.
META: dict[str, str] = {
    "identifier": "dcterms:identifier",
    "dossier": "kg:dossier",
    "number": "kg:number",
    "doc_type": "kg:docType",
    "title": "dcterms:title",
    "minister": "kg:minister",
    "submitters": "kg:submitter",
}

#: Language of `Entity.label` when `Entity.labels` does not give it one: gazetteer labels are
#: English, but a motion is named the Dutch way ("motie Koopmans c.s.").
LABEL_LANGUAGE: dict[str, str] = {"Motion": "nl"}
DEFAULT_LABEL_LANGUAGE = "en"


# --- conversion ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    """The triples of one document's graph as N-Triples lines, and what had to be left out.

    `skipped` names every mention or fact whose entity key is not in `Doc.entities` — an
    extractor inconsistency worth counting, not worth failing a build over.
    """

    graph: NamedNode
    lines: list[str]
    skipped: list[str]

    @property
    def quads(self) -> list[Quad]:
        """The lines as quads of `graph`, in the same order."""
        return [Quad(q.subject, q.predicate, q.object, self.graph)
                for q in parse("\n".join(self.lines), format=RdfFormat.N_TRIPLES)]


class _Writer:
    """Collects the triples of one named graph, dropping exact repeats but keeping first-seen
    order (two contributions of one country to one mission give one direct triple), and
    dropping what the reference graph already says.

    It keeps N-Triples lines, not `Quad`s: the build sends text to the store anyway, and a line
    costs 0.55 µs where building a `Quad` costs 1.6 µs and printing it again 0.8 µs. pyoxigraph
    prints the terms, so a line is its triple's canonical form: equal triples, equal lines."""

    def __init__(self, reference: frozenset[Triple]):
        self.lines: dict[str, None] = {}
        self.reference = reference

    def add(self, subject: NamedNode | str, predicate: str, obj: Term | str) -> None:
        """A triple; a `str` subject or object is a term already in N-Triples (see `_entity`)."""
        self.lines[f"{subject} {_predicate(predicate)} {obj} ."] = None

    def describe(self, entity: Entity, surface_forms: frozenset[str]) -> None:
        """`describe(entity, surface_forms)` less the reference triples, as lines. Cached: a
        gazetteer, country or party entity is described alike in most documents naming it,
        and making its terms and printing them cost half of the conversion (`_DESCRIPTIONS`)."""
        key = (entity.key, entity.type, entity.label, tuple(entity.labels.items()), tuple(entity.ids.items()),
               surface_forms.union(entity.alt_labels), self.reference)
        lines = _DESCRIPTIONS.get(key)
        if lines is None:
            if len(_DESCRIPTIONS) >= DESCRIPTIONS_KEPT:
                _DESCRIPTIONS.clear()
            lines = _DESCRIPTIONS[key] = tuple(
                "%s %s %s ." % triple for triple in describe(entity, surface_forms) if triple not in self.reference)
        self.lines.update(dict.fromkeys(lines))


#: How many entity descriptions `_Writer.describe` keeps (a few hundred bytes each); when full it
#: starts again, which costs a rebuild of the ones still in use and nothing else.
DESCRIPTIONS_KEPT = 1 << 15
#: (entity fields, labels the document adds, reference) → the description's lines
_DESCRIPTIONS: dict[tuple, tuple[str, ...]] = {}


def convert(doc: Doc, content_hash: str, reference: frozenset[Triple] | None = None) -> Conversion:
    """The full result of turning `doc` into quads (see `doc_to_quads`)."""
    meta = doc.document.meta
    doc_node = NamedNode(document_iri(meta.identifier, doc.document.source.stem))
    out = _Writer(reference_triples() if reference is None else reference)
    skipped: list[str] = []

    _document(out, doc, doc_node, content_hash)

    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in doc.mentions:
        if mention.key in doc.entities:
            by_key[mention.key].append(mention)
        else:
            skipped.append(f"mention {mention.text!r} at {mention.start}: unknown entity {mention.key!r}")
    doc_printed = str(doc_node)
    spans: dict[str, list[tuple[int, int]]] = {}
    offsets = doc.offsets
    for key, entity in doc.entities.items():
        mentions = by_key.get(key, [])
        _entity(out, doc_node, doc_printed, entity, mentions)
        if mentions:  # `Doc.raw_span` written out: a document has ~350 mentions, none of them empty
            spans[_entity_node(key).value] = sorted({(offsets[m.start], offsets[m.end - 1] + 1) for m in mentions})
    if spans:
        out.add(doc_printed, "kg:mentionOffsets", mention_offsets(spans))

    written: set[str] = set()
    # By position, so that a statement made twice keeps its first passage as evidence.
    for fact in sorted(doc.facts, key=lambda f: (f.start, f.end)):
        spec = _spec(fact)
        missing = sorted(k for k in fact.roles.values() if k not in doc.entities)
        if missing:
            skipped.append(f"{fact.kind} fact at {fact.start}: unknown entit{'y' if len(missing) == 1 else 'ies'} "
                           + ", ".join(map(repr, missing)))
            continue
        values = {k: v for k, v in fact.values.items() if v is not None and v != []}
        stated = (_canonical(fact.roles), _canonical(values))
        node = NamedNode(fact_iri(doc_node.value, fact.kind, *stated))
        if node.value not in written:
            written.add(node.value)
            _fact(out, doc, doc_node, node, fact, spec, values)
            if spec.general:
                own = (doc_node.value,) if spec.own_when and values.get(spec.own_when) else ()
                out.add(node, "prov:specializationOf", NamedNode(general_fact_iri(fact.kind, *stated, *own)))

    return Conversion(NamedNode(graph_iri(doc_node.value)), list(out.lines), skipped)


def doc_to_quads(doc: Doc, content_hash: str, reference: frozenset[Triple] | None = None) -> list[Quad]:
    """The quads of `doc`'s named graph: its document node, entities, occurrences and facts.

    `content_hash` identifies the input the graph was built from (file + sidecar + pipeline
    version) so a rebuild can skip unchanged documents. Triples in `reference` (default: the
    reference graph's, `kg.rdf.reference`) are left out; `frozenset()` gives the graph whole. Raises ValueError for a fact kind,
    role, value or id scheme this module does not know (a programming error); entity keys
    missing from `doc.entities` are skipped and logged (use `convert` to get the count).
    """
    return _logged(doc, convert(doc, content_hash, reference)).quads


def doc_to_ntriples(doc: Doc, content_hash: str, reference: frozenset[Triple] | None = None) -> list[str]:
    """The triples of `doc_to_quads` as N-Triples lines, in the same order: what a build worker
    sends to the writer (text pickles cheaply, and the store parses N-Triples fastest)."""
    return _logged(doc, convert(doc, content_hash, reference)).lines


def _logged(doc: Doc, result: Conversion) -> Conversion:
    for message in result.skipped:
        log.warning("%s: %s", doc.document.name, message)
    return result


@lru_cache(maxsize=1)
def reference_triples() -> frozenset[Triple]:
    """The triples of the reference graph (without its marker), to leave out of document graphs."""
    return frozenset(t for entity in reference_entities() for t in describe(entity))


def reference_quads(fingerprint: str) -> list[Quad]:
    """The whole reference graph: the descriptions, and the fingerprint they were made with."""
    graph = NamedNode(REFERENCE_GRAPH)
    marker = (graph, iri("kg:contentHash"), Literal(fingerprint))
    return [Quad(s, p, o, graph) for s, p, o in sorted(reference_triples() | {marker}, key=str)]


def _canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def _spec(fact: Fact) -> FactSpec:
    spec = FACTS.get(fact.kind)
    if spec is None:
        raise ValueError(f"unknown fact kind {fact.kind!r} (known: {', '.join(FACTS)})")
    for names, known, what in ((fact.roles, spec.roles, "role"), (fact.values, spec.values, "value")):
        unknown = sorted(set(names) - set(known))
        if unknown:
            raise ValueError(f"{fact.kind} fact: unknown {what}(s) {unknown} (known: {sorted(known)})")
    return spec


def _literals(value: Any, datatype: str) -> list[Literal]:
    items = value if isinstance(value, (list, tuple)) else [value]
    return [LITERALS[datatype](item) for item in items]


def _document(out: _Writer, doc: Doc, node: NamedNode, content_hash: str) -> None:
    meta = doc.document.meta
    out.add(node, "rdf:type", iri("kg:Document"))
    # A document with an official kst- id *is* that Kamerstuk (document_iri gives it the
    # Kamerstuk's IRI), so citations of it elsewhere reach this node.
    if meta.identifier and meta.identifier.startswith("kst-"):
        out.add(node, "rdf:type", iri("kg:Kamerstuk"))
        out.add(node, "skos:notation", Literal(meta.identifier[4:]))
        if (page := official_publication(meta.identifier[4:])) is not None:
            out.add(node, "kg:officialPublication", page)
    for name, prop in META.items():
        value = getattr(meta, name)
        if value:
            for literal in _literals(value, "string"):
                out.add(node, prop, literal)
    if meta.date:
        out.add(node, "dcterms:date", date_literal(meta.date))
    out.add(node, "kg:sourceFile", Literal(doc.document.name))
    out.add(node, "kg:contentHash", Literal(content_hash))
    out.add(node, "kg:encoding", Literal(doc.document.encoding))


def describe(entity: Entity, surface_forms: set[str] = frozenset()) -> list[Triple]:
    """What kg says about an entity wherever it occurs: type, labels, identifiers.

    `surface_forms` (the texts it was mentioned by) become alternative labels. Used for the
    reference graph and for each document's graph alike, so a document's description of a
    data-file entity is, triple for triple, the reference one plus what the document adds.
    """
    if entity.type not in ENTITY_TYPES:
        raise ValueError(f"entity {entity.key!r}: unknown type {entity.type!r}")
    node = _entity_node(entity.key)
    triples: list[Triple] = [(node, iri("rdf:type"), iri(f"kg:{entity.type}"))]

    # `labels` wins per language; `label` fills its language only when that one is free.
    labels = dict(entity.labels)
    if entity.label not in labels.values():
        labels.setdefault(LABEL_LANGUAGE.get(entity.type, DEFAULT_LABEL_LANGUAGE), entity.label)
    for lang in sorted(labels):
        triples.append((node, iri("skos:prefLabel"), Literal(labels[lang], language=lang)))
    for alt in sorted((entity.alt_labels | surface_forms) - set(labels.values())):
        triples.append((node, iri("skos:altLabel"), Literal(alt)))

    if entity.type == "Kamerstuk":
        ref = entity.key.split("/", 1)[1]
        triples.append((node, iri("skos:notation"), Literal(ref)))
        if (page := official_publication(ref)) is not None:
            triples.append((node, iri("kg:officialPublication"), page))
    for scheme in sorted(entity.ids):
        if scheme not in IDS:
            raise ValueError(f"entity {entity.key!r}: unknown id scheme {scheme!r} (known: {', '.join(IDS)})")
        prop, make = IDS[scheme]
        triples.append((node, iri(prop), make(entity.ids[scheme])))
    return triples


def _entity(out: _Writer, doc_node: NamedNode, doc_printed: str, entity: Entity, mentions: list[Mention]) -> None:
    """The entity's description and its mention by the document; the mention is written as text
    (a document has ~100 entities, and making a term for each of them to print it again cost a
    tenth of the conversion)."""
    out.describe(entity, frozenset([m.text for m in mentions]))
    if _entity_node(entity.key) != doc_node:  # a document may carry its own ids as an entity; it does not mention itself
        out.add(doc_printed, "kg:mentions", _entity_printed(entity.key))


def mention_offsets(spans: dict[str, list[tuple[int, int]]]) -> str:
    """The `kg:mentionOffsets` literal, in N-Triples: entity IRI → its [start, end] spans in the
    original file (end exclusive, ascending), keys sorted, as compact JSON typed `rdf:JSON`."""
    # written out rather than by json.dumps and Literal (a tenth of the conversion): an entity
    # IRI holds no quote or backslash (`entity_iri` percent-encodes), so the JSON needs no
    # escaping, and N-Triples only that of the JSON's own quotes
    pairs = (f'\\"{entity}\\":[{",".join(f"[{start},{end}]" for start, end in spans[entity])}]'
             for entity in sorted(spans))
    return f'"{{{",".join(pairs)}}}"^^<{term("rdf:JSON")}>'


def read_mention_offsets(literal: str) -> dict[str, list[tuple[int, int]]]:
    """The spans a `kg:mentionOffsets` value gives per entity IRI (the inverse of `mention_offsets`)."""
    return {entity: [(start, end) for start, end in spans] for entity, spans in json.loads(literal).items()}


def _fact(out: _Writer, doc: Doc, doc_node: NamedNode, node: NamedNode, fact: Fact, spec: FactSpec,
          values: dict[str, Any]) -> None:
    start, end = doc.raw_span(fact.start, fact.end)
    out.add(node, "rdf:type", iri(spec.cls))
    out.add(node, "prov:wasDerivedFrom", doc_node)
    out.add(node, "kg:evidence", Literal(doc.text[fact.start:fact.end]))
    out.add(node, "kg:start", _integer(start))
    out.add(node, "kg:end", _integer(end))
    for role, key in fact.roles.items():
        out.add(node, spec.roles[role], _entity_node(key))
    for name, value in values.items():
        prop, datatype = spec.values[name]
        for literal in _literals(value, datatype):
            out.add(node, prop, literal)

    def ends(ref: str) -> list[Term]:
        if ref == "doc":
            return [doc_node]
        if ref == "fact":
            return [node]
        where, name = ref.split(":", 1)
        if where == "role":
            return [_entity_node(fact.roles[name])] if name in fact.roles else []
        return _literals(values[name], spec.values[name][1]) if name in values else []

    for subject_ref, predicate, object_ref in spec.direct:
        for subject in ends(subject_ref):
            for obj in ends(object_ref):
                out.add(subject, predicate, obj)
