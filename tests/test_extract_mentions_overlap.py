"""The overlap policy of kg.extract.mentions: longest within, first across extractors."""

from __future__ import annotations

from kg.extract import countries, gazetteer
from kg.extract.mentions import Candidate, Claims, longest_first
from kg.model import Entity, Mention
from tests.factories import make_doc


def test_longest_first_keeps_the_longer_of_overlapping_candidates() -> None:
    chosen = longest_first([Candidate(0, 4, "a"), Candidate(2, 10, "b"), Candidate(10, 12, "c")])
    assert [c.payload for c in chosen] == ["b", "c"]


def test_claims_refuse_overlap_but_allow_a_joint_reference_of_one_extractor() -> None:
    doc = make_doc("abcdefghij")
    claims = Claims(doc)
    entity = Entity("Kamerstuk/1-1", "Kamerstuk", "1-1")
    assert claims.add(Mention(0, 5, "abcde", "Kamerstuk", "Kamerstuk/1-1", "k"), entity)
    assert claims.add(Mention(0, 5, "abcde", "Kamerstuk", "Kamerstuk/2-1", "k"), Entity("Kamerstuk/2-1", "Kamerstuk", "2-1"))
    assert not claims.add(Mention(0, 5, "abcde", "Country", "Country/NL", "c"), Entity("Country/NL", "Country", "NL"))
    assert not claims.add(Mention(4, 8, "efgh", "Country", "Country/NL", "c"), Entity("Country/NL", "Country", "NL"))
    assert claims.add(Mention(5, 8, "fgh", "Country", "Country/NL", "c"), Entity("Country/NL", "Country", "NL"))


def test_gazetteer_before_countries_keeps_organisation_names_whole() -> None:
    doc = make_doc("United States Army Europe steunt de Nederlandse marine; de VS ook.")
    gazetteer.extract(doc)
    countries.extract(doc)
    assert [(m.text, m.type) for m in sorted(doc.mentions, key=lambda m: m.start)] == [
        ("United States Army Europe", "Organisation"), ("Nederlandse marine", "Organisation"), ("VS", "Country")]
