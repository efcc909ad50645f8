"""kg/rdf/triples.py: a hand-built Doc → the quads of its named graph (tests/test_rdf_*)."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF

from kg.model import Doc, Document, DocumentMeta, Entity, Fact, Mention
from kg.namespaces import KG, PREFIXES, document_iri, entity_iri, graph_iri
from kg.rdf.triples import FACTS, convert, describe, doc_to_quads, read_mention_offsets, reference_quads, reference_triples
from kg.rdf.validate import store_graph, to_dataset, validate
from kg.resources import resource_dir
from kg.store import Store

SKOS = Namespace(PREFIXES["skos"])
PROV = Namespace(PREFIXES["prov"])
CITO = Namespace(PREFIXES["cito"])
DCT = Namespace(PREFIXES["dcterms"])
KGNS = Namespace(KG)
XSD = Namespace(PREFIXES["xsd"])  # not rdflib.namespace.XSD: pytest trips over its attribute lookup
HASH = "0" * 63 + "1"
WHOLE = frozenset()  # no reference graph to leave out: the document's graph on its own, whole
SHY = "\u00ad"  # a soft hyphen: in the file, dropped from the normalised text

HEADER = "Tweede Kamer der Staten-Generaal\n\n"
BODY = (
    "Neder" + SHY + "land levert in 2020 ongeveer 270 militairen aan enhanced Forward Presence. "
    "Zo is Nederland afhankelijk van Amerikaanse enablers voor Resolute Support. "
    "Duitsland is framework nation van TAAC-North. "
    "Zie Kamerstuk 28676, nr. 347. "
    "De motie Koopmans c.s. (Kamerstuk 33694, nr. 43) vraagt om meer. "
    "Vraag 1 van de GroenLinks-fractie: hoe staat het? "
    "In 2020 besteedde Nederland 1,48% van het bbp aan defensie, zoals de Defence Investment "
    "Pledge van de NAVO-top Wales 2014 vraagt."
)


def build(raw: str, source: str, meta: DocumentMeta) -> Doc:
    """A Doc whose normalised text is `raw` without soft hyphens, with the offset map to match."""
    keep = [i for i, c in enumerate(raw) if c != SHY]
    return Doc(
        document=Document(source=Path(source), raw=raw, meta=meta),
        text="".join(raw[i] for i in keep),
        offsets=keep + [len(raw)],
    )


def mention(doc: Doc, surface: str, key: str, nth: int = 0) -> None:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(surface, start + 1)
    doc.mentions.append(Mention(start, start + len(surface), surface, key.split("/")[0], key, "test"))


def sentence(doc: Doc, opening: str) -> tuple[int, int]:
    """The span of the sentence that begins with `opening`."""
    start = doc.text.index(opening)
    stop = re.compile(r"[.?](?=\s+[A-Z]|$)").search(doc.text, start)
    assert stop is not None
    return start, stop.end()


def fact(doc: Doc, kind: str, opening: str, roles: dict, values: dict) -> None:
    doc.facts.append(Fact(kind, roles, values, *sentence(doc, opening)))


ENTITIES = [
    Entity("Country/NL", "Country", "Netherlands", {"en": "Netherlands", "nl": "Nederland"},
           {"iso3166": "NL", "wikidata": "Q55"}),
    Entity("Country/US", "Country", "United States", {"en": "United States", "nl": "Verenigde Staten"},
           {"iso3166": "US", "wikidata": "http://www.wikidata.org/entity/Q30"}, {"VS"}),
    Entity("Country/DE", "Country", "Germany", {"nl": "Duitsland"}, {"iso3166": "DE"}),
    Entity("Mission/enhanced-forward-presence", "Mission", "enhanced Forward Presence", alt_labels={"eFP"}),
    Entity("Mission/resolute-support-mission", "Mission", "Resolute Support Mission"),
    Entity("Organisation/taac-north", "Organisation", "Train Advise Assist Command - North"),
    Entity("Capability/enablers", "Capability", "enablers"),
    Entity("Kamerstuk/28676-347", "Kamerstuk", "Kamerstuk 28676-347"),
    Entity("Kamerstuk/33694-43", "Kamerstuk", "Kamerstuk 33694-43"),
    Entity("Motion/motie-koopmans-cs", "Motion", "motie Koopmans c.s."),
    Entity("Person/koopmans", "Person", "Koopmans", ids={"tk_person": "abc-123", "parlement_com": "y7ts"}),
    Entity("Party/groenlinks", "Party", "GroenLinks"),
    Entity("Initiative/defence-investment-pledge", "Initiative", "Defence Investment Pledge"),
    Entity("Meeting/navo-top-wales-2014", "Meeting", "NATO Summit Wales 2014"),
]

MENTIONS = [
    ("Nederland", "Country/NL", 0), ("Nederland", "Country/NL", 1), ("Nederland", "Country/NL", 2),
    ("Amerikaanse", "Country/US", 0), ("Duitsland", "Country/DE", 0),
    ("enhanced Forward Presence", "Mission/enhanced-forward-presence", 0),
    ("Resolute Support", "Mission/resolute-support-mission", 0),
    ("TAAC-North", "Organisation/taac-north", 0), ("enablers", "Capability/enablers", 0),
    ("Kamerstuk 28676, nr. 347", "Kamerstuk/28676-347", 0),
    ("Kamerstuk 33694, nr. 43", "Kamerstuk/33694-43", 0),
    ("motie Koopmans c.s.", "Motion/motie-koopmans-cs", 0), ("Koopmans", "Person/koopmans", 0),
    ("GroenLinks", "Party/groenlinks", 0),
    ("Defence Investment Pledge", "Initiative/defence-investment-pledge", 0),
    ("NAVO-top Wales 2014", "Meeting/navo-top-wales-2014", 0),
]

META = DocumentMeta(
    identifier="kst-28676-346", dossier="28676", number="346", doc_type="verslag schriftelijk overleg",
    date="2020-10-20", title="NAVO; Verslag van een schriftelijk overleg", minister="A.Th.B. Bijleveld-Schouten",
)


def sample_doc(meta: DocumentMeta = META, source: str = "000_sample.txt") -> Doc:
    """A small document with entities of every type and facts of every kind."""
    doc = build(HEADER + BODY, source, meta)
    for entity in ENTITIES:
        doc.add_entity(Entity(entity.key, entity.type, entity.label, dict(entity.labels),
                              dict(entity.ids), set(entity.alt_labels)))
    for surface, key, nth in MENTIONS:
        mention(doc, surface, key, nth)
    fact(doc, "contributes", "Nederland levert",
         {"country": "Country/NL", "mission": "Mission/enhanced-forward-presence"},
         {"amount": 270, "unit": "military personnel", "year": 2020, "qualifier": "ongeveer"})
    fact(doc, "depends_on", "Zo is Nederland",
         {"mission": "Mission/resolute-support-mission", "provider": "Country/US"}, {"enabler": "enablers"})
    fact(doc, "leads", "Duitsland is", {"leader": "Country/DE", "led": "Organisation/taac-north"},
         {"role": "framework nation"})
    fact(doc, "cites", "Zie Kamerstuk", {"cited": "Kamerstuk/28676-347"}, {})
    fact(doc, "cites", "De motie", {"cited": "Kamerstuk/33694-43"}, {})
    fact(doc, "motions", "De motie",
         {"motion": "Motion/motie-koopmans-cs", "kamerstuk": "Kamerstuk/33694-43"},
         {"submitters": ["Koopmans"], "self": False})
    fact(doc, "questions", "Vraag 1", {"party": "Party/groenlinks"},
         {"number": 1, "answered": True, "answered_with": [2], "refers_to": None})
    fact(doc, "spending", "In 2020 besteedde", {"country": "Country/NL"}, {"year": 2020, "percent_gdp": 1.48})
    fact(doc, "votes", "De motie", {"motion": "Motion/motie-koopmans-cs", "party": "Party/groenlinks"},
         {"choice": "Voor", "seats": 8, "mistake": False, "decision": "Stemmen - aangenomen"})
    return doc


def motion_doc() -> Doc:
    """A motion document without official id: a kg:Document (not a Kamerstuk) that records itself."""
    doc = build("Motie van het lid Koopmans c.s. over enhanced Forward Presence.", "001_motie.txt",
                DocumentMeta(doc_type="motie", date="2021-03", submitters=["Koopmans", "Stoffer"]))
    doc.add_entity(Entity("Mission/enhanced-forward-presence", "Mission", "enhanced Forward Presence"))
    mention(doc, "enhanced Forward Presence", "Mission/enhanced-forward-presence")
    fact(doc, "motions", "Motie", {}, {"submitters": ["Koopmans", "Stoffer"], "self": True})
    return doc


def graph_of(doc: Doc, reference: frozenset = WHOLE) -> Graph:
    graph = Graph()
    for s, p, o, _ in to_dataset(doc_to_quads(doc, HASH, reference)).quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


DOC = URIRef(document_iri("kst-28676-346", "000_sample"))


def E(key: str) -> URIRef:
    return URIRef(entity_iri(key))


# --- named graph, both backends, conformance ----------------------------------------------


def test_rdf_every_quad_is_in_the_document_graph():
    quads = doc_to_quads(sample_doc(), HASH, WHOLE)
    assert {q.graph_name for q in quads} == {pyoxigraph.NamedNode(graph_iri(str(DOC)))}


def test_rdf_pyoxigraph_store_and_rdflib_dataset_hold_the_same_quads():
    quads = doc_to_quads(sample_doc(), HASH, WHOLE)
    store = pyoxigraph.Store()
    store.extend(quads)
    dataset = to_dataset(quads)
    assert len(store) == len(quads) == len(dataset)
    assert len(to_dataset(store)) == len(quads)


def test_rdf_written_to_the_kg_store_and_read_back_it_still_conforms(tmp_path: Path):
    quads = doc_to_quads(sample_doc(), HASH, WHOLE)
    store = Store(tmp_path / "store")
    store.replace_graphs([], graph_iri(str(DOC)), quads)
    graph = store_graph(store)
    assert len(graph) == len(quads)
    assert validate(graph).conforms


def test_rdf_sample_conforms_to_the_shapes():
    report = validate(to_dataset(doc_to_quads(sample_doc(), HASH, WHOLE)))
    assert report.conforms, report.text
    assert report.violations == []


def test_rdf_union_of_two_document_graphs_conforms():
    quads = doc_to_quads(sample_doc(), HASH, WHOLE) + doc_to_quads(motion_doc(), HASH, WHOLE)
    dataset = to_dataset(quads)
    assert len(set(dataset.graphs())) >= 2
    report = validate(dataset)
    assert report.conforms, report.text


def test_rdf_every_kg_term_the_code_emits_is_declared_in_the_ontology():
    ontology = Graph().parse(resource_dir("ontology") / "kg.ttl")
    declared = {
        kind: set(ontology.subjects(RDF.type, kind))
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    }
    emitted = graph_of(sample_doc()) + graph_of(motion_doc())
    classes = {o for o in emitted.objects(None, RDF.type) if str(o).startswith(KG)}
    predicates = {p for p in emitted.predicates() if str(p).startswith(KG)}
    assert classes - declared[OWL.Class] == set()
    for p in predicates:
        kinds = {type(o) for o in emitted.objects(None, p)}
        expected = OWL.ObjectProperty if kinds == {URIRef} else OWL.DatatypeProperty
        assert p in declared[expected], f"{p} not declared as {expected}"
    # The sample uses every class but the two abstract ones, so the check above covers them all.
    assert classes == declared[OWL.Class] - {KGNS.Entity, KGNS.Fact}


def test_rdf_reference_graph_holds_what_the_data_files_say_once():
    """A document's graph leaves out what the reference graph says; the union is unchanged."""
    doc = sample_doc()
    nl, us = (Entity("Country/NL", "Country", "Netherlands", {"en": "Netherlands", "nl": "Nederland"}, {"iso3166": "NL"}),
              Entity("Country/US", "Country", "United States", {"en": "United States"}, {"iso3166": "US"}))
    reference = frozenset(t for e in (nl, us) for t in describe(e))
    whole = set(doc_to_quads(doc, HASH, WHOLE))
    lean = set(doc_to_quads(doc, HASH, reference))
    assert lean < whole
    left_out = {(q.subject, q.predicate, q.object) for q in whole - lean}
    assert left_out <= reference
    assert {(q.subject, q.predicate, q.object) for q in lean} | left_out == {
        (q.subject, q.predicate, q.object) for q in whole}
    # what the document adds to a data-file entity stays in its graph: NL's Wikidata item, US's Dutch label
    g = graph_of(doc, reference)
    assert g.value(E("Country/NL"), SKOS.exactMatch) == URIRef("http://www.wikidata.org/entity/Q55")
    assert g.value(E("Country/NL"), SKOS.notation) is None
    assert set(g.objects(E("Country/US"), SKOS.prefLabel)) == {Literal("Verenigde Staten", lang="nl")}


