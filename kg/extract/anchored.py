"""Regular expressions tried only where a match can begin: at one of their literal prefixes.

`re` skips quickly through a text only up to a pattern's literal prefix or its opening character
class. A pattern that opens with a lookbehind, an alternation of words or IGNORECASE
("(?<!\\w)(?:defensiebudget|bbp|...)", "(?<![\\w-])(?:[Mm]inister|[Pp]resident|...)") is instead
attempted at every position of the text, and such patterns were the slowest part of extraction
(PERFORMANCE.md: thirty regexes one after another cost more than tokenising).

`Anchored(pattern)` reads, from the pattern as `re` itself parses it, the strings every match
must begin with ("defensie", "bbp", "staatssecretaris", "de leden" in lower case, white space as
a space), finds them all in one Aho–Corasick pass over the text folded the same way and tries
the pattern only there; the patterns made once per process share that pass (`shared`), and a
sentence of a document is searched from the document's places (`finditer_within`). The
matches are exactly those of `pattern.finditer`: every match begins at one of those places,
and they are tried in text order, each from the end of the previous match (a lookbehind still
sees the text before the place tried). A pattern without such prefixes (one that may begin with
any capital), or a text on whose case `re` and `str.lower` disagree ("İ", or "ſ" where a
case-insensitive prefix holds an "s"), is scanned as `re` does.

`re._parser` and `re._casefix` are private modules of the standard library (stable since Python
3.11); the tests of every extractor built on this module would show a change in them.
"""

from __future__ import annotations

import re
import re._casefix
import re._constants as sre
import re._parser
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from kg.extract.automaton import Automaton, lowered

