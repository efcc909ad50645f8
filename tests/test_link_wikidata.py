"""kg link --wikidata against a local server speaking Wikidata's Action API (canned answers in
the API's own shape, fictional item ids Q9000000x): type checks, scores, ambiguity, the cache,
offline runs, backoff; and the accepted file linking builds offline."""

from __future__ import annotations

import csv
import http.server
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import main
from kg.errors import KgError
from kg.fetch.http import Http
from kg.link import wikidata_links
from kg.link.wikidata_api import Wikidata
from kg.pipeline import process
from kg.rdf.triples import doc_to_quads

TEXT = ("De Resolute Support Mission en de NATO Mission Iraq worden gesteund door de NAVO. "
        "Het Defence Investment Pledge blijft leidend.\n")
MILITARY_OPERATION, FILM, TREATY = "Q645883", "Q11424", "Q131569"


def item(qid: str, label: str, p31: str, aliases: tuple[str, ...] = ()) -> dict:
    """An item as wbgetentities returns it (labels, aliases, one P31 statement)."""
    return {"type": "item", "id": qid, "labels": {"en": {"language": "en", "value": label}},
            "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
            "claims": {"P31": [{"mainsnak": {"snaktype": "value", "property": "P31", "datatype": "wikibase-item",
                                             "datavalue": {"value": {"entity-type": "item", "numeric-id": int(p31[1:]),
                                                                     "id": p31}, "type": "wikibase-entityid"}},
                                "type": "statement", "id": f"{qid}$1", "rank": "normal"}]}}


ITEMS = {
    "Q90000001": item("Q90000001", "Resolute Support Mission", MILITARY_OPERATION, ("RSM",)),
    "Q90000002": item("Q90000002", "Resolute Support", FILM),
    "Q90000003": item("Q90000003", "NATO Mission Iraq", MILITARY_OPERATION),
    "Q90000004": item("Q90000004", "NATO training mission", MILITARY_OPERATION, ("NATO Mission Iraq",)),
    "Q90000005": item("Q90000005", "Wales Summit Declaration", TREATY),
}
SEARCH = {"Resolute Support Mission": ["Q90000001", "Q90000002"], "NATO Mission Iraq": ["Q90000003", "Q90000004"],
          "Defence Investment Pledge": ["Q90000005"]}


@dataclass
class FakeWikidata:
    hits: list[dict] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    fail_next: list[tuple[int, str, bytes]] = field(default_factory=list)

    def handler(self):
        api_server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                api_server.hits.append(query)
                api_server.agents.append(self.headers.get("User-Agent", ""))
                if api_server.fail_next:
                    status, wait, body = api_server.fail_next.pop(0)
                    self.send_response(status)
                    self.send_header("Retry-After", wait)
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if query.get("action") == "wbsearchentities":
                    found = [{"id": q, "title": q, "concepturi": f"http://www.wikidata.org/entity/{q}",
                              "label": ITEMS[q]["labels"]["en"]["value"], "match": {"type": "label"}}
                             for q in SEARCH.get(query["search"], [])]
                    answer = {"searchinfo": {"search": query["search"]}, "search": found, "success": 1}
                else:
                    answer = {"entities": {q: ITEMS.get(q, {"id": q, "missing": ""}) for q in query["ids"].split("|")},
                              "success": 1}
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def wikidata():
    fake = FakeWikidata()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), fake.handler())
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("link")
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    api.build([folder / "doc.txt"], folder / "store")
    return folder / "store"


