"""What exports and the view cost: every `kg export` format on a store, and the HTML view of a
synthetic graph of N nodes in headless Chromium (load and layout, search, select, filter, pan).

    python bench/export_view.py [--store .kg/store] [--nodes 5000] [--repeat 3]

Builds the store from data/documents first when it does not exist. Prints medians in ms.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from kg import api  # noqa: E402
from kg.export.files import EXPORT_FORMATS  # noqa: E402
from kg.export.view import write_view  # noqa: E402
from test_view_browser import CHROMIUM, FLAGS, synthetic_graph  # noqa: E402


def median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def exports(store: Path, repeat: int, folder: Path) -> None:
    graph_ms = median_ms(lambda: api.to_networkx(store), repeat)
    print(f"to_networkx: {graph_ms:.0f} ms")
    for fmt in EXPORT_FORMATS:
        target = folder / f"kg.{fmt}"
        ms = median_ms(lambda: api.export_graph(fmt, target if fmt == "csv" else io.BytesIO(), store), repeat)
        print(f"export {fmt:9} {ms:7.0f} ms")


def view(nodes: int, repeat: int, folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    graph = synthetic_graph(nodes)
    page_file = folder / "big.html"
    write_ms = median_ms(lambda: write_view(graph, page_file, "bench"), repeat)
    print(f"view: {nodes} nodes, {graph.number_of_edges()} edges; page {page_file.stat().st_size / 1e6:.1f} MB "
          f"written in {write_ms:.0f} ms")
    by_degree = sorted((n for n, t in graph.nodes(data="type") if t == "Mission"), key=graph.degree)
    picks = {"hub": by_degree[-1], "typical": by_degree[len(by_degree) // 2]}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        loads, layouts, filters, frames = [], [], [], []
        selects: dict[str, list[float]] = {name: [] for name in picks}
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            started = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_function("window.kgView && window.kgView.ready", timeout=300_000)
            loads.append((time.perf_counter() - started) * 1000)
            layouts.append(page.evaluate("window.kgView.layoutMs"))
            for name, node in picks.items():
                page.fill("#search", graph.nodes[node]["label"].lower())
                started = time.perf_counter()
                page.click("#results li >> nth=0")
                page.wait_for_function("label => document.querySelector('#details h2').textContent === label",
                                       arg=graph.nodes[node]["label"])
                selects[name].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            page.click("#types li[data-type='Country']")
            page.evaluate("window.kgView.cy.nodes(':visible').length")
            filters.append((time.perf_counter() - started) * 1000)
            frames.append(page.evaluate("""() => new Promise(done => {
                const cy = window.kgView.cy; let n = 0; const t = performance.now();
                (function step() { cy.panBy({x: 7, y: 3}); if (++n < 30) requestAnimationFrame(step);
                  else requestAnimationFrame(() => done(30000 / (performance.now() - t))); })(); })"""))
            page.close()
        browser.close()
    rows = [("load to interactive", loads), ("  of which layout", layouts)]
    rows += [(f"select a {name} ({graph.degree(picks[name])} facts)", values) for name, values in selects.items()]
    for name, values in rows + [("type filter", filters)]:
        print(f"{name:32} {statistics.median(values):7.0f} ms")
    print(f"{'pan frames per second':32} {statistics.median(frames):7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / ".kg" / "store")
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.store.exists():
        api.build([ROOT / "data" / "documents"], args.store)
    with tempfile.TemporaryDirectory() as tmp:
        exports(args.store, args.repeat, Path(tmp))
        view(args.nodes, args.repeat, Path(tmp))


if __name__ == "__main__":
    main()