#: more alternative prefixes than this: stop extending them (each stays a valid, shorter prefix)
MAX_PREFIXES = 4000
#: a character class of at most this many characters ("[Ss]", "[-\\s]") branches the prefixes
MAX_CLASS = 8
#: a prefix this short would be found nearly everywhere: the pattern is scanned as `re` does
MIN_LENGTH = 2
#: how many texts an anchored pattern keeps the prefixes of
RECENT = 3
#: stands for "the start of the text" among the prefixes (a branch opening with "^" or "\\A");
#: what follows it is what the text must begin with there ("\\0het " for "^het ")
AT_START = "\0"
#: a text at least this long is a document, not a sentence or a window of one: the prefixes of
#: every shared pattern are found in it at once (see `_index`)
DOCUMENT = 2000
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
_STARTS = (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
#: what `\\s` matches besides the space itself
_OTHER_SPACE = re.compile(r"[^\S ]")


class Anchored:
    """A compiled pattern with the Aho–Corasick automaton of its literal prefixes.

    `shared` is for a pattern made once per process (a module constant, a cue file): the
    prefixes of all shared patterns are found in a document in one pass over it (`_index`),
    where a pass per pattern cost about as much as the matching itself. A pattern made per
    document (of the names that document introduces) must not be shared: it would be kept,
    and its prefixes looked for, in every document after it."""

    def __init__(self, pattern: re.Pattern[str], *, shared: bool = False):
        self.pattern = pattern
        found, unsafe = prefixes(pattern)
        self._unsafe = tuple(sorted(unsafe))
        # what a text must begin with for a branch opening with "^" to match ("" for anything)
        self._at_start = tuple(sorted(p[1:] for p in found or () if p.startswith(AT_START)))
        self._at_start_size = max(map(len, self._at_start), default=0)
        # `str.lower` of a stretch is that of the whole text there but for "σ"/"ς" (Final_Sigma)
        self._sliceable = found is not None and not any(c in p for p in found for c in "σς")
        anywhere = {p for p in found or () if not p.startswith(AT_START)}
        self._automaton = _automaton(anywhere)
        self._recent: list[tuple[str, list[int] | None]] = []  # texts and their starts, latest first
        self._shared = shared and self._automaton is not None
        if self._shared:
            _SHARED.append((self, anywhere))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of `self.pattern.finditer(text, pos, endpos)`."""
        endpos = len(text) if endpos is None else min(endpos, len(text))
        starts = self._starts(text)
        if starts is None:
            yield from self.pattern.finditer(text, pos, endpos)
            return
        yield from self._tried(text, starts, bisect_left(starts, pos), 0, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The match of `self.pattern.search(text, pos, endpos)`."""
        return next(self.finditer(text, pos, endpos), None)

    def finditer_within(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches of `self.pattern.finditer(text[start:end])`, offsets in that slice.

        A caller reading a document sentence by sentence would otherwise hand every sentence
        over as a new string, and looking for the prefixes of each one cost more than the
        matching. Every match in the slice begins where a prefix of the whole text begins (the
        slice folds as the whole text does there, see `may_match_in`), so the whole text's
        prefixes, found once, tell where to try the pattern in the slice: most sentences need
        no slice at all. (`pattern.finditer(text, start, end)` would not do: a lookbehind sees
        the text before `start`, which the slice does not have.) Not a generator itself, so
        that a sentence without a prefix costs no more than a bisection."""
        end = min(end, len(text))
        starts = self._starts(text)
        if starts is None or not self._sliceable:
            return self.finditer(text[start:end])
        k = bisect_left(starts, start)
        if (k == len(starts) or starts[k] != start) and self._opens_at(text, start):
            # a branch that opens with "^" matches where the slice begins
            starts, k = [start, *starts[k:bisect_left(starts, end, k)]], 0
        if k < len(starts) and starts[k] < end:
            return self._tried(text[start:end], starts, k, start, 0, end - start)
        return iter(())

    def _tried(self, text: str, starts: list[int], k: int, shift: int, pos: int,
               endpos: int) -> Iterator[re.Match[str]]:
        """The matches of the pattern in `text[pos:endpos]`, tried in order at `starts[k:]`
        less `shift` (the places a prefix begins), each from the end of the match before."""
        match = self.pattern.match
        for k in range(k, len(starts)):
            start = starts[k] - shift
            if start >= endpos:
                return
            if start >= pos and (found := match(text, start, endpos)) is not None:
                yield found
                pos = found.end()

    def may_match_in(self, text: str, start: int, end: int) -> bool:
        """False when `self.finditer(text[start:end])` finds nothing for certain: no prefix of
        the whole text begins in the stretch, and the stretch does not begin as a branch opening
        with "^" needs (the test `finditer_within` makes). The prefixes are kept for the last
        text, so a caller reading a document sentence by sentence skips most sentences at the
        cost of a bisection."""
        starts = self._starts(text)
        if starts is None or not self._sliceable:
            return True
        k = bisect_left(starts, start)
        if k < len(starts) and starts[k] < end:
            return True
        return self._opens_at(text, start)

    def _opens_at(self, text: str, start: int) -> bool:
        """Whether a branch that opens with "^" may match a slice of `text` beginning at `start`."""
        return bool(self._at_start) and _fold_text(text[start:start + self._at_start_size]).startswith(self._at_start)

    def places(self, text: str) -> list[int] | None:
        """Where in `text` a match may begin, in order: no stretch of the text without one of
        them holds a match (`may_match_in`). None when that cannot be told so: the pattern has
        no prefixes, or one of its branches opens with "^" (which a stretch begins)."""
        starts = self._starts(text)
        return None if starts is None or self._at_start or not self._sliceable else starts

    def _starts(self, text: str) -> list[int] | None:
        """Every place a prefix begins, in order; None when the whole text must be scanned.
        Kept for the last few texts: a caller reading a document passage by passage asks about
        the document again and again, between the passages it reads on their own."""
        recent = self._recent  # replaced, never changed in place: safe to share between threads
        if recent and recent[0][0] is text:  # the text asked about last: most of ~540 calls per document
            return recent[0][1]
        for k, (known, starts) in enumerate(recent):
            if known is text:
                if k:
                    self._recent = [recent[k], *recent[:k], *recent[k + 1:]]
                return starts
        if self._shared and len(text) >= DOCUMENT:
            return _index(text)[self]  # remembered by every shared pattern, this one too
        starts = None
        if self._automaton is not None:
            folded = _fold(text)
            starts = self._ordered(text, folded, self._automaton.starts(folded))
        self._remember(text, starts)
        return starts

    def _ordered(self, text: str, folded: str, found: list[int]) -> list[int] | None:
        """The places a prefix begins (found in `folded` in any order), in order; None when
        the fold changed the text's length or the text holds a character that defeats the
        prefixes (see `prefixes`)."""
        if len(folded) != len(text) or any(map(folded.__contains__, self._unsafe)):
            return None
        if self._at_start and folded.startswith(self._at_start):
            found.append(0)
        return sorted(set(found))

    def _remember(self, text: str, starts: list[int] | None) -> None:
        self._recent = [(text, starts), *self._recent[:RECENT - 1]]


#: every shared pattern with its prefixes, in the order they were made
_SHARED: list[tuple[Anchored, set[str]]] = []


@lru_cache(maxsize=1)
def _shared_automaton(count: int) -> Automaton[tuple[int, ...]]:
    """The prefixes of the first `count` shared patterns in one automaton: each prefix
    carries the positions of the patterns it opens."""
    owners: dict[str, list[int]] = {}
    for slot, (_, found) in enumerate(_SHARED[:count]):
        for prefix in found:
            owners.setdefault(prefix, []).append(slot)
    return Automaton({prefix: tuple(slots) for prefix, slots in owners.items()})


def _index(text: str) -> dict[Anchored, list[int] | None]:
    """Find the prefixes of every shared pattern in `text` in one pass and have each pattern
    remember its own (returned too): the cost of the pass is in reading the text, not in the
    prefixes."""
    shared = _SHARED[:]
    automaton = _shared_automaton(len(shared))
    folded = _fold(text)
    found: list[list[int]] = [[] for _ in shared]
    for start, _, slots in automaton.find(folded):
        for slot in slots:
            found[slot].append(start)
    ordered = {anchored: anchored._ordered(text, folded, starts) for (anchored, _), starts in zip(shared, found)}
    for anchored, starts in ordered.items():
        anchored._remember(text, starts)
    return ordered


def _fold_text(text: str) -> str:
    """The text lower-cased, every white-space character a space."""
    return _spaces(text.lower())


def _spaces(folded: str) -> str:
    """Every white-space character a space."""
    if folded.isprintable():  # every white space but " " is unprintable: nothing to replace
        return folded
    folded = folded.replace("\n", " ")  # the common one, at C speed (the class below is slower)
    return folded if folded.isprintable() else _OTHER_SPACE.sub(" ", folded)


@lru_cache(maxsize=8)
def _fold(text: str) -> str:
    """`_fold_text`, made once for all the patterns that read a text, from the lower-cased
    text the phrase matchers use too (`lowered`)."""
    return _spaces(lowered(text))


def opening(first: str, not_after: str) -> str:
    """The regex of `first` (a one-character class) not preceded by `not_after` (another):
    `(?<!not_after)first` written with the class first, so that `re` skips straight to a
    character of it (a capital is rarer than any position), and a lookbehind two characters
    wide behind it that says the same."""
    return rf"{first}(?<!{not_after}{first})"


def prefixes(pattern: re.Pattern[str]) -> tuple[set[str] | None, frozenset[str]]:
    """The lower-cased strings one of which every match of `pattern` begins with, none a prefix
    of another, `AT_START` and what follows it for matches that can only begin the text (None
    when they cannot be told or are too short to be worth looking for); and the characters that `re` matches
    case-insensitively with a letter of them although `str.lower()` makes them another letter
    ("ı" for "i", "ſ" for "s"), which a text must not hold for the prefixes to find every match."""
    parsed = re._parser.parse(pattern.pattern, pattern.flags)
    unsafe: set[str] = set()
    try:
        found, _ = _walk(list(parsed), parsed.state.flags, unsafe)
    except _Unknown:
        return None, frozenset()
    if not found or min((len(f) for f in found if not f.startswith(AT_START)), default=MIN_LENGTH) < MIN_LENGTH:
        return None, frozenset()
    shortest_first = sorted(found, key=len)
    kept: list[str] = []
    for prefix in shortest_first:
        if not any(prefix.startswith(k) for k in kept):  # "de" is found wherever "defensie" is
            kept.append(prefix)
    return set(kept), frozenset(unsafe)


class _Unknown(Exception):
    """A character that lower-cases to two ("İ"): the prefixes cannot be told."""


def _walk(items: list, flags: int, unsafe: set[str]) -> tuple[set[str], bool]:
    """(the strings a match of the parsed `items` begins with, whether they are all it matches)."""
    found = {""}
    ignore = unsafe if flags & re.IGNORECASE else None
    for k, (op, av) in enumerate(items):
        if op is sre.AT and found == {""} and av in _STARTS and not flags & re.MULTILINE:
            return {AT_START + rest for rest in _walk(items[k + 1:], flags, unsafe)[0]}, False
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the prefix goes on after it
        whole = True
        if op is sre.LITERAL:
            options = {_lower(chr(av), ignore)}
        elif op is sre.IN:
            options = _class(av, ignore)
        elif op is sre.SUBPATTERN:
            _, add, remove, sub = av
            options, whole = _walk(list(sub), (flags | add) & ~remove, unsafe)
        elif op is sre.BRANCH:
            walked = [_walk(list(alternative), flags, unsafe) for alternative in av[1]]
            options = set().union(*(w[0] for w in walked))
            whole = all(w[1] for w in walked)
        elif op in _REPEATS and av[0] == 1 and (step := _walk(list(av[2]), flags, unsafe))[1]:
            # "\s+": one step, then another step or what follows the repeat ("de leden", "de  ");
            # "de " alone would be found at every other word
            after = _walk(items[k + 1:], flags, unsafe)[0] | (step[0] if av[1] > 1 else set())
            options = {a + b for a in step[0] for b in after}
            if len(options) * len(found) > MAX_PREFIXES:
                options = step[0]
            whole = False
        elif op in _REPEATS and av[0] >= 1:
            options, whole = _walk(list(av[2]), flags, unsafe)[0], False
        elif op in _REPEATS:  # optional: a match begins with it or with what follows it
            options, whole = _walk(list(av[2]), flags, unsafe)[0] | _walk(items[k + 1:], flags, unsafe)[0], False
        else:
            options = None
        if not options:
            return found, False
        extended = {a + b for a in found for b in options}
        if len(extended) > MAX_PREFIXES:
            return found, False
        found = extended
        if not whole:
            return found, False
    return found, True


def _lower(char: str, ignore: set[str] | None) -> str:
    """The character folded as `_fold` folds the text; under IGNORECASE (`ignore` collects the
    unsafe characters) the characters `re` also takes for it are noted."""
    lowered = " " if char.isspace() else char.lower()
    if len(lowered) != 1:
        raise _Unknown(char)
    if ignore is not None:
        ignore.update(chr(c) for c in re._casefix._EXTRA_CASES.get(ord(lowered), ()))
    return lowered


def _class(items: list, ignore: set[str] | None) -> set[str] | None:
    """The characters of a small character class, lower-cased; None for a large or negated one."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(_lower(chr(av), ignore))
        elif op is sre.RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(_lower(chr(c), ignore) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            chars.add(" ")
        else:
            return None
    return chars if len(chars) <= MAX_CLASS else None


def _automaton(found: set[str] | None) -> Automaton[None] | None:
    return Automaton(dict.fromkeys(sorted(found))) if found else None
