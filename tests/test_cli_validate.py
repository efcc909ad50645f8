"""`kg validate`: the seed graph conforms; a hand-made bad graph is reported with exit code 7."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from kg.cli import main
from kg.errors import EXIT_CODES
from kg.namespaces import KG


def test_validate_seed_store_conforms(seed_store: Path):
    result = CliRunner().invoke(main, ["validate", "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    assert "no violations" in result.output


def test_validate_reports_a_bad_graph(tmp_path: Path):
    path = tmp_path / "store"
    store = ox.Store(str(path))
    graph = ox.NamedNode("http://example.org/g")
    fact = ox.NamedNode("http://example.org/fact")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    store.add(ox.Quad(fact, rdf_type, ox.NamedNode(KG + "Dependence"), graph))  # no mission, provider, evidence
    store.add(ox.Quad(fact, ox.NamedNode(KG + "start"), ox.Literal("abc"), graph))
    store.flush()
    del store
    result = CliRunner().invoke(main, ["validate", "--store", str(path)])
    assert result.exit_code == EXIT_CODES["invalid"], result.output
    assert "violation" in result.output and "kg-nato/def#mission" in result.output
