"""Words hyphenated across a line break: join them, or keep a real hyphen.

The rule, in order (the first that applies decides):
1. evidence in the document itself: the joined form occurs elsewhere → join; the hyphenated
   form occurs elsewhere → keep;
2. keep when the left part ends in a capital or digit (`NAVO-`, `C-`), the right part starts
   with a capital or digit (`anti-ISIS`), or the left word is capitalised and not the first
   word of a sentence (`Resolute Support-missie`: a compound with a name);
3. keep on a vowel clash (klinkerbotsing: `defensie-uitgaven`, `coördinatie-overleggen`),
   which Dutch spelling marks with a hyphen in compounds;
4. keep after a word that Dutch writes with a hyphen as a prefix (`niet-essentiële`);
5. otherwise join (`toene-mende` → `toenemende`): a syllable break of the typesetter.
"""

from __future__ import annotations

import re

VOWELS = frozenset("aeiouy")
HYPHEN_PREFIXES = frozenset({"niet"})
_WORD = re.compile(r"\w[\w-]*")
SENTENCE_END = ".?!"


class Lexicon:
    """The document's own words, lower-cased: a word is a run of word characters and hyphens,
    its leading hyphens aside (what `_WORD` finds). A word is looked for with `str.find` in the
    lower-cased text: a document asks for a few dozen, and collecting all its words cost more."""

    def __init__(self, raw: str):
        self._raw = raw
        self._lowered: str | None = None

    def __contains__(self, word: str) -> bool:
        word = word.lower()
        if not _WORD.fullmatch(word):
            return False
        if self._lowered is None:
            self._lowered = self._raw.lower()
        text = self._lowered
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (end == len(text) or not _in_word(text[end])) and _word_starts(text, at):
                return True
            at = text.find(word, at + 1)
        return False


def _in_word(char: str) -> bool:
    """A character `[\\w-]` matches."""
    return char.isalnum() or char in "_-"


def _word_starts(text: str, at: int) -> bool:
    """Whether a word begins at `at`: no word character before it, or only hyphens that follow none."""
    k = at - 1
    while k >= 0 and text[k] == "-":
        k -= 1
    return k < 0 or not (text[k].isalnum() or text[k] == "_")


def _word_tail(text: str) -> int:
    """Where the run of `[\\w-]` characters ending the text begins: what `re.search(r"[\\w-]*$")`
    finds, read from the end (the search tries every position of the line)."""
    k = len(text)
    while k > 0 and _in_word(text[k - 1]):
        k -= 1
    return k


def keep_hyphen(left_line: str, right_line: str, lexicon: Lexicon) -> bool:
    """`left_line` ends in "-" at a line break, `right_line` continues; keep the hyphen?"""
    body = left_line[:-1]
    left = body[_word_tail(body):]
    right_m = _WORD.match(right_line)
    right = right_m.group(0) if right_m else ""
    if not left or not right or not left[-1].isalnum():
        return True
    base = left.rsplit("-", 1)[-1]
    if left + right in lexicon:
        return False
    if f"{left}-{right}" in lexicon:
        return True
    if left[-1].isupper() or left[-1].isdigit() or right[0].isupper() or right[0].isdigit():
        return True
    before = body[: len(body) - len(left)].rstrip()
    if base[:1].isupper() and before and before[-1] not in SENTENCE_END:
        return True
    if left[-1].lower() in VOWELS and right[0].lower() in VOWELS:
        return True
    return base.lower() in HYPHEN_PREFIXES