def test_rdf_reference_graph_of_the_shipped_data_conforms_with_a_built_document():
    """The shipped data files' reference graph, with a document built against it, passes the shapes."""
    quads = reference_quads("fingerprint") + doc_to_quads(motion_doc(), HASH, reference_triples())
    report = validate(to_dataset(quads))
    assert report.conforms, report.text


def test_rdf_conversion_is_deterministic():
    first = doc_to_quads(sample_doc(), HASH, WHOLE)
    assert doc_to_quads(sample_doc(), HASH, WHOLE) == first
    shuffled = sample_doc()
    shuffled.facts.reverse()
    shuffled.mentions.reverse()
    assert set(doc_to_quads(shuffled, HASH, WHOLE)) == set(first)
    assert not any(isinstance(t, pyoxigraph.BlankNode) for q in first for t in (q.subject, q.object))


# --- document node ---------------------------------------------------------------------------


def test_rdf_document_node_from_meta():
    g = graph_of(sample_doc())
    assert set(g.objects(DOC, RDF.type)) == {KGNS.Document, KGNS.Kamerstuk}
    assert g.value(DOC, SKOS.notation) == Literal("28676-346")
    assert g.value(DOC, DCT.identifier) == Literal("kst-28676-346")
    assert g.value(DOC, KGNS.dossier) == Literal("28676")
    assert g.value(DOC, KGNS.number) == Literal("346")
    assert g.value(DOC, KGNS.docType) == Literal("verslag schriftelijk overleg")
    assert g.value(DOC, KGNS.minister) == Literal("A.Th.B. Bijleveld-Schouten")
    assert g.value(DOC, KGNS.sourceFile) == Literal("000_sample.txt")
    assert g.value(DOC, KGNS.contentHash) == Literal(HASH)
    assert g.value(DOC, KGNS.encoding) == Literal("utf-8")
    assert set(g.objects(DOC, KGNS.mentions)) == {E(e.key) for e in ENTITIES}


