"""kg fetch against a local portal: SyncFeed pages that validate against the Tweede Kamer's own
schemas, the real sample XML and PDF as the files behind them; incremental runs, deletions,
conditional requests, retries."""

from __future__ import annotations

import hashlib
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from lxml import etree

from kg import api
from kg.cli import main
from kg.errors import KgError
from kg.fetch.documents import fetch
from kg.fetch.http import Http

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
SCHEMA = etree.XMLSchema(etree.parse(str(SAMPLES / "tk-syncfeed-xsd" / "tkData-v1-0.xsd")))
TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0"
PDF = SAMPLES / "pdf" / "kst-21501-02-3121.pdf"
XML = SAMPLES / "kop-xml"

# Synthetic ids for the fixture's dossiers (no sample gives a Kamerstukdossier id); the
# documents' ids, numbers and subjects are those of the OData samples of the same Kamerstukken.
DOSSIER_21501_02 = "00000000-0000-4000-8000-000000000001"
DOSSIER_36455 = "00000000-0000-4000-8000-000000000002"
DOC_3121 = "d7a5dc6c-3636-4acd-8630-96c14e97dcce"
DOC_11 = "d84ecdd6-fa9a-4fba-8bae-e71a9dd41405"
DOC_UNNUMBERED = "00000000-0000-4000-8000-00000000000a"


def dossier_entity(uuid: str, nummer: str, toevoeging: str | None, title: str, updated: str) -> str:
    suffix = f"<toevoeging>{toevoeging}</toevoeging>" if toevoeging else ""
    return (f'<kamerstukdossier xmlns="{TK}" xmlns:tk="{TK}" id="{uuid}" tk:bijgewerkt="{updated}" '
            f'tk:verwijderd="false"><titel>{title}</titel><nummer>{nummer}</nummer>{suffix}'
            f"<afgesloten>false</afgesloten><kamer>Tweede Kamer</kamer></kamerstukdossier>")


def document_entity(uuid: str, dossier: str, volgnummer: int, nummer: str, subject: str, datum: str,
                    updated: str) -> str:
    return (f'<document xmlns="{TK}" xmlns:tk="{TK}" id="{uuid}" tk:bijgewerkt="{updated}" tk:verwijderd="false" '
            f'tk:contentType="application/pdf" tk:contentLength="{PDF.stat().st_size}">'
            f'<kamerstukdossier ref="{dossier}"/><soort>Motie</soort><documentNummer>{nummer}</documentNummer>'
            f"<onderwerp>{subject}</onderwerp><datum>{datum}</datum><volgnummer>{volgnummer}</volgnummer>"
            f"<kamer>2</kamer></document>")


def deleted_entity(tag: str, uuid: str, updated: str) -> str:
    return f'<{tag} xmlns="{TK}" xmlns:tk="{TK}" id="{uuid}" tk:bijgewerkt="{updated}" tk:verwijderd="true"/>'


