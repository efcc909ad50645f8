"""`infer_meta(raw)`: what a Kamerstuk's own text says about it as a publication.

Read from the places a Kamerstuk puts them: the running footer or header ("Tweede Kamer,
vergaderjaar 2020–2021, 28 676, nr. 346"), the heading block at the top ("28676 NAVO" /
"Nr. 468" / "MOTIE VAN HET LID ..." / "Vastgesteld 12 maart 2021"), the opening sentence of a
letter ("Hierbij ontvangt u de geannoteerde agenda ...", cues in `data/doctypes.csv`) and the
signature block at the end ("De Minister van Defensie,\\nA.Th.B. Bijleveld-Schouten").
Nothing is guessed: a field the text does not show stays None.
"""

from __future__ import annotations

import re

from kg.ingest.doctypes import load_doctypes
from kg.model import DocumentMeta

#: How far into the text the heading block and the opening sentence are looked for.
HEAD_CHARS = 1500
HEAD_LINES = 40
#: How far from the end the signature block is looked for.
TAIL_CHARS = 600

MONTHS = {m: i for i, m in enumerate(
    "januari februari maart april mei juni juli augustus september oktober november december".split(), 1)}

_DOSSIER = r"(?P<main>\d{1,3}(?:[ .\u00a0]\d{3})+|\d{4,6})(?:\s*[-–]\s*(?P<sub>\d{1,3})|\s+(?P<roman>[IVXLC]+)\b)?"
#: the house is checked behind "Kamer,", a literal `re` skips straight to (an alternation opening
#: the pattern would be tried at every position of the text); only the groups are read
FOOTER = re.compile(
    rf"Kamer,(?<=(?:Tweede|Eerste) Kamer,)\s+vergaderjaar\s+\d{{4}}\s*[-–]\s*\d{{4}},\s+{_DOSSIER},\s+nr\.\s*(?P<nr>\d+)")
#: "kst-" at a word's start: "k" first and the lookbehind after it (`\b` before it would make
#: `re` try every position of the text; a leading literal lets it skip straight to a "k")
KST_ID = re.compile(r"k(?<!\wk)st-(?P<dossier>\d+(?:-[0-9A-Z]+)?)-(?P<nr>\d+)\b.*ISSN")
DOSSIER_HEADING = re.compile(rf"^[ \t]*{_DOSSIER}[ \t]+(?P<title>[A-Z][^\n]*?)[ \t]*$", re.MULTILINE)
NR_LINE = re.compile(r"^[ \t]*Nr\.[ \t]*(?P<nr>\d+)?[ \t]*(?P<rest>[^\n]*)$", re.MULTILINE)
DATE = re.compile(
    r"\b(?:Vastgesteld|Voorgesteld|Ontvangen|Den Haag)[ \t]*,?[ \t]*(?:(?P<day>\d{1,2})|…|\.{2,})?[ \t]*"
    r"(?P<month>" + "|".join(MONTHS) + r")[ \t]+(?P<year>\d{4})\b")
SIGNATURE = re.compile(
    r"^[ \t]*De[ \t]+Minister[ \t]+(?:van|voor)[ \t]+[^\n]*?,?[ \t]*\n(?:[ \t]*\n)*[ \t]*(?P<name>[^\n]+?)[ \t]*$",
    re.MULTILINE | re.IGNORECASE)
TITLES = re.compile(r"^(?:(?:Drs|Dr|Mr|Ir|Ing|Prof|Mevr|Dhr)\.?[ \t]+)+", re.IGNORECASE)
NAME = re.compile(r"^[A-Z][\w.'\u2019-]*(?:[ \t]+[\w.'\u2019-]+){0,5}$")
MOTIE_SUBMITTERS = re.compile(
    r"\bMOTIE\s+VAN\s+(?:HET\s+LID|DE\s+LEDEN)\s+(?P<names>.+?)"
    r"(?=\s+(?:TER\s+VERVANGING|OVER|VOORGESTELD)\b|\s*$|\s*\n\s*\n)",
    re.IGNORECASE | re.DOTALL)
