"""`contributes` on real sentences of Kamerstukken and on constructed ones, including those
that must not yield a contribution."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.facts.contributes import amounts
from tests.factories import extracted


def contributions(text: str) -> list[tuple]:
    doc = extracted(text)
    return sorted(((f.roles["country"].split("/")[1], f.roles["mission"].split("/")[1], f.values.get("amount"),
                    f.values.get("unit"), f.values.get("year")) for f in doc.facts if f.kind == "contributes"), key=repr)


def test_contributes_every_country_of_a_coordinated_subject_and_list():
    found = contributions("Duitsland en Nederland vormen samen met twee andere landen (Oostenrijk en Zweden) "
                          "de huidige EU Battle Group.")
    assert [c[0] for c in found] == ["AT", "DE", "NL", "SE"] and {c[1] for c in found} == {"eu-battlegroup"}


def test_contributes_each_amount_its_own_fact():
    found = contributions("De Nederlandse bijdrage aan MINUSMA bestond in 2020 uit drie stafofficieren op het "
                          "missiehoofdkwartier en twee raketafweerspecialisten.")
    assert found == [
        ("NL", "united-nations-multidimensional-integrated-stabilization-mission-in-mali", Decimal(2), "specialists", 2020),
        ("NL", "united-nations-multidimensional-integrated-stabilization-mission-in-mali", Decimal(3), "staff officers", 2020)]


def test_contributes_a_sentence_pointing_back_continues_the_statement_before():
    found = contributions("Nederland heeft de bijdrage aan de Resolute Support missie in 2020 gecontinueerd. "
                          "Het betrof maximaal 140 militairen, bestaande uit onder meer stafofficieren.")
    assert ("NL", "resolute-support-mission", Decimal(140), "military personnel", 2020) in found


def test_contributes_places_requesters_and_leaders_do_not_contribute():
    found = contributions("Op verzoek van Frankrijk stuurt Nederland twee militairen naar de door Duitsland geleide "
                          "missie EUTM Mali in Mali.")
    assert found == [("NL", "eu-training-mission-mali", Decimal(2), "military personnel", None)]


def test_contributes_the_writer_acting_is_the_netherlands():
    found = contributions("Defensie nam deel aan de bijeenkomsten en zal in 2021 een bijdrage leveren met twee "
                          "stafofficieren aan de door Frankrijk geleide multinationale Taakgroep, genaamd Takuba, in Mali.")
    assert found == [("NL", "task-force-takuba", Decimal(2), "staff officers", 2021)]


def test_contributes_amounts_of_several_countries_are_not_shared_out():
    found = contributions("België en Nederland leveren samen 300 militairen aan de NATO Response Force.")
    assert found and all(amount is None for _, _, amount, _, _ in found)


@pytest.mark.parametrize("text", [
    "Het kabinet weegt of Nederland een aanvullende bijdrage kan leveren aan de toekomstige NMI.",  # a condition
    "Een eventuele bijdrage aan Operation Sea Guardian wordt nog bezien.",  # a possible contribution
    "Nederland levert dit jaar geen bijdrage aan UNIFIL.",  # a negation
    "De leden vragen of Nederland militairen levert aan de enhanced Forward Presence?",  # a question
    "Nederland levert 270 militairen.",  # no mission named
    "In 2020 zijn UNTSO-waarnemers opnieuw ingezet in de grensgebieden tussen Israël en de buurlanden "
    "(Libanon, Syrië en Egypte).",  # countries as places
])
def test_contributes_sentences_that_state_no_contribution(text: str):
    assert contributions(text) == []


def test_amounts_read_dutch_numbers_units_ranges_and_qualifiers():
    assert [(a["amount"], a.get("amount_max"), a["unit"], a.get("qualifier")) for a in
            amounts("een compagnie van circa 100 tot 150 personen")] == [(Decimal(100), Decimal(150), "personnel", "ongeveer")]
    assert [(a["amount"], a["unit"]) for a in amounts("een viertal gevechtsvliegtuigen, een fregat en een onderzeeboot")] \
        == [(Decimal(4), "aircraft"), (Decimal(1), "frigate"), (Decimal(1), "submarine")]
    assert amounts("vanaf januari 2020 vijf maanden militair deelgenomen") == []  # a year, and "vijf ... militair"


def test_contributes_an_article_100_letter_announcing_a_deployment():
    found = contributions("Het kabinet heeft besloten een bijdrage te leveren aan de EU-missie EUFOR Althea in "
                          "Bosnië-Herzegovina. Nederland stelt maximaal 60 militairen beschikbaar tot en met 2023. "
                          "Ook Roemenië en Hongarije leveren militairen aan de missie, die Nederland sinds 2004 steunt.")
    assert ("NL", "eufor-althea", Decimal(60), "military personnel", 2023) in found  # the mission of the sentence before
    assert {c[0] for c in found} == {"NL", "RO", "HU"}  # "aan de missie": the mission named before
    assert all(year != 2004 for *_, year in found)  # "sinds 2004" is when it began
