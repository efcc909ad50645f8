"""`spending`: defence spending figures per country and year.

GUIDE: "defence spending figures per country and year (percentage of GDP, or amount with
currency)."

A *spending passage* starts at a sentence that speaks of defence spending
(`data/cues/spending.csv`: "defensie-uitgaven", "defensiebudget", "bbp", "investeert", ...)
and runs on through the sentences after it in the same paragraph that give figures ("Dat
komt neer op circa 1,1% van het BBP."). In it:

* a percentage is a share of GDP when GDP is named right at it ("1,57% van het BBP",
  "bbp-percentage van 1,48%"), or — in a sentence that names no GDP, inside a passage about
  GDP shares — when nothing makes it another percentage ("een groeipad tot 1,24% in 2025");
  growth rates, shares of something else ("16,83% besteed aan investeringen", "40% van het
  personeel"), averages and norms ("het gemiddelde van de Europese bondgenoten", "de
  2%-norm") are not a country's figure;
* an amount needs a currency ("€ 4,76 miljard", "64,5 miljard NOK"); a conversion in brackets
  after another amount ("£ 178 miljard (ongeveer € 198 miljard)") and an amount named again
  ("De £ 16,5 miljard komt ...") are not new figures;
* the country is the one the sentence names, else the one of the passage, else the country a
  section is about (a heading that is just a country name, as in a yearly report per ally);
* the year is the one written nearest the figure — not a year it is compared with ("ten
  opzichte van 2019", "boven het budget voor 2020") — or the one a relative phrase gives ("dit
  jaar", "vorig jaar", "het huidige defensiebudget") counted from the passage's year or else
  the document's.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from kg.extract.anchored import Anchored
from kg.extract.cues import cue_set
from kg.extract.facts.amounts import CURRENCY, NUMBER, SCALE, YEAR, parse_number
from kg.extract.facts.passages import Passages
from kg.extract.registry import extractor
from kg.model import Doc, Fact, Segment

PERCENT = re.compile(rf"(?P<n>{NUMBER})\s?%(?![-\"'’])")
MONEY = re.compile(rf"(?P<cur>€|\$|£)\s?(?P<n>{NUMBER})\s*(?P<scale>miljard|miljoen)?"
                   rf"|(?P<n2>{NUMBER})\s*(?P<scale2>miljard|miljoen)\s+(?P<cur2>euro|dollar|NOK|pond)", re.IGNORECASE)
#: what every `MONEY` match holds (a currency sign or a scale), with `MONEY`'s flags: a sentence
#: without it (most of those read) is not scanned for amounts at every digit
MONEY_CUE = re.compile(r"[€$£]|miljard|miljoen", re.IGNORECASE)
NOT_A_FIGURE = re.compile(r"gemiddelde|norm\b|-norm|richtlijn|mediaan", re.IGNORECASE)
GDP_AT = re.compile(r"\s?%?\s*(?:van\s+(?:het|zijn|haar|hun)\s+)(?:bbp|bnp|gdp|bruto binnenlands product)\b", re.IGNORECASE)
GDP_BEFORE = re.compile(r"(?:bbp|bnp)-percentage\s+van\s+$", re.IGNORECASE)
#: "de 2% van het BBP": with the definite article a percentage is the norm, not a country's figure
NORM_BEFORE = re.compile(r"\bde\s+$", re.IGNORECASE)
CONTRAST_BEFORE = re.compile(r"\b(?:tegen|versus|vergeleken met)\s+$", re.IGNORECASE)
#: what makes a percentage something else than a share of GDP
OTHER_PERCENT_BEFORE = re.compile(r"(?:stijging|verhoging|daling|groei|toename|afname|quote)\s+(?:van\s+)?(?:ongeveer\s+|circa\s+)?$",
                                  re.IGNORECASE)
OTHER_PERCENT_AFTER = re.compile(r"\s?%\s*(?:van\s+(?:het|de)\s+(?!bbp|bnp)\w+|besteed|per jaar|sinds|ten opzichte)", re.IGNORECASE)
#: a year a figure is compared with, not the figure's own (tried only where its words stand)
COMPARED = Anchored(re.compile(r"\b(?:boven|ten opzichte van|t\.o\.v\.|vergeleken met|sinds|tegen|dan in)\b[^.%€$£\d]{0,25}$",
                               re.IGNORECASE))
RELATIVE_YEARS = {"dit jaar": 0, "huidige": 0, "lopende jaar": 0, "vorig jaar": -1, "vorige jaar": -1,
                  "volgend jaar": 1, "komend jaar": 1}
RELATIVE = re.compile(r"\b(?:" + "|".join(RELATIVE_YEARS) + r")\b", re.IGNORECASE)
NAMES_GDP = re.compile(r"\b(?:bbp|bnp|gdp)\b|bbp-|bnp-", re.IGNORECASE)
#: what makes an amount no new figure: a conversion in brackets after another, a total, a repeat
CONVERSION = re.compile(r"\s*\((?:ongeveer\s+|circa\s+|ca\.\s+)?")
IN_TOTAL = re.compile(r"\(\s*in totaal\s+$")
NAMED_AGAIN = re.compile(r"(?:^|\b)(?:De|de|Het|het|Dit|dit|Deze|deze)\s+$")


def document_year(doc: Doc) -> int | None:
    """The document's year: from its metadata, else the year its text names most (three times
    at least), which is the year a yearly letter or a report is about."""
    if doc.document.meta.date:
        return int(doc.document.meta.date[:4])
    counts = Counter(YEAR.findall(doc.text))  # as written: one year, one string (no match object per year)
    year, count = counts.most_common(1)[0] if counts else (None, 0)
    return int(year) if count >= 3 else None


def _measures(doc: Doc, sentence: Segment) -> set[str]:
    """The measures the sentence's cues name; most sentences name none, which the cue prefixes
    of the whole text tell without reading the sentence."""
    found = cue_set("spending", ("measure",)).finditer_within(doc.text, sentence.start, sentence.end)
    return {fields["measure"] for _, fields in found}


def _heading_country(doc: Doc, passages: Passages, sentence: Segment) -> str | None:
    """The country a section is about, when its heading is that country's name alone."""
    section = passages.enclosing("section", sentence.start, sentence.end)
    heading = passages.starting_at("heading", section.start) if section is not None else None
    if heading is None:
        return None
    named = passages.mentions_between(heading.start, heading.end)
    covered = sum(m.end - m.start for m in named)
    keys = {m.key for m in named}
    if len(keys) == 1 and named[0].type == "Country" and covered >= len(doc.text[heading.start:heading.end].strip()) - 1:
        return named[0].key
    return None


