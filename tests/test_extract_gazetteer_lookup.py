"""Resolving whole names to gazetteer entries, spaced dashes, the meeting fields of the
gazetteer, countries that are territories, and adjectives that name a country only in a
compound."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract import gazetteer
from kg.extract.cues import cue_set, cues
from kg.extract.matcher import PhraseMatcher
from tests.factories import extracted


@pytest.mark.parametrize("name, key", [
    ("Samenwerkings Initiatief van Istanbul", "Initiative/istanbul-cooperation-initiative"),  # compound written apart
    ("NATO Space Centre", "Organisation/nato-space-centre"),  # a pattern
    ("Defence Capability Review Report", "Initiative/defence-capability-review-report"),  # the id its slug gives
])
def test_gazetteer_lookup_resolves_whole_names(name: str, key: str):
    assert gazetteer.lookup(name).id == key


def test_gazetteer_lookup_leaves_unknown_names_and_parts():
    assert gazetteer.lookup("Environmental Protection Working Group") is None
    assert gazetteer.lookup("Resolute") is None


def test_matcher_a_spaced_dash_matches_the_listed_form():
    matcher = PhraseMatcher([("Train Advise Assist Command - North", "taac-n")])
    text = "samen met Duitsland, dat framework nation is van Train Advise Assist Command – North (TAAC-N)."
    (found,) = matcher.find(text)
    assert text[found.start:found.end] == "Train Advise Assist Command – North"


def _write(tmp_path: Path, *lines: dict) -> Path:
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    (folder / "meetings.jsonl").write_text("# test\n" + "\n".join(json.dumps(x) for x in lines) + "\n")
    return folder


def test_gazetteer_meeting_fields_are_checked_and_every_problem_reported(tmp_path: Path):
    folder = _write(tmp_path,
                    {"id": "Meeting/a", "type": "Meeting", "label": "A", "patterns": ["A"], "sessions": "yes"},
                    {"id": "Meeting/b", "type": "Meeting", "label": "B", "patterns": ["B"], "date": "June 2020"})
    with pytest.raises(KgError) as caught:
        gazetteer.load(folder)
    message = str(caught.value)
    assert "line 2: sessions: must be true or false" in message and "line 3: date: 'June 2020'" in message


def test_gazetteer_a_session_of_an_unknown_series(tmp_path: Path):
    folder = _write(tmp_path, {"id": "Meeting/c", "type": "Meeting", "label": "C", "patterns": ["C"], "series": "Meeting/none"})
    with pytest.raises(KgError, match="Meeting/none is not defined"):
        gazetteer.load(folder)


def test_countries_territories_are_no_countries():
    doc = extracted("Op het Franse eiland Martinique en in Groenland werd geoefend.", upto="countries")
    assert sorted(m.key for m in doc.mentions if m.type == "Country") == ["Country/FR"]


@pytest.mark.parametrize("text, keys", [
    ("Het MGCS is een Duits-Frans programma.", ["Country/DE", "Country/FR"]),
    ("de Frans geleide Europese missie", ["Country/FR"]),
    ("Frans Timmermans sprak in het Frans.", []),  # a first name and a language
])
def test_countries_an_uninflected_adjective_only_in_a_compound(text: str, keys: list[str]):
    doc = extracted(text, upto="countries")
    assert sorted(m.key for m in doc.mentions if m.type == "Country") == keys


def test_cue_set_finds_what_the_single_cues_find():
    text = "Nederland draagt met twee militairen bij aan de missie en stelt een fregat beschikbaar."
    single = sorted((m.start(), c.fields["role"]) for c in cues("contributes", ("role",)) for m in c.pattern.finditer(text))
    combined = [(m.start(), f["role"]) for m, f in cue_set("contributes", ("role",)).finditer(text)]
    assert combined == single
