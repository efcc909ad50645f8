"""KOOP XML (officielebekendmakingen.nl kst-*.xml): metadata, layout, footnotes, safety."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.ingest import read, readable_suffixes
from kg.normalise import normalise

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
KOP = SAMPLES / "kop-xml"

#: file → (identifier, dossier, number, date, title, submitters), read off each file by hand.
EXPECTED = {
    "kst-21501-02-3121.xml": ("kst-21501-02-3121", "21501-02", "3121", "2025-04-10",
                              "Raad Algemene Zaken en Raad Buitenlandse Zaken", ["Ceder"]),
    "kst-21501-20-2084.xml": ("kst-21501-20-2084", "21501-20", "2084", "2024-04-17", "Europese Raad", ["Ceder"]),
    "kst-21501-20-2283.xml": ("kst-21501-20-2283", "21501-20", "2283", "2025-09-30",
                              "Motie van het lid Van Baarle over de Palestijnse Staat per direct erkennen",
                              ["S.R.T. van Baarle"]),
    "kst-23432-607.xml": ("kst-23432-607", "23432", "607", "2025-08-22", None, ["E. van der Burg", "D.G.M. Ceder"]),
    "kst-24515-782.xml": ("kst-24515-782", "24515", "782", "2025-02-06",
                          "Preventie en bestrijding van stille armoede en sociale uitsluiting", ["Ceder"]),
    "kst-34104-439.xml": ("kst-34104-439", "34104", "439", "2025-04-24",
                          "Motie van het lid Rikkers-Oosterkamp over afspraken over een regionaal budget",
                          ["M.G.F. Rikkers-Oosterkamp"]),
    "kst-36455-11.xml": ("kst-36455-11", "36455", "11", "2025-09-25",
                         "Motie van de leden Kathmann en White over gelijke privacybescherming in het hele Koninkrijk",
                         ["B.C. Kathmann", "R.J. White"]),
    "kst-36725-XXIII-8.xml": ("kst-36725-XXIII-8", "36725-XXIII", "8", "2025-07-02",
                              "Motie van het lid Kröger over het aandeel van de industrie in de energietransitie "
                              "niet afwentelen op burgers en mkb", ["S.C. Kröger"]),
}


def test_ingest_xml_every_sample_is_expected():
    assert sorted(p.name for p in KOP.glob("*.xml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ingest_xml_sample_metadata(name):
    doc = read(KOP / name)
    identifier, dossier, number, date, title, submitters = EXPECTED[name]
    meta = doc.meta
    assert (meta.identifier, meta.dossier, meta.number, meta.date) == (identifier, dossier, number, date)
    assert meta.doc_type == "motie"
    assert meta.submitters == submitters
    if title is not None:
        assert meta.title == title
    else:  # the long "Nader gewijzigde motie ..." documenttitel
        assert meta.title.startswith("Nader gewijzigde motie van de leden Van der Burg en Ceder")
    assert doc.format == "koop-xml" and doc.warnings == []


def test_ingest_xml_embedded_metadata_wins_over_the_body():
    """kst-36455-11 has a rijkswet number in its dossier line: not part of the dossier."""
    doc = read(KOP / "kst-36455-11.xml")
    assert "36 455 (R2188)" in doc.raw and doc.meta.dossier == "36455"


def test_ingest_xml_extern_variant_reads_the_identifier_from_the_record_pointer_without_fetching_it():
    text = (KOP / "kst-24515-782.xml").read_text(encoding="utf-8")
    assert "externMetadataRecord" in text and "DC.identifier" not in text
    assert read(KOP / "kst-24515-782.xml").meta.identifier == "kst-24515-782"


def test_ingest_xml_layout_is_paragraphs_lists_and_the_printed_heading():
    raw = read(KOP / "kst-36455-11.xml").raw
    lines = raw.split("\n\n")
    assert lines[0] == "Tweede Kamer der Staten-Generaal\nVergaderjaar 2025-2026"
    assert "Nr. 11 MOTIE VAN DE LEDEN KATHMANN EN WHITE" in lines
    assert "Voorgesteld 25 september 2025" in lines
    assert "– dit plan in gelijkwaardig overleg met vertegenwoordigers van de eilanden van het Koninkrijk en de " \
           "autonome landen op te stellen;" in lines
    assert lines[-2:] == ["Kathmann", "White\n"]
    assert raw.count("Nr. 11") == 1  # the heading is laid out once


def test_ingest_xml_inline_markup_is_plain_text():
    assert "minder CO2 gereduceerd" in read(KOP / "kst-36725-XXIII-8.xml").raw
    assert "Iraanse organisatie Coalition Council of Islamic Revolution Forces, SHANA" in \
        read(KOP / "kst-21501-20-2084.xml").raw


KOOP_WITH_NOTES = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  <metadata><meta name="DC.identifier" scheme="OVERHEIDop.ParlID" content="kst-28676-999"/>
    <meta name="DC.type" scheme="OVERHEIDop.KamerstukTypen" content="Brief"/></metadata>
  <kamerstuk>
    <dossier><dossiernummer><dossiernr>28 676</dossiernr></dossiernummer><titel>NAVO</titel></dossier>
    <stuk><stuknr>Nr. <ondernummer>999</ondernummer></stuknr><titel>BRIEF VAN DE MINISTER VAN DEFENSIE</titel>
      <algemeen>
        <al>De NAVO-top vond plaats in Vilnius<noot id="n1" type="voet"><noot.nr>1</noot.nr><noot.al>Kamerstuk 28 676, nr. 440</noot.al></noot> en de ministers spraken over de uitgaven<noot id="n2" type="voet"><noot.nr>2</noot.nr><noot.al>Zie bijlage.</noot.al></noot>.</al>
        <al>Opnieuw de uitgaven<nootref refid="n2"/>.</al>
        <table><tgroup><tbody><row><entry>Land</entry><entry>Uitgaven</entry></row></tbody></tgroup></table>
        <ondertekening><functie>De Minister van Defensie,</functie><naam><voornaam>K.H.</voornaam> <achternaam>Ollongren</achternaam></naam></ondertekening>
      </algemeen>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""


def test_ingest_xml_footnotes_reach_the_normaliser_linked_to_their_marks(tmp_path):
    path = tmp_path / "kst-28676-999.xml"
    path.write_text(KOOP_WITH_NOTES, encoding="utf-8")
    doc = read(path)
    assert "Vilnius1 en de ministers spraken over de uitgaven2." in doc.raw
    assert "Opnieuw de uitgaven2." in doc.raw
    assert doc.raw.rstrip().endswith("1 Kamerstuk 28 676, nr. 440\n\n2 Zie bijlage.")
    assert "Land | Uitgaven" in doc.raw
    assert (doc.meta.doc_type, doc.meta.minister) == ("brief", "K.H. Ollongren")
    normalised = normalise(doc.raw)
    notes = {n.attrs["mark"]: normalised.text[n.start:n.end] for n in normalised.footnotes}
    assert notes == {"1": "Kamerstuk 28 676, nr. 440", "2": "Zie bijlage."}
    mark = next(n for n in normalised.footnotes if n.attrs["mark"] == "1").attrs["mark_start"]
    assert normalised.text[:mark].endswith("Vilnius") and "Vilnius1" not in normalised.text


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        type(self).hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<!ENTITY leak 'LEAKED'>")

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("doctype, reference", [
    ('<!DOCTYPE officiele-publicatie [<!ENTITY secret SYSTEM "file://{secret}">]>', "&secret;"),
    ('<!DOCTYPE officiele-publicatie [<!ENTITY remote SYSTEM "{url}/entity">]>', "&remote;"),
    ('<!DOCTYPE officiele-publicatie SYSTEM "{url}/external.dtd">', ""),
])
def test_ingest_xml_never_reads_files_or_urls_named_in_a_document(tmp_path, doctype, reference):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    _CountingHandler.hits = []
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        body = KOOP_WITH_NOTES.replace("<officiele-publicatie>", doctype.format(secret=secret, url=url)
                                       + "\n<officiele-publicatie>")
        body = body.replace("Vilnius", f"Vilnius {reference}")
        path = tmp_path / "evil.xml"
        path.write_text(body, encoding="utf-8")
        try:
            text = read(path).raw
        except KgError as exc:
            assert exc.kind == "input" and "entities" in exc.message
        else:
            assert "TOPSECRET" not in text and "LEAKED" not in text
    finally:
        server.shutdown()
        server.server_close()
    assert _CountingHandler.hits == []


@pytest.mark.parametrize("content, words", [
    (b"<officiele-publicatie><kamerstuk>", "not well-formed"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'/>", "not a KOOP"),
    (b"   ", "empty"),
])
def test_ingest_xml_bad_files_are_input_errors(tmp_path, content, words):
    (tmp_path / "bad.xml").write_bytes(content)
    with pytest.raises(KgError, match=words) as err:
        read(tmp_path / "bad.xml")
    assert err.value.kind == "input" and str(tmp_path / "bad.xml") in str(err.value)


def test_ingest_xml_and_pdf_are_found_when_a_folder_is_walked_json_is_not():
    assert {".txt", ".xml", ".pdf"} <= readable_suffixes() and ".json" not in readable_suffixes()
