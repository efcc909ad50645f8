"""Passage helpers the fact extractors share: sentences in order, mentions by sentence,
and the missions an anaphor ("deze missies") points back to.

Built once per document (`Passages.of(doc)`), looked up with bisect, so that each fact
module stays a few lines of rule over a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from kg.extract.anchored import Anchored
from kg.extract.cues import cue_set
from kg.extract.registry import DocumentState, document_state, per_document, unchanged
from kg.model import Doc, Mention, Segment

_MISSION_NOUNS = r"missies?|operaties?|inzet"
#: "deze missies", "die operatie", "de missie", "onze deelname": a mission named earlier.
ANAPHOR = Anchored(re.compile(
    rf"\b(?:deze|die|de|dezelfde|beide|onze deelname aan (?:deze|die|de))\s+(?:{_MISSION_NOUNS})\b", re.IGNORECASE), shared=True)
#: the nouns an anaphor ends in: a sentence without one (most) holds no anaphor, told without
#: trying `ANAPHOR` at each of its many "de"
MISSION_NOUN = Anchored(re.compile(_MISSION_NOUNS, re.IGNORECASE), shared=True)


_START, _END = attrgetter("start"), attrgetter("end")

#: the passages made last, with what they were made from (see `Passages.of`); dropped when the
#: document is done (`per_document`)
_LAST: list[tuple[DocumentState, Passages]] = []
per_document(_LAST.clear)


@dataclass
class Passages:
    doc: Doc
    sentences: list[Segment]
    mentions: list[Mention]
    _starts: list[int]
    _mention_starts: list[int]
    _by_kind: dict[str, tuple[list[int], list[Segment]]]
    _by_type: dict[str, tuple[list[int], list[Mention]]]  # the mentions of one type, in the same order
    _anaphors: dict[tuple[int, int], bool] = field(default_factory=dict)  # a sentence's span → `has_anaphor`

    @classmethod
    def of(cls, doc: Doc) -> Passages:
        """The passages of `doc`. Every fact extractor asks for them in turn, so the last ones
        made are kept while the document's mention and segment lists stay the same lists with
        the same lengths (extractors add mentions by appending or by replacing the list)."""
        for made_from, passages in _LAST[:1]:  # a copy: another thread may clear or replace it
            if unchanged(made_from, doc):
                return passages
        passages = cls._build(doc)
        _LAST[:] = [(document_state(doc), passages)]
        return passages

    @classmethod
    def _build(cls, doc: Doc) -> Passages:
        """The indexes of the document's segments and mentions, built one to two times per
        document. Sorted with C-level keys (`attrgetter`) rather than lambdas, and the
        sentences taken from the index of the kinds rather than gathered in a pass of their
        own: a build took ~13 rather than ~15 ms per MB of bench text."""
        by_kind: dict[str, list[Segment]] = {}
        for segment in doc.segments:
            by_kind.setdefault(segment.kind, []).append(segment)
        index = {k: ([s.start for s in v], v) for k, v in ((k, sorted(v, key=_START)) for k, v in by_kind.items())}
        sentences = index.get("sentence", ([], []))[1]
        # ordered by (start, -end): by end, longest first, then (stably) by start
        mentions = sorted(sorted(doc.mentions, key=_END, reverse=True), key=_START)
        by_type: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_type.setdefault(mention.type, []).append(mention)
        return cls(doc, sentences, mentions, [s.start for s in sentences], [m.start for m in mentions], index,
                   {t: ([m.start for m in listed], listed) for t, listed in by_type.items()})

    def enclosing(self, kind: str, start: int, end: int) -> Segment | None:
        """The innermost segment of `kind` holding the span, found by bisection (`Doc.enclosing`
        scans every segment, which a loop over all sentences cannot afford)."""
        starts, segments = self._by_kind.get(kind, ([], []))
        i = bisect_right(starts, start)
        while i > 0:
            i -= 1
            if segments[i].end >= end:
                return segments[i]
            if kind != "section":  # sections nest; other kinds do not
                return None
        return None

    def starting_at(self, kind: str, start: int) -> Segment | None:
        starts, segments = self._by_kind.get(kind, ([], []))
        i = bisect_left(starts, start)
        return segments[i] if i < len(starts) and starts[i] == start else None

    def sentences_with(self, anchored: Anchored) -> list[Segment]:
        """The sentences in which `anchored` may match, in order: found from the places its
        prefixes stand in the document (`Anchored.places`), so that an extractor whose pattern
        most sentences lack does not visit every sentence."""
        text = self.doc.text
        places = anchored.places(text)
        if places is None:
            return [s for s in self.sentences if anchored.may_match_in(text, s.start, s.end)]
        found: list[Segment] = []
        for place in places:
            index = bisect_right(self._starts, place) - 1
            sentence = self.sentences[index] if index >= 0 else None
            if sentence is not None and place < sentence.end and (not found or found[-1] is not sentence):
                found.append(sentence)
        return found

    def sentences_naming(self, types: tuple[str, ...]) -> list[Segment]:
        """The sentences holding a mention of one of `types` (as `mentions_between` tells),
        in order: found from those mentions, so that an extractor that needs one does not
        visit every sentence."""
        chosen: set[int] = set()
        for type_ in types:
            for mention in self._by_type.get(type_, ([], []))[1]:
                index = bisect_right(self._starts, mention.start) - 1
                for k in (index - 1, index):  # the one before too: it may end where this begins
                    sentence = self.sentences[k] if k >= 0 else None
                    if sentence is not None and sentence.start <= mention.start and mention.end <= sentence.end:
                        chosen.add(k)
        return [self.sentences[k] for k in sorted(chosen)]

    def text(self, segment: Segment) -> str:
        return self.doc.text[segment.start : segment.end]

    def mentions_between(self, start: int, end: int, types: tuple[str, ...] | None = None) -> list[Mention]:
        if types is not None and len(types) == 1:  # the common case: one type, from its own index
            starts, mentions = self._by_type.get(types[0], ([], []))
            lo, hi = bisect_left(starts, start), bisect_right(starts, end)
            return [m for m in mentions[lo:hi] if m.end <= end]
        lo, hi = bisect_left(self._mention_starts, start), bisect_right(self._mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end and (types is None or m.type in types)]

    def has_anaphor(self, sentence: Segment) -> bool:
        """Whether the sentence points back at a mission ("deze missies", "onze deelname aan de missie").
        Several extractors ask it of nearly every sentence, so the answer is kept."""
        span = (sentence.start, sentence.end)
        known = self._anaphors.get(span)
        if known is None:
            text = self.doc.text
            known = MISSION_NOUN.may_match_in(text, *span) and ANAPHOR.search(text, *span) is not None
            self._anaphors[span] = known
        return known

    def previous(self, sentence: Segment) -> Segment | None:
        """The sentence before, if it is in the same paragraph."""
        index = bisect_left(self._starts, sentence.start) - 1
        if index < 0:
            return None
        before = self.sentences[index]
        paragraph = self.enclosing("paragraph", sentence.start, sentence.end)
        if paragraph is not None and before.start < paragraph.start:
            return None
        return before

    def antecedent_missions(self, sentence: Segment, lookback: int = 2) -> list[Mention]:
        """Missions named in the closest earlier sentence (same paragraph) that names any."""
        current = sentence
        for _ in range(lookback):
            current = self.previous(current)
            if current is None:
                return []
            found = self.mentions_between(current.start, current.end, ("Mission",))
            if found:
                return unique_by_key(found)
        return []


def unique_by_key(mentions: list[Mention]) -> list[Mention]:
    """First mention of each entity, in text order."""
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out


def is_hedged(text: str) -> bool:
    """Whether a sentence negates, conditions or asks rather than states (`data/cues/hedges.csv`):
    "een eventuele bijdrage", "of Nederland kan bijdragen", "geen deelname", a question."""
    return cue_set("hedges").search(text) is not None
