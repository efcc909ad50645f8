"""`contributes`: a country contributes personnel, units or assets to a mission.

GUIDE: "a country contributes personnel, units or assets to a mission, with amount, unit and
year where the text gives them."

Rule: a sentence with a contribution cue (`data/cues/contributes.csv`: levert, draagt bij,
stuurt, stelt beschikbaar, neemt deel, inzet van ...) that names a mission and a country — by name or adjective ("de Nederlandse bijdrage"), not as
a place ("in Afghanistan"). The contributor is the country standing closest to the cue, which
covers both word orders ("Nederland levert", "In 2020 levert Nederland"). The amount is a number or number word
directly before a unit noun of `data/units.csv` ("270 militairen", "tachtig militairen",
"een fregat"), with its qualifier ("ongeveer", "maximaal") and ranges ("200 à 250",
"tussen 200 en 250") kept; the year is the one written nearest. Without a country or a
mission in the sentence nothing is stated.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract.cues import cues, mapping
from kg.extract.facts.amounts import NUMBER, nearest_year, number_words, parse_number, qualifier_before
from kg.extract.facts.passages import Passages, unique_by_key
from kg.extract.registry import extractor
from kg.model import Doc, Fact


#: "in Afghanistan", "naar Irak": a country as the place of a mission, not its contributor
PLACE = re.compile(r"\b(?:in|naar|uit|tegen|vanuit|boven|rond)\s+(?:het\s+|de\s+)?$", re.IGNORECASE)


@cache
def amount_pattern() -> re.Pattern[str]:
    """`<number> [à|-|tot|en <number>] <unit noun>`, with the units of data/units.csv."""
    units = "|".join(sorted(map(re.escape, mapping("units", "form", "unit")), key=len, reverse=True))
    number = rf"(?:{NUMBER}|{number_words()})"
    return re.compile(
        rf"(?<![\w,.])(?P<n>{number})(?:\s*(?:à|-|–|tot|en)\s*(?P<max>{number}))?\s+(?:\w+\s+)?(?P<unit>{units})(?!\w)",
        re.IGNORECASE,
    )


@extractor("contributes", requires=("sentences", "mentions:Country", "mentions:Mission"),
           assigns=("facts:contributes",))
def extract_contributes(doc: Doc) -> None:
    passages = Passages.of(doc)
    units = {k.lower(): v for k, v in mapping("units", "form", "unit").items()}
    for sentence in passages.sentences:
        text = passages.text(sentence)
        cue = next((m for c in cues("contributes") if (m := c.pattern.search(text))), None)
        if cue is None:
            continue
        start, end = sentence.start + cue.start(), sentence.start + cue.end()
        countries = [m for m in passages.mentions_between(sentence.start, sentence.end, ("Country",))
                     if not PLACE.search(doc.text[max(sentence.start, m.start - 8):m.start])]
        missions = unique_by_key(passages.mentions_between(sentence.start, sentence.end, ("Mission",)))
        if not countries or not missions:
            continue
        country = min(countries, key=lambda m: max(start - m.end, m.start - end, 0))
        amount = amount_pattern().search(text)
        values: dict[str, object] = {}
        if amount:
            values["amount"] = parse_number(amount["n"])
            if amount["max"]:
                values["amount_max"] = parse_number(amount["max"])
            values["unit"] = units[amount["unit"].lower()]
            qualifier = qualifier_before(text[: amount.start()])
            if qualifier:
                values["qualifier"] = qualifier
        year = nearest_year(text, amount.start() if amount else 0)
        if year:
            values["year"] = year
        for mission in missions:
            doc.facts.append(Fact("contributes", {"country": country.key, "mission": mission.key},
                                  dict(values), sentence.start, sentence.end))