def test_rdf_document_without_official_id_is_not_a_kamerstuk():
    g = graph_of(motion_doc())
    doc = URIRef(document_iri(None, "001_motie"))
    assert set(g.objects(doc, RDF.type)) == {KGNS.Document}
    assert g.value(doc, SKOS.notation) is None
    assert set(g.objects(doc, KGNS.submitter)) == {Literal("Koopmans"), Literal("Stoffer")}


@pytest.mark.parametrize("date, datatype", [
    ("2020-10-20", XSD.date), ("2021-03", XSD.gYearMonth), ("2021", XSD.gYear), ("20 oktober 2020", None),
])
def test_rdf_document_date_is_typed_by_its_precision(date, datatype):
    meta = DocumentMeta(identifier="kst-28676-346", date=date)
    g = graph_of(sample_doc(meta))
    assert g.value(DOC, DCT.date) == Literal(date, datatype=datatype)
    report = validate(g)
    assert report.conforms == (datatype is not None)
    if datatype is None:  # a date that is no ISO 8601 form is reported, not dropped
        assert [v.path for v in report.violations] == [str(DCT.date)]


# --- entities and mentions ----------------------------------------------------------------


def test_rdf_entity_labels_carry_languages_and_surface_forms_become_alt_labels():
    g = graph_of(sample_doc())
    us = E("Country/US")
    assert set(g.objects(us, SKOS.prefLabel)) == {Literal("United States", lang="en"),
                                                   Literal("Verenigde Staten", lang="nl")}
    assert set(g.objects(us, SKOS.altLabel)) == {Literal("VS"), Literal("Amerikaanse")}
    # a surface form equal to a prefLabel is not repeated as an alt label
    assert set(g.objects(E("Country/NL"), SKOS.altLabel)) == set()
    # `label` fills the language `labels` leaves free: English by default, Dutch for a motion
    assert set(g.objects(E("Country/DE"), SKOS.prefLabel)) == {Literal("Germany", lang="en"),
                                                                Literal("Duitsland", lang="nl")}
    assert set(g.objects(E("Motion/motie-koopmans-cs"), SKOS.prefLabel)) == {
        Literal("motie Koopmans c.s.", lang="nl")}
    assert g.value(E("Mission/resolute-support-mission"), RDF.type) == KGNS.Mission


