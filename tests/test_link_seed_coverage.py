"""Every country, party and person of the seed graph carries the identifiers the shared tables
give it, and none they do not (an ambiguous surname stays unlinked); `links` lists them."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from kg import api
from kg.resources import resource_dir

WD = "http://www.wikidata.org/entity/"


def table(name: str) -> list[dict[str, str]]:
    path: Path = resource_dir("data") / name
    return list(csv.DictReader(ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")))


def links(store, kind: str) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for row in api.query("links", {"type": kind}, store).rows:
        found.setdefault(row["entity"], row)
    return found


def entities(store, kind: str) -> dict[str, str]:
    return {r["entity"]: r["label"] for r in api.query("entities", {"type": kind}, store).rows}


def test_link_every_country_has_its_iso_code_and_wikidata_item(seed_store):
    items = {}
    for row in table("countries-wikidata.csv"):
        items.setdefault(row["iso_alpha2"], row["wikidata"])  # the first row is the country itself
    countries, linked = entities(seed_store, "Country"), links(seed_store, "Country")
    assert countries and set(countries) == set(linked)
    for iri, row in linked.items():
        assert row["iso"] == iri.rsplit("/", 1)[1] and row["wikidata"] == WD + items[row["iso"]], row


def test_link_every_party_has_the_item_its_row_gives(seed_store):
    qid = {r["name_short"]: r["wikidata"] for r in table("parties-wikidata.csv")}
    expected = {r["party"]: qid.get(r["parties_row"]) for r in table("parties_aliases.csv")}
    parties, linked = entities(seed_store, "Party"), links(seed_store, "Party")
    assert parties
    for iri, label in parties.items():
        item = expected.get(label)
        assert (linked[iri]["wikidata"] if iri in linked else None) == (WD + item if item else None), label


def test_link_persons_carry_the_ids_of_their_one_row_and_ambiguous_names_stay_open(seed_store):
    rows_by_name = defaultdict(list)
    for row in table("persons-wikidata.csv"):
        full = " ".join(p for p in (row["forename"], row["surname_prefix"], row["surname"]) if p)
        rows_by_name[full.lower()].append(row)
        rows_by_name[" ".join(p for p in (row["surname_prefix"], row["surname"]) if p).lower()].append(row)
    persons, linked = entities(seed_store, "Person"), links(seed_store, "Person")
    assert linked, "the seed documents name persons of the shared table"
    for iri, label in persons.items():
        candidates = rows_by_name.get(label.lower(), [])
        if iri in linked:  # its ids are exactly those of the one row its name gives
            (row,) = [r for r in candidates if WD + r["wikidata"] == linked[iri]["wikidata"]]
            assert (linked[iri]["tkPersonId"], linked[iri]["parlementCom"]) == (row["tk_id"], row["parlement_com_id"])
        # unlinked: a surname two rows share ("Koopmans") is left open, never guessed; a single
        # row is no proof either ("generaal Middendorp" is not the MP Jan Middendorp)
        assert len(candidates) < 2 or iri not in linked, label


def test_link_every_cited_kamerstuk_of_dossier_form_has_its_official_address(seed_store):
    rows = api.query("citations", {}, seed_store).rows
    cited = {r["cited"] for r in rows}
    addressed = {r["entity"].rsplit("/", 1)[1]: r["url"] for r in links(seed_store, "Kamerstuk").values()}
    for ref in cited:
        if "Z" in ref or "D" in ref.replace("-", ""):
            assert ref not in addressed  # a zaak or document number has no KOOP address
        else:
            assert addressed[ref] == f"https://zoek.officielebekendmakingen.nl/kst-{ref}"
