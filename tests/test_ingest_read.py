"""read(): decoding, errors, sidecars."""

import json
import os
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.ingest import read, register_reader
from kg.ingest.text import Decoded

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data" / "documents").glob("*.txt"))


def test_ingest_utf8_with_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbfDe NAVO-top.\n")
    doc = read(p)
    assert doc.raw == "De NAVO-top.\n" and doc.encoding == "utf-8" and doc.warnings == []
    assert doc.format == "text" and doc.source == p


def test_ingest_cp1252_detected_with_warning(tmp_path):
    p = tmp_path / "legacy.txt"
    text = "De Minister van Defensie ontving de geannoteerde agenda ‘NAVO’ – financiële bijdrage. " * 5
    p.write_bytes(text.encode("cp1252"))
    doc = read(p)
    assert "financiële" in doc.raw and "‘NAVO’" in doc.raw
    assert doc.encoding == "cp1252"
    assert doc.warnings == [f"decoded as {doc.encoding} (not UTF-8)"]


@pytest.mark.parametrize("content,words", [(b"", "empty"), (b"  \n\n", "empty"),
                                           (b"PK\x03\x04\x00\x00binary", "binary")])
def test_ingest_bad_content_is_input_error(tmp_path, content, words):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(KgError) as err:
        read(p)
    assert err.value.kind == "input" and words in err.value.message and str(p) in str(err.value)


def test_ingest_missing_file(tmp_path):
    with pytest.raises(KgError) as err:
        read(tmp_path / "nope.txt")
    assert err.value.kind == "input" and "not found" in err.value.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_ingest_unreadable_file(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("tekst")
    p.chmod(0)
    with pytest.raises(KgError) as err:
        read(p)
    assert err.value.kind == "input" and "permission" in err.value.message


def test_ingest_unknown_suffix(tmp_path):
    p = tmp_path / "a.docx"
    p.write_text("x")
    with pytest.raises(KgError) as err:
        read(p)
    assert err.value.kind == "input" and ".txt" in err.value.hint


def test_ingest_registered_reader_is_used(tmp_path):
    register_reader(".fake", lambda path: Decoded("Nr. 5 MOTIE VAN HET LID JANSEN\n", format="fake"))
    p = tmp_path / "x.fake"
    p.write_text("ignored")
    doc = read(p)
    assert doc.format == "fake" and doc.meta.doc_type == "motie" and doc.meta.submitters == ["Jansen"]


def test_ingest_sidecar_wins_over_inference(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Tweede Kamer, vergaderjaar 2020–2021, 28 676, nr. 346 14\n")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"doc_type": "brief", "title": "T"}))
    meta = read(p).meta
    assert meta.doc_type == "brief" and meta.title == "T" and meta.identifier == "kst-28676-346"


def test_ingest_bad_sidecar_lists_every_field(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("tekst\n")
    side = tmp_path / "a.txt.meta.json"
    side.write_text(json.dumps({"colour": "red", "number": 346, "submitters": "Boswijk"}))
    with pytest.raises(KgError) as err:
        read(p)
    msg = str(err.value)
    assert err.value.kind == "data" and str(side) in msg
    assert "'colour'" in msg and "'number'" in msg and "'submitters'" in msg


def test_ingest_sidecar_invalid_json(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("tekst\n")
    (tmp_path / "a.txt.meta.json").write_text("{oops")
    with pytest.raises(KgError) as err:
        read(p)
    assert err.value.kind == "data" and "invalid JSON" in err.value.message


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_ingest_seed_sidecars_are_valid_and_read(path):
    doc = read(path)
    assert doc.raw and doc.meta.doc_type


def test_ingest_short_latin1_export_reads_as_cp1252(tmp_path):
    p = tmp_path / "kort.txt"
    p.write_bytes("De minister van Defensie één keer café.\n".encode("latin-1"))
    doc = read(p)
    assert doc.raw == "De minister van Defensie één keer café.\n" and doc.encoding == "cp1252"


def test_ingest_refuses_a_file_over_the_size_limit(tmp_path, monkeypatch):
    path = tmp_path / "omnibus.txt"
    path.write_text("De Kamer.\n" * 200_000, encoding="utf-8")  # 2 MB
    monkeypatch.setenv("KG_MAX_DOCUMENT_MB", "1")
    with pytest.raises(KgError) as err:
        read(path)
    assert err.value.kind == "input" and "larger than the 1 MB" in err.value.message
    assert "KG_MAX_DOCUMENT_MB" in err.value.hint


def test_ingest_path_with_spaces_and_non_ascii(tmp_path):
    folder = tmp_path / "Stukken van de Kamer – België"
    folder.mkdir()
    path = folder / "brief ministerie ë.txt"
    path.write_text("Nederland levert een fregat.\n", encoding="utf-8")
    assert read(path).raw.startswith("Nederland levert")
