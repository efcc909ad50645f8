"""contributes read with its passage: the mission a sentence leaves implicit, the year a
sentence leaves implicit, missions inside a relative clause, joint contributions, and the
sentences that must not yield a contribution (negations, "een eventuele bijdrage", questions,
political effort, two missions in the passage, another receiver named)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.facts.contributes import extract_contributes
from tests.factories import make_doc

NL = ("Nederland", "Country", "Country/NL")
DUTCH = ("Nederlandse", "Country", "Country/NL")
DE = ("Duitse", "Country", "Country/DE")
DANISH = ("Deense", "Country", "Country/DK")
BELGIAN = ("Belgische", "Country", "Country/BE")
AF = ("Afghanistan", "Country", "Country/AF")
RSM = ("Resolute Support", "Mission", "Mission/rsm")
KFOR = ("KFOR", "Mission", "Mission/kfor")
MINUSMA = ("MINUSMA", "Mission", "Mission/minusma")
ISR = ("ISR Task Force", "Mission", "Mission/isr")
NRF = ("NRF", "Mission", "Mission/nrf")
EU = ("EU", "Organisation", "Organisation/eu")
SOCOM = ("Nederlandse Special Operations Command", "Organisation", "Organisation/socom")
MENTIONS = [NL, DUTCH, DE, DANISH, BELGIAN, AF, RSM, KFOR, MINUSMA, ISR, NRF, EU, SOCOM]


def contributions(text: str) -> list[tuple]:
    doc = make_doc(text, MENTIONS)
    extract_contributes(doc)
    return sorted({(f.roles["country"], f.roles["mission"], f.values.get("amount"), f.values.get("year"))
                   for f in doc.facts if f.kind == "contributes"}, key=repr)


def test_contributes_the_one_mission_of_the_paragraph():
    text = ("Resolute Support gaat door in aangepaste vorm. "
            "Nederlandse militairen blijven zich inzetten voor de veiligheid in Afghanistan.")
    assert contributions(text) == [("Country/NL", "Mission/rsm", None, None)]


@pytest.mark.parametrize("text", [
    # political effort, no forces named
    "Resolute Support gaat door. Nederland blijft zich inzetten voor een politieke oplossing.",
    # two missions in the passage: which one is meant is not said
    "Resolute Support en KFOR gaan door. Nederlandse militairen blijven zich inzetten voor de veiligheid.",
    # another receiver than a mission is named
    "Resolute Support gaat door. Nederland zet zich met twee militairen in voor de EU.",
    # a condition, a negation, a question
    "Resolute Support gaat door. Een eventuele bijdrage van Nederlandse militairen wordt bezien.",
    "Resolute Support gaat door. Nederlandse militairen zetten zich niet langer in.",
    "Resolute Support gaat door. Blijven Nederlandse militairen zich inzetten voor de veiligheid?",
    # the mission is in another paragraph
    "Resolute Support gaat door.\n\nNederlandse militairen blijven zich inzetten voor de veiligheid.",
])
def test_contributes_no_mission_taken_from_the_passage(text: str):
    assert contributions(text) == []


def test_contributes_a_mission_in_a_relative_clause_gets_no_amounts():
    text = ("De Nederlandse bijdrage aan MINUSMA bestond in 2020 uit drie stafofficieren en twee specialisten "
            "die de Duitse ISR Task Force versterkten.")
    assert contributions(text) == [("Country/NL", "Mission/minusma", Decimal(2), 2020),
                                   ("Country/NL", "Mission/minusma", Decimal(3), 2020)]


def test_contributes_year_of_the_sentence_going_on_from_it():
    text = "Daarnaast leverde Nederland een bijdrage aan de NRF. Dit betrof in 2020 een fregat."
    assert ("Country/NL", "Mission/nrf", None, 2020) in contributions(text)


def test_contributes_year_of_the_sentence_before():
    text = "Nederland leverde in 2019 bijdragen aan verschillende missies. Zo leverde Nederland 270 militairen aan KFOR."
    assert contributions(text) == [("Country/NL", "Mission/kfor", Decimal(270), 2019)]


def test_contributes_no_year_from_another_paragraph():
    text = "Nederland leverde in 2019 bijdragen.\n\nZo leverde Nederland 270 militairen aan KFOR."
    assert contributions(text) == [("Country/NL", "Mission/kfor", Decimal(270), None)]


def test_contributes_joint_partners_and_the_year_nearest_the_mission():
    text = ("Het Nederlandse Special Operations Command heeft in 2020 met Deense en Belgische tegenhangers "
            "gewerkt aan certificering voor de gezamenlijke NRF stand-by in 2021.")
    assert contributions(text) == [("Country/BE", "Mission/nrf", None, 2021), ("Country/DK", "Mission/nrf", None, 2021)]


def test_contributes_the_owner_of_a_unit_in_the_subject():
    text = "Duitse Special Forces maken deel uit van KFOR."
    assert contributions(text) == [("Country/DE", "Mission/kfor", None, None)]


def test_contributes_the_owner_of_a_unit_after_the_cue_does_not():
    text = "Nederland levert twee specialisten aan de Duitse ISR Task Force."
    assert contributions(text) == [("Country/NL", "Mission/isr", Decimal(2), None)]


@pytest.mark.parametrize("text", [
    "Nederlandse eenheden maken geen deel uit van KFOR.",  # a negation
    "Nederlandse eenheden zouden deel uitmaken van KFOR.",  # a condition
    "Maken Nederlandse eenheden deel uit van KFOR?",  # a question
])
def test_contributes_part_of_sentences_that_state_none(text: str):
    assert contributions(text) == []