def test_rdf_external_ids():
    g = graph_of(sample_doc())
    assert g.value(E("Country/NL"), SKOS.notation) == Literal("NL")
    assert g.value(E("Country/NL"), SKOS.exactMatch) == URIRef("http://www.wikidata.org/entity/Q55")
    assert g.value(E("Country/US"), SKOS.exactMatch) == URIRef("http://www.wikidata.org/entity/Q30")
    assert g.value(E("Kamerstuk/28676-347"), SKOS.notation) == Literal("28676-347")
    assert g.value(E("Person/koopmans"), KGNS.tkPersonId) == Literal("abc-123")
    assert g.value(E("Person/koopmans"), KGNS.parlementComId) == Literal("y7ts")


def test_rdf_one_mention_per_entity_and_one_offsets_literal_with_raw_offsets():
    doc = sample_doc()
    g = graph_of(doc)
    assert set(g.objects(DOC, KGNS.mentions)) == {E(e.key) for e in ENTITIES}  # every sample entity is mentioned
    (offsets,) = g.objects(DOC, KGNS.mentionOffsets)  # the whole provenance of every mention
    assert offsets.datatype == RDF.JSON
    spans = read_mention_offsets(str(offsets))
    assert set(spans) == {str(E(e.key)) for e in ENTITIES}
    raw = doc.document.raw
    assert [raw[s:e] for s, e in spans[str(E("Country/NL"))]] == ["Neder" + SHY + "land", "Nederland", "Nederland"]
    assert all(span == sorted(span) for span in spans.values())