@dataclass
class Portal:
    """The Gegevensmagazijn and KOOP on 127.0.0.1: feed pages of `page_size` entries per category,
    resources and KOOP XML from the sample files, ETags, and failures on demand."""

    page_size: int = 2
    feeds: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # category → (id, entity xml)
    resources: dict[str, bytes] = field(default_factory=dict)
    koop: dict[str, bytes] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    fail_next: list[tuple[int, str]] = field(default_factory=list)  # (status, Retry-After) to answer first
    base: str = ""

    def add(self, category: str, uuid: str, entity: str) -> None:
        SCHEMA.assertValid(etree.fromstring(entity))  # every fixture entity is valid tkData
        self.feeds.setdefault(category, []).append((uuid, entity))

    def page(self, category: str, token: int) -> bytes:
        entries = self.feeds.get(category, [])
        chosen = list(enumerate(entries, 1))[token:token + self.page_size]
        more = token + self.page_size < len(entries)

        def link(rel: str, n: int) -> str:
            return f'<link rel="{rel}" href="{self.base}/SyncFeed/2.0/Feed?skiptoken={n}&amp;category={category}"/>'

        body = "".join(
            f"<entry><title>{uuid}</title><id>{self.base}/SyncFeed/2.0/Entiteiten/{uuid}</id>"
            f"<author><name>Tweede Kamer der Staten-Generaal</name></author><updated>2025-10-01T00:00:00Z</updated>"
            f'<category term="{category}"/>{link("next", n)}'
            + (f'<link rel="enclosure" href="{self.base}/SyncFeed/2.0/Resources/{uuid}"/>' if uuid in self.resources else "")
            + f'<content type="application/xml">{entity}</content></entry>'
            for n, (uuid, entity) in chosen)
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f'<title type="text">SyncFeed</title><id>{self.base}/SyncFeed/2.0/Feed</id>'
                f"<updated>2025-10-01T00:00:00Z</updated>{link('next', token + self.page_size) if more else ''}"
                f"{body}</feed>").encode()

    def handler(self):
        portal = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                portal.hits.append(self.path)
                if portal.fail_next:
                    status, wait = portal.fail_next.pop(0)
                    self.send_response(status)
                    self.send_header("Retry-After", wait)
                    self.end_headers()
                    return
                url = urlsplit(self.path)
                if url.path == "/SyncFeed/2.0/Feed":
                    query = parse_qs(url.query)
                    self.reply(portal.page(query["category"][0], int(query.get("skiptoken", ["0"])[0])),
                               "application/atom+xml")
                elif url.path.startswith("/SyncFeed/2.0/Resources/") and url.path.rsplit("/", 1)[1] in portal.resources:
                    self.reply(portal.resources[url.path.rsplit("/", 1)[1]], "application/pdf")
                elif url.path.startswith("/koop/") and url.path[len("/koop/"):] in portal.koop:
                    self.reply(portal.koop[url.path[len("/koop/"):]], "application/xml")
                else:
                    self.send_response(404)
                    self.end_headers()

            def reply(self, body: bytes, content_type: str) -> None:
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def downloads(self) -> list[str]:
        return [h for h in self.hits if not h.startswith("/SyncFeed/2.0/Feed")]


@pytest.fixture
def portal():
    portal = Portal()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), portal.handler())
    portal.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    t = "2025-04-11T12:33:36Z"
    portal.add("Kamerstukdossier", DOSSIER_21501_02,
               dossier_entity(DOSSIER_21501_02, "21501", "02", "Raad Algemene Zaken en Raad Buitenlandse Zaken", t))
    portal.add("Kamerstukdossier", DOSSIER_36455, dossier_entity(DOSSIER_36455, "36455", None, "Goedkeuring", t))
    portal.add("Document", DOC_11, document_entity(DOC_11, DOSSIER_36455, 11, "2025D41759", "Motie Kathmann/White",
                                                   "2025-09-25T00:00:00+02:00", t))
    portal.add("Document", DOC_3121, document_entity(DOC_3121, DOSSIER_21501_02, 3121, "2025D16323", "Motie Ceder",
                                                     "2025-04-10T00:00:00+02:00", t))
    portal.add("Document", DOC_UNNUMBERED, document_entity(DOC_UNNUMBERED, DOSSIER_21501_02, -1, "2025D00001",
                                                           "Lijst zonder nummer", "2025-04-11T00:00:00+02:00", t))
    portal.resources[DOC_3121] = PDF.read_bytes()
    portal.koop["kst-21501-02-3121.xml"] = (XML / "kst-21501-02-3121.xml").read_bytes()
    portal.koop["kst-36455-11.xml"] = (XML / "kst-36455-11.xml").read_bytes()
    yield portal
    server.shutdown()
    server.server_close()


def run(portal: Portal, into: Path, **kwargs):
    waits: list[float] = []
    report = fetch(into, tk_base=portal.base, koop_base=f"{portal.base}/koop", http=Http(sleep=waits.append),
                   **({"dossiers": ["21501-02"]} | kwargs))
    return report, waits


