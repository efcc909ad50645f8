"""ontology/: kg.ttl, shapes.ttl and context.jsonld parse, agree with each other and with the
mapping table of kg/rdf/triples.py (tests/test_ontology_*)."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.model import ENTITY_TYPES
from kg.namespaces import KG, PREFIXES, term
from kg.rdf.triples import FACTS, IDS, META
from kg.rdf.validate import load_turtle
from kg.resources import resource_dir

KGNS = Namespace(KG)
XSD = Namespace(PREFIXES["xsd"])
ONTOLOGY = load_turtle(resource_dir("ontology") / "kg.ttl")
SHAPES = load_turtle(resource_dir("ontology") / "shapes.ttl")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
DECLARED = {s for kind in KINDS for s in ONTOLOGY.subjects(RDF.type, kind)}


def kg_terms(graph: Graph) -> set[URIRef]:
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(KG)}


def test_ontology_declares_itself_with_a_version():
    (ontology,) = ONTOLOGY.subjects(RDF.type, OWL.Ontology)
    assert ONTOLOGY.value(ontology, OWL.versionInfo) is not None
    assert ONTOLOGY.value(ontology, OWL.versionIRI) is not None


def test_ontology_every_kg_term_is_declared_and_labelled_in_english_and_dutch():
    assert kg_terms(ONTOLOGY) == DECLARED
    for t in DECLARED:
        for prop in (RDFS.label, SKOS.prefLabel):
            assert {o.language for o in ONTOLOGY.objects(t, prop)} == {"en", "nl"}, (t, prop)
        assert ONTOLOGY.value(t, SKOS.definition) is not None, t
        if (t, RDF.type, OWL.Class) not in ONTOLOGY:
            assert ONTOLOGY.value(t, RDFS.range) is not None, t


def test_ontology_entity_classes_quote_the_guide():
    for name in ENTITY_TYPES:
        cls = KGNS[name]
        assert (cls, RDFS.subClassOf, KGNS.Entity) in ONTOLOGY
        assert ONTOLOGY.value(cls, SKOS.definition).language == "en"
    assert ONTOLOGY.value(KGNS.Capability, SKOS.definition) == Literal(
        "a named military capability, enabler or weapon system", lang="en")


@pytest.mark.parametrize("sub, sup", [
    ("kg:Document", "foaf:Document"), ("kg:Document", "prov:Entity"), ("kg:Kamerstuk", "foaf:Document"),
    ("kg:Organisation", "org:Organization"), ("kg:Party", "org:Organization"), ("kg:Person", "foaf:Person"),
    ("kg:Motion", "opengov:Motion"), ("kg:Meeting", "schema:Event"), ("kg:Country", "schema:Country"),
    ("kg:Fact", "prov:Entity"), ("kg:Citation", "cito:Citation"),
])
def test_ontology_classes_specialise_the_reused_vocabularies(sub, sup):
    assert (URIRef(term(sub)), RDFS.subClassOf, URIRef(term(sup))) in ONTOLOGY


def test_ontology_every_fact_class_is_a_fact():
    for spec in FACTS.values():
        assert (URIRef(term(spec.cls)), RDFS.subClassOf, KGNS.Fact) in ONTOLOGY


def test_ontology_table_terms_are_declared_with_matching_kinds_and_ranges():
    def declared(prefixed: str, kind: URIRef) -> None:
        if prefixed.startswith("kg:"):
            assert (URIRef(term(prefixed)), RDF.type, kind) in ONTOLOGY, f"{prefixed} is not a {kind}"

    for spec in FACTS.values():
        declared(spec.cls, OWL.Class)
        for prop in spec.roles.values():
            declared(prop, OWL.ObjectProperty)
        for prop, datatype in spec.values.values():
            declared(prop, OWL.DatatypeProperty)
            assert ONTOLOGY.value(URIRef(term(prop)), RDFS.range) == XSD[datatype], prop
    for prop, _ in IDS.values():
        declared(prop, OWL.DatatypeProperty)
    for prop in META.values():
        declared(prop, OWL.DatatypeProperty)


def test_ontology_shapes_use_only_declared_terms_and_cover_every_class():
    assert kg_terms(SHAPES) <= DECLARED
    targeted = set(SHAPES.objects(None, SH.targetClass))
    assert {c for c in ONTOLOGY.subjects(RDF.type, OWL.Class)} <= targeted


def test_ontology_each_fact_shape_checks_every_role_and_qualifier_of_the_table():
    for kind, spec in FACTS.items():
        paths = {
            SHAPES.value(prop, SH.path)
            for shape in SHAPES.subjects(SH.targetClass, URIRef(term(spec.cls)))
            for prop in SHAPES.objects(shape, SH.property)
        }
        expected = {URIRef(term(p)) for p in spec.roles.values()} | {URIRef(term(p)) for p, _ in spec.values.values()}
        assert expected <= paths, (kind, expected - paths)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's own parser
def test_ontology_json_ld_context_names_every_kg_term_and_round_trips():
    context = json.loads((resource_dir("ontology") / "context.jsonld").read_text())["@context"]
    named = {v if isinstance(v, str) else v["@id"] for v in context.values()}
    assert {"kg:" + str(t)[len(KG):] for t in DECLARED} <= named
    data = Graph().parse(format="turtle", data=f"""
        @prefix kg: <{KG}> . @prefix skos: <{PREFIXES['skos']}> . @prefix xsd: <{PREFIXES['xsd']}> .
        <urn:x:nl> a kg:Country ; skos:prefLabel "Netherlands"@en, "Nederland"@nl ; skos:altLabel "NL" ;
            kg:contributesTo <urn:x:efp> .
        <urn:x:f> a kg:Contribution ; kg:country <urn:x:nl> ; kg:amount 270.0 ; kg:year "2020"^^xsd:gYear ;
            kg:start 12 ; kg:end 80 ; kg:evidence "Nederland levert 270 militairen." .
        <urn:x:d> a kg:Document ; kg:mentions <urn:x:nl> ;
            kg:mentionOffsets "{{\\"urn:x:nl\\":[[0,9]]}}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .
    """)
    text = data.serialize(format="json-ld", context=context)
    assert '"prefLabel"' in text and '"contributesTo"' in text  # compacted to readable terms
    assert isomorphic(Graph().parse(data=text, format="json-ld"), data)


def test_ontology_files_are_valid_turtle():
    assert len(ONTOLOGY) > 300 and len(SHAPES) > 300
