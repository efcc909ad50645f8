"""Tweede Kamer OData JSON: every sample shape, metadata of one Kamerstuk, the same Kamerstuk
read from XML, PDF and OData."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.ingest import read
from kg.ingest.odata import load_records

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
ODATA = SAMPLES / "tk-odata-json"

#: file → (record types as counted by hand in the file, deleted/withheld records)
RECORDS = {
    "Activiteit.top3.wrapped.json": ({"Activiteit": 3}, 0),
    "Besluit.top3.wrapped.json": ({"Besluit": 3}, 0),
    "Document.top3.wrapped.json": ({"Document": 2}, 1),
    "Fractie.top3.wrapped.json": ({"Fractie": 1}, 2),
    "Fractie_value-array.json": ({"Fractie": 11}, 0),
    "Persoon.top3.wrapped.json": ({"Persoon": 1}, 2),
    "Stemming.top3.wrapped.json": ({"Stemming": 2}, 1),
    "Stemming_expand-Besluit-Agendapunt-Zaak-Fractie-Persoon.raw.json": ({"Stemming": 3}, 0),
    "Stemming_value-array_tombstones.json": ({}, 88),
    "Zaak_expand-Document-Versie-Publicatie_kst-21501-02-3121.json": ({"Zaak": 1}, 0),
    "Zaak_expand-Document-Versie-Publicatie_kst-36455-11.json": ({"Zaak": 1}, 0),
}


def _count(name: str) -> int:
    """Records in the file as its JSON says (envelope unwrapped by hand, not by kg)."""
    payload = json.loads((ODATA / name).read_text(encoding="utf-8"))
    payload = payload.get("data", payload) if isinstance(payload, dict) else payload
    return len(payload["value"]) if isinstance(payload, dict) and "value" in payload else \
        len(payload) if isinstance(payload, list) else 1


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_ingest_odata_records_are_typed_and_tombstones_skipped(name):
    records, skipped = load_records(ODATA / name)
    types, deleted = RECORDS[name]
    assert Counter(r.type for r in records) == Counter(types)
    assert skipped == deleted and len(records) + skipped == _count(name)


def test_ingest_odata_page_with_next_link():
    records, skipped = load_records(ODATA / "Stemming_page_nextLink.raw.json")
    assert {r.type for r in records} == {"Stemming"} and len(records) + skipped == 250


def test_ingest_odata_nested_records_are_typed_by_navigation():
    (zaak,) = load_records(ODATA / "Zaak_expand-Document-Versie-Publicatie_kst-21501-02-3121.json")[0]
    (document,) = zaak.related("Document")
    (version,) = document.related("HuidigeDocumentVersie")
    assert (document.type, version.type) == ("Document", "DocumentVersie")
    assert {p.get("DocumentType") for p in version.related("DocumentPublicatie")} == {"Pdf", "Xml", "Odt", "Html"}
    assert [p.type for p in version.related("DocumentPublicatieMetadata")] == ["DocumentPublicatie"] * 2


@pytest.mark.parametrize("name", ["service-document.wrapped.json"])
def test_ingest_odata_a_service_document_is_no_records(name):
    with pytest.raises(KgError) as err:
        read(ODATA / name)
    assert err.value.kind == "input" and "no Tweede Kamer records" in err.value.message


def test_ingest_odata_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"value": [', encoding="utf-8")
    with pytest.raises(KgError) as err:
        read(path)
    assert err.value.kind == "input" and "not JSON" in err.value.message


def test_ingest_odata_a_page_of_many_documents_is_no_single_kamerstuk():
    doc = read(ODATA / "Document.top3.wrapped.json")
    assert doc.meta.identifier is None and doc.format == "tk-odata"
    assert "Gesprekken 100 procent-controle Suriname" in doc.raw
    assert doc.warnings == ["1 deleted or withheld record(s) skipped"]


def _surnames(names: list[str]) -> list[str]:
    """"D.G.M. Ceder" / "Ceder" → "ceder"; "S.R.T. van Baarle" → "van baarle"."""
    return sorted(re.sub(r"^(?:[A-Z][a-z]{0,2}\.\s?)+", "", n).strip().lower() for n in names)


#: One Kamerstuk, three formats; the title is the document's own where the format carries one
#: (KOOP documenttitel, OData Onderwerp), else the dossier title the heading prints.
TRIPLES = {
    "kst-21501-02-3121": [SAMPLES / "kop-xml" / "kst-21501-02-3121.xml", SAMPLES / "pdf" / "kst-21501-02-3121.pdf",
                          ODATA / "Zaak_expand-Document-Versie-Publicatie_kst-21501-02-3121.json"],
    "kst-36455-11": [SAMPLES / "kop-xml" / "kst-36455-11.xml",
                     ODATA / "Zaak_expand-Document-Versie-Publicatie_kst-36455-11.json"],
}


@pytest.mark.parametrize("identifier", sorted(TRIPLES))
def test_ingest_same_kamerstuk_from_xml_pdf_and_odata_has_the_same_metadata(identifier):
    metas = [read(path).meta for path in TRIPLES[identifier]]
    for meta in metas:
        assert meta.identifier == identifier
    keys = {(m.identifier, m.dossier, m.number, m.doc_type, m.date, tuple(_surnames(m.submitters))) for m in metas}
    assert len(keys) == 1, keys
    by_kind = dict(zip([p.suffix for p in TRIPLES[identifier]], metas))
    if identifier == "kst-36455-11":  # KOOP documenttitel == OData Onderwerp
        assert by_kind[".xml"].title == by_kind[".json"].title
    else:  # XML pointing to an external record, and PDF: the dossier title of the heading
        assert by_kind[".xml"].title == by_kind[".pdf"].title == "Raad Algemene Zaken en Raad Buitenlandse Zaken"
        assert by_kind[".json"].title.startswith("Motie van het lid Ceder over Israël")
