"""`kg view` without a browser: the page is one self-contained file, its vendored JavaScript is
what its README says, and the static picture is drawn (kg/export/view.py, picture.py)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import main
from kg.export.graph import NODE_TYPES
from kg.export.style import TYPE_COLOURS
from kg.export.view import ASSETS, VENDOR_FILES, render_html


def page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)


def busiest_mission(graph: nx.MultiDiGraph) -> str:
    """The mission with the most facts: a choice made from the data, not from knowing it."""
    missions = [n for n, t in graph.nodes(data="type") if t == "Mission"]
    return max(missions, key=lambda n: sum(1 for *_, k in graph.edges(n, data="kind") if k != "Mention")
               + sum(1 for *_, k in graph.in_edges(n, data="kind") if k != "Mention"))


def test_view_page_is_one_file_that_needs_no_network(seed_store: Path, tmp_path: Path):
    target = tmp_path / "graph.html"
    result = CliRunner().invoke(main, ["view", "-o", str(target), "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # nothing fetched
    for name in VENDOR_FILES:
        assert (ASSETS / "vendor" / name).read_text(encoding="utf-8")[:200] in page
    graph = api.to_networkx(seed_store)
    data = page_data(page)
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    assert {t["name"] for t in data["types"]} >= set(NODE_TYPES)


def test_view_page_data_cannot_close_its_script_element():
    graph = nx.MultiDiGraph()
    graph.add_node("urn:x", type="Mission", label="</script><script>alert(1)</script>")
    page = render_html(graph, "a <title> & more")
    assert page.count("</script>") == len(VENDOR_FILES) + 2  # the data, the libraries, the app: nothing else closes
    assert page_data(page)["nodes"][0]["label"] == "</script><script>alert(1)</script>"
    assert "<title>a &lt;title&gt; &amp; more</title>" in page


def test_view_vendored_javascript_matches_its_readme():
    readme = (ASSETS / "vendor" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([\w.-]+\.js)` \| ([\w-]+) \| ([\d.]+) \| `[^`]+` \| ([0-9a-f]{64}) \|$", readme, re.M)
    assert [r[0] for r in rows] == list(VENDOR_FILES)
    for name, package, _version, digest in rows:
        assert hashlib.sha256((ASSETS / "vendor" / name).read_bytes()).hexdigest() == digest, name
        assert (ASSETS / "vendor" / f"LICENSE.{package}").is_file()


def test_view_every_node_type_has_its_own_colour():
    assert set(TYPE_COLOURS) == set(NODE_TYPES)
    assert len(set(TYPE_COLOURS.values())) == len(TYPE_COLOURS)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_view_picture_of_a_focused_mission(seed_store: Path, tmp_path: Path, fmt: str):
    graph = api.to_networkx(seed_store)
    mission = graph.nodes[busiest_mission(graph)]["label"]
    target = tmp_path / f"focus.{fmt}"
    result = CliRunner().invoke(main, ["view", f"--{fmt}", "--focus", mission, "--depth", "2", "-o", str(target),
                                       "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    artifacts = Path(__file__).resolve().parent / "artifacts"  # kept for a person to look at (ignored by git)
    artifacts.mkdir(exist_ok=True)
    (artifacts / f"picture-focus.{fmt}").write_bytes(data)
    if fmt == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width >= 1200 and height >= 900
    else:
        text = data.decode("utf-8")
        assert "<svg" in text and "Mission (" in text and "Type" in text  # the legend
        assert mission.split()[0] in text


def test_view_picture_refuses_an_unreadable_crowd(seed_store: Path, tmp_path: Path):
    result = CliRunner().invoke(main, ["view", "--png", "-o", str(tmp_path / "all.png"), "--store", str(seed_store)])
    assert result.exit_code == 2 and "--focus" in result.output and not (tmp_path / "all.png").exists()


def test_view_leaves_documents_out_when_their_mentions_would_knot_the_picture(seed_store: Path, monkeypatch):
    from kg.export import files
    from kg.store import Store

    store = Store(seed_store, read_only=True)
    graph, _ = files.view_graph(store)
    assert "Document" in {t for _, t in graph.nodes(data="type")} and "note" not in graph.graph
    monkeypatch.setattr(files, "VIEW_MENTION_LIMIT", 10)  # the seed store has far more mentions than that
    graph, _ = files.view_graph(store)
    assert "Document" not in {t for _, t in graph.nodes(data="type")} and "--type Document" in graph.graph["note"]
    assert graph.graph["documents"]  # still offered by the page's document filter
    asked, _ = files.view_graph(store, types=["Document", "Mission"])
    assert {t for _, t in asked.nodes(data="type")} == {"Document", "Mission"}
