"""depends_on: cue, provider side, mission side, anaphora, precision."""

from __future__ import annotations

from kg.extract.facts.depends_on import extract_depends_on
from tests.factories import make_doc

US = ("VS", "Country", "Country/US")
AMERICAN = ("Amerikaanse", "Country", "Country/US")
RSM = ("Resolute Support", "Mission", "Mission/rsm")
OIR = ("Operation Inherent Resolve", "Mission", "Mission/oir")
NMI = ("NMI", "Mission", "Mission/nmi")
COALITION = ("anti-ISIS coalitie", "Organisation", "Organisation/coalition")


def pairs(doc):
    return sorted((f.roles["mission"], f.roles["provider"]) for f in doc.facts if f.kind == "depends_on")


def test_depends_on_provider_after_cue():
    doc = make_doc("NMI is voor logistiek afhankelijk van de anti-ISIS coalitie.", [NMI, COALITION])
    extract_depends_on(doc)
    assert pairs(doc) == [("Mission/nmi", "Organisation/coalition")]


def test_depends_on_adjective_provider():
    doc = make_doc("Resolute Support is afhankelijk van Amerikaanse enablers.", [RSM, AMERICAN])
    extract_depends_on(doc)
    assert pairs(doc) == [("Mission/rsm", "Country/US")]


def test_depends_on_provider_before_cue_with_anaphor():
    text = ("Nederland werkt samen bij Resolute Support en Operation Inherent Resolve. "
            "De leidende rol van de VS is randvoorwaardelijk voor onze deelname aan deze missies.")
    doc = make_doc(text, [US, RSM, OIR])
    extract_depends_on(doc)
    assert pairs(doc) == [("Mission/oir", "Country/US"), ("Mission/rsm", "Country/US")]


def test_depends_on_evidence_is_the_sentence():
    text = "Iets anders. Resolute Support is afhankelijk van de VS. Nog iets."
    doc = make_doc(text, [US, RSM])
    extract_depends_on(doc)
    (fact,) = doc.facts
    assert text[fact.start:fact.end] == "Resolute Support is afhankelijk van de VS."


def test_depends_on_needs_a_mission():
    doc = make_doc("Nederland is afhankelijk van Amerikaanse enablers.", [AMERICAN])
    extract_depends_on(doc)
    assert pairs(doc) == []


def test_depends_on_no_antecedent_across_paragraphs():
    text = "Resolute Support loopt door.\n\nDe rol van de VS is randvoorwaardelijk voor deze missie."
    doc = make_doc(text, [US, RSM])
    extract_depends_on(doc)
    assert pairs(doc) == []


def test_depends_on_relative_clause_ends_the_provider():
    text = "Resolute Support is afhankelijk van de VS, dat samenwerkt met NMI."
    doc = make_doc(text, [US, RSM, NMI])
    extract_depends_on(doc)
    assert pairs(doc) == [("Mission/rsm", "Country/US")]
