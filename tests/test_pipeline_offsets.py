"""Provenance holds: every mention and every fact passage, mapped back through the offset
map, points at its own text in the original file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.pipeline import process

DOCUMENTS = sorted((Path(__file__).resolve().parent.parent / "data" / "documents").glob("*.txt"))
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


def squash(text: str) -> str:
    """What a line break, a hyphenation or a quote style may change, removed."""
    return re.sub(r"[\s\-]", "", text.translate(QUOTES))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_offsets_mentions_point_at_their_surface_text(path: Path):
    doc = process(path)
    assert doc.mentions
    for m in doc.mentions:
        start, end = doc.raw_span(m.start, m.end)
        assert squash(doc.document.raw[start:end]) == squash(m.text), m


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_offsets_fact_passages_start_and_end_on_their_text(path: Path):
    doc = process(path)
    for fact in doc.facts:
        start, end = doc.raw_span(fact.start, fact.end)
        passage = doc.text[fact.start:fact.end]
        raw = doc.document.raw[start:end]
        assert squash(raw)[:20] == squash(passage)[:20] and squash(raw)[-20:] == squash(passage)[-20:], fact
