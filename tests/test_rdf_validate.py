"""kg/rdf/validate.py: hand-made graphs against ontology/shapes.ttl (tests/test_rdf_*)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SKOS

from kg.errors import KgError
from kg.namespaces import ID, sparql_prologue
from kg.rdf.validate import validate
from kg.resources import resource_dir

#: Turtle prologue: our prefixes, and resource IRIs relative to the kg id space (`<mission/rsm>`).
PREFIXES = sparql_prologue().replace("PREFIX ", "@prefix ").replace(">\n", "> .\n") + f"@base <{ID}> .\n"

#: One document with one entity of each kind a fact needs, and one fact: valid as it stands.
DOCUMENT = """
<document/d> a kg:Document ; kg:sourceFile "d.txt" ; kg:encoding "utf-8" ;
    kg:contentHash "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    dcterms:date "2021-03"^^xsd:gYearMonth ; kg:mentions <mission/rsm> .
<mission/rsm> a kg:Mission ; skos:prefLabel "Resolute Support Mission"@en .
<country/US> a kg:Country ; skos:prefLabel "United States"@en ; skos:notation "US" .
<kamerstuk/28676-347> a kg:Kamerstuk ; skos:notation "28676-347" .
"""
DEPENDENCE = """
<document/d/depends_on/1> a kg:Dependence ; prov:wasDerivedFrom <document/d> ;
    kg:evidence "Zo is Nederland afhankelijk van Amerikaanse enablers." ; kg:start 10 ; kg:end 63 ;
    kg:mission <mission/rsm> ; kg:provider <country/US> .
"""


def graph(*turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + "".join(turtle), format="turtle")


def problems(*turtle: str) -> list[tuple[str, str, str]]:
    report = validate(graph(*turtle))
    assert report.conforms == (report.violations == [])
    return [(v.focus.rsplit("/", 1)[-1], v.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1], v.message)
            for v in report.violations]


def test_rdf_validate_hand_made_valid_graph_conforms():
    report = validate(graph(DOCUMENT, DEPENDENCE))
    assert report.conforms, report.text
    assert "Conforms: True" in report.text


def test_rdf_validate_missing_pref_label_is_reported():
    found = problems(DOCUMENT.replace('skos:prefLabel "Resolute Support Mission"@en', 'skos:altLabel "RSM"'))
    assert found == [("rsm", "prefLabel", "an entity needs a skos:prefLabel")]


def test_rdf_validate_dependence_without_mission_is_reported():
    found = problems(DOCUMENT, DEPENDENCE.replace("kg:mission <mission/rsm> ;", ""))
    assert found == [("1", "mission", "a kg:Dependence needs exactly one kg:mission, a kg:Mission")]


def test_rdf_validate_non_integer_start_is_reported():
    found = problems(DOCUMENT, DEPENDENCE.replace("kg:start 10", 'kg:start "abc"'))
    assert ("1", "start", "a fact needs exactly one kg:start, an xsd:integer ≥ 0") in found
    assert {f[1] for f in found} == {"start"}


@pytest.mark.parametrize("change, expected", [
    (('"United States"@en', '"United States"@en, "USA"@en'), ("US", "prefLabel", "at most one per language")),
    (('"United States"@en', '"United States"'), ("US", "prefLabel", "must carry a language tag")),
    (('skos:notation "US"', 'skos:notation "USA"'), ("US", "notation", "ISO 3166-1 alpha-2")),
    (('"28676-347"', '"28676, nr. 347"'), ("28676-347", "notation", "like 28676-347")),
    (('"2021-03"^^xsd:gYearMonth', '"maart 2021"'), ("d", "date", "xsd:date, xsd:gYearMonth or xsd:gYear")),
    (('kg:sourceFile "d.txt" ;', ""), ("d", "sourceFile", "exactly one kg:sourceFile")),
    (('"9f86d081', '"9F86D081'), ("d", "contentHash", "SHA-256")),
])
def test_rdf_validate_entity_and_document_problems(change, expected):
    old, new = change
    focus, path, message = expected
    found = problems(DOCUMENT.replace(old, new), DEPENDENCE)
    assert [(f[0], f[1]) for f in found] == [(focus, path)]
    assert message in found[0][2]


def test_rdf_validate_role_of_the_wrong_class_is_reported_not_inferred():
    # kg:provider's range is kg:Entity and kg:mission's is kg:Mission: RDFS inference would make
    # a Kamerstuk a Mission here and hide the error; validation runs without it.
    found = problems(DOCUMENT, DEPENDENCE.replace("kg:mission <mission/rsm>", "kg:mission <kamerstuk/28676-347>"))
    assert found == [("1", "mission", "a kg:Dependence needs exactly one kg:mission, a kg:Mission")]


def test_rdf_validate_offsets_in_wrong_order_are_reported():
    found = problems(DOCUMENT, DEPENDENCE.replace("kg:start 10", "kg:start 99"))
    assert found == [("1", "start", "kg:start must not come after kg:end")]


def test_rdf_validate_motion_reference_needs_a_motion_unless_it_is_the_document_itself():
    reference = """
    <document/d/motions/1> a kg:MotionReference ; prov:wasDerivedFrom <document/d> ;
        kg:evidence "De motie" ; kg:start 0 ; kg:end 8 ; kg:submitterName "Koopmans" ; kg:self %s .
    """
    assert problems(DOCUMENT, reference % "true") == []
    (found,) = problems(DOCUMENT, reference % "false")
    assert found[0] == "1" and "needs a kg:motion" in found[2]


def test_rdf_validate_a_dataset_is_checked_as_the_union_of_its_graphs():
    dataset = Dataset()
    dataset.graph(URIRef("urn:g:doc")).parse(data=PREFIXES + DOCUMENT, format="turtle")
    dataset.graph(URIRef("urn:g:fact")).parse(data=PREFIXES + DEPENDENCE, format="turtle")
    assert validate(dataset).conforms  # the fact's entities are found in the other graph
    # and two graphs that disagree are caught: a second English label for the same mission
    dataset.graph(URIRef("urn:g:other")).parse(
        data=PREFIXES + '<mission/rsm> a kg:Mission ; skos:prefLabel "Resolute Support"@en .', format="turtle")
    report = validate(dataset)
    assert [(v.focus, v.path) for v in report.violations] == [(ID + "mission/rsm", str(SKOS.prefLabel))]
    assert "at most one per language" in report.violations[0].message


@pytest.mark.parametrize("name", ["shapes.ttl", "kg.ttl"])
def test_rdf_validate_malformed_ontology_file_is_a_data_error_naming_it(tmp_path: Path, name: str):
    for file in ("shapes.ttl", "kg.ttl"):
        shutil.copy(resource_dir("ontology") / file, tmp_path / file)
    (tmp_path / name).write_text((tmp_path / name).read_text() + "\nkg:broken kg:is .\n")
    with pytest.raises(KgError) as caught:
        validate(graph(DOCUMENT), ontology_dir=tmp_path)
    assert caught.value.kind == "data" and caught.value.exit_code == 4
    assert caught.value.where == str(tmp_path / name)


def test_rdf_validate_missing_ontology_file_is_a_data_error(tmp_path: Path):
    shutil.copy(resource_dir("ontology") / "kg.ttl", tmp_path / "kg.ttl")
    with pytest.raises(KgError, match="missing") as caught:
        validate(graph(DOCUMENT), ontology_dir=tmp_path)
    assert caught.value.where == str(tmp_path / "shapes.ttl")
