"""PDF (text layer, pypdf): the KOOP-typeset sample, page joins, furniture, unreadable PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from kg.errors import KgError
from kg.ingest import read
from kg.normalise import normalise

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "pdf" / "kst-21501-02-3121.pdf"


def test_ingest_pdf_sample_metadata():
    doc = read(SAMPLE)
    meta = doc.meta
    assert (meta.identifier, meta.dossier, meta.number) == ("kst-21501-02-3121", "21501-02", "3121")
    assert (meta.doc_type, meta.date, meta.submitters) == ("motie", "2025-04-10", ["Ceder"])
    # the dossier title is printed over two lines; the reader joins them
    assert meta.title == "Raad Algemene Zaken en Raad Buitenlandse Zaken"
    assert doc.format == "pdf" and doc.encoding == "utf-8"


def test_ingest_pdf_text_keeps_paragraphs_and_the_normaliser_joins_lines():
    doc = read(SAMPLE)
    assert "\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\n" in doc.raw
    assert "Nr. 3121  MOTIE VAN HET LID CEDER" in doc.raw  # a column gap is two spaces
    text = normalise(doc.raw).text
    assert "constaterende dat Israël meer gebied in het zuiden van Gaza wil innemen en Rafah wil ontruimen;" in text
    assert "ISSN" not in text and "\n\n2\n\n" not in text  # page furniture: ISSN line, chamber number


def _pdf(tmp_path: Path, name: str, pages: int = 1, password: str | None = None, blank: bool = False) -> Path:
    writer = PdfWriter()
    if blank:
        writer.add_blank_page(width=595, height=842)
    else:
        for _ in range(pages):
            writer.add_page(PdfReader(SAMPLE).pages[0])
    if password:
        writer.encrypt(password)
    path = tmp_path / name
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_ingest_pdf_pages_are_joined_with_a_page_start_the_text_runs_on(tmp_path):
    doc = read(_pdf(tmp_path, "two.pdf", pages=2))
    first, second = doc.raw.split("\n Tweede Kamer der Staten-Generaal\n")
    assert first.startswith("Tweede Kamer der Staten-Generaal\n")
    assert "’s-Gravenhage 2025" in first and "MOTIE VAN HET LID CEDER" in second
    assert doc.meta.identifier == "kst-21501-02-3121"


@pytest.mark.parametrize("kind, words", [("encrypted", "encrypted"), ("blank", "no text layer"),
                                         ("garbage", "PDF cannot be read")])
def test_ingest_pdf_unreadable_pdfs_are_input_errors(tmp_path, kind, words):
    if kind == "encrypted":
        path = _pdf(tmp_path, "locked.pdf", password="geheim")
    elif kind == "blank":
        path = _pdf(tmp_path, "scan.pdf", blank=True)
    else:
        path = tmp_path / "broken.pdf"
        path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    with pytest.raises(KgError) as err:
        read(path)
    assert err.value.kind == "input" and words in err.value.message and str(path) in str(err.value)
