"""infer_meta(): what the text shows, on hand-made headings and on the seeds' own text."""

from pathlib import Path

import pytest

from kg.ingest.metadata import infer_meta

DOCS = Path(__file__).resolve().parents[1] / "data" / "documents"


@pytest.mark.parametrize("footer,dossier,ident", [
    ("Tweede Kamer, vergaderjaar 2020–2021, 28 676, nr. 346 14", "28676", "kst-28676-346"),
    ("Tweede Kamer, vergaderjaar 2020–2021, 35 570 X, nr. 53 2", "35570-X", "kst-35570-X-53"),
    ("Tweede Kamer, vergaderjaar 2019–2020, 21 501-02, nr. 1888 3", "21501-02", "kst-21501-02-1888"),
])
def test_metadata_footer(footer, dossier, ident):
    meta = infer_meta(f"Tekst van de brief.\n\n{footer}\n")
    assert (meta.dossier, meta.identifier) == (dossier, ident)


def test_metadata_cited_kamerstuk_is_not_the_identifier():
    meta = infer_meta("Zie de Defensievisie (Kamerstuk 34 919, nr. 71).\n")
    assert meta.identifier is None and meta.dossier is None


def test_metadata_heading_without_number():
    meta = infer_meta("\n28676 NAVO\n\nNr. VERSLAG\nVastgesteld, … maart 2021\n\nBinnen de commissie ...")
    assert (meta.dossier, meta.number, meta.doc_type, meta.title, meta.date) == (
        "28676", None, "verslag", "NAVO", "2021-03")
    assert meta.identifier is None


def test_metadata_motie_two_members():
    raw = ("36 124 NAVO-top\n\nNr. 468 MOTIE VAN DE LEDEN BOSWIJK EN TUINMAN\n"
           "Voorgesteld 10 oktober 2024\n\nDe Kamer,\n")
    meta = infer_meta(raw)
    assert meta.doc_type == "motie" and meta.number == "468" and meta.identifier == "kst-36124-468"
    assert meta.submitters == ["Boswijk", "Tuinman"] and meta.date == "2024-10-10"


def test_metadata_motie_single_member_cs_and_particles():
    meta = infer_meta("23 432 Midden-Oosten\n\nNr. 7 MOTIE VAN HET LID VAN DER BURG C.S.\n"
                      "Voorgesteld 2 mei 2025\n")
    assert meta.submitters == ["Van der Burg"]


@pytest.mark.parametrize("raw,date", [
    ("Vastgesteld 12 maart 2021\n", "2021-03-12"),
    ("tekst\nDen Haag, 3 november 2020\n", "2020-11-03"),
])
def test_metadata_dates(raw, date):
    assert infer_meta(raw).date == date


@pytest.mark.parametrize("tail", [
    "De Minister van Defensie,\nA.Th.B. Bijleveld-Schouten\n",
    "DE MINISTER VAN DEFENSIE\n\nDrs. A.Th.B. Bijleveld-Schouten\n",
])
def test_metadata_signing_minister(tail):
    assert infer_meta("Met vriendelijke groet.\n\n" + tail).minister == "A.Th.B. Bijleveld-Schouten"


@pytest.mark.parametrize("opening,doc_type", [
    ("Hierbij ontvangt u de geannoteerde agenda voor de NAVO-top.", "geannoteerde agenda"),
    ("Hierbij ontvangt u het verslag van de bijeenkomst.", "verslag"),
    ("Hierbij informeer ik u over de samenwerking.", "brief"),
    (" Vragen en opmerkingen vanuit de fracties en reactie van de Minister", "verslag schriftelijk overleg"),
    ("Nr. 12 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG\n", "verslag schriftelijk overleg"),
    ("Nr. 3 BRIEF VAN DE MINISTER VAN DEFENSIE\n", "brief"),
])
def test_metadata_doc_type_cues(opening, doc_type):
    assert infer_meta(opening + "\n").doc_type == doc_type


def test_metadata_nothing_shown_stays_empty():
    meta = infer_meta("Een gewone alinea zonder kop.\n")
    assert meta.identifier is meta.doc_type is meta.date is meta.minister is None


def test_metadata_seed_000_footer():
    meta = infer_meta((DOCS / "000_20b737318ba9053a.txt").read_text(encoding="utf-8"))
    assert meta.identifier == "kst-28676-346" and meta.doc_type == "verslag schriftelijk overleg"


def test_metadata_seed_001_heading():
    meta = infer_meta((DOCS / "001_7b9c2d9d17d8cae0.txt").read_text(encoding="utf-8"))
    assert (meta.dossier, meta.number, meta.date) == ("28676", None, "2021-03")
    assert meta.doc_type == "verslag schriftelijk overleg"
