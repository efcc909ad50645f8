"""Meetings: a series or a council with a date is one session; without a date it is none."""

from __future__ import annotations

import pytest

from kg.extract.meetings import DATE, _date
from tests.factories import extracted


def meetings(text: str) -> list[tuple[str, str, str]]:
    doc = extracted(text, upto="meetings")
    return [(m.text, m.key, doc.entities[m.key].label) for m in doc.mentions if m.type == "Meeting"]


def test_meetings_a_dated_ministerial_is_one_session_named_the_english_way():
    assert meetings("Tijdens de bijeenkomst van de NAVO-ministers van Defensie op 17 en 18 juni 2020 is besloten.") == [
        ("bijeenkomst van de NAVO-ministers van Defensie op 17 en 18 juni 2020",
         "Meeting/nato-defence-ministers-meeting-2020-06-17", "NATO Defence Ministers' Meeting 17–18 June 2020")]


def test_meetings_two_documents_dating_one_session_meet_one_node():
    one = meetings("De NAVO Defensie Ministeriële in februari 2021 besluit.")
    two = meetings("Op de bijeenkomst van de NAVO-ministers van Defensie in februari 2021 wordt besloten.")
    assert one[0][1] == two[0][1] == "Meeting/nato-defence-ministers-meeting-2021-02"


def test_meetings_a_known_session_of_a_series_is_the_gazetteer_entry():
    # the gazetteer dates the 2016 summit in Warsaw; a text giving only the year and the place reaches it
    assert meetings("Op de NAVO-top in 2016 te Warschau werd de Resilience Pledge aangenomen.") == [
        ("NAVO-top in 2016 te Warschau", "Meeting/nato-summit-warsaw-2016", "NATO Summit Warsaw 2016")]


def test_meetings_a_council_session_needs_a_month():
    assert meetings("De Europese Raad van 28–29 juni 2018 besloot hiertoe.") == [
        ("Europese Raad van 28–29 juni 2018", "Meeting/european-council-2018-06-28", "European Council 28–29 June 2018")]
    doc = extracted("De Europese Raad in 2018 heeft dit besproken.", upto="meetings")
    assert [(m.text, m.type) for m in doc.mentions] == [("Europese Raad", "Organisation")]


def test_meetings_a_general_series_joins_the_specific_session_of_the_same_day():
    found = meetings("De agenda voor de bijeenkomst van NAVO-ministers van Buitenlandse Zaken op 23 en 24 maart 2021 "
                     "is verschenen. De NAVO ministeriële van 23 en 24 maart 2021 gaat over China.")
    assert {key for _, key, _ in found} == {"Meeting/nato-foreign-ministers-meeting-2021-03-23"}


@pytest.mark.parametrize("text", [
    "Op de vorige NAVO-Defensieraad werd uitvoerig gesproken over de NAVO-top.",  # a series without a date
    "De NAVO-ministers van Defensie spraken over Rusland.",  # the ministers, not a meeting
])
def test_meetings_an_undated_series_is_no_meeting(text: str):
    doc = extracted(text, upto="meetings")
    assert [m for m in doc.mentions if m.type == "Meeting"] == [] and not any(
        e.type == "Meeting" for e in doc.entities.values())


def test_meetings_dates_read_the_dutch_way():
    assert _date(DATE.match(" op 1 en 2 december 2020")) == ("2020-12-01", "1–2 December 2020", True)
    assert _date(DATE.match(" in december 2019")) == ("2019-12", "December 2019", True)
    assert _date(DATE.match(" in 2021")) == ("2021", "2021", False)
    assert DATE.match(" op 22 en 23 oktober") is None  # no year: no date to name a session by
