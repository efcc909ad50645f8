"""Kamerstuk references in every form of GUIDE.md, and the `cites` facts they make."""

from __future__ import annotations

import pytest

from kg.extract import kamerstukken
from kg.model import DocumentMeta
from tests.factories import make_doc


def cited(text: str, meta: DocumentMeta | None = None) -> list[str]:
    doc = make_doc(text, meta=meta)
    kamerstukken.extract(doc)
    return [f.roles["cited"].split("/", 1)[1] for f in doc.facts if f.kind == "cites"]


@pytest.mark.parametrize(
    "text, refs",
    [
        ("Zie de Defensievisie (Kamerstuk 34 919, nr. 71).", ["34919-71"]),
        ("Zie Kamerstuk 28676, nr. 352.", ["28676-352"]),
        ("Zie Kamerstukken 29 521 en 25 295, nr. 407.", ["29521-407", "25295-407"]),
        ("Zie Kamerstukken 29 521 en 25 295, nrs. 402 en 404.", ["29521-402", "29521-404", "25295-402", "25295-404"]),
        ("Zie Kamerstuk 35 570 X, nr. 53.", ["35570-X-53"]),
        ("Zie Kamerstuk 21 501-02, nr. 1888.", ["21501-02-1888"]),
        ("Zie de toezeggingen (Kamerstuk 28 676, nr. 284 en nr. 279).", ["28676-284", "28676-279"]),
        ("Het verslag (Kamerstuk 2021Z04547) volgt.", ["2021Z04547"]),
        ("1 Kenmerk 2020D11584", ["2020D11584"]),
        ("Zoals gemeld (28676, nr. 352) gaat het door.", ["28676-352"]),
        ("Zie Kamerstukken II 2019/20, 35 300 X, nr. 5.", ["35300-X-5"]),
        ("Zie Kamerstukken 28 676, nrs. 10, 11 en 12.", ["28676-10", "28676-11", "28676-12"]),
    ],
)
def test_every_guide_form_is_normalised(text: str, refs: list[str]) -> None:
    assert cited(text) == refs


def test_two_reference_lists_in_one_sentence_stay_apart() -> None:
    text = "Zie Kamerstukken 35 300 X en 25 295, nr. 64 en Kamerstukken 29 521 en 25 295, nr. 402."
    assert cited(text) == ["35300-X-64", "25295-64", "29521-402", "25295-402"]


@pytest.mark.parametrize("text", ["Handelingen II 2019/20, nr. 45, item 8.", "Stb. 2019, nr. 12.", "Het is nr. 5 op de lijst."])
def test_other_numbered_publications_are_no_kamerstuk(text: str) -> None:
    assert cited(text) == []


def test_the_year_after_a_number_is_no_number() -> None:
    assert cited("Zie Kamerstuk 28 676, nr. 12, 2020 was het jaar.") == ["28676-12"]


@pytest.mark.parametrize(
    "meta", [DocumentMeta(identifier="kst-28676-346"), DocumentMeta(dossier="28676", number="346")]
)
def test_the_document_never_cites_itself(meta: DocumentMeta) -> None:
    text = "Tweede Kamer, vergaderjaar 2020–2021, 28 676, nr. 346. Zie Kamerstuk 28 676, nr. 347."
    assert cited(text, meta) == ["28676-347"]


def test_one_fact_per_reference_per_sentence_with_the_sentence_as_passage() -> None:
    text = "Eerst Kamerstuk 28 676, nr. 347 en weer Kamerstuk 28 676, nr. 347. Dan Kamerstuk 28 676, nr. 347."
    doc = make_doc(text)
    kamerstukken.extract(doc)
    facts = [f for f in doc.facts if f.kind == "cites"]
    assert len(facts) == 2
    assert text[facts[0].start:facts[0].end].startswith("Eerst") and text[facts[1].start:facts[1].end].startswith("Dan")


def test_a_joint_reference_gives_one_entity_per_ref_on_the_same_span() -> None:
    doc = make_doc("Zie Kamerstukken 29 521 en 25 295, nr. 407.")
    kamerstukken.extract(doc)
    assert {m.key for m in doc.mentions} == {"Kamerstuk/29521-407", "Kamerstuk/25295-407"}
    assert len({(m.start, m.end) for m in doc.mentions}) == 1
    entity = doc.entities["Kamerstuk/29521-407"]
    assert entity.label == "29521-407" and "Kamerstukken 29 521 en 25 295, nr. 407" in entity.alt_labels
