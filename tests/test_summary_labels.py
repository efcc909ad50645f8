"""The display label the summary writes for each entity: one name, chosen in a fixed order."""

from __future__ import annotations

import pyoxigraph as ox

from kg.summary import Name, display_label

LABEL, TITLE = 0, 1
REFERENCE, DOCUMENT = 0, 1


def name(kind: int, origin: int, value: str, language: str | None = None) -> Name:
    return Name(kind, origin, ox.Literal(value, language=language) if language else ox.Literal(value))


def test_display_label_prefers_english_then_dutch_then_other_languages():
    names = [name(LABEL, REFERENCE, "Frankrijk", "nl"), name(LABEL, REFERENCE, "France", "fr"),
             name(LABEL, DOCUMENT, "France", "en")]
    assert display_label(names) == ox.Literal("France", language="en")
    assert display_label(names[:2]) == ox.Literal("Frankrijk", language="nl")
    assert display_label(names[1:2]) == ox.Literal("France", language="fr")


def test_display_label_prefers_the_data_files_then_the_smallest():
    names = [name(LABEL, DOCUMENT, "NATO", "en"), name(LABEL, REFERENCE, "North Atlantic Treaty Organization", "en")]
    assert display_label(names).value == "North Atlantic Treaty Organization"
    assert display_label([name(LABEL, DOCUMENT, "b", "en"), name(LABEL, DOCUMENT, "a", "en")]).value == "a"


def test_display_label_takes_a_title_only_without_any_preferred_label():
    title = name(TITLE, DOCUMENT, "Motie van het lid X over Y")
    assert display_label([title, name(LABEL, DOCUMENT, "Motie X", "nl")]).value == "Motie X"
    assert display_label([title]).value == "Motie van het lid X over Y"