def _year(text: str, at: int, reference: int | None) -> int | None:
    """The year nearest the figure at `at`: written, or relative to `reference`."""
    options = [(abs(m.start() - at), int(m.group(1))) for m in YEAR.finditer(text)
               if not COMPARED.search(text[max(0, m.start() - 30):m.start()])]
    if reference is not None:
        options += [(abs(m.start() - at), reference + RELATIVE_YEARS[m.group().lower()]) for m in RELATIVE.finditer(text)]
    return min(options)[1] if options else None


def _figures(text: str, gdp_passage: bool) -> list[tuple[int, dict[str, object]]]:
    """(position, values) of every spending figure of a sentence."""
    names_gdp = bool(NAMES_GDP.search(text))
    found: list[tuple[int, dict[str, object]]] = []
    for m in PERCENT.finditer(text) if "%" in text else ():
        before = text[max(0, m.start() - 30):m.start()]
        if NORM_BEFORE.search(before):
            continue
        contrast = bool(found) and CONTRAST_BEFORE.search(before)  # "2,11% van zijn BBP, tegen 1,83% vorig jaar"
        at_gdp = GDP_AT.match(text, m.end("n")) or GDP_BEFORE.search(before) or contrast
        loose = (not names_gdp and gdp_passage and not OTHER_PERCENT_BEFORE.search(text[max(0, m.start() - 40):m.start()])
                 and not OTHER_PERCENT_AFTER.match(text, m.end("n")))
        if at_gdp or loose:
            found.append((m.start(), {"percent_gdp": parse_number(m["n"])}))
    previous_end = -10
    for m in MONEY.finditer(text) if MONEY_CUE.search(text) else ():
        conversion = CONVERSION.fullmatch(text[previous_end:m.start()])
        in_total = IN_TOTAL.search(text[max(0, m.start() - 12):m.start()])
        named_again = NAMED_AGAIN.search(text[max(0, m.start() - 6):m.start()])
        previous_end = m.end()
        if conversion or in_total or named_again:
            continue
        scale = (m["scale"] or m["scale2"] or "").lower()
        amount = (parse_number(m["n"] or m["n2"]) or Decimal(0)) * SCALE.get(scale, Decimal(1))
        found.append((m.start(), {"amount": amount, "currency": CURRENCY[(m["cur"] or m["cur2"]).lower()]}))
    return sorted(found, key=lambda f: f[0])


@extractor("spending", requires=("sentences", "paragraphs", "mentions:Country"), assigns=("facts:spending",))
def extract_spending(doc: Doc) -> None:
    passages = Passages.of(doc)
    doc_year = document_year(doc)
    passage: dict[str, object] | None = None  # the open passage: country, year, gdp, paragraph
    cued = {s.start for s in passages.sentences_with(cue_set("spending", ("measure",)).anchored)}
    for sentence in passages.sentences:
        if passage is None and sentence.start not in cued:
            continue  # no passage open and no cue to open one: most sentences
        text = passages.text(sentence)
        paragraph = passages.enclosing("paragraph", sentence.start, sentence.end)
        if passage is not None and passage["paragraph"] != (paragraph.start if paragraph else None):
            passage = None
        measures = _measures(doc, sentence)
        if not measures and passage is None:
            continue
        countries = passages.mentions_between(sentence.start, sentence.end, ("Country",))
        country = (countries[0].key if countries else passage["country"] if passage else None) \
            or _heading_country(doc, passages, sentence)
        if country is None:
            continue
        figures = _figures(text, "gdp" in measures or bool(passage and passage["gdp"]))
        reference = doc_year or (passage or {}).get("year")  # "dit jaar" is the year of writing
        last_end = 0
        stated_year = None
        for at, values in figures:
            window, last_end = text[last_end:at], at
            if NOT_A_FIGURE.search(window):
                continue  # an average or a norm stands between the country and this figure
            year = _year(text, at, reference) or (passage or {}).get("year")
            if year:
                values["year"] = year
                stated_year = stated_year or year
            doc.facts.append(Fact("spending", {"country": country}, values, sentence.start, sentence.end))
        if measures or figures:
            passage = {"country": country, "gdp": "gdp" in measures or bool(passage and passage["gdp"]),
                       "year": stated_year or (passage or {}).get("year"),
                       "paragraph": paragraph.start if paragraph else None}
