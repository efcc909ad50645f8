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
missie") is the one named just before. A sentence that names no mission but a contributor and
its forces ("Nederlandse militairen blijven zich inzetten voor de veiligheid in Afghanistan")
is about the one mission its passage names (`context.context_mission`), unless it names
another receiver (an organisation, an initiative). A mission named in a relative clause after
the first ("... specialisten die de Duitse ISR Task Force versterkten") is not contributed to.

A contributor is a country named by name, adjective or people, except in a role that is not
contributing: a place ("in Afghanistan", and the rest of a list after it), a recipient
("aan de Iraakse strijdkrachten"), a requester ("op verzoek van Frankrijk", "het Belgische
verzoek"), a leader ("de door Frankrijk geleide taakgroep"), one leaving ("het vertrek van
Mongolië"), the owner of another named unit after the cue ("de Duitse Intelligence ... Task
Force"; before the cue the owner is the subject: "Duitse Special Forces maken deel uit van"), or the
country of a mission in brackets ("MINUSMA (Mali)"). When no country contributes, the
writer's own organisation acting ("Defensie nam deel aan ...", role `self`) is the Netherlands.

Amounts: every number or number word before a unit noun of `data/units.csv` ("270
militairen", "drie stafofficieren, drie Individual Police Officers en twee
raketafweerspecialisten", "een fregat"), each its own fact, with its qualifier ("ongeveer",
"maximaal") and range ("100 tot 150"); amounts are only read when the sentence has one
contributor, since they cannot be shared out, and go to the last of two missions in
apposition ("het snelst inzetbare deel van de NRF, de VJTF"). The year is the one written
nearest the amount, or without amounts nearest the mission; else that of the statement a
continuing sentence goes on from; else that of the sentence going on from it ("Dit betrof in
2020 ..."), or of the two sentences before it in its paragraph.

Nothing is stated by a hedged sentence (`data/cues/hedges.csv`: "een eventuele bijdrage",
"of Nederland kan bijdragen", negations, questions).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from kg.extract import countries
from kg.extract.anchored import Anchored
from kg.extract.cues import cue_set, mapping
from kg.extract.facts.amounts import (
    NUMBER,
    nearest_year,
    number_words,
    parse_number,
    qualifier_before,
)
from kg.extract.facts.context import context_mission
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
#: the country's own named unit follows ("Nederlandse Special Operations Command")
OWNER_OF_UNIT = re.compile(r"^\s+[A-Z]")
#: "sinds 1956": when a contribution began, not the year it is stated for
SINCE = re.compile(r"\bsinds\s+(?:\w+\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
#: between a mission and the mission that names a part of it: "de NRF, de VJTF"
APPOSITION = re.compile(r",\s+(?:de|het)\s+(?:\w+\s+){0,2}")
#: a relative clause: what follows it says more about a noun, not what the sentence contributes to
RELATIVE = re.compile(r"\b(?:die|welke)\s+(?!missies?\b|operaties?\b|inzet\b)", re.IGNORECASE)
#: other receivers than a mission: a sentence naming one of these does not take its passage's mission
OTHER_RECEIVERS = ("Organisation", "Initiative")
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


def contributors(doc: Doc, countries: list[Mention], cue_at: int | None = None) -> list[Mention]:
    """The countries of a sentence that contribute, in text order (see the module docstring).
    A country owning a named unit contributes when it stands before the cue, as the unit's
    owner in the subject ("Het Nederlandse Special Operations Command werkt aan certificering
    voor de NRF"); after the cue the unit is what receives ("... die de Duitse ISR Task Force
    versterkten")."""
    out: list[Mention] = []
    excluded_before: Mention | None = None
    for m in countries:
        before = doc.text[max(0, m.start - 30):m.start]
        after = doc.text[m.end:m.end + 12]
        listed = excluded_before is not None and LIST_GAP.match(doc.text[excluded_before.end:m.start])
        in_brackets = doc.text[max(0, m.start - 2):m.start].endswith("(") and doc.text[m.end:m.end + 1] == ")"
        owner_in_subject = cue_at is not None and m.end <= cue_at and OWNER_OF_UNIT.match(after)
        if (NOT_BEFORE.search(before) or PART_OF_NAME.search(before) or NOT_AFTER.match(after) and not owner_in_subject
                or listed or in_brackets):
            excluded_before = m
            continue
        excluded_before = None
        out.append(m)
    return unique_by_key(out)


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
    # the sentences where a cue may stand, told from the cue prefixes of the document: most hold none
    for sentence in passages.sentences_with(cue_set("contributes", ("role",)).anchored):
        cue = _cue(doc, sentence)
        if cue is None:
            continue
        previous = passages.previous(sentence)
        inherited = stated.get(previous.start) if previous is not None else None
        missions = _main_clause(doc, unique_by_key(passages.mentions_between(sentence.start, sentence.end, ("Mission",))))
        countries = passages.mentions_between(sentence.start, sentence.end, ("Country",))
        if not missions and inherited is None and not countries and not passages.has_anaphor(sentence):
            continue  # no mission, no country, nothing stated just before: nothing to state
        text = passages.text(sentence)
        if is_hedged(text):
            continue
        role, cue_at = cue[1], sentence.start + cue[0]
        found = contributors(doc, countries, cue_at) or _self(doc, text)
        year = None
        if not missions and passages.has_anaphor(sentence):
            missions = passages.antecedent_missions(sentence)  # "Ook Roemenië levert militairen aan de missie"
        if role == "continues" or (not missions and found and inherited and amounts(text)):
            # "Het betrof maximaal 140 militairen"; "Nederland stelt maximaal 60 militairen beschikbaar"
            if inherited is None:
                continue
            found, missions, year = found or inherited[0], missions or inherited[1], inherited[2]
        elif not missions and found and _forces(text) and not passages.mentions_between(
                sentence.start, sentence.end, OTHER_RECEIVERS):
            # "Nederlandse militairen blijven zich inzetten voor de veiligheid in Afghanistan"
            missions = [m for m in [context_mission(passages, sentence)] if m]
        if not found or not missions:
            continue
        year = year or _context_year(passages, sentence, text)
        stated[sentence.start] = (found, missions, nearest_year(text, 0) or year)
        _state(doc, sentence, text, found, missions, year)


def _cue(doc: Doc, sentence: Segment) -> tuple[int, str] | None:
    """Where the sentence's first contribution cue stands (in the sentence) and its role
    (`self` cues only stand in for a country, see `_self`)."""
    found = cue_set("contributes", ("role",)).finditer_within(doc.text, sentence.start, sentence.end)
    return next(((m.start(), f["role"]) for m, f in found if f["role"] != "self"), None)


def _main_clause(doc: Doc, missions: list[Mention]) -> list[Mention]:
    """The missions of the statement itself: one named in a relative clause after the first
    ("bijdrage aan MINUSMA ... specialisten die de Duitse ISR Task Force versterkten") is what
    the clause's noun does, not what the sentence's contributor contributes to."""
    if len(missions) < 2:
        return missions
    return [missions[0]] + [m for m in missions[1:] if not RELATIVE.search(doc.text, missions[0].end, m.start)]


@cache
def _forces_pattern() -> Anchored:
    """A unit noun ending a word, alone or as the head of a compound ("raketafweerspecialisten").
    The compound's first part needs no pattern of its own (`(?<!\\w)[\\w-]*?` before the unit):
    a word that ends in a unit always begins somewhere, so the same sentences match; and the
    units are tried only where one stands (`Anchored`), not each after every character."""
    forms = sorted(map(re.escape, mapping("units", "form", "unit")), key=len, reverse=True)
    return Anchored(re.compile(rf"(?:{'|'.join(forms)})(?!\w)", re.IGNORECASE))


def _forces(text: str) -> bool:
    """Whether the sentence names the forces contributed ("militairen", "een fregat"): the
    sign that a cue like "zich inzetten" is about deployed units, not political effort."""
    return _forces_pattern().search(text) is not None


def _context_year(passages: Passages, sentence: Segment, text: str) -> int | None:
    """The year of a statement that writes none: that of the sentence going on from it ("Dit
    betrof in 2020 ..."), else the nearest year in the two sentences before it in its
    paragraph ("Nederland leverde in 2020 bijdragen ... Ons land leverde 270 militairen ...")."""
    if nearest_year(text, 0):
        return None
    following = _following(passages, sentence)
    if following is not None:
        cue = _cue(passages.doc, following)
        if cue is not None and cue[1] == "continues":
            year = nearest_year(passages.text(following), 0)
            if year:
                return year
    current = sentence
    for _ in range(2):
        current = passages.previous(current)
        if current is None:
            return None
        year = nearest_year(SINCE.sub(" ", passages.text(current)), len(passages.text(current)))
        if year:
            return year
    return None


def _following(passages: Passages, sentence: Segment) -> Segment | None:
    """The sentence after, if it is in the same paragraph."""
    index = bisect_right(passages.sentences, sentence.start, key=lambda s: s.start)
    if index >= len(passages.sentences):
        return None
    after = passages.sentences[index]
    return after if passages.previous(after) == sentence else None


def _state(doc: Doc, sentence: Segment, text: str, countries: list[Mention], missions: list[Mention],
           year_before: int | None) -> None:
    """One fact per contributor, mission and amount; `year_before` is the year of the statement
    a continuing sentence goes on from, or of the passage. Without amounts, a mission's year is
    the one written nearest its name ("... in 2020 ... gewerkt aan certificering voor de NRF
    stand-by in 2021")."""
    found = amounts(text) if len(countries) == 1 else []
    if found:  # "deel van de NRF, de VJTF": the amounts are the named part's, not the whole's
        missions = [m for i, m in enumerate(missions) if not (
            i + 1 < len(missions) and APPOSITION.fullmatch(doc.text[m.end:missions[i + 1].start]))]
    undated = SINCE.sub(" ", text)
    for values in found or [{}]:
        at = values.pop("at", None)
        for mission in missions:
            year = nearest_year(undated, mission.start - sentence.start if at is None else at) or year_before
            stated = dict(values, year=year) if year else dict(values)
            for country in countries:
                doc.facts.append(Fact("contributes", {"country": country.key, "mission": mission.key},
                                      stated, sentence.start, sentence.end))
