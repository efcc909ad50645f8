"""Offsets are always right: texts generated with hyphenation across line breaks, page
furniture and footnotes still map every mention back to its surface text in the file."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kg.pipeline import process
from tests.test_pipeline_offsets import QUOTES, squash

NAMES = ["Resolute Support", "NATO Mission Iraq", "de Verenigde Staten", "Duitsland", "Amerikaanse", "NAVO",
         "Kamerstuk 28 676, nr. 347", "de GroenLinks-fractie", "Operation Inherent Resolve", "MINUSMA"]
WORDS = ["de", "het", "missie", "bijdrage", "Nederland", "levert", "militairen", "in", "2020", "afhankelijk",
         "van", "enablers", "toenemende", "veiligheidssituatie", "ministers", "bondgenoten", "aan", "en"]
FURNITURE = ["Tweede Kamer, vergaderjaar 2020–2021, 28 676, nr. 346 7", "3"]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(NAMES))
sentence = st.lists(token, min_size=3, max_size=14).map(lambda ws: " ".join(ws) + ".")


@st.composite
def documents(draw) -> str:
    """Sentences wrapped into short lines, words split with '-' at some line ends, a page
    footer between pages, and a footnote at a page bottom with its mark in the body."""
    text = " ".join(draw(st.lists(sentence, min_size=2, max_size=8)))
    width = draw(st.integers(min_value=25, max_value=70))
    lines, line = [], ""
    for word in text.split(" "):
        if len(line) + len(word) + 1 > width and line:
            if len(word) > 8 and word.isalpha() and draw(st.booleans()):
                cut = draw(st.integers(min_value=3, max_value=len(word) - 3))
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    breaks = [i for i in range(2, len(lines) - 1) if not lines[i - 1].endswith("-")]  # a mark never follows a hyphen
    if breaks and draw(st.booleans()):
        at = draw(st.sampled_from(breaks))
        lines[at - 1] = lines[at - 1].rstrip(".") + "1."
        lines[at:at] = ["", "1 Zie het verslag van de NAVO-top.", draw(st.sampled_from(FURNITURE)), ""]
        lines[at + 4] = " " + lines[at + 4]
    return "\n".join(lines) + "\n"


def same(normalised: str, original: str) -> bool:
    """A character of the normalised text and the one it maps to: equal, or changed only as
    the normaliser may change it (a line break or tab to a space, a curly quote to ASCII)."""
    return normalised == original or (normalised.isspace() and original.isspace()) or \
        normalised == original.translate(QUOTES)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(documents())
def test_offsets_property_mentions_map_back_to_their_text(raw: str):
    """Every character of every mention points at its own character in the file, and a
    mention's span starts and ends on its first and last character (page furniture or a
    footnote in between is skipped by the map, not copied into the mention)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.txt"
        path.write_text(raw, encoding="utf-8")
        doc = process(path)
    for m in doc.mentions:
        for i in range(m.start, m.end):
            assert same(doc.text[i], raw[doc.offsets[i]]), (m, i, raw[doc.offsets[i]])
        start, end = doc.raw_span(m.start, m.end)
        assert squash(raw[start:end]).startswith(squash(m.text)[:3]) and squash(raw[start:end]).endswith(squash(m.text)[-3:])
    for fact in doc.facts:
        start, end = doc.raw_span(fact.start, fact.end)
        assert re.sub(r"\W", "", raw[start:end])[:8] == re.sub(r"\W", "", doc.text[fact.start:fact.end])[:8]
