"""`data/links/wikidata.csv`: accepted Wikidata items, and the build step that applies them.

`kg link --wikidata` writes the file (online, once); every build reads it (offline, always):
the `wikidata_links` component runs last and gives an entity whose key the file lists the item
of that row, unless a source read earlier (the shared country, party and person tables, the
gazetteer) already named one — those win. A row with an empty `wikidata` records that no item
was accepted, so `kg link` does not ask again; a curator may add, correct or delete rows.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.datafiles import DATA_DIR, QID, raise_if, read_csv
from kg.extract.registry import extractor
from kg.model import ENTITY_TYPES, Doc

LINKS_CSV = DATA_DIR / "links" / "wikidata.csv"
TYPES_CSV = DATA_DIR / "links" / "wikidata-types.csv"
COLUMNS = ("key", "wikidata", "label", "score", "date", "source")
NAME = "wikidata_links"


@dataclass(frozen=True)
class Link:
    """One row: the entity, its item (None: none accepted), and how the item was chosen."""

    key: str
    wikidata: str | None
    label: str
    score: float | None
    date: str
    source: str


def load_links(path: Path = LINKS_CSV) -> dict[str, Link]:
    """Rows by entity key; a missing file is an empty table; every bad row reported at once."""
    if not path.is_file():
        return {}
    problems: list[str] = []
    links: dict[str, Link] = {}
    for n, row in read_csv(path, COLUMNS, problems):
        bad = []
        kind = row["key"].split("/", 1)[0]
        if "/" not in row["key"] or kind not in ENTITY_TYPES:
            bad.append(f"key: {row['key']!r} is not <type>/<name> with a type of {', '.join(ENTITY_TYPES)}")
        elif row["key"] in links:
            bad.append(f"key: {row['key']!r} listed twice")
        if row["wikidata"] and not QID.match(row["wikidata"]):
            bad.append(f"wikidata: {row['wikidata']!r} is not a Q-number (or empty for no item)")
        score = None
        if row["score"]:
            try:
                score = float(row["score"])
            except ValueError:
                score = -1.0
            if not 0.0 <= score <= 1.0:
                bad.append(f"score: {row['score']!r} is not a number from 0 to 1")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]):
            bad.append(f"date: {row['date']!r} is not YYYY-MM-DD")
        if not row["source"]:
            bad.append("source: empty (say where the item comes from: wikidata-api, curator)")
        problems.extend(f"line {n}: {b}" for b in bad)
        if not bad:
            links[row["key"]] = Link(row["key"], row["wikidata"] or None, row["label"], score, row["date"], row["source"])
    raise_if(path, problems)
    return links


def write_links(path: Path, links: dict[str, Link]) -> None:
    """Rewrite the file with `links` sorted by key, keeping its opening comment lines; written
    to a temporary file and renamed, so a crash never leaves half a table."""
    header = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("#")] \
        if path.is_file() else []
    out = io.StringIO()
    out.write("".join(f"{ln}\n" for ln in header) or "# Wikidata items accepted by `kg link --wikidata`.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for link in sorted(links.values(), key=lambda lk: lk.key):
        writer.writerow([link.key, link.wikidata or "", link.label,
                         "" if link.score is None else f"{link.score:.2f}", link.date, link.source])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(out.getvalue(), encoding="utf-8")
    os.replace(tmp, path)


def load_types(path: Path = TYPES_CSV) -> dict[str, dict[str, str]]:
    """kg entity type → {class QID: label} a candidate's P31 must hit."""
    problems: list[str] = []
    table: dict[str, dict[str, str]] = {}
    for n, row in read_csv(path, ("entity_type", "qid", "label"), problems):
        if row["entity_type"] not in ENTITY_TYPES:
            problems.append(f"line {n}: entity_type: {row['entity_type']!r} is not one of {', '.join(ENTITY_TYPES)}")
        elif not QID.match(row["qid"]):
            problems.append(f"line {n}: qid: {row['qid']!r} is not a Q-number")
        else:
            table.setdefault(row["entity_type"], {})[row["qid"]] = row["label"]
    raise_if(path, problems)
    return table


@lru_cache(maxsize=4)
def accepted_links(path: Path = LINKS_CSV) -> dict[str, str]:
    """Entity key → accepted item, for the rows that have one."""
    return {k: link.wikidata for k, link in load_links(path).items() if link.wikidata}


@extractor(NAME, requires=("text",), assigns=("links:wikidata",))
def apply_links(doc: Doc) -> None:
    """Give each listed entity its accepted item; an item from an earlier source wins."""
    accepted = accepted_links(LINKS_CSV)
    for key, entity in doc.entities.items():
        if key in accepted:
            entity.ids.setdefault("wikidata", accepted[key])
