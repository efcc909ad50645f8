"""Named persons, found where Kamerstukken name people: signatures, role titles, motions.

GUIDE.md: a Person is "a named person" — "A.Th.B. Bijleveld-Schouten, Jens Stoltenberg, Rob
Bauer, Koopmans". A capitalised word is not a name by itself, so a name is taken only after a
cue that announces one:

* a signature: "De Minister van Defensie, A.Th.B. Bijleveld-Schouten" (on one line or two);
* a role or rank: "secretaris-generaal van de NAVO Jens Stoltenberg", "luitenant-admiraal Rob
  Bauer", "president Biden", "minister Blok", "het lid Stoffer", "de leden Sjoerdsma en Koopmans";
* a motion and its submitters: "motie Koopmans c.s.", "motie Stoffer/Verhoeven", "motie van het
  lid Stoffer" (each submitter a person), and the signatories under a motion document;
* initials before a surname that `data/persons-wikidata.csv` knows ("S.A. Blok").

Linking to `persons-wikidata.csv` happens only when unambiguous: the surname (with its prefix;
a double name "Bijleveld-Schouten" also by its first part) must leave one row after filtering
by initials or first name where the text gives them. Two Koopmans and no initials: no link.
The key is `Person/<slug of the name as best known>`: the file's forename and surname when
linked, else the fullest form the document uses (a bare "Stoltenberg" joins "Jens Stoltenberg"
of the same document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.datafiles import DATA_DIR, raise_if, read_csv
from kg.extract.anchored import Anchored, opening
from kg.extract.mentions import Claims
from kg.extract.registry import extractor
from kg.model import Doc, Entity, Mention
from kg.namespaces import slug

NAME = "persons"

_UP = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
_WORD = rf"{_UP}[^\W\d_]+(?:[’'][^\W\d_]+)?"
_PREFIX = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Ii]n\s't|'t|[Vv]on|[Ll]e|[Dd]u)"
#: a surname: prefixes, a capitalised word, maybe a second one after a hyphen
_SURNAME = rf"(?:{_PREFIX}\s)*{_WORD}(?:-{_WORD})?"
_INITIALS = rf"(?:{_UP}[a-z]{{0,2}}\.\s?){{1,5}}"
_TITLES = r"(?:(?:Drs|drs|Mr|mr|Dr|dr|Ir|ir|Prof|prof|Ing|ing)\.\s?)*"
_PERSON = rf"(?:(?P<initials>{_INITIALS})\s?|(?P<first>{_WORD})\s)?(?P<surname>{_SURNAME})"

#: roles of Dutch politicians: a surname after them may be linked to the persons file
_POLITICAL_ROLES = (
    r"(?:[Ss]taatssecretaris|[Mm]inister)(?:\s+(?:van|voor)\s+(?:{w})(?:\s+(?:en\s+)?{w}){{0,3}})?".format(w=_WORD),
    r"[Mm]inister-[Pp]resident", r"[Pp]remier", r"[Kk]amerlid", r"[Hh]et\s+lid", r"[Dd]e\s+heer", r"[Mm]evrouw",
    r"[Cc]ollega",
)
#: other roles and ranks: foreign leaders, officers, officials — never linked by surname alone
_OTHER_ROLES = (
    r"[Ss]ecretaris-[Gg]eneraal(?:\s+van\s+de\s+(?:NAVO|NATO|VN|Verenigde\s+Naties))?",
    r"(?:[Vv]ice-)?[Pp]resident", r"(?:[Bb]onds)?[Kk]anselier",
    r"(?:[Ll]uitenant[-\s]|[Vv]ice[-\s])?[Aa]dmiraal", r"(?:[Ll]uitenant[-\s]|[Bb]rigade)?[Gg]eneraal(?:-majoor)?",
    r"[Ss]chout-bij-nacht", r"[Cc]ommodore", r"[Kk]olonel", r"[Cc]ommandant\s+der\s+[Ss]trijdkrachten",
    r"(?:EU-)?[Cc]ommissaris", r"[Hh]oge\s+[Vv]ertegenwoordiger", r"[Aa]mbassadeur",
)
#: role, members and motion cues open with a lookbehind, which `re` would try at every position:
#: they are tried only where their first words stand (`Anchored`)
_ROLE = Anchored(re.compile(
    rf"(?<![\w-])(?:(?P<political>{'|'.join(_POLITICAL_ROLES)})|{'|'.join(_OTHER_ROLES)})(?:\s+b\.d\.)?\s+{_TITLES}{_PERSON}(?!\w)"
), shared=True)
_MEMBERS = Anchored(re.compile(rf"(?<![\w-])[Dd]e\s+leden\s+(?P<names>{_SURNAME}(?:(?:,\s*|\s+en\s+){_SURNAME})+)"), shared=True)
_MOTION = Anchored(re.compile(
    rf"(?<![\w-])[Mm]oties?(?:-|\s+(?:van\s+(?:het\s+lid|de\s+leden)\s+)?)(?P<names>{_SURNAME}(?:(?:/|,\s*|\s+en\s+){_SURNAME})*)(?:\s+c\.s\.)?"
), shared=True)
_SIGNATURE = re.compile(
    rf"(?:De|DE)\s+(?:Minister|MINISTER|Staatssecretaris|STAATSSECRETARIS)\s+(?:van|voor|VAN|VOOR)\s+[^,\n]{{3,60}}?,?\s+{_TITLES}(?P<initials>{_INITIALS})\s?(?P<surname>{_SURNAME})"
)
#: initials not preceded by a word or a dot, written so that `re` skips straight to a capital
_FIRST_INITIAL = opening(_UP, r"[\w.]")
_INITIALS_NAME = re.compile(
    rf"(?P<initials>{_FIRST_INITIAL}[a-z]{{0,2}}\.\s?(?:{_UP}[a-z]{{0,2}}\.\s?){{0,4}})\s?(?P<surname>{_SURNAME})(?!\w)"
)

#: capitalised words that follow a role word without being a name
_NOT_NAMES = frozenset(
    "De Het Een Deze Die Dit Dat Zij Hij Ook En In Op Van Voor Met Bij Uit Kamer Defensie NAVO NATO VN EU "
    "Nederland Minister Staatssecretaris Januari Februari Maart April Mei Juni Juli Augustus September "
    "Oktober November December Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag "
    # the words of ministry names, which follow "minister van ..." where a name might
    "Zaken Financiën Justitie Veiligheid Klimaat Koninkrijksrelaties Onderwijs Cultuur Wetenschap "
    "Volksgezondheid Welzijn Sport Infrastructuur Waterstaat Landbouw Natuur Voedselkwaliteit "
    "Werkgelegenheid Handel Ontwikkelingssamenwerking Asiel Migratie Economische Buitenlandse "
    "Binnenlandse Sociale Algemene".split()
)


@dataclass(frozen=True)
class KnownPerson:
    forename: str
    prefix: str
    surname: str
    initials: str
    ids: tuple[tuple[str, str], ...]

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.forename, self.prefix, self.surname) if p)


def _norm(surname: str) -> str:
    return " ".join(surname.lower().replace("’", "'").split())


def _letters(initials: str) -> str:
    return "".join(c for c in initials if c.isupper())


def load(path: Path) -> dict[str, list[KnownPerson]]:
    """Rows of the persons file by normalised full surname ("de roon"); bad rows reported at once."""
    problems: list[str] = []
    index: dict[str, list[KnownPerson]] = {}
    columns = ("forename", "surname_prefix", "surname", "initials", "tk_id", "wikidata", "parlement_com_id")
    for number, row in read_csv(path, columns, problems):
        if not row["surname"]:
            problems.append(f"line {number}: surname: empty")
            continue
        if row["wikidata"] and not re.fullmatch(r"Q[1-9][0-9]*", row["wikidata"]):
            problems.append(f"line {number}: wikidata: {row['wikidata']!r} is not a Q-number")
            continue
        ids = tuple((k, row[c]) for k, c in (("wikidata", "wikidata"), ("tk_person", "tk_id"), ("parlement_com", "parlement_com_id")) if row[c])
        person = KnownPerson(row["forename"], row["surname_prefix"], row["surname"], row["initials"], ids)
        index.setdefault(_norm(f"{person.prefix} {person.surname}"), []).append(person)
    raise_if(path, problems)
    return index


@lru_cache(maxsize=4)
def known_persons(path: Path = DATA_DIR / "persons-wikidata.csv") -> dict[str, list[KnownPerson]]:
    return load(path)


def link(surname: str, initials: str = "", first: str = "") -> KnownPerson | None:
    """The one row of the persons file this name can only mean, or None."""
    index = known_persons()
    rows = index.get(_norm(surname)) or (index.get(_norm(surname.split("-")[0])) if "-" in surname else None) or []
    if initials:
        letters = _letters(initials)
        rows = [r for r in rows if _letters(r.initials) and (_letters(r.initials).startswith(letters) or letters.startswith(_letters(r.initials)))]
    if first:
        rows = [r for r in rows if r.forename == first]
    return rows[0] if len(rows) == 1 else None


@dataclass
class _Found:
    start: int
    end: int
    surname: str
    initials: str = ""
    first: str = ""
    linkable: bool = True  # False after a non-political role: "generaal Middendorp" is no MP


def _find(text: str) -> list[_Found]:
    """Every name announced by a cue, in text order (duplicates and overlaps left to Claims)."""
    found: list[_Found] = []
    for m in _SIGNATURE.finditer(text):
        found.append(_Found(m.start("initials"), m.end("surname"), m["surname"], m["initials"]))
    for m in _ROLE.finditer(text):
        if "\n\n" in m.group():
            continue  # a role word ending one paragraph ("reactie van de Minister") names nobody in the next
        start = m.start("initials") if m["initials"] else m.start("first") if m["first"] else m.start("surname")
        found.append(_Found(start, m.end("surname"), m["surname"], m["initials"] or "", m["first"] or "", bool(m["political"])))
    for regex in (_MOTION, _MEMBERS):
        for m in regex.finditer(text):
            base = m.start("names")
            for name in re.finditer(_SURNAME, m["names"]):
                found.append(_Found(base + name.start(), base + name.end(), name.group()))
    for m in _INITIALS_NAME.finditer(text):
        if link(m["surname"], m["initials"]) is not None:
            found.append(_Found(m.start(), m.end(), m["surname"], m["initials"]))
    return [f for f in found if f.surname.split()[-1].split("-")[0] not in _NOT_NAMES and f.first not in _NOT_NAMES]


#: the closing formula of a motion; the signatories' names follow, one per line
_MOTION_CLOSE = re.compile(r"gaat over tot de orde van de dag\.?\s*\n")
_SIGNATORY = re.compile(rf"[ \t]*{_PERSON}[ \t]*(?:\n|$)")


def signatories(doc: Doc) -> list[_Found]:
    """The names under a motion ("... en gaat over tot de orde van de dag.\n\nKathmann\n\nWhite"),
    with the initials the document's metadata gives for the same surname ("B.C. Kathmann")."""
    close = _MOTION_CLOSE.search(doc.text)
    if close is None:
        return []
    initials = {_norm(n.split(". ")[-1].split(".")[-1].strip()): n.rsplit(".", 1)[0] + "."
                for n in doc.document.meta.submitters if "." in n}
    found = []
    at = close.end()
    while (m := _SIGNATORY.match(doc.text, at)) is not None and m.group().strip():
        found.append(_Found(m.start("surname") if not m["first"] else m.start("first"), m.end("surname"), m["surname"],
                            m["initials"] or initials.get(_norm(m["surname"]), ""), m["first"] or ""))
        at = m.end()
        while doc.text.startswith("\n", at):
            at += 1
    return found