def test_rdf_an_entity_named_by_no_mention_has_no_offsets():
    doc = sample_doc()
    doc.mentions = [m for m in doc.mentions if m.key != "Country/NL"]
    g = graph_of(doc)
    assert str(E("Country/NL")) not in read_mention_offsets(str(g.value(DOC, KGNS.mentionOffsets)))
    assert (DOC, KGNS.mentions, E("Country/NL")) in g  # still named: its description is in the graph


# --- facts -----------------------------------------------------------------------------------


def test_rdf_fact_provenance_points_into_the_original_text():
    doc = sample_doc()
    g = graph_of(doc)
    (contribution,) = g.subjects(RDF.type, KGNS.Contribution)
    evidence = str(g.value(contribution, KGNS.evidence))
    assert evidence == "Nederland levert in 2020 ongeveer 270 militairen aan enhanced Forward Presence."
    start, end = int(g.value(contribution, KGNS.start)), int(g.value(contribution, KGNS.end))
    assert doc.document.raw[start:end].replace(SHY, "") == evidence
    assert end - start == len(evidence) + 1  # raw offsets: the span includes the file's soft hyphen
    assert g.value(contribution, PROV.wasDerivedFrom) == DOC


def test_rdf_fact_roles_qualifiers_and_datatypes():
    g = graph_of(sample_doc())
    (c,) = g.subjects(RDF.type, KGNS.Contribution)
    assert g.value(c, KGNS.country) == E("Country/NL")
    assert g.value(c, KGNS.mission) == E("Mission/enhanced-forward-presence")
    assert g.value(c, KGNS.amount) == Literal("270", datatype=XSD.decimal)
    assert g.value(c, KGNS.year) == Literal("2020", datatype=XSD.gYear)
    assert g.value(c, KGNS.qualifier) == Literal("ongeveer")
    (s,) = g.subjects(RDF.type, KGNS.SpendingFigure)
    assert g.value(s, KGNS.percentGDP) == Literal("1.48", datatype=XSD.decimal)
    (q,) = g.subjects(RDF.type, KGNS.Question)
    assert g.value(q, KGNS.questionNumber) == Literal("1", datatype=XSD.integer)
    assert g.value(q, KGNS.answered) == Literal("true", datatype=XSD.boolean)
    assert g.value(q, KGNS.answeredWith) == Literal("2", datatype=XSD.integer)
    assert g.value(q, KGNS.answerRefersTo) is None  # refers_to None: omitted
    assert g.value(q, KGNS.party) == E("Party/groenlinks")
    (m,) = g.subjects(RDF.type, KGNS.MotionReference)
    assert g.value(m, KGNS.self) == Literal("false", datatype=XSD.boolean)
    assert g.value(m, KGNS.submitterName) == Literal("Koopmans")


