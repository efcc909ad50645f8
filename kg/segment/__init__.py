"""Normalised text → segments: headings, sections, questions, answers, paragraphs, sentences.

`segment(text, footnotes)` is pure; all offsets are into the normalised text, whose paragraphs
are separated by exactly "\\n\\n" (see `kg.normalise`). A heading is a paragraph of at most
100 characters that starts with a capital or digit and has no final punctuation, and is not the
last body paragraph. A section runs from a heading to the next heading of the same or a higher
level; headings that name a party ("Vragen en opmerkingen van de leden van de VVD-fractie") are
level 1, other headings level 2; "Vraag n" / "Antwoord" markers open no section.
"""

from __future__ import annotations

import re
from operator import attrgetter

from kg.model import Segment
from kg.segment.qa import ANSWER_MARK, QUESTION_MARK, party_in, qa_segments
from kg.segment.sentences import split_sentences

HEADING_CHARS = 100
_PARA = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")
_START, _END = attrgetter("start"), attrgetter("end")


def paragraphs(text: str, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of text between "\\n\\n" separators, up to `end`."""
    return [(m.start(), m.end()) for m in _PARA.finditer(text, 0, len(text) if end is None else end)
            if m.group().strip()]


def is_heading(para: str) -> bool:
    return (len(para) <= HEADING_CHARS and (para[0].isupper() or para[0].isdigit())
            and para.rstrip("'\")")[-1] not in ".?!:;," and "\n" not in para)


def segment(text: str, footnotes: list[Segment]) -> list[Segment]:
    """All segments, the footnotes passed in included, sorted by (start, -end)."""
    body_end = min((f.start for f in footnotes), default=len(text))
    body = paragraphs(text, body_end)
    out: list[Segment] = list(footnotes)
    headings: list[tuple[int, int, int]] = []  # start, end, level
    for k, (s, e) in enumerate(body):
        para = text[s:e]
        if k < len(body) - 1 and is_heading(para):
            marker = QUESTION_MARK.fullmatch(para) or ANSWER_MARK.fullmatch(para)
            out.append(Segment("heading", s, e))
            if not marker:
                headings.append((s, e, 1 if party_in(para) else 2))
    last_body = body[-1][1] if body else 0
    for i, (s, e, level) in enumerate(headings):
        end = next((h[0] for h in headings[i + 1:] if h[2] <= level), None)
        end = last_body if end is None else _trim(text, end)
        out.append(Segment("section", s, end, {"title": text[s:e], "level": level}))
    heading_starts = {seg.start for seg in out if seg.kind == "heading"}
    out.extend(qa_segments(text, body, heading_starts))
    for s, e in body + [(f.start, f.end) for f in footnotes]:
        out.append(Segment("paragraph", s, e))
        out.extend(Segment("sentence", a, b) for a, b in split_sentences(text, s, e))
    # sorted by (start, -end): by end, longest first, then (stably) by start; two sorts on
    # C-level keys cost less than one on a tuple made per segment by a lambda
    out.sort(key=_END, reverse=True)
    out.sort(key=_START)
    return out


def _trim(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


__all__ = ["segment", "paragraphs"]
