"""`contributes`: a country contributes personnel, units or assets to a mission.

GUIDE: "a country contributes personnel, units or assets to a mission, with amount, unit and
year where the text gives them."

Rule: a sentence with a contribution cue (`data/cues/contributes.csv`: levert, draagt bij,
stuurt, neemt deel, vormen, bereiden zich voor op, ...) that names a mission and a contributor
states that every contributor takes part in every mission it names ("Duitsland en Nederland
vormen samen met zeven andere landen (Oostenrijk, ...) de huidige EU Battle Group"). A sentence
that only points back ("Het betrof maximaal 140 militairen") continues the contribution of the
sentence before, with its country and — unless it names its own — its missions; so does a
sentence that gives a contributor and an amount but no mission ("Nederland stelt maximaal 60
militairen beschikbaar") right after a contribution; a mission pointed back to ("aan de
missie") is the one named just before.

A contributor is a country named by name, adjective or people, except in a role that is not
contributing: a place ("in Afghanistan", and the rest of a list after it), a recipient
("aan de Iraakse strijdkrachten"), a requester ("op verzoek van Frankrijk", "het Belgische
verzoek"), a leader ("de door Frankrijk geleide taakgroep"), one leaving ("het vertrek van
Mongolië"), the owner of another named unit ("de Duitse Intelligence ... Task Force"), or the
country of a mission in brackets ("MINUSMA (Mali)"). When no country contributes, the
writer's own organisation acting ("Defensie nam deel aan ...", role `self`) is the Netherlands.

Amounts: every number or number word before a unit noun of `data/units.csv` ("270
militairen", "drie stafofficieren, drie Individual Police Officers en twee
raketafweerspecialisten", "een fregat"), each its own fact, with its qualifier ("ongeveer",
"maximaal") and range ("100 tot 150"); amounts are only read when the sentence has one
contributor, since they cannot be shared out, and go to the last of two missions in
apposition ("het snelst inzetbare deel van de NRF, de VJTF"). The year is the one written
nearest, else that of the statement a continuing sentence goes on from.

Nothing is stated by a hedged sentence (`data/cues/hedges.csv`: "een eventuele bijdrage",
"of Nederland kan bijdragen", negations, questions).
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract import countries
from kg.extract.cues import cue_set, mapping
from kg.extract.facts.amounts import (
    NUMBER,
    nearest_year,
    number_words,
    parse_number,
    qualifier_before,
)
from kg.extract.facts.passages import Passages, is_hedged, unique_by_key
from kg.extract.registry import extractor
from kg.model import Doc, Fact, Mention, Segment

#: what stands right before a country that is not a contributor (a place, a recipient, a requester, ...)
NOT_BEFORE = re.compile(
    r"\b(?:in|naar|uit|tegen|vanuit|boven|rond|tussen|nabij|bij|richting|aan|verzoek van|vertrek van|"
    r"terugtrekking van|leiding van)\s+(?:het\s+|de\s+)?$",
    re.IGNORECASE,
)
#: ... or right after it
#: ... or right before it, a region or a larger name ("Zuid-Libanon", "Observer Group Lebanon")
PART_OF_NAME = re.compile(r"(?:\b(?:Zuid|Noord|Oost|West|Noordoost|Noordwest|Zuidoost|Zuidwest|Midden)-"
                          r"|(?<!\S)(?!(?:De|Het|Een|Dit|Deze|Die|Dat|Zo|Ook|En|In|Op|Met|Voor|Van|Daarnaast|Samen) )[A-Z]\w+ )$")
NOT_AFTER = re.compile(r"^(?:\s*-?\s*geleide?\b|\s+verzoek\b|\s+[A-Z])")
#: "sinds 1956": when a contribution began, not the year it is stated for
SINCE = re.compile(r"\bsinds\s+(?:\w+\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
#: between a mission and the mission that names a part of it: "de NRF, de VJTF"
APPOSITION = re.compile(r",\s+(?:de|het)\s+(?:\w+\s+){0,2}")
#: how a list goes on after a place: "in Irak en Syrië", "(Libanon, Golan/Syrië en Egypte)"
LIST_GAP = re.compile(r"^(?=.*(?:[,(/]|\ben\b|\bof\b))[\s,/()]*(?:(?:en|of)\s+)?(?:[a-z]+\s+){0,3}[\s,/(]*(?:\w+/)?$")


@cache
def amount_pattern() -> re.Pattern[str]:
    """`<number> [à|-|tot|en <number>] [up to three words] <unit noun, or a compound ending in one>`."""
    units = "|".join(sorted(map(re.escape, mapping("units", "form", "unit")), key=len, reverse=True))
    number = rf"(?:{NUMBER}|{number_words()})"
    between = rf"(?:(?!(?:{number}|(?:19|20)\d\d)\b)[\w-]+\s+){{0,3}}?"  # a few words, no other number
    return re.compile(
        rf"(?<![\w,.])(?!(?:19|20)\d\d\b)(?P<n>{number})(?:\s*(?:à|-|–|tot|en)\s*(?P<max>{number}))?\s+{between}"
        rf"(?P<unit>[\w-]*?(?:{units}))(?!\w)",
        re.IGNORECASE,
    )


def _form(word: str) -> str:
    """The unit form a unit noun is, or the one a compound ends in ("raketafweerspecialisten")."""
    forms = {k.lower(): k for k in mapping("units", "form", "unit")}
    lowered = word.lower()
    return forms.get(lowered) or next(forms[f] for f in sorted(forms, key=len, reverse=True) if lowered.endswith(f))


def amounts(text: str) -> list[dict[str, object]]:
    """Every amount of the sentence, in order; "een compagnie van 150 personen" is one amount;
    a singular noun counts only with the number one ("vijf maanden militair" is no amount)."""
    units, counts = mapping("units", "form", "unit"), mapping("units", "form", "count")
    found = []
    matches = list(amount_pattern().finditer(text))
    for i, m in enumerate(matches):
        if i + 1 < len(matches) and re.fullmatch(r"\s+van\s+(?:\w+\s+)?", text[m.end():matches[i + 1].start()]):
            continue  # the size of the unit follows: that is the amount
        form, number = _form(m["unit"]), parse_number(m["n"])
        if (number == 1) != (counts[form] == "one"):
            continue
        values: dict[str, object] = {"amount": number, "unit": units[form], "at": m.start()}
        if m["max"]:
            values["amount_max"] = parse_number(m["max"])
        qualifier = qualifier_before(text[: m.start()])
        if qualifier:
            values["qualifier"] = qualifier
        found.append(values)
    return found


def contributors(doc: Doc, countries: list[Mention]) -> list[Mention]:
    """The countries of a sentence that contribute, in text order (see the module docstring)."""
    out: list[Mention] = []
    excluded_before: Mention | None = None
    for m in countries:
        before = doc.text[max(0, m.start - 30):m.start]
        after = doc.text[m.end:m.end + 12]
        listed = excluded_before is not None and LIST_GAP.match(doc.text[excluded_before.end:m.start])
        in_brackets = doc.text[max(0, m.start - 2):m.start].endswith("(") and doc.text[m.end:m.end + 1] == ")"
        if NOT_BEFORE.search(before) or PART_OF_NAME.search(before) or NOT_AFTER.match(after) or listed or in_brackets:
            excluded_before = m
            continue
        excluded_before = None
        out.append(m)
    return unique_by_key(out)


def _role(text: str) -> str | None:
    return next((f["role"] for _, f in cue_set("contributes", ("role",)).finditer(text) if f["role"] != "self"), None)


def _self(doc: Doc, text: str) -> list[Mention]:
    """The Netherlands when the writer's own organisation is the actor ("Defensie nam deel"):
    Kamerstukken are written by the Dutch government, so "Defensie" acting is the Dutch forces."""
    match = next((m for m, f in cue_set("contributes", ("role",)).finditer(text) if f["role"] == "self"), None)
    if match is None:
        return []
    netherlands = countries.gazetteer().countries["NL"].entity()
    doc.add_entity(netherlands)
    return [Mention(match.start(), match.end(), match.group(), "Country", netherlands.key, "contributes")]


@extractor("contributes", requires=("sentences", "mentions:Country", "mentions:Mission"),
           assigns=("facts:contributes",))
def extract_contributes(doc: Doc) -> None:
    passages = Passages.of(doc)
    stated: dict[int, tuple[list[Mention], list[Mention], int | None]] = {}  # sentence → countries, missions, year
    for sentence in passages.sentences:
        previous = passages.previous(sentence)
        inherited = stated.get(previous.start) if previous is not None else None
        missions = unique_by_key(passages.mentions_between(sentence.start, sentence.end, ("Mission",)))
        if not missions and inherited is None and not passages.has_anaphor(sentence):
            continue  # no mission named, pointed back to or stated just before: no cue needs reading
        text = passages.text(sentence)
        role = _role(text)
        if role is None or is_hedged(text):
            continue
        found = contributors(doc, passages.mentions_between(sentence.start, sentence.end, ("Country",))) or _self(doc, text)
        year = None
        if not missions and passages.has_anaphor(sentence):
            missions = passages.antecedent_missions(sentence)  # "Ook Roemenië levert militairen aan de missie"
        if role == "continues" or (not missions and found and inherited and amounts(text)):
            # "Het betrof maximaal 140 militairen"; "Nederland stelt maximaal 60 militairen beschikbaar"
            if inherited is None:
                continue
            found, missions, year = found or inherited[0], missions or inherited[1], inherited[2]
        if not found or not missions:
            continue
        stated[sentence.start] = (found, missions, nearest_year(text, 0) or year)
        _state(doc, sentence, text, found, missions, year)


def _state(doc: Doc, sentence: Segment, text: str, countries: list[Mention], missions: list[Mention],
           year_before: int | None) -> None:
    """One fact per contributor, mission and amount; `year_before` is the year of the statement
    a continuing sentence goes on from."""
    found = amounts(text) if len(countries) == 1 else []
    if found:  # "deel van de NRF, de VJTF": the amounts are the named part's, not the whole's
        missions = [m for i, m in enumerate(missions) if not (
            i + 1 < len(missions) and APPOSITION.fullmatch(doc.text[m.end:missions[i + 1].start]))]
    for values in found or [{}]:
        at = values.pop("at", 0)
        year = nearest_year(SINCE.sub(" ", text), at) or year_before
        if year:
            values["year"] = year
        for country in countries:
            for mission in missions:
                doc.facts.append(Fact("contributes", {"country": country.key, "mission": mission.key},
                                      dict(values), sentence.start, sentence.end))
