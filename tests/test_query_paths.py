"""A dependence derived through the graph: a mission relies on an organisation whose mission
relies on a provider. The path is followed by the query, across documents, not by a rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api

DOCUMENTS = {
    "a.txt": "EUTM Mali is voor medische evacuatie afhankelijk van de Europese Unie.\n",
    "b.txt": "Operatie Atalanta van de Europese Unie wordt in 2021 voortgezet.\n",
    "c.txt": "Atalanta is voor tankercapaciteit afhankelijk van Franse enablers.\n",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paths")
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = folder / "store"
    report = api.build([folder], store)
    assert len(report.built) == 3
    return store


def rows(store: Path, **params: str) -> list[tuple[str, str, str]]:
    result = api.query("missions-depending-on", params, store)
    return sorted((r["missionLabel"], r["via"].rsplit("/", 1)[-1], r["source"]) for r in result.rows)


def test_paths_stated_and_derived_dependences(store: Path):
    assert rows(store, provider="FR") == [
        ("EU NAVFOR Atalanta", "", "c.txt"),
        ("EU Training Mission Mali", "european-union", "a.txt"),
    ]


@pytest.mark.parametrize("name", ["FR", "fr", "Frankrijk", "France", "Franse"])
def test_paths_provider_by_code_name_or_adjective(store: Path, name: str):
    assert [r[0] for r in rows(store, provider=name)] == ["EU NAVFOR Atalanta", "EU Training Mission Mali"]


def test_paths_unknown_provider_gives_no_rows(store: Path):
    assert rows(store, provider="Atlantis") == []


def test_paths_without_parameter_every_dependence(store: Path):
    assert {(m, s) for m, _, s in rows(store)} >= {("EU Training Mission Mali", "a.txt"), ("EU NAVFOR Atalanta", "c.txt")}