PARTICLES = frozenset({"van", "der", "de", "den", "het", "ter", "ten", "te", "in", "'t", "op", "la", "le", "du"})


def dossier_id(match: re.Match[str]) -> str:
    """"28 676" → "28676"; "35 570 X" → "35570-X"; "21 501-02" → "21501-02"."""
    main = re.sub(r"\D", "", match.group("main"))
    suffix = match.group("sub") or match.group("roman")
    return f"{main}-{suffix}" if suffix else main


def find_date(text: str) -> str | None:
    """ISO date of the first "Vastgesteld/Voorgesteld/Den Haag, <date>"; month precision for "…"."""
    m = DATE.search(text)
    if not m:
        return None
    month = MONTHS[m.group("month")]
    if m.group("day"):
        return f"{m.group('year')}-{month:02d}-{int(m.group('day')):02d}"
    return f"{m.group('year')}-{month:02d}"


def find_doc_type(head: str) -> str | None:
    """The first cue of `data/doctypes.csv` found in the heading lines or the opening."""
    lines = head.splitlines()[:HEAD_LINES]
    headings = [ln for ln in lines if any(c.isalpha() for c in ln) and not any(c.islower() for c in ln)]
    nr_rest = [m.group("rest") for m in NR_LINE.finditer(head)]
    heading_text = "\n".join(headings + nr_rest)
    opening = " ".join(head.split())
    for cue in load_doctypes():
        if cue.pattern.search(heading_text if cue.match == "heading" else opening):
            return cue.doc_type
    return None


def as_written(name: str) -> str:
    """A surname from an all-capitals heading, in running-text case: "VAN DER BURG" → "Van der Burg"."""
    if any(c.islower() for c in name):
        return name
    words = name.lower().split()
    return " ".join(w if (i and w in PARTICLES) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def find_submitters(head: str) -> list[str]:
    """Surnames from "MOTIE VAN HET LID X" / "MOTIE VAN DE LEDEN A EN B" (c.s. dropped)."""
    m = MOTIE_SUBMITTERS.search(head)
    if not m:
        return []
    names = " ".join(m.group("names").split())
    names = re.sub(r"\s+c\.\s?s\.?$", "", names, flags=re.IGNORECASE)
    parts = re.split(r"\s*,\s*|\s+(?:EN|en)\s+", names)
    return [as_written(p.strip(" .")) for p in parts if p.strip(" .")]


def find_minister(tail: str) -> str | None:
    """The signing minister's name from the last "De Minister van ..." block, titles dropped."""
    found = None
    for m in SIGNATURE.finditer(tail):
        name = TITLES.sub("", m.group("name")).strip()
        if NAME.match(name) and not name.lower().startswith(("de ", "het ")):
            found = found or name
    return found


def infer_meta(raw: str) -> DocumentMeta:
    """Metadata the text shows; fields it does not show stay None (or [])."""
    head = raw[:HEAD_CHARS]
    meta = DocumentMeta()
    footer = FOOTER.search(raw)
    if footer:
        meta.dossier, meta.number = dossier_id(footer), footer.group("nr")
    elif (kst := KST_ID.search(raw)):
        meta.dossier, meta.number = kst.group("dossier"), kst.group("nr")
    nr = NR_LINE.search(head)
    heading = DOSSIER_HEADING.search(head, 0, nr.start()) if nr else None
    if heading:  # "28676 NAVO" above "Nr. ...": the dossier and its title
        meta.dossier = meta.dossier or dossier_id(heading)
        meta.title = heading.group("title").strip()
        meta.number = meta.number or nr.group("nr")
    if meta.dossier and meta.number:
        meta.identifier = f"kst-{meta.dossier}-{meta.number}"
    meta.doc_type = find_doc_type(head)
    meta.date = find_date(head) or find_date(raw[-TAIL_CHARS:])
    meta.minister = find_minister(raw[-TAIL_CHARS:])
    if meta.doc_type == "motie":
        meta.submitters = find_submitters(head)
    return meta
