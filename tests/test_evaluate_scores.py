"""`kg.evaluate`: matching gold against stored rows, and `kg eval` end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import EXIT_CODES, KgError
from kg.evaluate import QUERIES, load_gold, norm, norm_kamerstuk, render, score

SHARED = Path(__file__).resolve().parents[2] / "shared"


def entity(iri: str, type_: str, label: str, alts: str = "", source: str = "d.txt") -> dict[str, str]:
    return {"entity": iri, "type": type_, "label": label, "altLabels": alts, "labels": label, "document": "x",
            "source": source}


def rows(**by_query: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    return {q: by_query.get(q.replace("-", "_"), []) for q in QUERIES}


def gold_file(tmp_path: Path, data: dict, name: str = "d") -> Path:
    (tmp_path / f"{name}.gold.json").write_text(json.dumps(data))
    return tmp_path


def test_norm_folds_case_accents_dashes_and_apostrophes():
    assert norm("Resolute Support-missie") == norm("resolute support missie")
    assert norm("Italië") == norm("italie") and norm("NATO’s") == norm("NATO's")
    assert norm_kamerstuk("Kamerstuk 35 570 X, nr. 53") == norm_kamerstuk("35570-X-53")


def test_score_entities_one_to_one_with_also_ok_uncertain_and_iso_codes(tmp_path: Path):
    gold = load_gold(gold_file(tmp_path, {"entities": [
        {"type": "Country", "label": "United States", "aliases": ["VS"], "ids": {"wikidata": "Q30"}},
        {"type": "Organisation", "label": "NRF Command", "aliases": [], "also_ok": ["Mission"]},
        {"type": "Person", "label": "Rob Bauer", "aliases": ["Bauer"], "uncertain": True},
        {"type": "Initiative", "label": "NATO 2030", "aliases": []},
    ], "facts": {}}))
    stored = rows(entities=[
        entity("https://w3id.org/kg-nato/id/country/US", "Country", "United States of America"),  # by ISO code
        entity("m1", "Mission", "NRF Command"),  # a type gold also accepts
        entity("p1", "Person", "Bauer"),  # an uncertain item: neither right nor wrong
        entity("i1", "Initiative", "NAVO 2030", "NATO 2030"),
        entity("i2", "Initiative", "NATO-2030"),  # the same entity twice: a false hit
    ])
    report = score(gold, stored, ["d"])
    assert (report.entities["Country"].correct, report.entities["Organisation"].correct) == (1, 1)
    assert report.entities["Person"].gold == 0 and report.entities["Person"].predicted == 0
    assert (report.entities["Initiative"].correct, report.entities["Initiative"].predicted) == (1, 2)
    assert [(f.kind, f.what) for f in report.findings] == [("false", "Initiative")]


def test_score_facts_compare_roles_through_entity_names_and_qualifiers(tmp_path: Path):
    gold = load_gold(gold_file(tmp_path, {"entities": [
        {"type": "Country", "label": "Netherlands", "aliases": ["Nederland"], "ids": {"wikidata": "Q55"}},
        {"type": "Mission", "label": "enhanced Forward Presence", "aliases": ["eFP"]}], "facts": {
        "contributes": [{"country": "Netherlands", "mission": "enhanced Forward Presence", "amount": 270, "year": 2020}],
        "spending": [{"country": "Netherlands", "year": 2020, "percent_gdp": 1.48},
                     {"country": "Netherlands", "year": 2021, "percent": 4.1}],
    }}))
    contribution = {"country": "https://w3id.org/kg-nato/id/country/NL", "countryLabel": "Netherlands",
                    "mission": "m", "missionLabel": "eFP", "amount": "270", "amountMax": "", "qualifier": "",
                    "unit": "military personnel", "year": "2020", "source": "d.txt", "evidence": "..."}
    wrong_amount = dict(contribution, amount="300")
    spend = {"country": "https://w3id.org/kg-nato/id/country/NL", "countryLabel": "Netherlands", "year": "2020",
             "percentGDP": "1.480", "amount": "", "currency": "", "source": "d.txt", "evidence": "..."}
    report = score(gold, rows(entities=[entity("m", "Mission", "eFP")], contributions=[contribution, wrong_amount],
                              spending=[spend, spend]), ["d"])
    assert (report.facts["contributes"].correct, report.facts["contributes"].predicted) == (1, 2)
    assert (report.facts["spending"].gold, report.facts["spending"].correct) == (1, 1)  # one statement, twice stored
    assert len(report.not_scored) == 1 and '"percent": 4.1' in report.not_scored[0]  # outside the fact schema
    text = render(report)
    assert "contributes" in text and "300" in text and text.splitlines()[-1].startswith("entities: P ")


def test_load_gold_reports_every_bad_file_at_once(tmp_path: Path):
    (tmp_path / "a.gold.json").write_text("{not json")
    gold_file(tmp_path, {"entities": [{"type": "Planet", "label": "Mars"}], "facts": {"orbits": []}}, "b")
    with pytest.raises(KgError) as caught:
        load_gold(tmp_path)
    assert caught.value.kind == "data"
    assert all(x in str(caught.value) for x in ("a.gold.json: cannot read", "'Planet'", "unknown kind 'orbits'"))


def test_cli_eval_errors_are_clean(tmp_path: Path):
    missing = CliRunner().invoke(main, ["eval", str(tmp_path / "nothing")])
    assert missing.exit_code == EXIT_CODES["usage"] and "no such gold folder" in missing.output
    (tmp_path / "x.gold.json").write_text("[]")
    bad = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert bad.exit_code == EXIT_CODES["data"] and "Traceback" not in bad.output


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="needs the shared gold of ../shared/gold")
def test_cli_eval_on_the_shared_gold_meets_the_seed_targets():
    result = CliRunner().invoke(main, ["eval", str(SHARED / "gold"), "--docs", str(SHARED / "seeds"), "--no-details"])
    assert result.exit_code == 0, result.output
    assert "5 document(s) scored" in result.output and "missed" not in result.output  # --no-details
    figures = re.search(r"entities: P ([\d.]+)  R [\d.]+  F1 ([\d.]+)   facts: P ([\d.]+)  R [\d.]+  F1 ([\d.]+)",
                        result.output)
    entity_p, entity_f1, fact_p, fact_f1 = map(float, figures.groups())
    assert entity_f1 >= 0.95 and fact_f1 >= 0.90 and min(entity_p, fact_p) >= 0.95
