"""kg export as RDF: every dump loads back into an empty store with the statements it came from
(kg/export/rdf_dump.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import main
from kg.errors import KgError
from kg.export.rdf_dump import RDF_FORMATS
from kg.store import Store

PARSERS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}


def reloaded(data: bytes, fmt: str) -> ox.Store:
    store = ox.Store()
    store.load(data, format=PARSERS[fmt])
    return store


def dumped(seed_store: Path, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    api.export_graph(fmt, out, seed_store, **options)
    return out.getvalue()


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_rdf_dump_reloads_with_the_same_statements(seed_store: Path, fmt: str):
    quads = set(Store(seed_store, read_only=True).quads())
    back = reloaded(dumped(seed_store, fmt), fmt)
    if RDF_FORMATS[fmt][1]:  # N-Quads and TriG keep every document's graph
        assert set(back) == quads
    else:
        assert {(q.subject, q.predicate, q.object) for q in back} == {(q.subject, q.predicate, q.object) for q in quads}
        assert len(back) < len(quads)  # entity descriptions repeat across graphs, and are written once


@pytest.mark.parametrize("fmt", ["nq", "trig", "ttl"])
def test_export_rdf_one_document_is_exactly_its_graph(seed_store: Path, fmt: str):
    store = Store(seed_store, read_only=True)
    doc = next(iter(store.documents().values()))
    graph = {q for q in store.quads() if q.graph_name.value == doc.graph}
    back = reloaded(dumped(seed_store, fmt, document=doc.source), fmt)
    assert {(q.subject, q.predicate, q.object) for q in back} == {(q.subject, q.predicate, q.object) for q in graph}
    if fmt != "ttl":
        assert {q.graph_name.value for q in back} == {doc.graph}


def test_export_rdf_json_ld_is_compacted_with_the_shipped_context(seed_store: Path):
    document = json.loads(dumped(seed_store, "jsonld"))
    assert document["@context"]["prefLabel"]["@id"] == "skos:prefLabel"
    nodes = document["@graph"]
    assert any("prefLabel" in n and "type" in n for n in nodes)
    assert not any(key.startswith("http") for n in nodes for key in n)  # every property has a term


def test_export_rdf_rejects_network_options_and_unknown_documents(seed_store: Path):
    with pytest.raises(KgError, match="--type"):
        api.export_graph("ttl", io.BytesIO(), seed_store, types=["Mission"])
    with pytest.raises(KgError, match="no stored document") as info:
        api.export_graph("nq", io.BytesIO(), seed_store, document="no-such-document.txt")
    assert info.value.exit_code == 2


def test_export_rdf_cli_writes_a_file_and_says_so(seed_store: Path, tmp_path: Path):
    target = tmp_path / "kg.trig"
    result = CliRunner().invoke(main, ["export", "--format", "trig", "-o", str(target), "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    assert f"{len(Store(seed_store, read_only=True))} statements" in result.output
    assert len(reloaded(target.read_bytes(), "trig")) == len(Store(seed_store, read_only=True))
