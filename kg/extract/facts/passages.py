"""Passage helpers the fact extractors share: sentences in order, mentions by sentence,
and the missions an anaphor ("deze missies") points back to.

Built once per document (`Passages.of(doc)`), looked up with bisect, so that each fact
module stays a few lines of rule over a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from kg.model import Doc, Mention, Segment

#: "deze missies", "die operatie", "de missie", "onze deelname": a mission named earlier.
ANAPHOR = re.compile(r"\b(?:deze|die|de|dezelfde|beide|onze deelname aan (?:deze|die|de))\s+(?:missies?|operaties?|inzet)\b",
                     re.IGNORECASE)


@dataclass
class Passages:
    doc: Doc
    sentences: list[Segment]
    mentions: list[Mention]
    _starts: list[int]
    _mention_starts: list[int]

    @classmethod
    def of(cls, doc: Doc) -> "Passages":
        sentences = sorted(doc.segments_of("sentence"), key=lambda s: s.start)
        mentions = sorted(doc.mentions, key=lambda m: (m.start, -m.end))
        return cls(doc, sentences, mentions, [s.start for s in sentences], [m.start for m in mentions])

    def text(self, segment: Segment) -> str:
        return self.doc.text[segment.start : segment.end]

    def mentions_between(self, start: int, end: int, types: tuple[str, ...] | None = None) -> list[Mention]:
        lo, hi = bisect_left(self._mention_starts, start), bisect_right(self._mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end and (types is None or m.type in types)]

    def previous(self, sentence: Segment) -> Segment | None:
        """The sentence before, if it is in the same paragraph."""
        index = bisect_left(self._starts, sentence.start) - 1
        if index < 0:
            return None
        before = self.sentences[index]
        paragraph = self.doc.enclosing("paragraph", sentence.start, sentence.end)
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
