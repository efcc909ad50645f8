"""Entities the gazetteer does not know, found the way Kamerstukken introduce names.

GUIDE.md types every name: a Mission, an Organisation, an Initiative, a Capability, a Meeting.
A new document about a mission or a programme kg has never heard of must still yield it, so
this extractor finds names by their form, in three ways (rules are data, `data/discovery/`):

* **acronym definitions** — "Single Intelligence Analysis Capacity (SIAC)", "Partnership for
  Actions in West Afrika (PAWA)": the acronym must be spelled by the initials (or leading
  letters) of the words before it; later uses of the acronym in the document name the same
  entity;
* **naming cues** — a word that announces a name and says what it names (`cues.csv`): "het
  PESCO-project EU Space Situational Awareness Network", "de operatie Sophia", "het
  beleidsdocument Konzeption der Bundeswehr";
* **capitalised names typed by their head** (`heads.csv`) — in Dutch running text, a run of two
  or more capitalised words is a name, and its head (the last word before its first
  preposition) says what kind: "Environmental Protection Working Group" (Organisation),
  "Planetary Security Initiative", "Defensie Actieplan 1325" (Initiative). A run whose head
  is in no table is left alone: precision first.

Resolution: a name the gazetteer knows (as a whole, or by the id its slug gives) is that
gazetteer entity; any other is `<Type>/<slug of the name>`, so every document that writes the
name reaches the same node. A discovered name is longer than the gazetteer names inside it
("NATO Command Structure" holds "NATO"), and longest wins: the gazetteer mentions inside it
give way (`mentions.displace`). Runs at a sentence start lose their opening function word
(`stopwords.csv`); a possessive owner ("NAVO's Global Partnership") is not part of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.datafiles import DATA_DIR
from kg.errors import data_error
from kg.extract import countries, gazetteer
from kg.extract.anchored import Anchored, opening
from kg.extract.cues import read_table
from kg.extract.mentions import Claims, is_word_boundary
from kg.extract.registry import extractor
from kg.model import Doc, Entity, Mention
from kg.namespaces import slug

NAME = "discovery"
DISCOVERED_TYPES = ("Mission", "Organisation", "Initiative", "Capability", "Meeting")

_UP = "A-ZÀ-ÖØ-Þ"
#: a capitalised word or acronym: "Benelux", "EU-SSA-N", "NATO's", "G5-Sahel", "D-LBO"
_CAP_REST = r"(?:[\w’'&\-]*\w)?"
CAP = rf"[{_UP}]{_CAP_REST}"
NUM = r"\d+[A-Za-z]?"
#: English words that may stand between the capitalised words of a name ("Report on the State of ...")
CONNECTORS = ("of", "for", "on", "and", "the", "to", "with", "against", "at", "der", "des", "du", "von", "&")
#: Dutch prepositions inside a Dutch name ("Coalitie voor de Sahel"); never before a number,
#: which would be a date ("de EU Global Strategy van 2016")
DUTCH_PREPOSITIONS = ("van", "voor", "inzake")
#: the words that end the head part of a name ("Partnership | for Actions")
PREPOSITIONS = frozenset({"of", "for", "on", "to", "with", "against", "at", "der", "des", "du", "von", "in",
                          *DUTCH_PREPOSITIONS})
_CONN = "|".join(map(re.escape, CONNECTORS))
_DUTCH = "|".join(DUTCH_PREPOSITIONS)
#: a capitalised word that does not continue a word, written so that `re` skips to capitals
_CAP_OPENING = opening(f"[{_UP}]", r"[\w\-’']") + _CAP_REST
#: a run of two words at least (a cue names a one-word name, see `Rules.cue`)
RUN = re.compile(rf"{_CAP_OPENING}(?: (?:(?:{_CONN}) )*(?:{CAP}|{NUM})| (?:{_DUTCH})(?: de| het)? {CAP})+(?![\w\-])")
#: an acronym's name may also hold "en", "in" and a few lower-case words ("Ministerie van
#: Infrastructuur en Waterstaat (I&W)", "Space-based TheatER surveillance (TWISTER)"); only the
#: connectors that are no lower-case word ("&") are an alternative of their own (a pattern that
#: can read "de" two ways backtracks exponentially where a run fails)
_LOWER_WORD = r"[a-z][\w\-]*"
_SYMBOLS = "|".join(re.escape(c) for c in (*CONNECTORS, *DUTCH_PREPOSITIONS) if not re.fullmatch(_LOWER_WORD, c))
WIDE_RUN = re.compile(rf"{CAP}(?: (?:(?:{_SYMBOLS}) )*(?:{CAP}|{NUM}|{_LOWER_WORD}))*$")
ACRONYM = re.compile(r" \((?P<acr>[A-Z](?:[A-Za-z0-9&/\-]|\s(?=[A-Z])){0,14}[A-Z0-9])\)")
_GENITIVE = re.compile(r"^\S+['’]s$")
_POSSESSIVE_END = re.compile(r"['’]s$")
_DUTCH_PREPOSITION = re.compile(rf" (?:{_DUTCH}) ")
_PART = re.compile(r"[-/]")
_NOT_LETTER = re.compile(r"[^a-z0-9]")
#: words an acronym's name may hold that give it no letter
_SMALL_WORDS = frozenset({*CONNECTORS, *PREPOSITIONS, "en", "de", "het"})


@dataclass(frozen=True)
class Rules:
    heads: dict[str, str]  # head word or words (lower case) → type
    suffixes: dict[str, str]  # Dutch compound ending → type
    suffix_pattern: re.Pattern[str]  # any of the endings, longest first, at the end of a word
    cue: Anchored  # tried only where a cue word stands
    cue_types: tuple[tuple[re.Pattern[str], str], ...]
    cue_before: re.Pattern[str]  # any of `cue_types` at the end of a text: one search rules them all out
    stopwords: frozenset[str]
    #: run of capitalised words → the name it holds (see `_run_name`): a document has ~120 runs,
    #: most of them recurring ("De NAVO", "Buitenlandse Zaken") in it and in other documents
    runs: dict[str, tuple[int, int, str] | None] = field(default_factory=dict, compare=False)


@lru_cache(maxsize=4)
def rules(directory: Path = DATA_DIR / "discovery") -> Rules:
    """The head, cue and stopword tables, read once per process."""
    heads: dict[str, str] = {}
    suffixes = []
    problems = []
    for number, row in read_table(directory / "heads.csv", ("head", "type", "match")):
        if row["type"] not in DISCOVERED_TYPES or row["match"] not in ("word", "suffix"):
            problems.append(f"heads.csv line {number}: type must be one of {', '.join(DISCOVERED_TYPES)}; "
                            "match must be word or suffix")
        elif row["match"] == "word":
            heads[row["head"].lower()] = row["type"]
        else:
            suffixes.append((row["head"].lower(), row["type"]))
    cue_rows = read_table(directory / "cues.csv", ("pattern", "type"))
    problems += [f"cues.csv line {n}: type {r['type']!r} is not an entity type" for n, r in cue_rows
                 if r["type"] not in DISCOVERED_TYPES]
    if problems:
        raise data_error(directory, problems)
    cue_types = tuple((re.compile(rf"(?:{r['pattern']})$", re.IGNORECASE), r["type"]) for _, r in cue_rows)
    alternation = "|".join(f"(?:{r['pattern']})" for _, r in cue_rows)
    # no word character before a cue, but a hyphen may be: "het IT-programma FOXTROT"
    cue = Anchored(re.compile(rf"(?<!\w)(?i:{alternation}) (?P<name>{CAP}(?: (?:(?:{_CONN}) )*(?:{CAP}|{NUM}))*)(?![\w\-])"), shared=True)
    stopwords = frozenset(row["word"] for _, row in read_table(directory / "stopwords.csv", ("word",)))
    endings = "|".join(re.escape(e) for e, _ in sorted(suffixes, key=lambda s: -len(s[0])))
    cue_before = re.compile(rf"(?:{alternation})$", re.IGNORECASE)
    return Rules(heads, dict(suffixes), re.compile(rf"(?:{endings})$"), cue, cue_types, cue_before, stopwords)


def head_type(words: list[str], table: Rules) -> tuple[str, str] | None:
    """(type, "word" or "suffix") the head of a name gives: the last word (or words) before
    its first preposition, matched as a head word or as the ending of a Dutch compound."""
    lowered = [w.lower() for w in words]
    for size in (3, 2):  # heads of several words, possibly holding a preposition ("Letter of Intent")
        if len(lowered) >= size and " ".join(lowered[-size:]) in table.heads:
            return table.heads[" ".join(lowered[-size:])], "word"
    head = []
    for word in lowered:
        if word in PREPOSITIONS:
            break
        head.append(word)
    while head and head[-1][0].isdigit():
        head.pop()
    if not head:
        return None
    if len(head) >= 2 and " ".join(head[-2:]) in table.heads:
        return table.heads[" ".join(head[-2:])], "word"
    last = _POSSESSIVE_END.sub("", head[-1]).split("-")[-1]
    if last in table.heads:
        return table.heads[last], "word"
    ending = table.suffix_pattern.search(last)
    return (table.suffixes[ending.group()], "suffix") if ending else None


def fits(acronym: str, words: list[str]) -> bool:
    """Whether the acronym is spelled by the words: each word gives its leading letters (or its
    capitals, "TheatER"), connectors and lower-case words may give nothing, the first gives its
    first letter ("SIAC" ← Single Intelligence Analysis Capacity; "D-LBO" ← Digitalisation-Land
    Based Operations; "PAWA" ← Partnership for Actions in West Afrika)."""
    letters = _NOT_LETTER.sub("", acronym.lower())
    parts = [p for w in words for p in _PART.split(w) if p]
    if not letters or not parts or parts[0][0].lower() != letters[0]:
        return False
    # how many letters part j can give from letter i on: any number up to the longer of the
    # stretches its lower-cased leading letters and its capitals share with the acronym there
    lowered = [part.lower()[:len(part)] for part in parts]
    capitals = ["".join(c for c in part if c.isupper() or c.isdigit()).lower() for part in parts]
    skippable = [p.lower() in CONNECTORS or p.lower() in ("en", "in") or p[0].islower() for p in parts]
    known: dict[tuple[int, int], bool] = {}  # a dict, not `functools.cache`: wrapping costs more than the search

    def can(i: int, j: int) -> bool:
        if i == len(letters):
            return True
        if j == len(parts):
            return False
        if (i, j) not in known:
            most = max(_shared(lowered[j], letters, i), _shared(capitals[j], letters, i))
            known[i, j] = any(can(i + k, j + 1) for k in range(1, most + 1)) or (skippable[j] and can(i, j + 1))
        return known[i, j]

    return can(0, 0)


def _shared(word: str, letters: str, i: int) -> int:
    """The length of the common beginning of `word` and `letters[i:]`."""
    n = 0
    while n < len(word) and i + n < len(letters) and word[n] == letters[i + n]:
        n += 1
    return n


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    acronym: str | None = None


def _trim(text: str, start: int, end: int, table: Rules) -> tuple[int, int]:
    """Drop opening function words ("Het Strategic Command") and a possessive owner ("NAVO's
    Global Partnership"); cut an English name before a Dutch preposition, which starts Dutch
    text again ("Joint Artificial Intelligence Center | van het Amerikaanse ...")."""
    while start < end:
        word = text[start:end].split(" ", 1)[0]
        if word not in table.stopwords and not _GENITIVE.match(word) and word not in CONNECTORS:
            break
        start = min(end, start + len(word) + 1)
    dutch = _DUTCH_PREPOSITION.search(text, start, end)
    if dutch:
        typed = head_type(text[start:dutch.start()].split(" "), table)
        if typed and typed[1] == "word":
            end = dutch.start()
    return start, end


def _capitalised(words: list[str]) -> int:
    return sum(1 for w in words if w[0].isupper() or w[0].isdigit())


def _acronym_names(text: str, table: Rules) -> list[Candidate]:
    """"Single Intelligence Analysis Capacity (SIAC)": the longest stretch before the bracket
    that the acronym spells, typed by a cue or its head."""
    found = []
    for m in ACRONYM.finditer(text):
        run = _wide_run(text, m.start())
        if run is None:
            continue
        words = run.group().split(" ")
        lower = sum(1 for w in words if w[0].islower() and w not in _SMALL_WORDS)  # in words[k:]
        # `fits`' own first test, written out: most words of a run do not begin with the
        # acronym's first letter, and `fits` splits all the words before it can tell (a
        # third fewer calls of `fits` on the bench documents: 5,047 instead of 7,873 in 300)
        first = m["acr"][0].lower()
        for k in range(len(words) - 1):
            name = words[k:]
            if k:
                lower -= words[k - 1][0].islower() and words[k - 1] not in _SMALL_WORDS
            if (name[0][0].isupper() and name[0][0].lower() == first and name[0] not in table.stopwords
                    and lower <= 2 and fits(m["acr"], name)):
                start = m.start() - len(" ".join(name))
                typed = _cue_type(text, start, table) or head_type(name, table)
                if typed:
                    found.append(Candidate(start, m.start(), typed[0], m["acr"]))
                break
    return found


#: characters no `WIDE_RUN` match holds (its words are joined by single spaces)
_RUN_BREAKS = (".", ",", ";", ":", "\n", "(", ")", '"', "/")


def _wide_run(text: str, end: int) -> re.Match[str] | None:
    """`WIDE_RUN.search` in the 160 characters before `end`, begun after the last character
    that no run holds: `re` tries the pattern from every capital of the window, and each try
    read on to that character (this took 40 % off `WIDE_RUN`'s time). A match may end before
    a final "\n" (`$`), hence the last character is not looked at."""
    start = max(0, end - 160)
    for char in _RUN_BREAKS:
        found = text.rfind(char, start, end - 1)
        if found >= 0:
            start = found + 1
    return WIDE_RUN.search(text, start, end)


def candidates(text: str, table: Rules) -> list[Candidate]:
    """Every name this module would mark; overlaps are settled by the caller, longest first."""
    found = _acronym_names(text, table)
    for m in table.cue.finditer(text):
        start, end = _trim(text, m.start("name"), m.end("name"), table)
        typed = _cue_type(text, start, table)
        if typed and end > start:
            found.append(Candidate(start, end, typed[0]))
    runs = table.runs
    for m in RUN.finditer(text):
        run = m.group()
        name = runs.get(run, False)
        if name is False:
            if len(runs) >= RUNS_KEPT:
                runs.clear()
            name = runs[run] = _run_name(run, table)
        if name is not None:
            found.append(Candidate(m.start() + name[0], m.start() + name[1], name[2]))
    return found


#: how many runs of capitalised words `Rules.runs` keeps; when full it starts again
RUNS_KEPT = 1 << 15


def _run_name(run: str, table: Rules) -> tuple[int, int, str] | None:
    """(start, end, type) of the name a run of capitalised words (a `RUN` match) holds, offsets
    in the run; None when it holds none. Reads nothing but the run, so it is kept per run."""
    start, end = _trim(run, 0, len(run), table)
    words = run[start:end].split(" ")
    typed = head_type(words, table) if end > start else None
    # two capitalised words at least, one of them besides the head ("Task Force" alone is no name)
    if typed and _capitalised(words) >= 2 and table.heads.get(" ".join(words).lower()) is None:
        return start, end, typed[0]
    return None


def _cue_type(text: str, start: int, table: Rules) -> tuple[str, str] | None:
    """The type a naming cue right before `start` announces ("het PESCO-project X")."""
    before = text[max(0, start - 40):start].rstrip(" ")
    if table.cue_before.search(before) is None:  # most names have no cue before them
        return None
    return next(((t, "cue") for pattern, t in table.cue_types if pattern.search(before)), None)


def _is_place(name: str) -> bool:
    """A country named where a name was expected ("de missie Afghanistan")."""
    return countries.gazetteer().matcher.whole(name) is not None


def _words(name: str) -> tuple[str, ...]:
    return tuple(name.lower().split())


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) >= 2 and any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


class _Names:
    """The entities this document's discovered names resolve to: the gazetteer's entry for a
    name it knows; the entity of a longer name of the same type that holds this one
    ("Coalitie voor de Sahel" in "Internationale Coalitie voor de Sahel"); else a new one."""

    def __init__(self) -> None:
        self.found: list[tuple[tuple[str, ...], Entity]] = []
        self.acronyms: dict[str, Entity] = {}

    def entity(self, name: str, type_: str, acronym: str | None = None) -> Entity:
        """`acronym`: the one written in brackets right after the name, if any; a name whose
        acronym the gazetteer knows is that entity ("Nederlandse Special Operations Command
        (NLD SOCOM)")."""
        known = gazetteer.lookup(name) or (gazetteer.lookup(acronym) if acronym else None)
        if known is not None:
            return known.entity()
        if name in self.acronyms:
            return self.acronyms[name]
        words = _words(name)
        for other, entity in self.found:
            if entity.type == type_ and (other == words or _within(words, other)):
                return Entity(entity.key, entity.type, entity.label, dict(entity.labels), dict(entity.ids))
        entity = Entity(f"{type_}/{slug(name)}", type_, " ".join(name.split()))
        self.found.append((words, entity))
        if acronym:
            self.acronyms.setdefault(acronym, entity)
        return entity


def _known_ends(doc: Doc) -> dict[tuple[int, str], int]:
    """(end, type) → start of every gazetteer mention, for `_qualified_known`."""
    return {(m.end, m.type): m.start for m in doc.mentions if m.extractor == "gazetteer"}


def _qualified_known(known_ends: dict[tuple[int, str], int], cand: Candidate) -> bool:
    """A known name with its owner in front ("NATO Composite Special Operations Component
    Command"): the run ends with a gazetteer mention of the same type, which stays."""
    start = known_ends.get((cand.end, cand.type))
    return start is not None and start > cand.start


@extractor(NAME, requires=("text", "mentions:Mission"), assigns=tuple(f"mentions:{t}" for t in DISCOVERED_TYPES))
def extract(doc: Doc) -> None:
    """Mark discovered names, longest first (displacing the shorter gazetteer names inside
    them), then every later use of an acronym they defined."""
    table = rules()
    claims = Claims(doc)
    names = _Names()
    known_ends = _known_ends(doc)
    for cand in sorted(candidates(doc.text, table), key=lambda c: (c.start - c.end, c.start)):
        name = doc.text[cand.start:cand.end]
        if _qualified_known(known_ends, cand) or _is_place(name) or not claims.displace(cand.start, cand.end, ("gazetteer",)):
            continue
        written = ACRONYM.match(doc.text, cand.end)
        entity = names.entity(name, cand.type, cand.acronym or (written["acr"] if written else None))
        claims.add(Mention(cand.start, cand.end, name, entity.type, entity.key, NAME), entity)
    claims.commit()
    if not names.acronyms:
        return
    pattern = re.compile("|".join(re.escape(a) for a in sorted(names.acronyms, key=len, reverse=True)))
    for m in pattern.finditer(doc.text):
        if is_word_boundary(doc.text, m.start(), m.end()) and claims.is_free(m.start(), m.end(), ""):
            entity = names.acronyms[m.group()]
            claims.add(Mention(m.start(), m.end(), m.group(), entity.type, entity.key, NAME), entity)
