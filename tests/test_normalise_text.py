"""normalise(): hyphens, furniture, footnotes, whitespace, quotes, offsets."""

from pathlib import Path

import pytest

from kg.normalise import normalise

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data" / "documents").glob("*.txt"))
REPLACED = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                          "«": '"', "»": '"'})


@pytest.mark.parametrize("raw,expected", [
    ("er is sprake van toene-\nmende vraag.\n", "toenemende"),
    ("een verder verslechterende veiligheidssi-\ntuatie.\n", "veiligheidssituatie"),
    ("de bijeenkomst van NAVO-\nministers van Defensie.\n", "NAVO-ministers"),
    ("gevolgen voor de Resolute Support-\nmissie in Afghanistan.\n", "Resolute Support-missie"),
    ("deze onderdelen; defensie-\n uitgaven stellen bondgenoten\n", "defensie-uitgaven"),
    ("omdat niet-\nessentiële functies niet ingevuld worden.\n", "niet-essentiële"),
    ("op de korte- \nof middellange termijn.\n", "korte- of middellange"),
    ("bijdragen aan NAVO-missies en \n-operaties.\n", "NAVO-missies en -operaties"),
    ("Het C-\nSOCC is aangeboden.\n", "C-SOCC"),
])
def test_normalise_hyphenation(raw, expected):
    assert expected in normalise(raw).text


def test_normalise_document_evidence_decides_hyphen():
    raw = "de onlangs gepubliceerde Defensie-\nvisie 2035. Daarin staat de Defensievisie.\n"
    assert "Defensievisie 2035" in normalise(raw).text


def test_normalise_drops_page_furniture():
    raw = ("Een zin die eindigt.\n\nTweede Kamer, vergaderjaar 2020–2021, 28 676, nr. 346 14\n"
           "kst-28676-346 ISSN 0921 - 7371 's-Gravenhage 2020\n12\n\n Volgende pagina begint.\n")
    text = normalise(raw).text
    assert "Tweede Kamer" not in text and "ISSN" not in text and "12" not in text
    assert "Volgende pagina begint." in text


def test_normalise_drops_pdf_footer_lines():
    raw = "De Kamer verzoekt de regering.\nkst-21501-02-3121\n’s-Gravenhage 2025 Tweede Kamer, vergaderjaar 2024–2025, 21 501-02, nr. 3121\nEn gaat over tot de orde.\n"
    text = normalise(raw).text
    assert "kst-" not in text and "Gravenhage" not in text and "En gaat over tot de orde." in text


def test_normalise_paragraphs_and_whitespace():
    raw = "Lastenverdeling \nAlle drie de  aspecten\tvan \nlastenverdeling. \n\nNieuwe alinea.\n"
    assert normalise(raw).text == "Lastenverdeling\n\nAlle drie de aspecten van lastenverdeling.\n\nNieuwe alinea."


def test_normalise_blank_line_inside_sentence_is_joined():
    raw = ("Nederland verwees in dit kader naar de onlangs gepubliceerde visie. Daarin komt dit ook aan\n\n"
           "bod. De Defensievisie biedt transparantie over hoe Defensie ervoor staat.\n")
    assert "ook aan bod." in normalise(raw).text


def test_normalise_quotes():
    text = normalise("‘a’ “b” „c” «d»\n").text
    assert text == "'a' \"b\" \"c\" \"d\""


def test_normalise_nfc_keeps_offsets():
    raw = "Italie\u0308 en Belgie\u0308.\n"
    n = normalise(raw)
    assert n.text == "Italië en België."
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[5] == 5 and n.offsets[7] == 8


SEED_FOOTNOTE = (
    "ongecontroleerde verplaatsing van mensen, grootschalige slachtoffer-\n"
    "opvang en voedsel- en watervoorzieningen1. \n"
    "Digitale beveiliging is in algemene zin in de verschillende Baseline \n"
    "Requirements opgenomen. Deze zeven Baseline Requirements zullen daar \n"
    "\n"
    "1 In NAVO-terminologie zijn dit: 1) continuity of goverment and essential goverment services, \n"
    "2) resilient energy supply.\n"
    " waar nodig in 2021 verder worden aangepast. \n")


