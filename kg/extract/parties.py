"""Parliamentary party groups (fracties).

GUIDE.md: a Party is "a parliamentary party group (fractie)" — "de leden van de
GroenLinks-fractie", "de VVD-fractie", "de fractie van de SP", "(PVV)". The names come from
`data/parties_aliases.csv` (alias → canonical party); the Wikidata item only from the row of
`data/parties-wikidata.csv` the alias file points to. The key is `Party/<slug of the
canonical name>` ("Party/groenlinks"), whatever form the text uses ("GL", "GroenLinks-fractie").

Names that are also ordinary words or other acronyms ("Volt", "NSC", "CU", "GL") count only in a
fractie context: followed by "-fractie"/"fractie"/"-Kamerlid", after "fractie(s) van (de|het)",
or alone in brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.datafiles import DATA_DIR, QID, raise_if, read_csv
from kg.extract.anchored import Anchored
from kg.extract.mentions import Claims
from kg.extract.registry import extractor
from kg.model import Doc, Entity, Mention
from kg.namespaces import slug

NAME = "parties"
_AFTER = re.compile(r"[-\s]?(?:fractie|Kamerlid|Kamerleden)\b|\s*\)")
_BEFORE = re.compile(r"(?:\bfracties?\s+van\s+(?:de\s+|het\s+)?|\(\s*)$")


@dataclass(frozen=True)
class Party:
    name: str
    full_name: str
    wikidata: str | None

    @property
    def key(self) -> str:
        return f"Party/{slug(self.name)}"

    def entity(self) -> Entity:
        ids = {"wikidata": self.wikidata} if self.wikidata else {}
        # a Dutch party is known by its short name in every language; the full name is an alias
        alt = {self.full_name} if self.full_name != self.name else set()
        return Entity(self.key, "Party", self.name, {"nl": self.name}, ids, alt)


@dataclass(frozen=True)
class PartyTable:
    pattern: Anchored  # the alternation of all aliases, tried where an alias can begin
    by_alias: dict[str, tuple[Party, bool]]  # alias → (party, safe anywhere)


def load_wikidata(path: Path) -> dict[str, tuple[str, str]]:
    """name_short → (full name, Wikidata item)."""
    problems: list[str] = []
    table = {}
    for number, row in read_csv(path, ("name_short", "name", "wikidata"), problems):
        if not row["name_short"]:
            problems.append(f"line {number}: name_short: empty")
        elif not QID.match(row["wikidata"]):
            problems.append(f"line {number}: wikidata: {row['wikidata']!r} is not a Q-number")
        else:
            table[row["name_short"]] = (row["name"], row["wikidata"])
    raise_if(path, problems)
    return table


def load_aliases(path: Path, wikidata: dict[str, tuple[str, str]]) -> dict[str, tuple[Party, bool]]:
    """alias → (party, anywhere), every bad row reported at once."""
    problems: list[str] = []
    table: dict[str, tuple[Party, bool]] = {}
    for number, row in read_csv(path, ("alias", "party", "parties_row", "anywhere"), problems):
        alias, name, ref, anywhere = row["alias"], row["party"], row["parties_row"], row["anywhere"]
        bad = []
        if not alias:
            bad.append("alias: empty")
        elif alias in table:
            bad.append(f"alias: {alias!r} listed twice")
        if not name:
            bad.append("party: empty")
        if ref and ref not in wikidata:
            bad.append(f"parties_row: {ref!r} is no name_short in parties-wikidata.csv")
        if anywhere not in ("yes", "no"):
            bad.append(f"anywhere: {anywhere!r} is not yes or no")
        problems.extend(f"line {number}: {b}" for b in bad)
        if not bad:
            full, qid = wikidata.get(ref, (name, None))
            table[alias] = (Party(name, full, qid), anywhere == "yes")
    raise_if(path, problems)
    return table


@lru_cache(maxsize=4)
def parties(directory: Path = DATA_DIR) -> PartyTable:
    """One compiled alternation over all aliases, longest first so "GL-PvdA" beats "GL", tried
    only where an alias can begin (`Anchored`: it opens with a lookbehind, which `re` would try
    at every position of the text)."""
    by_alias = load_aliases(directory / "parties_aliases.csv", load_wikidata(directory / "parties-wikidata.csv"))
    alternation = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(by_alias, key=len, reverse=True))
    return PartyTable(Anchored(re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)"), shared=True), by_alias)


def _in_fractie_context(text: str, start: int, end: int) -> bool:
    return bool(_AFTER.match(text, end) or _BEFORE.search(text[max(0, start - 30):start]))


@extractor(NAME, requires=("text",), assigns=("mentions:Party",))
def extract(doc: Doc) -> None:
    table = parties()
    claims = Claims(doc)
    for match in table.pattern.finditer(doc.text):
        alias = " ".join(match.group().split())
        party, anywhere = table.by_alias[alias]
        if not anywhere and not _in_fractie_context(doc.text, match.start(), match.end()):
            continue
        claims.add(Mention(match.start(), match.end(), match.group(), "Party", party.key, NAME), party.entity())