def rows(path: Path) -> dict[str, dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {r["key"]: r for r in csv.DictReader(lines)}


def test_link_wikidata_accepts_by_type_and_label_and_leaves_ties_open(wikidata, store, tmp_path):
    links = tmp_path / "wikidata.csv"
    report = api.link_wikidata(store, links_file=links, cache=tmp_path / "cache", api_url=wikidata.url,
                               today="2025-10-05")
    found = rows(links)
    assert found["Mission/resolute-support-mission"] == {
        "key": "Mission/resolute-support-mission", "wikidata": "Q90000001", "label": "Resolute Support Mission",
        "score": "1.00", "date": "2025-10-05", "source": "wikidata-api"}  # the film of that name: wrong P31
    tie = found["Mission/nato-mission-iraq"]
    assert tie["wikidata"] == "" and "ambiguous (Q90000003 Q90000004)" in tie["source"]
    pledge = found["Initiative/defence-investment-pledge"]
    assert pledge["wikidata"] == "" and "best label match" in pledge["source"]
    assert "Organisation/nato" not in found  # it has its item from the gazetteer
    assert [link.key for link in report.accepted] == ["Mission/resolute-support-mission"]
    assert report.requests == len(wikidata.hits) and all(a.startswith("kg/") for a in wikidata.agents)
    assert all(h.get("maxlag") == "5" for h in wikidata.hits)

    wikidata.hits.clear()
    again = api.link_wikidata(store, links_file=links, cache=tmp_path / "cache", api_url=wikidata.url)
    assert wikidata.hits == [] and again.accepted == again.unmatched == []  # every entity has its row


def test_link_wikidata_runs_offline_from_the_cache(wikidata, store, tmp_path):
    api.link_wikidata(store, links_file=tmp_path / "online.csv", cache=tmp_path / "cache", api_url=wikidata.url,
                      today="2025-10-05")
    wikidata.hits.clear()
    report = api.link_wikidata(store, links_file=tmp_path / "offline.csv", cache=tmp_path / "cache",
                               api_url=wikidata.url, offline=True, today="2025-10-05")
    assert wikidata.hits == [] and report.requests == 0 and report.cached > 0
    assert rows(tmp_path / "offline.csv") == rows(tmp_path / "online.csv")
    empty = api.link_wikidata(store, links_file=tmp_path / "none.csv", cache=tmp_path / "empty-cache",
                              api_url=wikidata.url, offline=True)
    assert sorted(empty.not_cached) == ["Initiative/defence-investment-pledge", "Mission/nato-mission-iraq",
                                        "Mission/resolute-support-mission"]
    assert not (tmp_path / "none.csv").exists() and wikidata.hits == []


def test_link_wikidata_backs_off_on_429_and_maxlag(wikidata, tmp_path):
    lag = json.dumps({"error": {"code": "maxlag", "info": "Waiting for a database server: 7 seconds lagged."}})
    wikidata.fail_next = [(429, "2", b""), (200, "1", lag.encode())]
    waits: list[float] = []
    client = Wikidata(tmp_path / "cache", api=wikidata.url, http=Http(sleep=waits.append))
    assert client.search("Resolute Support Mission", "en") == ["Q90000001", "Q90000002"]
    assert waits == [2.0, 1.0] and len(wikidata.hits) == 3


def test_link_wikidata_accepted_items_link_builds_offline(tmp_path, monkeypatch):
    links = tmp_path / "wikidata.csv"
    links.write_text("# test\nkey,wikidata,label,score,date,source\n"
                     "Mission/resolute-support-mission,Q90000001,Resolute Support Mission,1.00,2025-10-05,wikidata-api\n"
                     "Organisation/nato,Q90000009,NATO,1.00,2025-10-05,curator\n"
                     "Mission/nato-mission-iraq,,NATO Mission Iraq,1.00,2025-10-05,wikidata-api: ambiguous\n",
                     encoding="utf-8")
    monkeypatch.setattr(wikidata_links, "LINKS_CSV", links)
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    doc = process(tmp_path / "doc.txt")
    assert doc.entities["Mission/resolute-support-mission"].ids == {"wikidata": "Q90000001"}
    assert doc.entities["Organisation/nato"].ids == {"wikidata": "Q7184"}  # the gazetteer's item wins
    assert "wikidata" not in doc.entities["Mission/nato-mission-iraq"].ids
    matches = {(q.subject.value, q.object.value) for q in doc_to_quads(doc, "0" * 64)
               if q.predicate.value.endswith("exactMatch")}
    assert ("https://w3id.org/kg-nato/id/mission/resolute-support-mission",
            "http://www.wikidata.org/entity/Q90000001") in matches


def test_link_wikidata_file_errors_are_listed_at_once(tmp_path):
    bad = tmp_path / "wikidata.csv"
    bad.write_text("# test\nkey,wikidata,label,score,date,source\nMisson/x,Q1,x,2,2025-13,\nMission/y,P31,y,,2025-01-01,c\n",
                   encoding="utf-8")
    with pytest.raises(KgError) as err:
        wikidata_links.load_links(bad)
    message = str(err.value)
    assert err.value.kind == "data" and "line 3: key" in message and "line 3: score" in message
    assert "line 3: date" in message and "line 3: source" in message and "line 4: wikidata" in message


def test_link_cli_needs_the_wikidata_flag():
    result = CliRunner().invoke(main, ["link"])
    assert result.exit_code == 2 and "--wikidata" in result.output
