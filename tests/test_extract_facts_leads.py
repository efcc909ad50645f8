"""`leads` and `depends_on` on the phrasings of Kamerstukken, and on sentences that must not
yield either: negations, conditions, questions."""

from __future__ import annotations

import pytest

from kg.extract.facts.leads import extract_leads
from tests.factories import extracted, make_doc


def facts(text: str, kind: str) -> list[tuple[str, str]]:
    doc = extracted(text)
    roles = {"leads": ("leader", "led"), "depends_on": ("mission", "provider")}[kind]
    return sorted((f.roles[roles[0]], f.roles[roles[1]]) for f in doc.facts if f.kind == kind)


@pytest.mark.parametrize("text, leader, led", [
    ("zal een bijdrage leveren aan de door Frankrijk geleide multinationale Taakgroep, genaamd Takuba, in Mali.",
     "Country/FR", "Mission/task-force-takuba"),
    ("Nederland heeft deelgenomen aan de Frans geleide Europese missie EMASoH rond de Straat van Hormuz.",
     "Country/FR", "Mission/european-led-maritime-awareness-in-the-strait-of-hormuz"),
    ("Nederland levert instructeurs aan het VS-geleide trainingsprogramma Global Peace Operations Initiative.",
     "Country/US", "Initiative/global-peace-operations-initiative"),
    ("Nederland heeft in 2020 als lead nation van het PESCO-project Militaire Mobiliteit verder gestuurd.",
     "Country/NL", "Initiative/military-mobility"),
])
def test_leads_led_by_a_country(text: str, leader: str, led: str):
    assert (leader, led) in facts(text, "leads")


def test_leads_a_leading_role_reaches_the_missions_pointed_back_to():
    found = facts("De VS en Nederland werken nauw samen bij missies, waaronder Resolute Support en Operation Inherent "
                  "Resolve. De leidende rol van de VS is randvoorwaardelijk voor onze deelname aan deze missies.", "leads")
    assert ("Country/US", "Mission/resolute-support-mission") in found
    assert ("Country/US", "Mission/operation-inherent-resolve") in found


def test_leads_a_programme_of_two_countries_is_led_by_both():
    found = facts("Het MGCS is een Duits-Frans programma voor een nieuw gevechtssysteem.", "leads")
    assert found == [("Country/DE", "Initiative/main-ground-combat-system"),
                     ("Country/FR", "Initiative/main-ground-combat-system")]


@pytest.mark.parametrize("text", [
    "Duitsland is niet langer framework nation van TAAC-N.",  # a negation
    "Het kabinet bekijkt of Nederland lead nation van het PESCO-project Militaire Mobiliteit kan worden.",  # a condition
    "Zal Frankrijk de leiding van Takuba overnemen?",  # a question
    "De missie wordt geleid door een Franse generaal.",  # a person, not a country, leads
])
def test_leads_sentences_that_state_no_leadership(text: str):
    assert facts(text, "leads") == []


def test_depends_on_a_mission_relies_on_a_provider():
    found = facts("NMI werkt vanaf een basis van de Coalitie en is voor beveiliging en logistiek afhankelijk van de "
                  "anti-ISIS coalitie.", "depends_on")
    assert found == [("Mission/nato-mission-iraq", "Organisation/global-coalition-to-defeat-isis")]


@pytest.mark.parametrize("text", [
    "NMI is niet afhankelijk van de anti-ISIS coalitie.",  # a negation
    "Indien de VS vertrekken, zou Resolute Support afhankelijk worden van Duitse enablers.",  # a condition
    "Is NMI afhankelijk van de anti-ISIS coalitie?",  # a question
])
def test_depends_on_sentences_that_state_no_dependence(text: str):
    assert facts(text, "depends_on") == []


def test_leads_a_bare_genitive_after_a_mission_is_not_leadership():
    found = facts("De VS en Nederland werken nauw samen bij Operation Inherent Resolve (OIR) van de anti-ISIS coalitie "
                  "in Irak.", "leads")
    assert found == []


def test_leads_the_mission_the_writer_calls_the_organisations_own():
    found = facts("Nederland draagt bij aan de missie van de anti-ISIS coalitie (Operation Inherent Resolve).", "leads")
    assert found == [("Organisation/global-coalition-to-defeat-isis", "Mission/operation-inherent-resolve")]


def test_leads_chaired_by_an_organisation():
    doc = make_doc("De werkgroep Militaire Mobiliteit komt bijeen onder voorzitterschap van de NAVO.",
                   [("Militaire Mobiliteit", "Initiative", "Initiative/mm"), ("NAVO", "Organisation", "Organisation/nato")])
    extract_leads(doc)
    assert [(f.roles["leader"], f.roles["led"], f.values["role"]) for f in doc.facts] == [
        ("Organisation/nato", "Initiative/mm", "chair")]


@pytest.mark.parametrize("text", [
    "Militaire Mobiliteit valt niet onder voorzitterschap van de NAVO.",  # a negation
    "Valt Militaire Mobiliteit onder voorzitterschap van de NAVO?",  # a question
])
def test_leads_chair_sentences_that_state_no_chair(text: str):
    doc = make_doc(text, [("Militaire Mobiliteit", "Initiative", "Initiative/mm"), ("NAVO", "Organisation", "Organisation/nato")])
    extract_leads(doc)
    assert doc.facts == []


@pytest.mark.parametrize("text", [
    "Operatie Atalanta van de Europese Unie wordt in 2021 voortgezet.",
    "Nederland levert een fregat aan de operatie Atalanta van de Europese Unie.",
])
def test_leads_an_operation_the_writer_calls_the_organisations_own(text: str):
    assert facts(text, "leads") == [("Organisation/european-union", "Mission/eu-navfor-atalanta")]
