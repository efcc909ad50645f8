"""Meetings: one session of a series or a council, picked out by its date.

GUIDE.md: a Meeting is "a named meeting, summit or council session with a date or place" —
"NAVO-ministeriële van Defensie 22–23 oktober 2020", "NAVO-top Brussel 2018". The gazetteer
names the series ("NAVO-top", "NAVO-ministers van Defensie", marked `"sessions": true`), the
councils that meet ("Raad Buitenlandse Zaken", "Europese Raad", also `"sessions": true`) and
sessions known in advance (`"series"` and `"date"`: "NATO Summit Brussels 2018"). This module
reads the date written after a series or council mention:

* "de NAVO-top in 2018", "NAVO-top in 2016 te Warschau", "bijeenkomst van de NAVO-ministers
  van Defensie op 22 en 23 oktober 2020", "Europese Raad van 28–29 juni 2018", "VTC RBZ Defensie
  van 20 november 2020" — a council needs at least a month, a series a year;
* the session is the gazetteer's dated entry of that series when the dates agree, otherwise
  a new entity `Meeting/<series>-<date>` labelled the English way ("NATO Defence Ministers'
  Meeting 22–23 October 2020"), so every document that dates the same session meets one node;
* a session of a general series ("NAVO-ministeriële van 23 en 24 maart 2021") is the session
  of a more specific series of the same date in the same document ("bijeenkomst van
  NAVO-ministers van Buitenlandse Zaken op 23 en 24 maart 2021"), when there is one.

The mention of the series or council gives way to the longer mention of the session. A series
named without any date ("de vorige NAVO-Defensieraad", "de NAVO-top") is no particular
meeting, so it is no entity; a council without a date stays the Organisation it is.
"""

from __future__ import annotations

import re

from kg.extract import gazetteer
from kg.extract.gazetteer import GazetteerEntry
from kg.extract.mentions import Claims
from kg.extract.registry import extractor
from kg.model import Doc, Entity, Mention

NAME = "meetings"

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December")
_MONTH = "|".join(MONTHS)
#: what may follow a series or council: a place, then "van/op/in" and a date (or a year and a place)
DATE = re.compile(
    rf"(?: (?:in|te) (?P<place>[A-Z][\w\-]+))?,? (?:van|op|in|d\.d\.) "
    rf"(?:(?P<d1>\d{{1,2}})(?: ?(?:en|–|-|/) ?(?P<d2>\d{{1,2}}))? (?P<m1>{_MONTH})|(?P<m2>{_MONTH}))? ?(?P<year>(?:19|20)\d\d)(?!\d)"
    rf"(?: (?:in|te) (?P<place2>[A-Z][\w\-]+))?",
    re.IGNORECASE,
)
#: words in front of a series that belong to the session's name ("videobijeenkomst van", "VTC")
LEAD = re.compile(r"(?:\b\w*bijeenkomst(?:en)? van (?:de )?|\bVTC |\bvideoconferentie van (?:de )?)$", re.IGNORECASE)


def _date(match: re.Match[str]) -> tuple[str, str, bool]:
    """(ISO date, English date, whether a month is given) of a DATE match."""
    year = match["year"]
    month_name = (match["m1"] or match["m2"] or "").lower()
    if not month_name:
        return year, year, False
    month = MONTHS.index(month_name) + 1
    english = f"{ENGLISH_MONTHS[month - 1]} {year}"
    if not match["d1"]:
        return f"{year}-{month:02d}", english, True
    days = f"{int(match['d1'])}–{int(match['d2'])}" if match["d2"] else str(int(match["d1"]))
    return f"{year}-{month:02d}-{int(match['d1']):02d}", f"{days} {english}", True


def _session(series: GazetteerEntry, iso: str, english: str, entries: dict[str, GazetteerEntry]) -> Entity:
    """The gazetteer's session of the series on that date, or a new one named after both."""
    for entry in entries.values():
        if entry.series == series.id and entry.date and (entry.date.startswith(iso) or iso.startswith(entry.date)):
            return entry.entity()
    local = series.id.split("/", 1)[1]
    label = f"{series.label} {english}"
    return Entity(f"Meeting/{local}-{iso}", "Meeting", label, {"en": label})


@extractor(NAME, requires=("text", "mentions:Meeting", "mentions:Organisation"), assigns=("mentions:Meeting",))
def extract(doc: Doc) -> None:
    _, entries = gazetteer.matcher()
    claims = Claims(doc)
    found: list[tuple[Mention, Entity, GazetteerEntry, str]] = []
    for mention in sorted(doc.mentions, key=lambda m: m.start):
        entry = entries.get(mention.key)
        if entry is None or mention.extractor != "gazetteer" or not entry.sessions:
            continue
        match = DATE.match(doc.text, mention.end)
        if match is None:
            continue
        iso, english, has_month = _date(match)
        if entry.type != "Meeting" and not has_month:
            continue  # "de Europese Raad in 2018" is the council at work that year, not one session
        lead = LEAD.search(doc.text, max(0, mention.start - 40), mention.start)
        start = lead.start() if lead else mention.start
        session = _session(entry, iso, english, entries)
        found.append((Mention(start, match.end(), doc.text[start:match.end()], "Meeting", session.key, NAME),
                      session, entry, iso))
    by_date = {(entry.series, iso): session for _, session, entry, iso in found if entry.series}
    for mention, session, entry, iso in found:
        specific = by_date.get((entry.id, iso))  # a session of a more specific series, same day
        if specific is not None:
            mention = Mention(mention.start, mention.end, mention.text, "Meeting", specific.key, NAME)
            session = specific
        if claims.displace(mention.start, mention.end, ("gazetteer",)):
            claims.add(mention, session)
    claims.commit()
    _drop_undated_series(doc, entries)


def _drop_undated_series(doc: Doc, entries: dict[str, GazetteerEntry]) -> None:
    """A series named without a date is no particular meeting: its mentions and entity go."""
    undated = {m.key for m in doc.mentions
               if m.extractor == "gazetteer" and m.type == "Meeting" and entries[m.key].sessions}
    if undated:
        doc.mentions = [m for m in doc.mentions if m.key not in undated]
        for key in undated:
            doc.entities.pop(key, None)
