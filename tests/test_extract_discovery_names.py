"""Discovery of names the gazetteer lacks: acronym definitions, naming cues, heads — and the
capitalised runs that must stay unnamed."""

from __future__ import annotations

import pytest

from kg.extract.discovery import fits, head_type, rules
from tests.factories import extracted


def names(text: str) -> list[tuple[str, str]]:
    doc = extracted(text, upto="discovery")
    return sorted({(m.text, m.key) for m in doc.mentions if m.extractor == "discovery"})


def test_discovery_an_unknown_mission_after_a_naming_cue():
    # a mission kg has never heard of still yields a Mission
    assert names("Nederland draagt bij aan de nieuwe operatie Kirin in de Golf.") == [("Kirin", "Mission/kirin")]


def test_discovery_acronym_definition_and_its_later_uses_name_one_entity():
    found = names("De Single Intelligence Analysis Capacity (SIAC) van de EU analyseert. Daarna werkte SIAC verder.")
    assert found == [("SIAC", "Organisation/single-intelligence-analysis-capacity"),
                     ("Single Intelligence Analysis Capacity", "Organisation/single-intelligence-analysis-capacity")]


def test_discovery_heads_type_capitalised_names():
    found = dict((text, key.split("/")[0]) for text, key in names(
        "De Environmental Protection Working Group schreef een Progress Report on Arctic Security "
        "en steunde het Planetary Security Initiative."))
    assert found == {"Environmental Protection Working Group": "Organisation",
                     "Progress Report on Arctic Security": "Initiative",
                     "Planetary Security Initiative": "Initiative"}


def test_discovery_pesco_project_cue_takes_the_name_up_to_its_acronym():
    found = names("Nederland neemt deel aan het PESCO-project Timely Warning and Inception with Space-based "
                  "TheatER surveillance (TWISTER).")
    assert found == [("TWISTER", "Initiative/timely-warning-and-inception-with-space-based-theater-surveillance"),
                     ("Timely Warning and Inception with Space-based TheatER surveillance",
                      "Initiative/timely-warning-and-inception-with-space-based-theater-surveillance")]


def test_discovery_a_longer_name_displaces_the_gazetteer_names_inside_it():
    doc = extracted("De bestaande NATO Command Integration Board (NCIB) vergaderde.", upto="discovery")
    assert [(m.text, m.type) for m in doc.mentions] == [("NATO Command Integration Board", "Organisation"),
                                                       ("NCIB", "Organisation")]
    assert "Organisation/nato" not in doc.entities  # NATO was only named inside the longer name


def test_discovery_a_known_name_with_its_owner_in_front_stays_the_known_one():
    doc = extracted("Dit is het NATO Composite Special Operations Component Command.", upto="discovery")
    assert {m.key for m in doc.mentions} == {"Organisation/nato",
                                            "Organisation/composite-special-operations-component-command"}


def test_discovery_a_shorter_form_in_the_same_document_is_the_same_entity():
    found = names("De Internationale Coalitie voor de Sahel kwam bijeen. De Coalitie voor de Sahel besloot.")
    assert {key for _, key in found} == {"Organisation/internationale-coalitie-voor-de-sahel"}


def test_discovery_an_english_name_ends_where_dutch_text_starts_again():
    found = names("Nederland plaatste een liaison op het Joint Artificial Intelligence Center van het Amerikaanse "
                  "ministerie.")
    assert found == [("Joint Artificial Intelligence Center", "Organisation/joint-artificial-intelligence-center")]


@pytest.mark.parametrize("text", [
    "De Minister van Defensie en de Staatssecretaris spraken met Jens Stoltenberg.",  # no head: persons, roles
    "Hierover sprak de Task Force gisteren.",  # a head alone is no name
    "Zie de EU Global Strategy van 2016 en de missie Afghanistan.",  # a year is no part of a name; a country is a place
    "Bent u bekend met Het Laatste Nieuws?",  # a capitalised run without a head
])
def test_discovery_runs_that_are_no_new_names(text: str):
    assert names(text) == []


def test_fits_spells_acronyms_from_initials_and_leading_letters():
    assert fits("PAWA", "Partnership for Actions in West Afrika".split())
    assert fits("D-LBO", ["Digitalisation-Land", "Based", "Operations"])
    assert fits("STRATCOM", ["Strategic", "Command"])
    assert not fits("SIAC", ["Intelligence", "Analysis", "Capacity"])  # the first letter must match
    assert not fits("NMI", ["Nederland", "en", "Irak"])


def test_head_type_is_the_word_before_the_first_preposition():
    table = rules()
    assert head_type("Partnership for Actions in West Africa".split(), table) == ("Initiative", "word")
    assert head_type("Letter of Intent".split(), table) == ("Initiative", "word")
    assert head_type(["Defensie", "Actieplan", "1325"], table) == ("Initiative", "suffix")
    assert head_type(["Iraanse", "Revolutionaire", "Garde"], table) is None