def test_fetch_dossier_incrementally_and_a_deletion_drops_the_graph(portal, tmp_path):
    into, store = tmp_path / "fetched", tmp_path / "store"
    first, _ = run(portal, into)
    assert first.fetched == ["kst-21501-02-3121.xml"] and first.skipped == []
    assert (into / "kst-21501-02-3121.xml").read_bytes() == (XML / "kst-21501-02-3121.xml").read_bytes()
    assert first.pages >= 3  # 2 entries a page: the dossier feed, then the document feed over two pages
    built = api.build([into], store)
    assert built.built == ["kst-21501-02-3121.xml"]
    assert [r["identifier"] for r in api.query("documents", {}, store).rows] == ["kst-21501-02-3121"]

    portal.hits.clear()
    second, _ = run(portal, into)
    assert (second.fetched, second.removed) == ([], [])
    assert portal.downloads() == [] and second.requests == 2  # one page per feed, both empty

    portal.add("Document", DOC_3121, deleted_entity("document", DOC_3121, "2025-10-02T08:00:00Z"))
    third, _ = run(portal, into)
    assert third.removed == ["kst-21501-02-3121.xml"] and not (into / "kst-21501-02-3121.xml").exists()
    pruned = api.build([into], store, prune=True)
    assert pruned.pruned == ["kst-21501-02-3121.xml"]
    assert api.query("documents", {}, store).rows == []


def test_fetch_an_update_is_asked_conditionally_and_not_rewritten_when_unchanged(portal, tmp_path):
    into = tmp_path / "fetched"
    run(portal, into)
    before = (into / "kst-21501-02-3121.xml").stat().st_mtime_ns
    portal.add("Document", DOC_3121, document_entity(DOC_3121, DOSSIER_21501_02, 3121, "2025D16323", "Motie Ceder",
                                                     "2025-04-10T00:00:00+02:00", "2025-10-02T09:00:00Z"))
    portal.hits.clear()
    report, _ = run(portal, into)
    assert portal.downloads() == ["/koop/kst-21501-02-3121.xml"]  # asked once, answered 304
    assert report.unchanged == ["kst-21501-02-3121.xml"] and report.fetched == []
    assert (into / "kst-21501-02-3121.xml").stat().st_mtime_ns == before


def test_fetch_falls_back_to_the_kamer_file_when_koop_has_no_xml(portal, tmp_path):
    del portal.koop["kst-21501-02-3121.xml"]
    report, _ = run(portal, tmp_path / "fetched")
    assert report.fetched == ["kst-21501-02-3121.pdf"]
    assert (tmp_path / "fetched" / "kst-21501-02-3121.pdf").read_bytes() == PDF.read_bytes()


def test_fetch_since_skips_older_documents_and_other_dossiers_are_left_alone(portal, tmp_path):
    report, _ = run(portal, tmp_path / "a", since="2025-05-01")
    assert report.fetched == []
    report, _ = run(portal, tmp_path / "b", dossiers=["36455"])
    assert report.fetched == ["kst-36455-11.xml"]


def test_fetch_retries_politely_after_429_and_503(portal, tmp_path):
    portal.fail_next = [(429, "3"), (503, "1")]
    report, waits = run(portal, tmp_path / "fetched")
    assert report.fetched == ["kst-21501-02-3121.xml"]
    assert waits == [3.0, 1.0]


def test_fetch_by_identifier_and_bad_identifiers(portal, tmp_path):
    report, _ = run(portal, tmp_path / "f", dossiers=[], kamerstukken=["kst-36455-11"])
    assert report.fetched == ["kst-36455-11.xml"] and report.pages == 0
    with pytest.raises(KgError) as err:
        run(portal, tmp_path / "f", dossiers=[], kamerstukken=["28676-346"])
    assert err.value.kind == "usage" and "kst-DOSSIER-NR" in err.value.hint


def test_fetch_cli_reports_and_needs_something_to_fetch(portal, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_TK_BASE", portal.base)
    monkeypatch.setenv("KG_KOOP_BASE", f"{portal.base}/koop")
    result = CliRunner().invoke(main, ["fetch", "--dossier", "21501-02", "--into", str(tmp_path / "f")])
    assert result.exit_code == 0, result.output
    assert "1 fetched, 0 unchanged, 0 removed, 0 skipped" in result.output
    result = CliRunner().invoke(main, ["fetch", "--into", str(tmp_path / "f")])
    assert result.exit_code == 2 and "nothing to fetch" in result.output
    result = CliRunner().invoke(main, ["fetch", "--dossier", "1", "--since", "yesterday"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
