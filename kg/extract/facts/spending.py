"""`spending`: defence spending figures per country and year.

GUIDE: "defence spending figures per country and year (percentage of GDP, or amount with
currency)."

Rule: a sentence speaking of defence spending (`data/cues/spending.csv`), or the sentence
right after one ("Dat komt neer op circa 1,1% van het BBP."). A percentage counts only when
the sentence names GDP; an amount needs a currency. The country is the one the sentence names
— by name or adjective ("het Belgisch defensiebudget") — else the one of the sentence before;
averages ("het gemiddelde van de Europese bondgenoten") and norms ("de 2%-norm") are not a
country's figure and are skipped. The year is the one written nearest the figure, or the
document's year for "dit jaar".
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg.extract.cues import cues
from kg.extract.facts.amounts import CURRENCY, NUMBER, SCALE, nearest_year, parse_number
from kg.extract.facts.passages import Passages
from kg.extract.registry import extractor
from kg.model import Doc, Fact, Segment

PERCENT = re.compile(rf"(?P<n>{NUMBER})\s?%(?!-)")
MONEY = re.compile(rf"(?P<cur>€|\$|£)\s?(?P<n>{NUMBER})\s*(?P<scale>miljard|miljoen)?"
                   rf"|(?P<n2>{NUMBER})\s*(?P<scale2>miljard|miljoen)\s+(?P<cur2>euro|dollar|NOK|pond)", re.IGNORECASE)
NOT_A_FIGURE = re.compile(r"gemiddelde|norm\b|-norm|richtlijn|mediaan", re.IGNORECASE)
THIS_YEAR = re.compile(r"\bdit jaar\b", re.IGNORECASE)


@extractor("spending", requires=("sentences", "paragraphs", "mentions:Country"), assigns=("facts:spending",))
def extract_spending(doc: Doc) -> None:
    passages = Passages.of(doc)
    doc_year = int(doc.document.meta.date[:4]) if doc.document.meta.date else None
    previous_country: dict[int, str] = {}
    for sentence in passages.sentences:
        text = passages.text(sentence)
        measures = _measures_of(passages, sentence)
        before = passages.previous(sentence)
        carried = before is not None and before.start in previous_country
        if not measures and not carried:
            continue
        countries = passages.mentions_between(sentence.start, sentence.end, ("Country",))
        country = countries[0].key if countries else (previous_country.get(before.start) if carried else None)
        if country is None:
            continue
        found = []
        figures = [(m.start(), m.end(), "gdp", m) for m in PERCENT.finditer(text) if "gdp" in measures]
        figures += [(m.start(), m.end(), "money", m) for m in MONEY.finditer(text)]
        last_end = 0
        for start, end, kind, m in sorted(figures, key=lambda f: f[0]):
            window, last_end = text[last_end:start], end
            if NOT_A_FIGURE.search(window):
                continue  # an average or a norm stands between the country and this figure
            if kind == "gdp":
                values = {"percent_gdp": parse_number(m["n"])}
            else:
                scale = (m["scale"] or m["scale2"] or "").lower()
                amount = (parse_number(m["n"] or m["n2"]) or Decimal(0)) * SCALE.get(scale, Decimal(1))
                values = {"amount": amount, "currency": CURRENCY[(m["cur"] or m["cur2"]).lower()]}
            found.append(values | _year(text, start, doc_year))
        for values in found:
            doc.facts.append(Fact("spending", {"country": country}, values, sentence.start, sentence.end))
        if found or measures:
            previous_country[sentence.start] = country


def _measures_of(passages: Passages, sentence: Segment) -> set[str]:
    text = passages.text(sentence)
    return {cue.fields["measure"] for cue in cues("spending", ("measure",)) if cue.pattern.search(text)}


def _year(text: str, at: int, doc_year: int | None) -> dict[str, int]:
    year = nearest_year(text, at)
    if year is None and doc_year and THIS_YEAR.search(text):
        year = doc_year
    return {"year": year} if year else {}
