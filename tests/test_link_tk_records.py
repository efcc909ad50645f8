"""tk_records: Tweede Kamer OData records become parties, persons, motions and votes with the
Kamer's ids, and the graph of such a document conforms to the shapes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kg import api
from kg.link.tk_records import actor_name
from kg.pipeline import process
from kg.resources import resource_dir

ODATA = Path(__file__).resolve().parents[2] / "shared" / "samples" / "tk-odata-json"
VOTES = ODATA / "Stemming_expand-Besluit-Agendapunt-Zaak-Fractie-Persoon.raw.json"
ZAAK = ODATA / "Zaak_expand-Document-Versie-Publicatie_kst-21501-02-3121.json"


def _persons_by_tk_id() -> dict[str, dict[str, str]]:
    path = resource_dir("data") / "persons-wikidata.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {row["tk_id"]: row for row in csv.DictReader(lines) if row["tk_id"]}


def test_link_tk_records_votes_name_party_motion_choice_and_seats():
    doc = process(VOTES)
    stemmingen = json.loads(VOTES.read_text(encoding="utf-8"))["value"]
    votes = [f for f in doc.facts if f.kind == "votes"]
    assert len(votes) == len(stemmingen)
    for stemming in stemmingen:
        zaak = stemming["Besluit"]["Agendapunt"]["Zaak"][0]
        (vote,) = [v for v in votes if doc.entities[v.roles["party"]].ids["tk_fractie"] == stemming["Fractie_Id"]]
        assert vote.roles["motion"] == f"Motion/{zaak['Nummer']}"
        assert vote.values["choice"] == stemming["Soort"] and vote.values["seats"] == stemming["FractieGrootte"]
        assert vote.values["decision"] == stemming["Besluit"]["BesluitSoort"]
        assert doc.text[vote.start:vote.end] == " ".join(zaak["Onderwerp"].split())
        assert doc.entities[vote.roles["motion"]].ids == {"tk_zaak": zaak["Nummer"]}


def test_link_tk_records_parties_join_the_alias_table_and_keep_its_wikidata():
    doc = process(ODATA / "Fractie_value-array.json")
    fracties = json.loads((ODATA / "Fractie_value-array.json").read_text(encoding="utf-8"))
    assert sorted(e.ids["tk_fractie"] for e in doc.entities.values()) == sorted(f["Id"] for f in fracties)
    assert doc.entities["Party/sp"].ids["wikidata"] == "Q849580"  # from data/parties_aliases.csv → parties-wikidata
    assert doc.entities["Party/nsc"].label == "NSC"  # "Nieuw Sociaal Contract" is an alias of NSC


def test_link_tk_records_persons_take_their_ids_from_the_persons_table_by_kamer_id():
    doc = process(ODATA / "Stemming_page_nextLink.raw.json")
    table = _persons_by_tk_id()
    persons = [e for e in doc.entities.values() if e.type == "Person"]
    assert persons
    for person in persons:
        row = table.get(person.ids["tk_person"])
        if row is None:  # not in the table: the Kamer's id only, never an item found by name
            assert set(person.ids) == {"tk_person"}
        else:
            assert person.ids.get("wikidata") == (row["wikidata"] or None)
            assert person.ids.get("parlement_com") == (row["parlement_com_id"] or None)


@pytest.mark.parametrize("written, expected", [("Esch van, E.M. (Eva)", "Eva van Esch"),
                                               ("Hil van den, J.", "J. van den Hil"),
                                               ("Ceder", "Ceder")])
def test_link_tk_records_actor_names_read_as_in_text(written, expected):
    assert actor_name(written) == expected


def test_link_tk_records_a_zaak_record_is_the_kamerstuk_with_its_zaak_and_document_numbers(tmp_path):
    doc = process(ZAAK)
    assert doc.entities["Motion/2025Z07185"].ids == {"tk_zaak": "2025Z07185"}
    assert doc.entities["Kamerstuk/21501-02-3121"].ids == {"tk_document": "2025D16323"}
    (published,) = [f for f in doc.facts if f.kind == "motions" and f.roles.get("motion") == "Motion/2025Z07185"]
    assert published.roles["kamerstuk"] == "Kamerstuk/21501-02-3121"
    store = tmp_path / "store"
    api.build([ZAAK, VOTES], store)
    rows = api.query("links", {"type": "Kamerstuk"}, store).rows
    (own,) = [r for r in rows if r["entity"].endswith("/kamerstuk/21501-02-3121")]
    assert own["tkDocumentNumber"] == "2025D16323"
    assert own["url"] == "https://zoek.officielebekendmakingen.nl/kst-21501-02-3121"
    motions = {r["entity"].rsplit("/", 1)[1]: r["zaakNumber"] for r in api.query("links", {"type": "Motion"}, store).rows}
    assert motions == {"2025Z07185": "2025Z07185", "2025Z17647": "2025Z17647"}
    report = api.validate(store)
    assert report.conforms, report.violations


def test_link_tk_records_party_names_in_another_case_join_the_same_party(tmp_path):
    """The vote pages write "FVD", the Fractie records and the alias table "FvD": one party,
    one label, so the union of the two graphs still conforms."""
    store = tmp_path / "store"
    api.build([ODATA / "Stemming_page_nextLink.raw.json", ODATA / "Fractie_value-array.json"], store)
    labels = {r["label"] for r in api.query("links", {"type": "Party"}, store).rows
              if r["entity"].endswith("/party/fvd")}
    assert labels == {"FvD"}
    report = api.validate(store)
    assert report.conforms, report.violations