def _repeats(text: str, found: list[_Found]) -> list[_Found]:
    """Later bare uses of a surname the document introduced with a cue ("Stoltenberg" after
    "secretaris-generaal Jens Stoltenberg"): the cue made it a name, so the repeats are too."""
    surnames = {f.surname for f in found if len(f.surname) > 3}
    if not surnames:
        return []
    # `(?<![\w.-])(?:Stoltenberg|Rutte)(?![\w-])`, with the lookbehind after each name: a pattern
    # opening with the names lets `re` skip straight to their first letters (twice as fast as
    # finding them with an `Anchored` of their own, which each document had to build)
    names = (re.escape(name) for name in sorted(surnames, key=len, reverse=True))
    pattern = re.compile("(?:" + "|".join(rf"{name}(?<![\w.-]{name})" for name in names) + r")(?![\w-])")
    return [_Found(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


@extractor(NAME, requires=("text",), assigns=("mentions:Person",))
def extract(doc: Doc) -> None:
    """Persons from cues; the fullest form in the document names an unlinked person."""
    cued = _find(doc.text) + signatories(doc)
    found: dict[tuple[int, int], _Found] = {}
    for f in sorted(cued + _repeats(doc.text, cued), key=lambda f: (f.start, f.start - f.end)):
        found.setdefault((f.start, f.end), f)
    # per surname, the most informative form in the document: bare repeats borrow its
    # first name or initials, so "Stoltenberg" resolves as "Jens Stoltenberg" did
    best: dict[str, _Found] = {}
    for f in found.values():
        current = best.get(_norm(f.surname))
        if current is None or (len(f.first + f.initials), not f.linkable) > (len(current.first + current.initials), not current.linkable):
            best[_norm(f.surname)] = f
    claims = Claims(doc)
    for f in found.values():
        full = best[_norm(f.surname)]
        initials, first = f.initials or full.initials, f.first or full.first
        known = link(f.surname, initials, first) if full.linkable or initials or first else None
        if known is not None:
            entity = Entity(f"Person/{slug(known.name)}", "Person", known.name, {}, dict(known.ids))
        else:
            name = f"{full.first} {full.surname}".strip()
            label = f"{full.initials.strip()} {full.surname}" if full.initials else name
            entity = Entity(f"Person/{slug(name)}", "Person", label)
        claims.add(Mention(f.start, f.end, doc.text[f.start:f.end], "Person", entity.key, NAME), entity)
