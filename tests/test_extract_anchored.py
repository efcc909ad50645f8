"""Anchored patterns: the same matches as `re`, found only where a literal prefix stands."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.anchored import AT_START, DOCUMENT, Anchored, opening, prefixes

#: patterns shaped like the extractors' own: lookbehinds, IGNORECASE, optional parts, `\s+`,
#: a start anchor, inline flags
PATTERNS = [
    re.compile(r"(?<![\w-])(?:[Ss]taatssecretaris|[Mm]inister(?:-[Pp]resident)?|[Hh]et\s+lid|(?:[Vv]ice-)?[Pp]resident)\s+\w+"),
    re.compile(r"(?<!\w)(?:(?P<c0>defensie-?uitgaven|bbp)|(?P<c1>wordt (?:\w+ )?besteed))(?!\w)", re.IGNORECASE),
    re.compile(r"(?<!\w)(?:niet|zou|^.*\?\s*$)", re.IGNORECASE),
    re.compile(r"(?<!\w)(?i:missie|operatie) (?P<name>[A-Z]\w+)"),
    re.compile(r"\bnrs?\.\s*\d"),
    re.compile(r"sis|ik", re.IGNORECASE),
    re.compile(r"(?<!\w)(?:(?P<c0>^(?:het|dit) (?:betrof|omvat))|(?P<c1>levert))(?!\w)", re.IGNORECASE),
    re.compile(r"(?<![\w-])[Dd]e\s+(?:leden|[Mm]inister)\b|(?:zou|niet){1,2}\s?x|lid{1}\s+[a-z]"),
]
#: words that make the patterns match, and characters on which `re` and `str.lower` disagree
WORDS = ["Staatssecretaris", "minister", "Minister-President", "het", "lid", "Het\tlid", "vice-president",
         "Defensieuitgaven", "BBP", "wordt", "besteed", "niet", "zou", "?", "missie", "Operatie", "Sophia",
         "nr.", "nrs.", "12", "Het", "dit", "betrof", "levert", "de", "De", "leden", "  ", "ſiſ", "ık", "İK", "SIS", "Σ", "\u00a0", "\n", " ", "-", "x", "é"]
texts = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join) | st.text(alphabet="".join(set("".join(WORDS))), max_size=60)


def spans(matches) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=300, deadline=None)
@given(text=texts, pos=st.integers(0, 80), endpos=st.integers(0, 80))
def test_anchored_finds_what_re_finds(text: str, pos: int, endpos: int) -> None:
    for pattern in PATTERNS:
        anchored = Anchored(pattern)
        assert spans(anchored.finditer(text)) == spans(pattern.finditer(text))
        assert spans(anchored.finditer(text, pos, endpos)) == spans(pattern.finditer(text, pos, endpos))
        found, expected = anchored.search(text, pos, endpos), pattern.search(text, pos, endpos)
        assert (found and found.span()) == (expected and expected.span())
        if not anchored.may_match_in(text, pos, endpos):  # told from the whole text: the stretch holds no match
            assert pattern.search(text[pos:endpos]) is None
        assert spans(anchored.finditer_within(text, pos, endpos)) == spans(pattern.finditer(text[pos:endpos]))


#: made once, as the extractors make theirs: shared patterns stay registered for the process
SHARED = [Anchored(pattern, shared=True) for pattern in PATTERNS]


@settings(max_examples=100, deadline=None)
@given(text=texts, pos=st.integers(0, 2 * DOCUMENT), length=st.integers(0, 120))
def test_shared_patterns_find_in_a_document_what_re_finds(text: str, pos: int, length: int) -> None:
    """A document is read once for the prefixes of all shared patterns: each still finds its
    own matches, in the whole text and in a sentence of it."""
    document = (text + " ") * (DOCUMENT // (len(text) + 1) + 1)
    for pattern, anchored in zip(PATTERNS, SHARED):
        assert spans(anchored.finditer(document)) == spans(pattern.finditer(document))
        expected = spans(pattern.finditer(document[pos:pos + length]))
        assert spans(anchored.finditer_within(document, pos, pos + length)) == expected


def test_prefixes_are_lower_cased_words_a_match_opens_with() -> None:
    found, unsafe = prefixes(PATTERNS[0])
    # past "\s+": the next word, or a second white-space character
    assert found == {"staatssecretaris", "minister", "het lid", "het  ", "vice-", "president"}
    assert unsafe == frozenset()  # a case-sensitive pattern: "ſ" is no "s" to it
    found, unsafe = prefixes(PATTERNS[1])
    assert found == {"defensie-", "defensieuitgaven", "bbp", "wordt "}  # with or without the optional "-"
    assert unsafe == {"ı", "ſ"}  # IGNORECASE takes them for "i" and "s"
    assert AT_START in prefixes(PATTERNS[2])[0]
    # what a text must begin with for the "^" branch to match
    assert prefixes(PATTERNS[6])[0] == {AT_START + f"{a} {b}" for a in ("het", "dit") for b in ("betrof", "omvat")} | {"levert"}


def test_pattern_that_may_open_anywhere_has_no_prefixes() -> None:
    assert prefixes(re.compile(r"[A-Z]\w+ (?:of|for) [A-Z]\w+"))[0] is None
    assert prefixes(re.compile(r"(?:de )?x"))[0] is None  # "x" alone: too short to look for
    assert spans(Anchored(re.compile(r"(?:de )?x")).finditer("de x, x")) == [((0, 4), ()), ((6, 7), ())]


def test_opening_puts_the_class_first_and_keeps_the_lookbehind() -> None:
    pattern = re.compile(opening("[A-Z]", r"[\w.]") + r"\.")
    assert [m.start() for m in pattern.finditer("A. xB. .C. D.")] == [0, 11]
    assert [m.start() for m in pattern.finditer("A. xB. .C. D.")] == [
        m.start() for m in re.finditer(r"(?<![\w.])[A-Z]\.", "A. xB. .C. D.")]


def test_a_branch_opening_with_a_caret_matches_where_a_sentence_begins() -> None:
    """"^het betrof" is tried at a sentence's start when the sentence begins so, in a short text
    and in a document whose prefixes all shared patterns look for at once."""
    sentences = ["Nederland levert.", "Het betrof 60 militairen.", "Dit omvat ook wat het betrof.", "Dit is het."]
    for text in (" ".join(sentences), " ".join(sentences * (DOCUMENT // 20))):
        for anchored in (Anchored(PATTERNS[6]), SHARED[6]):
            start = 0
            for sentence in sentences * (len(text) // len(" ".join(sentences))):
                end = start + len(sentence)
                expected = spans(PATTERNS[6].finditer(text[start:end]))
                assert spans(anchored.finditer_within(text, start, end)) == expected
                start = end + 1
    assert spans(PATTERNS[6].finditer(sentences[2])) == [((0, 9), ("Dit omvat", None))]