def test_normalise_footnote_moved_to_end_and_mark_removed():
    n = normalise(SEED_FOOTNOTE)
    assert "watervoorzieningen. Digitale" in n.text
    assert "zullen daar waar nodig in 2021" in n.text
    (note,) = n.footnotes
    assert n.text[note.start:note.end].startswith("In NAVO-terminologie")
    assert n.text.endswith("2) resilient energy supply.") and note.end == len(n.text)
    assert note.attrs["mark"] == "1"
    assert n.text[note.attrs["mark_start"] - len("watervoorzieningen"):note.attrs["mark_start"]] == "watervoorzieningen"


def test_normalise_footnote_mark_after_percent_and_year():
    raw = ("een bbp-percentage van 1,48%3 haalt en de EU Global Strategy van 20164 te \n"
           "vertalen en verder \n\n3 De stijging.\n\n4 Reageren op crises.\n wijst op het feit.\n")
    n = normalise(raw)
    assert [f.attrs["mark"] for f in n.footnotes] == []  # 3 does not follow 0: not footnotes
    assert "1,48%3 haalt" in n.text  # and no mark is cut
    raw1 = raw.replace("%3", "%1").replace("20164", "20162").replace("\n3 De", "\n1 De").replace("\n4 Re", "\n2 Re")
    n = normalise(raw1)
    assert [f.attrs["mark"] for f in n.footnotes] == ["1", "2"]
    assert "1,48% haalt" in n.text and "van 2016 te vertalen en verder wijst op" in n.text


@pytest.mark.parametrize("raw", [
    "Inleiding.\n\n1. Antwoord van het kabinet\nHet kabinet is het eens.\n",
    "De verwachting is dat naarmate fase\n\n\n\n4 van OIR vordert de missie groeit.\n",
    "In het kader van dit onderwerp.\n\n2021 wordt een begin gemaakt.\n",
    "Op 19 november kondigde de premier aan dat in de komende \n4 jaar £ 16,5 miljard.\n",
])
def test_normalise_numbered_lines_are_not_footnotes(raw):
    n = normalise(raw)
    assert n.footnotes == []


def test_normalise_decimal_is_not_a_mark():
    n = normalise("Defensie kreeg 1,7 miljard extra.\n\n1 Een voetnoot zonder merkteken.\n")
    assert "1,7 miljard" in n.text


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_normalise_offsets_point_at_raw(path):
    raw = path.read_text(encoding="utf-8")
    n = normalise(raw)
    assert len(n.offsets) == len(n.text) + 1
    expect = raw.translate(REPLACED)
    for i, ch in enumerate(n.text):
        got = expect[n.offsets[i]]
        assert ch == got or (ch in " \n" and got.isspace()), (i, ch, got)
    assert "\n\n\n" not in n.text and "  " not in n.text
    assert all("\n" not in p for p in n.text.split("\n\n"))


def test_normalise_offsets_past_the_kept_positions_are_made_anew(monkeypatch):
    """The offset integers are shared between documents up to `POSITIONS_KEPT`; a longer text
    gets the same offsets, the further ones made for it alone."""
    from kg.normalise import core

    raw = SEEDS[0].read_text(encoding="utf-8")
    shared = normalise(raw)
    monkeypatch.setattr(core, "POSITIONS_KEPT", len(raw) // 3)
    monkeypatch.setattr(core, "_POSITIONS", [])
    assert normalise(raw) == shared
    assert len(core._POSITIONS) <= len(raw) // 3
    assert all(shared.text[i] == raw[shared.offsets[i]] for i in range(len(shared.text)) if shared.text[i].isalnum())
