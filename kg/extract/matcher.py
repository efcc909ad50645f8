"""Aho–Corasick automatons over many phrases: the engine of the gazetteer and the countries.

PERFORMANCE.md: thousands of phrases cost one pass over the text with an automaton, where a
regex per phrase would cost a pass each. The automatons run over copies of the text of the
same length, so offsets carry over unchanged:

* a phrase without lower-case letters ("RSM", "NAVO", "F-35", "VS") must match case and all,
  because acronyms collide with ordinary words: it is looked for in the text as written; any
  other phrase ("Resolute Support") matches in any case: it is looked for in a lower-cased copy;
* hyphens, dashes and whitespace fold to one space, so "Resolute Support-missie",
  "Resolute Support missie" and a name broken over a line all match one listed form; a
  listed spaced dash ("Command - North") also matches as the three spaces it folds to;
* curly apostrophes fold to straight ones.

A match must start and end at word boundaries, and longest wins among overlapping matches.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Generic, TypeVar

from kg.extract.automaton import Automaton, lowered
from kg.extract.mentions import Candidate, longest_first

T = TypeVar("T")

_SEPARATORS = "-\u2010\u2011\u2012\u2013\u2014\n\t\r\u00a0"
_REPLACE = tuple((c, " ") for c in _SEPARATORS) + (("\u2019", "'"), ("\u2018", "'"))


def _translate(text: str) -> str:
    """Separators → space, curly → straight apostrophes, as a chain of C-speed replaces
    (`str.translate` looks every character up in a table, ten times slower on a document)."""
    for char, into in _REPLACE:
        if char in text:
            text = text.replace(char, into)
    return text


def fold(text: str) -> str:
    """Separators → space, curly → straight apostrophes, lower case; the length never changes."""
    unified = _translate(text)
    lowered = unified.lower()
    if len(lowered) == len(unified):
        return lowered
    # a few characters lower-case to two ("İ"): keep those as they are
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in unified)


def unify(phrase: str) -> str:
    """Separators and apostrophes unified and runs of space collapsed, case kept."""
    return " ".join(_translate(phrase).split())


def spaced(phrase: str) -> str:
    """The phrase as text writes it with a spaced dash: "Command – North" folds to three
    spaces, which the collapsed form of `unify` ("Command North") cannot match."""
    return _translate(re.sub(r" [-\u2010-\u2014] ", "   ", " ".join(phrase.split())))


def is_cased(phrase: str) -> bool:
    """Acronyms and codes (no lower-case letter) must match case-sensitively."""
    return not any(c.islower() for c in phrase) and any(c.isupper() for c in phrase)


class PhraseMatcher(Generic[T]):
    """Find listed phrases in text; each phrase carries a payload (an entity id, a code).

    Two automatons: phrases that must match case and all ("RSM", and every phrase when
    `case_sensitive`) run over the text with its case kept, so "eu" inside a word costs
    nothing; the others run over the folded text.

    A `shared` matcher is one made once per process (the gazetteer, the countries): the
    phrases all shared matchers match case and all are looked for in one pass over a text
    (`_cased_hits`), where reading the text costs more than the phrases do."""

    def __init__(self, phrases: Iterable[tuple[str, T]], *, case_sensitive: bool = False, shared: bool = False):
        """`case_sensitive` makes every phrase match case and all, for proper names that are
        always capitalised (country names and adjectives) and collide with words otherwise."""
        cased: dict[str, T] = {}
        folded: dict[str, T] = {}
        for phrase, payload in phrases:
            unified = unify(phrase)
            if not unified:
                continue
            for form in dict.fromkeys((unified, spaced(phrase))):
                if case_sensitive or is_cased(unified):
                    cased.setdefault(form, payload)
                else:
                    folded.setdefault(fold(form), payload)
        self._cased, self._folded = _automaton(cased), _automaton(folded)
        self._cased_whole, self._folded_whole = cased, folded
        self.size = len(cased) + len(folded)
        self._slot = None
        if shared and cased:
            with _REGISTERING:  # the place in `_SHARED` is this matcher's own
                self._slot = len(_SHARED)
                _SHARED.append(cased)

    def find(self, text: str) -> list[Candidate[T]]:
        """Non-overlapping matches at word boundaries, longest first, in text order."""
        if not self.size:
            return []
        unified, folded = _forms(text)
        if self._slot is not None:
            cased = _cased_hits(text, len(_SHARED))[self._slot]
        else:
            cased = self._cased.find(unified) if self._cased is not None else []
        found: list[Candidate[T]] = []
        size = len(text)
        for hits in (cased, self._folded.find(folded) if self._folded is not None else []):
            for start, end, payload in hits:
                # `is_word_boundary`, inline: this loop sees every hit, most of them inside words
                if (start == 0 or not text[start - 1].isalnum()) and (end == size or not text[end].isalnum()):
                    found.append(Candidate(start, end, payload))
        return longest_first(found)

    def whole(self, name: str) -> T | None:
        """The payload of the phrase that is the whole of `name`, or None (a dictionary
        lookup, for names already cut out of the text)."""
        unified = unify(name)
        found = self._cased_whole.get(unified)
        return found if found is not None else self._folded_whole.get(fold(unified))


def _automaton(table: dict[str, T]) -> Automaton[T] | None:
    return Automaton(table) if table else None


#: the phrases (→ payload) each shared matcher matches case and all, in the order they were made
_SHARED: list[dict] = []
_REGISTERING = threading.Lock()


@lru_cache(maxsize=1)
def _shared_automaton(count: int) -> Automaton[tuple[tuple[int, object], ...]]:
    """The case-kept phrases of the first `count` shared matchers in one automaton: a phrase
    carries, for each matcher listing it, the matcher's place and payload."""
    owners: dict[str, list[tuple[int, object]]] = {}
    for slot, table in enumerate(_SHARED[:count]):
        for phrase, payload in table.items():
            owners.setdefault(phrase, []).append((slot, payload))
    return Automaton({phrase: tuple(listed) for phrase, listed in owners.items()})


@lru_cache(maxsize=2)
def _cased_hits(text: str, count: int) -> list[list[tuple[int, int, object]]]:
    """The hits of every shared matcher's case-kept phrases in `text`, per matcher, as its own
    automaton would report them: (start, end, payload); one pass for all."""
    hits: list[list[tuple[int, int, object]]] = [[] for _ in range(count)]
    for start, end, listed in _shared_automaton(count).find(_forms(text)[0]):
        for slot, payload in listed:
            hits[slot].append((start, end, payload))
    return hits


@lru_cache(maxsize=4)
def _forms(text: str) -> tuple[str, str]:
    """(unified, folded) copies of a text, made once for all the matchers that read it.

    The folded copy is the text lower-cased first (shared with the anchored patterns,
    `lowered`), then unified: the same as `fold`, since the characters `_translate` replaces
    have no case, no letter lower-cases to one of them, and the apostrophes it straightens
    are as case-ignorable as the straight one (what the context of a final "σ" depends on)."""
    unified = _translate(text)
    lower = lowered(text)
    return unified, _translate(lower) if len(lower) == len(text) else fold(text)
