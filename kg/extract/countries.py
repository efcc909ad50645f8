"""Countries, named by name, adjective, people or short form.

GUIDE.md: a Country is "a sovereign state, also when named by adjective or people
('Amerikaanse enablers', 'de Duitse regering', 'de Russen')". The states are the rows of
`data/countries-wikidata.csv` (Wikidata items that are countries, with ISO 3166-1 alpha-2);
their standard Dutch and English names come from pycountry's ISO 3166 catalogues, and
`data/countries_nl.csv` adds what pycountry lacks: adjectives with their inflections
("Amerikaans", "Amerikaanse"), demonyms ("Amerikanen"), short forms ("VS") and aliases
("Verenigde Staten van Amerika"); kind `blocked` withdraws a standard name that is also a
common word or name ("Georgia", "Jordan"); kind `territory` withdraws a whole row of the
Wikidata table that is no sovereign state ("Martinique", "Greenland"), whose names are places. A form that would name two states is dropped, so
an ambiguous "Korea" or "Congo" is no mention at all.

An adjective's uninflected form ("Frans", "Duits") is a country only in a compound or before
"geleid" ("een Duits-Frans programma", "de Frans geleide missie"), where it cannot be a first
name or a language.

Matching is case-sensitive: Dutch writes country names and adjectives with a capital, and
"Frans" or "Turks" in lower case are other words. The key is `Country/<alpha-2>`.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from kg.datafiles import DATA_DIR, QID, raise_if, read_csv
from kg.extract.matcher import PhraseMatcher
from kg.extract.mentions import Claims
from kg.extract.registry import extractor
from kg.model import Doc, Entity, Mention

NAME = "countries"
KINDS = ("adjective", "demonym", "short", "alias", "blocked", "territory")


@dataclass(frozen=True)
class Country:
    iso: str
    label_en: str
    label_nl: str
    wikidata: str | None

    def entity(self) -> Entity:
        ids = {"iso3166": self.iso}
        if self.wikidata:
            ids["wikidata"] = self.wikidata
        labels = {"en": self.label_en}
        if self.label_nl:
            labels["nl"] = self.label_nl
        return Entity(f"Country/{self.iso}", "Country", self.label_en, labels, ids)


def load_wikidata(path: Path) -> dict[str, tuple[str, str]]:
    """alpha-2 → (Wikidata item, English label). The first row of a code is the country itself;
    a later row for the same code is another item (NL: Q29999, the Kingdom) and is skipped."""
    problems: list[str] = []
    table: dict[str, tuple[str, str]] = {}
    for number, row in read_csv(path, ("iso_alpha2", "wikidata", "label_en"), problems):
        iso, qid, label = row["iso_alpha2"], row["wikidata"], row["label_en"]
        if not re.fullmatch(r"[A-Z]{2}", iso):
            problems.append(f"line {number}: iso_alpha2: {iso!r} is not a two-letter code")
        elif not QID.match(qid):
            problems.append(f"line {number}: wikidata: {qid!r} is not a Q-number")
        elif not label:
            problems.append(f"line {number}: label_en: empty")
        else:
            table.setdefault(iso, (qid, label))
    raise_if(path, problems)
    return table


def load_forms(path: Path, known: set[str]) -> list[tuple[str, str, str]]:
    """(iso, form, kind) rows of the Dutch forms file; every bad row is reported at once."""
    problems: list[str] = []
    rows = []
    for number, row in read_csv(path, ("iso", "form", "kind"), problems):
        iso, form, kind = row["iso"], row["form"], row["kind"]
        bad = []
        if iso not in known:
            bad.append(f"iso: {iso!r} is not a known ISO 3166-1 alpha-2 code")
        if not form:
            bad.append("form: empty")
        if kind not in KINDS:
            bad.append(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
        problems.extend(f"line {number}: {b}" for b in bad)
        if not bad:
            rows.append((iso, form, kind))
    raise_if(path, problems)
    return rows


def _standard_names(iso: str, dutch: gettext.NullTranslations) -> tuple[list[str], str]:
    """pycountry's English names and their Dutch translations; inverted catalogue forms
    ("Korea, Republic of") and glosses in brackets are no running-text forms."""
    record = pycountry.countries.get(alpha_2=iso)
    if record is None:
        return [], ""
    english = [n for n in (record.name, getattr(record, "common_name", None), getattr(record, "official_name", None)) if n]
    names = english + [dutch.gettext(n) for n in english]
    return [n for n in names if "," not in n and "(" not in n], dutch.gettext(record.name)


@dataclass(frozen=True)
class Gazetteer:
    matcher: PhraseMatcher[str]
    countries: dict[str, Country]
    size: int
    stems: PhraseMatcher[str]  # uninflected adjectives ("Frans", "Duits"), only in compounds


@lru_cache(maxsize=4)
def gazetteer(directory: Path = DATA_DIR) -> Gazetteer:
    """All country forms in one automaton, built once per process."""
    wikidata = load_wikidata(directory / "countries-wikidata.csv")
    known = set(wikidata) | {c.alpha_2 for c in pycountry.countries}
    curated = load_forms(directory / "countries_nl.csv", known)
    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])

    territories = {iso for iso, _, kind in curated if kind == "territory"}
    countries: dict[str, Country] = {}
    standard: dict[str, set[str]] = {}
    for iso, (qid, label) in wikidata.items():
        if iso in territories:
            continue
        names, label_nl = _standard_names(iso, dutch)
        countries[iso] = Country(iso, label, label_nl, qid)
        for name in names + [label]:
            standard.setdefault(name, set()).add(iso)
    blocked = {form for _, form, kind in curated if kind == "blocked"}
    chosen = {form: isos.pop() for form, isos in standard.items() if len(isos) == 1 and form not in blocked}
    for iso, form, kind in curated:
        if kind not in ("blocked", "territory"):
            chosen[form] = iso  # the curated file wins over a standard name
            if iso not in countries:
                countries[iso] = Country(iso, form, form, None)
    stems = {form[:-1]: iso for iso, form, kind in curated
             if kind == "adjective" and form.endswith("e") and form[:-1] not in chosen}
    return Gazetteer(PhraseMatcher(chosen.items(), case_sensitive=True, shared=True), countries, len(chosen),
                     PhraseMatcher(stems.items(), case_sensitive=True, shared=True))


#: where an uninflected adjective names a country: in a compound ("Duits-Frans programma",
#: "Nederlands-Duitse samenwerking") or before "geleid" ("de Frans geleide missie")
STEM_CONTEXT = re.compile(r"-[A-Za-z]|\s+geleid")


def _stem_in_context(text: str, start: int, end: int) -> bool:
    return bool(STEM_CONTEXT.match(text, end)) or (start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha())


@extractor(NAME, requires=("text",), assigns=("mentions:Country",))
def extract(doc: Doc) -> None:
    """Mark country forms not inside a span an earlier extractor claimed (an organisation or
    party whose name contains "Nederlandse" keeps it)."""
    gaz = gazetteer()
    claims = Claims(doc)
    stems = [c for c in gaz.stems.find(doc.text) if _stem_in_context(doc.text, c.start, c.end)]
    made: dict[str, Entity] = {}  # one entity per country and document, however often it is named
    for cand in gaz.matcher.find(doc.text) + stems:
        country = gaz.countries[cand.payload]
        mention = Mention(cand.start, cand.end, doc.text[cand.start:cand.end], "Country", f"Country/{country.iso}", NAME)
        entity = made.get(country.iso) or made.setdefault(country.iso, country.entity())
        claims.add(mention, entity)
