"""The Aho–Corasick engine under the phrase matcher and the anchored patterns: every occurrence,
overlapping ones too, at character offsets of the text as Python counts them."""

from __future__ import annotations

import re

from kg.extract.anchored import Anchored
from kg.extract.automaton import Automaton


def _brute(table: dict[str, str], text: str) -> list[tuple[int, int, str]]:
    return sorted((i, i + len(s), p) for s, p in table.items() for i in range(len(text)) if text.startswith(s, i))


def test_every_occurrence_overlapping_and_nested_at_character_offsets():
    table = {"café": "a", "fé x": "b", "x": "c", "é": "d", "ca": "e"}
    # accents and a character outside the BMP before the matches: offsets are str indexes, not bytes
    text = "𝔘 één café x, cafécafé"
    found = sorted(Automaton(table).find(text))
    assert found == _brute(table, text)
    assert [text[s:e] for s, e, _ in found if _ == "a"] == ["café", "café", "café"]
    assert sorted(Automaton(table).starts(text)) == [s for s, _, _ in found]


def test_nothing_found_in_text_without_the_strings():
    assert Automaton({"navo": 1}).find("de NAVO") == []  # case is the caller's business (it folds)


def test_may_match_in_tells_a_branch_opening_with_start_from_the_stretch_it_begins():
    pattern = Anchored(re.compile(r"^(?:het|dit) betrof|\bleverde\b", re.IGNORECASE))
    text = "Nederland leverde twee fregatten. Het betrof 140 militairen. Dat was alles. " * 30
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^. ][^.]*\.", text)]
    for start, end in sentences:
        found = list(pattern.finditer(text[start:end]))
        assert pattern.may_match_in(text, start, end) == bool(found)  # here exactly: no stray prefix
    first, second, third = sentences[:3]
    assert pattern.may_match_in(text, *first)
    assert pattern.may_match_in(text, *second)  # "Het betrof" begins the stretch: no place needed
    assert not pattern.may_match_in(text, *third)  # neither a place nor "het"/"dit" at its start
    assert not pattern.may_match_in(text, second[0] + 1, second[1])  # "et betrof …": the branch cannot match
