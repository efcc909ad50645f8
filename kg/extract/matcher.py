"""One Aho–Corasick automaton over many phrases: the engine of the gazetteer and the countries.

PERFORMANCE.md: thousands of phrases cost one pass over the text with an automaton, where a
regex per phrase would cost a pass each. The automaton runs over a *folded* copy of the text
of the same length, so offsets carry over unchanged:

* case is folded, and each match is then checked against its phrase: a phrase without lower
  case letters ("RSM", "NAVO", "F-35", "VS") must match case and all, because acronyms
  collide with ordinary words; any other phrase ("Resolute Support") matches in any case;
* hyphens, dashes and whitespace fold to one space, so "Resolute Support-missie",
  "Resolute Support missie" and a name broken over a line all match one listed form;
* curly apostrophes fold to straight ones.

A match must start and end at word boundaries, and longest wins among overlapping matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

import ahocorasick

from kg.extract.mentions import Candidate, is_word_boundary, longest_first

T = TypeVar("T")

_SEPARATORS = "-\u2010\u2011\u2012\u2013\u2014\n\t\r\u00a0"
_FOLD = str.maketrans({**{c: " " for c in _SEPARATORS}, "\u2019": "'", "\u2018": "'"})


def fold(text: str) -> str:
    """Separators → space, curly → straight apostrophes, lower case; the length never changes."""
    unified = text.translate(_FOLD)
    lowered = unified.lower()
    if len(lowered) == len(unified):
        return lowered
    # a few characters lower-case to two ("İ"): keep those as they are
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in unified)


def unify(phrase: str) -> str:
    """Separators and apostrophes unified and runs of space collapsed, case kept."""
    return " ".join(phrase.translate(_FOLD).split())


def is_cased(phrase: str) -> bool:
    """Acronyms and codes (no lower-case letter) must match case-sensitively."""
    return not any(c.islower() for c in phrase) and any(c.isupper() for c in phrase)


@dataclass(frozen=True)
class _Phrase(Generic[T]):
    unified: str  # separators and apostrophes unified, case kept
    cased: bool
    payload: T


class PhraseMatcher(Generic[T]):
    """Find listed phrases in text; each phrase carries a payload (an entity id, a code)."""

    def __init__(self, phrases: Iterable[tuple[str, T]], *, case_sensitive: bool = False):
        """`case_sensitive` makes every phrase match case and all, for proper names that are
        always capitalised (country names and adjectives) and collide with words otherwise."""
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[_Phrase[T]]] = {}
        for phrase, payload in phrases:
            unified = unify(phrase)
            if not unified:
                continue
            entry = _Phrase(unified, case_sensitive or is_cased(unified), payload)
            variants = table.setdefault(fold(unified), [])
            if entry not in variants:
                variants.append(entry)
        for key, variants in table.items():
            # an exact-case acronym is tried before a case-blind phrase folding to the same key
            self._automaton.add_word(key, (len(key), tuple(sorted(variants, key=lambda p: not p.cased))))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Candidate[T]]:
        """Non-overlapping matches at word boundaries, longest first, in text order."""
        if not self.size:
            return []
        folded = fold(text)
        unified = text.translate(_FOLD)
        found: list[Candidate[T]] = []
        for last, (length, variants) in self._automaton.iter(folded):
            start, end = last + 1 - length, last + 1
            if not is_word_boundary(text, start, end):
                continue
            surface = unified[start:end]
            for phrase in variants:
                if not phrase.cased or phrase.unified == surface:
                    found.append(Candidate(start, end, phrase.payload))
                    break
        return longest_first(found)
