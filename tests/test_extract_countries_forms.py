"""Countries by name, adjective, demonym and short form; ambiguity and claimed spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract import countries
from tests.factories import make_doc


def keys(text: str, prior: list[tuple[str, str, str]] = ()) -> list[tuple[str, str]]:
    doc = make_doc(text, list(prior))
    countries.extract(doc)
    return [(m.text, m.key) for m in doc.mentions if m.extractor == "countries"]


@pytest.mark.parametrize(
    "text, key",
    [
        ("Amerikaanse enablers", "Country/US"), ("het Amerikaans beleid", "Country/US"),
        ("de Amerikanen", "Country/US"), ("de VS", "Country/US"), ("de Verenigde Staten", "Country/US"),
        ("de Duitse regering", "Country/DE"), ("de Duitsers", "Country/DE"), ("het VK", "Country/GB"),
        ("de Britten", "Country/GB"), ("de Russen", "Country/RU"), ("Russische schepen", "Country/RU"),
        ("Oekraïne", "Country/UA"), ("Georgië", "Country/GE"), ("Zuid-Korea", "Country/KR"),
        ("Nieuw Zeeland", "Country/NZ"), ("the Netherlands", "Country/NL"), ("Turkse troepen", "Country/TR"),
    ],
)
def test_each_kind_of_form_names_its_country(text: str, key: str) -> None:
    assert [k for _, k in keys(text)] == [key]


@pytest.mark.parametrize("text", ["Georgia", "Congo", "de frans", "een lets probleem"])
def test_ambiguous_or_lower_case_forms_are_left_out(text: str) -> None:
    assert keys(text) == []


def test_entity_carries_iso_wikidata_and_both_labels() -> None:
    doc = make_doc("Nederland en de Nederlandse bijdrage")
    countries.extract(doc)
    nl = doc.entities["Country/NL"]
    assert nl.ids == {"iso3166": "NL", "wikidata": "Q55"}
    assert nl.label == "Netherlands" and nl.labels == {"en": "Netherlands", "nl": "Nederland"}
    assert nl.alt_labels == {"Nederland", "Nederlandse"}


def test_longest_form_wins_within_countries() -> None:
    assert keys("de Verenigde Staten van Amerika") == [("Verenigde Staten van Amerika", "Country/US")]


def test_no_country_inside_an_earlier_organisation_mention() -> None:
    prior = [("Nederlandse marine", "Organisation", "Organisation/royal-netherlands-navy"),
             ("United States Army Europe", "Organisation", "Organisation/united-states-army-europe")]
    assert keys("de Nederlandse marine en United States Army Europe, en Nederland", prior) == [("Nederland", "Country/NL")]


def test_forms_file_reports_every_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "countries_nl.csv"
    path.write_text("# test\niso,form,kind\nUS,Amerikaans,adjective\nQQ,Qland,alias\nDE,,adjective\nFR,Franse,adverb\n", encoding="utf-8")
    with pytest.raises(KgError) as err:
        countries.load_forms(path, {"US", "DE", "FR"})
    message = str(err.value)
    assert "countries_nl.csv" in message
    for expected in ("line 4: iso", "line 5: form", "line 6: kind"):
        assert expected in message


def test_shipped_forms_cover_hundreds_of_names() -> None:
    assert countries.gazetteer().size > 800
