"""The query page of `kg serve`, in a real browser (headless Chromium): it lists the shipped
queries, runs one against the endpoint and shows the rows; it loads nothing from elsewhere."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from kg import api
from kg.queries import list_queries
from tests.servers import kg_server

PAGE = Path(__file__).resolve().parent.parent / "kg" / "serve" / "page.html"


def browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        message = "no Chromium: apt-get install chromium (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def rendered(url: str) -> str:
    """The page's DOM after its scripts ran (bounded: 10 s of virtual time, 60 s of real)."""
    done = subprocess.run(
        [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000", "--dump-dom", url],
        capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def cells(dom: str, column: int) -> list[str]:
    rows = re.findall(r"<tr>(.*?)</tr>", dom.split("<tbody>", 1)[1], flags=re.DOTALL)
    return [html.unescape(re.sub(r"<[^>]+>", "", re.findall(r"<td>(.*?)</td>", r, flags=re.DOTALL)[column])) for r in rows]


def test_serve_page_runs_a_shipped_query(seed_store: Path):
    with kg_server(seed_store) as url:
        dom = rendered(url + "?" + urllib.parse.urlencode({"name": "documents", "run": "1"}))
    for named in list_queries():
        assert f'<option value="{named.name}">' in dom, named.name
    expected = api.query("documents", {}, seed_store).rows
    assert re.search(rf'<div id="status"[^>]*>{len(expected)} rows in', dom), dom[-3000:]
    assert cells(dom, 1) == [row["source"] for row in expected]


def test_serve_page_shows_an_error_from_the_endpoint(seed_store: Path):
    with kg_server(seed_store) as url:
        dom = rendered(url + "?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x ?y }", "run": "1"}))
    assert re.search(r'<div id="status" class="error">HTTP 400: The query does not parse', dom), dom[-3000:]


def test_serve_page_loads_nothing_from_elsewhere():
    text = PAGE.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "@import" not in text and "fetch(\"http" not in text
