"""Shared helpers for the mention extractors: claiming spans, registering entities, sentences.

Overlap policy, in one place so that every extractor resolves conflicts the same way:

* **Within one extractor, longest wins.** Candidates are ordered by length (longest first,
  then leftmost) and taken greedily, so "NATO Mission Iraq" beats "NATO" and "Iraq".
* **Across extractors, first wins.** A span already claimed by an earlier extractor in the
  pipeline is never taken again, so the pipeline order is the priority order: the gazetteer
  runs before the countries so that "United States Army Europe" stays one Organisation and
  "Nederlandse" inside "Nederlandse marine" is no Country.
* **One exception: a joint reference.** The same extractor may put several mentions on exactly
  the same span ("Kamerstukken 29 521 en 25 295, nr. 407" names two Kamerstukken at once).
"""

from __future__ import annotations

import bisect
from typing import Generic, Iterable, NamedTuple, TypeVar

from kg.extract.registry import document_state, per_document, unchanged
from kg.model import Doc, Entity, Mention

T = TypeVar("T")


class Candidate(NamedTuple, Generic[T]):
    """A span an extractor would like to mark, with what it found there (a named tuple: a
    matcher makes one for every phrase it finds, hundreds per document)."""

    start: int
    end: int
    payload: T


def longest_first(candidates: Iterable[Candidate[T]]) -> list[Candidate[T]]:
    """The non-overlapping subset, longest spans first, in text order.

    Greedy by length, then by position: a longer candidate always survives the shorter ones
    it overlaps, which is the "longest match wins" rule of a gazetteer.
    """
    chosen: list[Candidate[T]] = []
    starts: list[int] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        i = bisect.bisect_right(starts, cand.start)
        if i > 0 and chosen[i - 1].end > cand.start:
            continue
        if i < len(chosen) and chosen[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        chosen.insert(i, cand)
    return chosen


def is_word_boundary(text: str, start: int, end: int) -> bool:
    """True when the span neither starts nor ends inside a word ("RSM" is not in "PRSMX").

    Hyphens count as boundaries: Dutch compounds such as "NAVO-top" or "Resolute
    Support-missie" name the entity in their first part.
    """
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


class Claims:
    """The spans already taken in a document, for the first-extractor-wins rule.

    Built once per extractor run from `doc.mentions`, so checking a span costs a bisection
    rather than a scan of all mentions. Seven extractors in a row build one: while the
    document's mentions are still those the previous one's claims saw (the same list, grown
    only by `add`), its sorted spans are copied rather than sorted anew from the mentions,
    which took ~35 µs per extractor and document (~6 ms per MB of bench text).
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        for last in _LAST[:1]:  # a copy: another thread may clear or replace it
            if last.doc is doc and last._in_step():
                self._spans, self._longest = list(last._spans), last._longest
                break
        else:
            self._spans = sorted((m.start, m.end, m.extractor) for m in doc.mentions)
            self._longest = max((e - s for s, e, _ in self._spans), default=0)
        self._gone: set[tuple[int, int, str]] = set()
        self._state = document_state(doc)
        _LAST[:] = [self]

    def _in_step(self) -> bool:
        """Whether the spans are still exactly those of the document's mentions."""
        return not self._gone and unchanged(self._state, self.doc)

    def is_free(self, start: int, end: int, extractor: str) -> bool:
        """No earlier mention overlaps the span, except one of `extractor` on the very same span."""
        i = bisect.bisect_left(self._spans, (end, -1, ""))
        while i > 0:
            i -= 1
            s, e, who = self._spans[i]
            if s + self._longest <= start:  # no earlier span can reach this far
                break
            if e > start and (s, e, who) != (start, end, extractor):
                return False
        return True

    def displace(self, start: int, end: int, extractors: tuple[str, ...]) -> bool:
        """Make room for a longer name: drop the mentions of `extractors` lying inside the span
        ("NATO" inside "NATO Command Structure"); `commit` later removes them from the document,
        with the entities they leave without any mention. False, and nothing dropped, when a
        mention crosses the span's edges, comes from another extractor, or already covers
        exactly this span."""
        inside = []
        i = bisect.bisect_left(self._spans, (end, -1, ""))
        while i > 0:
            i -= 1
            s, e, who = self._spans[i]
            if s + self._longest <= start:
                break
            if e <= start:
                continue
            if s < start or e > end or who not in extractors or (s, e) == (start, end):
                return False
            inside.append(i)
        for i in sorted(inside, reverse=True):
            self._gone.add(self._spans.pop(i))
        return True

    def commit(self) -> None:
        """Remove the displaced mentions from the document, and the entities they leave bare."""
        if not self._gone:
            return
        removed = {m.key for m in self.doc.mentions if (m.start, m.end, m.extractor) in self._gone}
        self.doc.mentions = [m for m in self.doc.mentions if (m.start, m.end, m.extractor) not in self._gone]
        for key in removed - {m.key for m in self.doc.mentions}:
            self.doc.entities.pop(key, None)
        self._gone.clear()

    def add(self, mention: Mention, entity: Entity) -> bool:
        """Add the mention and its entity unless the span is taken; the surface text becomes
        an alternative label of the entity. Returns whether it was added."""
        if not self.is_free(mention.start, mention.end, mention.extractor):
            return False
        self.doc.mentions.append(mention)
        self._state = document_state(self.doc)
        bisect.insort(self._spans, (mention.start, mention.end, mention.extractor))
        self._longest = max(self._longest, mention.end - mention.start)
        entity.alt_labels.add(mention.text)
        if self.doc.entities.get(entity.key) is not entity:  # an entity met again needs no merging with itself
            self.doc.add_entity(entity)
        return True


#: the claims made last (see `Claims.__init__`); dropped when the document is done
_LAST: list[Claims] = []
per_document(_LAST.clear)


def sentence_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The enclosing sentence of a span; failing that its paragraph; failing that the span.

    Facts cite their evidence passage, and a reference can straddle a sentence split the
    segmenter made at an abbreviation ("nr. 347"), so the fallbacks keep a passage anyway.
    """
    for kind in ("sentence", "paragraph"):
        seg = doc.enclosing(kind, start, end)
        if seg is not None:
            return seg.start, seg.end
    return start, end
