"""depends_on with the mission implied by the passage: "Zo is Nederland afhankelijk van
Amerikaanse enablers" in a passage about one mission — and the sentences that must not take
the passage's mission: other dependence than on military support, two missions in the
passage, negations, conditions, questions."""

from __future__ import annotations

import pytest

from kg.extract.facts.depends_on import extract_depends_on
from tests.factories import make_doc

US = ("Amerikaanse", "Country", "Country/US")
NL = ("Nederland", "Country", "Country/NL")
DE = ("Duitsland", "Country", "Country/DE")
RU = ("Russisch", "Country", "Country/RU")
KFOR = ("KFOR", "Mission", "Mission/kfor")
EUFOR = ("EUFOR Althea", "Mission", "Mission/eufor")
ENABLERS = ("enablers", "Capability", "Capability/enablers")
MENTIONS = [US, NL, DE, RU, KFOR, EUFOR, ENABLERS]


def pairs(text: str) -> list[tuple[str, str]]:
    doc = make_doc(text, MENTIONS)
    extract_depends_on(doc)
    return sorted((f.roles["mission"], f.roles["provider"]) for f in doc.facts if f.kind == "depends_on")


def test_depends_on_the_one_mission_of_the_paragraph():
    text = ("De Nederlandse bijdrage aan KFOR loopt door tot eind volgend jaar. "
            "Zo is Nederland afhankelijk van Amerikaanse enablers en van de samenwerking met Duitsland.")
    assert pairs(text) == [("Mission/kfor", "Country/DE"), ("Mission/kfor", "Country/US")]


def test_depends_on_support_named_in_words_not_as_a_capability():
    text = "Onze eenheden in KFOR doen hun werk goed. Wij zijn voor medische afvoer afhankelijk van Duitsland."
    assert pairs(text) == [("Mission/kfor", "Country/DE")]


@pytest.mark.parametrize("text", [
    # not military support: the passage's mission is not what depends
    "De bijdrage aan KFOR loopt door. Nederland is nog altijd afhankelijk van Russisch gas.",
    # two missions in the passage: which one is meant is not said
    "Nederland draagt bij aan KFOR en EUFOR Althea. Zo is Nederland afhankelijk van Amerikaanse enablers.",
    # no mission in the passage at all
    "De samenwerking is goed. Zo is Nederland afhankelijk van Amerikaanse enablers.",
    # the passage is another paragraph
    "De bijdrage aan KFOR loopt door.\n\nZo is Nederland afhankelijk van Amerikaanse enablers.",
    # a negation, a condition, a question
    "De bijdrage aan KFOR loopt door. Nederland is niet afhankelijk van Amerikaanse enablers.",
    "De bijdrage aan KFOR loopt door. Nederland zou afhankelijk worden van Amerikaanse enablers.",
    "De bijdrage aan KFOR loopt door. Is Nederland afhankelijk van Amerikaanse enablers?",
])
def test_depends_on_no_mission_taken_from_the_passage(text: str):
    assert pairs(text) == []


def test_depends_on_a_named_mission_still_wins_over_the_passage():
    text = "De bijdrage aan KFOR loopt door. EUFOR Althea is afhankelijk van Amerikaanse enablers."
    assert pairs(text) == [("Mission/eufor", "Country/US")]
