"""`motions` (references and motion documents, on the real motions of ../shared/samples) and
`questions` (a question that goes on from the one before)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import process
from tests.factories import extracted

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "kop-xml"


def motion_facts(doc) -> list[tuple]:
    return sorted((f.values["self"], tuple(f.values["submitters"]), f.roles.get("kamerstuk", ""))
                  for f in doc.facts if f.kind == "motions")


def test_motions_surnames_with_a_lower_case_prefix_and_spaced_slashes():
    doc = extracted("conform de definitie van de motie van Campen/ Boswijk en de motie Koopmans c.s. "
                    "(Kamerstuk 33694, nr. 43).")
    assert motion_facts(doc) == [(False, ("Koopmans",), "Kamerstuk/33694-43"), (False, ("van Campen", "Boswijk"), "")]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="needs the real motions of ../shared/samples/kop-xml")
def test_motions_a_motion_document_lists_itself_with_all_its_signatories():
    doc = process(SAMPLES / "kst-21501-20-2084.xml")
    own = [f for f in doc.facts if f.kind == "motions" and f.values["self"]]
    assert [f.values["submitters"] for f in own] == [["Ceder", "Van Campen", "Diederik van Dijk"]]
    assert {e.label for e in doc.entities.values() if e.type == "Person"} >= {"Van Campen", "Diederik van Dijk"}
    # the adopted motion it refers to is another motion, an entity of its own
    assert [e.label for e in doc.entities.values() if e.type == "Motion"] == ["motie Ceder"]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="needs the real motions of ../shared/samples/kop-xml")
def test_motions_signatories_under_a_motion_are_persons():
    doc = process(SAMPLES / "kst-36455-11.xml")
    assert sorted(m.text for m in doc.mentions if m.type == "Person") == ["Kathmann", "White"]


def test_questions_a_question_going_on_from_the_one_before_keeps_its_party():
    doc = extracted("Vraag 1\nDe leden van de SP-fractie vragen of de Minister dit deelt.\n\nAntwoord\nJa.\n\n"
                    "Vraag 2\nDeze leden vragen ook wat dit betekent.\n\nAntwoord\nDat is onbekend.\n\n"
                    "Vraag 3\nDe leden van de GroenLinks-fractie vragen iets anders.\n")
    got = [(f.values["number"], f.roles.get("party"), f.values["answered"]) for f in doc.facts if f.kind == "questions"]
    assert got == [(1, "Party/sp", True), (2, "Party/sp", True), (3, "Party/groenlinks", False)]
