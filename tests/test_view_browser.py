"""`kg view` in a real headless Chromium (Debian's `chromium`, installed by .ci/run), driven by
Playwright over the DevTools protocol: search, click, read the evidence, filter. Screenshots
are kept in tests/artifacts/ (ignored by git)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import main
from kg.export.graph import MENTION, NODE_TYPES
from kg.export.neighbourhood import neighbourhood
from kg.export.view import write_view

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed here (.ci/run installs it: apt-get install chromium)")


def synthetic_graph(nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph with kg's node and edge attributes, `nodes` entities and ~1.6 facts per entity
    among 50 documents, a few hubs among them, as a large store would give."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(name="synthetic")
    documents = [f"urn:synthetic:document/{d}" for d in range(50)]
    graph.graph["documents"] = {d: {"label": f"document {i}", "source": f"{i:03}.txt", "date": f"20{10 + i % 12}"}
                                for i, d in enumerate(documents)}
    types = NODE_TYPES[:-1]
    for i in range(nodes):
        kind = types[i % len(types)]
        graph.add_node(f"urn:synthetic:{i}", type=kind, label=f"{kind} {i}", labels={"en": f"{kind} {i}"},
                       alt_labels=[f"S{i}"], ids={"notation": f"X{i}"}, documents=rng.sample(documents, 2),
                       document_count=2, mentions=3)
    for j in range(int(nodes * 1.6)):
        u = rng.randrange(nodes)
        v = int(rng.random() ** 3 * nodes)  # a few hubs, as missions and countries are
        if u != v:
            docs = rng.sample(documents, rng.randint(1, 3))
            graph.add_edge(f"urn:synthetic:{u}", f"urn:synthetic:{v}", kind="Contribution", label="contributes to",
                           qualifiers={"year": 2000 + j % 25}, documents=docs, document_count=len(docs),
                           evidence=[f"Sentence {j} says that {u} contributes to {v}."])
    return graph


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def open_page(browser, path: Path, size=(1400, 860)):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000)
    return page, errors


def click_node(page, label: str) -> None:
    """A real mouse click on the canvas, where the node with `label` is drawn."""
    x, y = page.evaluate("""label => {
        const node = window.kgView.cy.nodes().filter(n => n.data('label') === label)[0];
        const box = document.getElementById('graph').getBoundingClientRect();
        const at = node.renderedPosition();
        return [box.left + at.x, box.top + at.y];
    }""", label)
    page.mouse.click(x, y)


def visible_nodes(page) -> int:
    return page.evaluate("window.kgView.cy.nodes(':visible').length")


def test_view_browser_search_click_and_read_the_evidence(browser, seed_store: Path, tmp_path: Path):
    from test_view_page import busiest_mission

    graph = api.to_networkx(seed_store)
    mission = busiest_mission(graph)
    label = graph.nodes[mission]["label"]
    evidence = {s for u, v, d in graph.edges(data=True) if mission in (u, v) and d["kind"] != MENTION for s in d["evidence"]}
    target = tmp_path / "graph.html"
    assert CliRunner().invoke(main, ["view", "-o", str(target), "--store", str(seed_store)]).exit_code == 0
    page, errors = open_page(browser, target)

    page.fill("#search", label.lower()[:12])
    page.wait_for_selector("#results li")
    assert label in page.inner_text("#results")
    page.click(f"#results li:has-text('{label}')")
    assert page.inner_text("#details h2") == label

    page.click("#close")
    assert page.is_hidden("#details")
    click_node(page, label)
    page.wait_for_selector("#details:not([hidden])")
    assert page.inner_text("#details h2") == label
    shown = {q.inner_text().strip() for q in page.query_selector_all("#facts blockquote.evidence")}
    assert shown == evidence and evidence
    assert graph.nodes[mission]["alt_labels"][0] in page.inner_text("#details")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view-seed.png"))

    total = graph.number_of_nodes()
    missions = sum(1 for _, t in graph.nodes(data="type") if t == "Mission")
    page.click("#types li[data-type='Mission']")
    assert visible_nodes(page) == total - missions
    page.click("#types li[data-type='Mission']")
    assert visible_nodes(page) == total

    doc_index, doc = 0, next(iter(graph.graph["documents"]))
    page.select_option("#document", str(doc_index))
    expected = sum(1 for n, d in graph.nodes(data=True) if doc in d.get("documents", []) or n == doc)
    assert visible_nodes(page) == expected < total
    assert errors == []


def test_view_browser_stays_usable_with_5000_nodes(browser, tmp_path: Path):
    graph = synthetic_graph(5000)
    target = tmp_path / "big.html"
    write_view(graph, target, "5,000 synthetic nodes")
    page, errors = open_page(browser, target)
    assert visible_nodes(page) == 5000
    hub = max((n for n, t in graph.nodes(data="type") if t == "Mission"), key=graph.degree)
    page.fill("#search", graph.nodes[hub]["label"].lower())
    page.click("#results li >> nth=0")
    assert page.inner_text("#details h2") == graph.nodes[hub]["label"]
    facts = [d for u, v, d in graph.edges(data=True) if hub in (u, v)]
    assert len(page.query_selector_all("#facts .fact")) == len(facts)
    page.click("#types li[data-type='Country']")
    countries = sum(1 for _, t in graph.nodes(data="type") if t == "Country")
    assert visible_nodes(page) == 5000 - countries
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view-5000.png"))
    assert errors == []


def test_view_browser_focus_opens_on_the_focused_entity(browser, seed_store: Path, tmp_path: Path):
    from test_view_page import busiest_mission

    graph = api.to_networkx(seed_store)
    label = graph.nodes[busiest_mission(graph)]["label"]
    target = tmp_path / "focus.html"
    result = CliRunner().invoke(main, ["view", "--focus", label, "--depth", "1", "-o", str(target), "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    page, errors = open_page(browser, target)
    assert page.inner_text("#details h2") == label  # the page opens on it
    assert visible_nodes(page) == neighbourhood(graph, label, 1).number_of_nodes() < graph.number_of_nodes()
    assert errors == []
