"""The gazetteer: its data files, word boundaries, case rules, longest match, entity keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract import gazetteer
from kg.extract.matcher import PhraseMatcher
from tests.factories import make_doc


def found(text: str, prior: list[tuple[str, str, str]] = ()) -> list[tuple[str, str]]:
    doc = make_doc(text, list(prior))
    gazetteer.extract(doc)
    return [(m.text, m.key) for m in doc.mentions if m.extractor == "gazetteer"]


def test_shipped_gazetteer_loads_with_all_types() -> None:
    _, by_id = gazetteer.matcher()
    assert {e.type for e in by_id.values()} == set(gazetteer.GAZETTEER_TYPES)
    assert by_id["Organisation/nato"].ids == {"wikidata": "Q7184"}


def test_surface_forms_resolve_to_one_key_with_alt_labels() -> None:
    doc = make_doc("De Resolute Support-missie, ofwel RSM; Resolute Support missie loopt af.")
    gazetteer.extract(doc)
    assert {m.key for m in doc.mentions} == {"Mission/resolute-support-mission"}
    assert {"Resolute Support-missie", "RSM", "Resolute Support missie"} <= doc.entities["Mission/resolute-support-mission"].alt_labels


def test_longest_match_wins() -> None:
    assert found("De NATO Mission Iraq en de NAVO 2030-agenda.") == [
        ("NATO Mission Iraq", "Mission/nato-mission-iraq"),
        ("NAVO 2030-agenda", "Initiative/nato-2030"),
    ]


def test_no_match_inside_a_word() -> None:
    assert found("PRSMX en EUforia en NAVOS") == []


def test_hyphenated_compound_names_its_first_part() -> None:
    assert found("de NAVO-bondgenoten") == [("NAVO", "Organisation/nato")]


def test_acronyms_are_case_sensitive_names_are_not() -> None:
    assert found("rsm en nrf") == []
    assert found("de nato mission iraq") == [("nato mission iraq", "Mission/nato-mission-iraq")]


def test_a_span_claimed_earlier_is_left_alone() -> None:
    assert found("Zie RSM hier.", [("RSM", "Mission", "Mission/other")]) == []


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loader_reports_every_bad_line_with_file_line_and_field(tmp_path: Path) -> None:
    good = {"id": "Mission/x", "type": "Mission", "label": "X", "patterns": ["X-ray"]}
    path = write(tmp_path / "bad.jsonl", [
        "# test data",
        json.dumps(good),
        "{not json",
        json.dumps({**good, "id": "Mission/y", "type": "Weapon"}),
        json.dumps({**good, "id": "Mission/z", "patterns": []}),
        json.dumps({**good, "id": "Mission/w", "ids": {"wikidata": "7184"}}),
    ])
    with pytest.raises(KgError) as err:
        gazetteer.load_file(path)
    message = str(err.value)
    assert "bad.jsonl" in message and err.value.kind == "data"
    for expected in ("line 3: json", "line 4: type", "line 5: patterns", "line 6: ids"):
        assert expected in message


def test_loader_requires_the_source_comment(tmp_path: Path) -> None:
    path = write(tmp_path / "nohead.jsonl", [json.dumps({"id": "Mission/x", "type": "Mission", "label": "X", "patterns": ["X"]})])
    with pytest.raises(KgError, match="line 1: header"):
        gazetteer.load_file(path)


def test_a_pattern_naming_two_entities_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", ["# test", json.dumps({"id": "Mission/a", "type": "Mission", "label": "A", "patterns": ["Sea Guardian"]})])
    write(tmp_path / "b.jsonl", ["# test", json.dumps({"id": "Initiative/b", "type": "Initiative", "label": "B", "patterns": ["sea guardian"]})])
    with pytest.raises(KgError, match="already names Mission/a"):
        gazetteer.load(tmp_path)


def test_matcher_treats_hyphen_space_and_line_break_alike() -> None:
    matcher = PhraseMatcher([("anti-ISIS coalitie", "c")])
    text = "de anti ISIS-coalitie en de anti-ISIS\ncoalitie"
    assert [text[c.start:c.end] for c in matcher.find(text)] == ["anti ISIS-coalitie", "anti-ISIS\ncoalitie"]
