"""Persons from signatures, roles and motions; linking only when unambiguous."""

from __future__ import annotations

from kg.extract import persons
from tests.factories import make_doc


def found(text: str) -> list[tuple[str, str]]:
    doc = make_doc(text)
    persons.extract(doc)
    return [(m.text, m.key) for m in doc.mentions]


def test_signature_on_joined_lines_links_by_initials_and_first_part_of_double_name() -> None:
    doc = make_doc("Dat is alles. De Minister van Defensie, A.Th.B. Bijleveld-Schouten")
    persons.extract(doc)
    assert [(m.text, m.key) for m in doc.mentions] == [("A.Th.B. Bijleveld-Schouten", "Person/ank-bijleveld")]
    assert doc.entities["Person/ank-bijleveld"].ids["wikidata"] == "Q434816"


def test_role_and_name_and_later_bare_surname_share_one_key() -> None:
    assert found("De secretaris-generaal van de NAVO Jens Stoltenberg sprak. Stoltenberg zei ook iets.") == [
        ("Jens Stoltenberg", "Person/jens-stoltenberg"), ("Stoltenberg", "Person/jens-stoltenberg")]


def test_military_rank_with_first_name() -> None:
    assert found("Volgens luitenant-admiraal Rob Bauer is dat zo.") == [("Rob Bauer", "Person/rob-bauer")]


def test_motion_submitters_are_persons() -> None:
    assert [k for _, k in found("De motie Stoffer/Verhoeven en de motie De Roon/Wilders.")] == [
        "Person/chris-stoffer", "Person/kees-verhoeven", "Person/de-roon", "Person/geert-wilders"]


def test_equal_surnames_are_not_linked() -> None:
    doc = make_doc("Zie de motie Koopmans c.s. hierover.")
    persons.extract(doc)
    assert [(m.text, m.key) for m in doc.mentions] == [("Koopmans", "Person/koopmans")]
    assert doc.entities["Person/koopmans"].ids == {}


def test_a_general_is_not_linked_to_a_politician_of_the_same_surname() -> None:
    doc = make_doc("Generaal b.d. Middendorp waarschuwt.")
    persons.extract(doc)
    assert doc.entities["Person/middendorp"].ids == {}


def test_ministry_names_and_titles_are_no_persons() -> None:
    assert found("De minister van Buitenlandse Zaken en de leden van de VVD-fractie. Zr. Ms. Evertsen vaart.") == []


def test_political_role_links_a_unique_surname() -> None:
    assert found("Volgens minister Blok is dat zo.") == [("Blok", "Person/stef-blok")]