def test_rdf_direct_triples_give_one_hop_paths():
    g = graph_of(sample_doc())
    (question,) = g.subjects(RDF.type, KGNS.Question)
    expected = {
        (E("Country/NL"), KGNS.contributesTo, E("Mission/enhanced-forward-presence")),
        (E("Mission/resolute-support-mission"), KGNS.dependsOn, E("Country/US")),
        (E("Country/DE"), KGNS.leads, E("Organisation/taac-north")),
        (DOC, CITO.cites, E("Kamerstuk/28676-347")),
        (DOC, CITO.cites, E("Kamerstuk/33694-43")),
        (DOC, KGNS.refersTo, E("Motion/motie-koopmans-cs")),
        (E("Motion/motie-koopmans-cs"), KGNS.kamerstuk, E("Kamerstuk/33694-43")),
        (E("Motion/motie-koopmans-cs"), KGNS.submitterName, Literal("Koopmans")),
        (DOC, KGNS.hasQuestion, question),
    }
    assert expected <= set(g)


def test_rdf_motion_document_records_itself_without_a_motion_entity():
    g = graph_of(motion_doc())
    (reference,) = g.subjects(RDF.type, KGNS.MotionReference)
    assert g.value(reference, KGNS.motion) is None
    assert g.value(reference, KGNS.self) == Literal("true", datatype=XSD.boolean)
    assert g.value(None, KGNS.refersTo) is None  # no direct triple without its motion


def test_rdf_a_statement_made_twice_is_one_node_with_its_first_passage():
    doc = sample_doc()
    first = doc.facts[0]
    later = doc.text.index("In 2020 besteedde")
    doc.facts.append(Fact(first.kind, dict(first.roles), dict(first.values), later, later + 10))
    g = graph_of(doc)
    (node,) = g.subjects(RDF.type, KGNS.Contribution)
    assert list(g.objects(node, KGNS.start)) == [Literal(doc.raw_span(first.start, first.end)[0])]


def test_rdf_every_fact_kind_has_a_row_in_the_table():
    assert set(FACTS) == {"depends_on", "contributes", "leads", "cites", "motions", "questions", "spending", "votes"}
    assert {f.kind for f in sample_doc().facts} == set(FACTS)


# --- programming errors and inconsistent input ------------------------------------------------


@pytest.mark.parametrize("kind, roles, values, problem", [
    ("founds", {}, {}, "unknown fact kind 'founds'"),
    ("leads", {"leader": "Country/DE", "boss": "Country/DE"}, {}, "unknown role"),
    ("leads", {"leader": "Country/DE", "led": "Organisation/taac-north"}, {"rank": 1}, "unknown value"),
])
def test_rdf_unknown_kind_role_or_value_is_a_programming_error(kind, roles, values, problem):
    doc = sample_doc()
    doc.facts.append(Fact(kind, roles, values, 0, 5))
    with pytest.raises(ValueError, match=problem):
        doc_to_quads(doc, HASH, WHOLE)


def test_rdf_unknown_id_scheme_or_entity_type_is_a_programming_error():
    doc = sample_doc()
    doc.entities["Country/NL"].ids["geonames"] = "2750405"
    with pytest.raises(ValueError, match="unknown id scheme 'geonames'"):
        doc_to_quads(doc, HASH, WHOLE)
    doc = sample_doc()
    doc.add_entity(Entity("Ship/zr-ms-karel-doorman", "Ship", "Zr.Ms. Karel Doorman"))
    with pytest.raises(ValueError, match="unknown type 'Ship'"):
        doc_to_quads(doc, HASH, WHOLE)


def test_rdf_unknown_entity_key_is_skipped_and_counted(caplog):
    doc = sample_doc()
    doc.facts.append(Fact("depends_on", {"mission": "Mission/unknown", "provider": "Country/US"}, {}, 0, 9))
    doc.mentions.append(Mention(0, 9, "Nederland", "Country", "Country/XX", "test"))
    result = convert(doc, HASH, WHOLE)
    assert len(result.skipped) == 2
    assert "Mission/unknown" in result.skipped[1] and "Country/XX" in result.skipped[0]
    assert len(result.quads) == len(doc_to_quads(sample_doc(), HASH, WHOLE))
    doc_to_quads(doc, HASH, WHOLE)
    assert "Mission/unknown" in caplog.text
    assert validate(to_dataset(result.quads)).conforms
