"""The fast paths of extraction (and of finding the documents) give what the plain code they
stand in for gives.

Each one replaces a slower but obvious computation (a regex scan, a sort, a case fold); these
tests hold the two side by side on texts made to reach the edge of the shortcut.
"""

from __future__ import annotations

import itertools
import os

from kg.build import _suffix
from kg.extract import discovery
from kg.extract.matcher import _forms, fold
from kg.extract.mentions import Claims
from kg.model import Entity, Mention
from kg.segment import segment
from kg.segment.sentences import BOUNDARY, _boundaries
from tests.factories import make_doc


def test_sentence_boundaries_are_those_of_the_boundary_pattern() -> None:
    texts = [
        "Dit is zin één. Dit is zin twee.Geen grens. 3. En nu... Ja.",
        "Vraag? Ja! Nee. (Zie hieronder.) \"Citaat.\" Einde.",
        "o.a. de heer J.A. Jansen. Nr. 5 volgt. Slot",
        "Geen punt hier",
    ]
    for text in texts:
        for start, end in [(0, len(text)), (3, len(text) - 2)]:
            assert [m.span() for m in _boundaries(text, start, end)] == \
                [m.span() for m in BOUNDARY.finditer(text, start, end)]


def test_segments_are_ordered_by_start_then_longest_first() -> None:
    text = "Inleiding\n\nDe missie loopt. Zij eindigt in 2024.\n\nSlot van de brief."
    found = segment(text, [])
    assert [(s.start, -s.end) for s in found] == sorted((s.start, -s.end) for s in found)
    assert {s.kind for s in found} >= {"heading", "paragraph", "sentence"}


def test_the_shared_lower_case_copy_folds_as_fold_does() -> None:
    for text in ["Resolute Support–missie en NAVO’s ‘plan’", "ΟΔΟΣ ΣΟΦΟΣ-Σ", "İstanbul\tKAMER"]:
        assert _forms(text)[1] == fold(text)


def test_wide_run_starts_after_the_last_character_no_run_holds() -> None:
    text = "Zie het rapport. Daarna kwam de Single Intelligence Analysis Capacity (SIAC)"
    end = text.index(" (")
    assert discovery._wide_run(text, end).span() == discovery.WIDE_RUN.search(text, max(0, end - 160), end).span()
    assert discovery._wide_run(text, end).group().startswith("Daarna")


def _mention(start: int, end: int, extractor: str) -> Mention:
    return Mention(start, end, "x" * (end - start), "Country", f"Country/{start}", extractor)


def test_claims_carry_over_only_while_the_mentions_are_the_ones_they_saw() -> None:
    doc = make_doc("abcdefghijklmnopqrstuvwxyz")
    first = Claims(doc)
    assert first.add(_mention(0, 5, "a"), Entity("Country/0", "Country", "0"))
    second = Claims(doc)  # carried over: the span taken above is still taken
    assert not second.is_free(2, 4, "b")
    doc.mentions.append(_mention(10, 12, "c"))  # added behind the claims' back: built anew
    third = Claims(doc)
    assert not third.is_free(11, 12, "b")
    doc.mentions = [m for m in doc.mentions if m.start != 0]  # replaced: built anew
    assert Claims(doc).is_free(2, 4, "b")


def test_a_file_names_suffix_is_that_of_splitext() -> None:
    """`kg.build._suffix`, the shortcut `discover` tests every file name with."""
    for n in range(1, 7):
        for letters in itertools.product("a.T", repeat=n):
            name = "".join(letters)
            assert _suffix(name) == os.path.splitext(name)[1].lower(), name
    for name in ("kst-36725-XXIII-8.XML", "motie.pdf", "a.meta.json", ".hidden.txt", "..txt", "geen-punt"):
        assert _suffix(name) == os.path.splitext(name)[1].lower(), name
