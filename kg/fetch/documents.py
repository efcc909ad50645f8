"""`kg fetch`: Kamerstukken from the official sources into a folder, incrementally.

By dossier, the Tweede Kamer SyncFeed says what changed: the `Kamerstukdossier` feed maps the
Kamer's dossier ids to dossier numbers, the `Document` feed lists every document with its dossier
(`<kamerstukdossier ref>`) and number in it (`<volgnummer>`). Each Kamerstuk of the dossier is
then downloaded from KOOP as XML (`<koop>/kst-…-….xml`: it carries structure and metadata),
else as the Kamer's own file (`/SyncFeed/2.0/Resources/<id>`, a PDF). Its identifier is
composed the KOOP way, `kst-<dossier>-<volgnummer>`, from those two source fields.

Incremental and polite: the feed position (skiptoken) is kept, so a second run reads one page
and downloads nothing; a document whose `bijgewerkt` is unchanged is not asked for again, and a
changed one is asked for conditionally (`If-None-Match`) and rewritten only when its bytes
changed. A deletion in the feed (`tk:verwijderd="true"`) removes the file: the next
`kg build <folder> --prune` drops its graph. Requests go one at a time with retries and backoff
(`kg.fetch.http`). By identifier (`--kamerstuk kst-21501-02-3121`), the KOOP XML is fetched
directly, without the feed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.datafiles import DATA_DIR
from kg.errors import KgError
from kg.fetch.http import Http, Response
from kg.fetch.state import FetchState, Fetched
from kg.fetch.syncfeed import Entry, feed_url, parse_page, resource_url, skiptoken
from kg.ingest.kamerstuk import identifier_for, iso_date, split_identifier

TK_BASE = "https://gegevensmagazijn.tweedekamer.nl"
KOOP_BASE = "https://zoek.officielebekendmakingen.nl"
DEFAULT_INTO = DATA_DIR / "fetch" / "documents"
#: Content types kg has a reader for, and the suffix their file gets.
SUFFIXES = {"application/pdf": ".pdf", "application/xml": ".xml", "text/xml": ".xml"}


@dataclass
class FetchReport:
    into: Path
    fetched: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0
    requests: int = 0


class Fetcher:
    """One run of `kg fetch` over one folder and its state."""

    def __init__(self, into: Path, *, tk_base: str | None = None, koop_base: str | None = None,
                 http: Http | None = None, on_item: Callable[[str], None] | None = None):
        self.into = Path(into)
        self.tk_base = (tk_base or os.environ.get("KG_TK_BASE") or TK_BASE).rstrip("/")
        self.koop_base = (koop_base or os.environ.get("KG_KOOP_BASE") or KOOP_BASE).rstrip("/")
        self.http = http or Http(pause=0.2)
        self.on_item = on_item
        self.state = FetchState.load(self.into)
        self.report = FetchReport(self.into)

    # --- by identifier -------------------------------------------------------------------

    def kamerstuk(self, identifier: str) -> None:
        """Fetch one Kamerstuk's KOOP XML by its identifier."""
        if split_identifier(identifier) is None:
            raise KgError("usage", f"{identifier!r} is not a Kamerstuk identifier",
                          hint="write it as KOOP does: kst-DOSSIER-NR, e.g. kst-21501-02-3121 or kst-36725-XXIII-8")
        self._download(identifier, identifier, None, None)
        self.state.save(self.into)

    # --- by dossier, through the SyncFeed ------------------------------------------------

    def dossier(self, dossier: str, since: str | None = None) -> None:
        """Follow the feeds for one dossier ("28676", "21501-02") from where the last run stopped."""
        self._sync("Kamerstukdossier", "Kamerstukdossier", self._on_dossier)
        self._sync(f"Document:{dossier}", "Document", lambda e: self._on_document(e, dossier, since))

    def _sync(self, key: str, category: str, handle: Callable[[Entry], None]) -> None:
        token = self.state.feeds.get(key)
        while True:
            url = feed_url(self.tk_base, category, token)
            page = parse_page(self.http.get(url).body, url)
            self.report.pages += 1
            for entry in page.entries:
                if entry.category in ("", category):
                    handle(entry)
                token = skiptoken(entry.next) or token
            token = skiptoken(page.next) or token
            if token:
                self.state.feeds[key] = token
            self.state.save(self.into)
            if not page.next or not page.entries:
                return

    def _on_dossier(self, entry: Entry) -> None:
        if entry.deleted:
            self.state.dossiers.pop(entry.id, None)
        elif entry.fields.get("nummer"):
            suffix = entry.fields.get("toevoeging")
            self.state.dossiers[entry.id] = f"{entry.fields['nummer']}-{suffix}" if suffix else entry.fields["nummer"]

    def _on_document(self, entry: Entry, dossier: str, since: str | None) -> None:
        known = self.state.documents.get(entry.id)
        if entry.deleted:
            if known is not None:
                (self.into / known.file).unlink(missing_ok=True)
                del self.state.documents[entry.id]
                self.report.removed.append(known.file)
            return
        number = entry.fields.get("volgnummer", "")
        if self.state.dossiers.get(entry.fields.get("kamerstukdossier", "")) != dossier or not number.isdigit() \
                or int(number) <= 0:
            return  # another dossier's document, or one without a number in the dossier
        if since and (iso_date(entry.fields.get("datum")) or "") < since:
            return
        if known is not None and known.updated == entry.updated and (self.into / known.file).is_file():
            self.report.unchanged.append(known.file)
            return
        self._download(entry.id, identifier_for(dossier, number), entry.updated,
                       entry.enclosure or resource_url(self.tk_base, entry.id))

    # --- downloading ---------------------------------------------------------------------

    def _get(self, url: str, known: Fetched | None) -> Response:
        headers = {"If-None-Match": known.etag} if known is not None and known.etag and known.url == url else {}
        return self.http.get(url, headers, accept=(200, 304, 404))

    def _download(self, key: str, identifier: str, updated: str | None, resource: str | None) -> None:
        if self.on_item:
            self.on_item(identifier)
        known = self.state.documents.get(key)
        urls = [known.url] if known is not None and known.url else []
        urls += [u for u in (f"{self.koop_base}/{identifier}.xml", resource) if u and u not in urls]
        for url in urls:
            response = self._get(url, known)
            if response.status == 404:
                continue
            if response.status == 304:
                self._unchanged(key, known, updated)
                return
            self._store(key, identifier, url, response, updated)
            return
        self.report.skipped.append((identifier, "published neither as KOOP XML nor as a Tweede Kamer file"))

    def _unchanged(self, key: str, known: Fetched, updated: str | None) -> None:
        self.report.unchanged.append(known.file)
        self.state.documents[key] = Fetched(known.identifier, known.file, known.sha256, known.etag, updated, known.url)

    def _store(self, key: str, identifier: str, url: str, response: Response, updated: str | None) -> None:
        content_type = (response.header("Content-Type") or "").split(";")[0].strip().lower()
        suffix = ".xml" if url.startswith(self.koop_base) else SUFFIXES.get(content_type)
        if suffix is None:
            self.report.skipped.append((identifier, f"the file is {content_type or 'of unknown type'}, which kg cannot read"))
            return
        name = identifier + suffix
        digest = hashlib.sha256(response.body).hexdigest()
        known = self.state.documents.get(key)
        etag = response.header("ETag")
        if known is not None and known.sha256 == digest and (self.into / known.file).is_file():
            self.report.unchanged.append(known.file)
        else:
            self.into.mkdir(parents=True, exist_ok=True)
            tmp = self.into / (name + ".part")
            tmp.write_bytes(response.body)
            os.replace(tmp, self.into / name)
            if known is not None and known.file != name:
                (self.into / known.file).unlink(missing_ok=True)
            self.report.fetched.append(name)
        self.state.documents[key] = Fetched(identifier, name, digest, etag, updated, url)


def fetch(into: Path | None = None, *, dossiers: list[str] = (), kamerstukken: list[str] = (), since: str | None = None,
          tk_base: str | None = None, koop_base: str | None = None, http: Http | None = None,
          on_item: Callable[[str], None] | None = None) -> FetchReport:
    """Fetch the Kamerstukken of `dossiers` (through the SyncFeed) and `kamerstukken` (by id)."""
    if not dossiers and not kamerstukken:
        raise KgError("usage", "nothing to fetch", hint="give --dossier 28676 and/or --kamerstuk kst-28676-346")
    fetcher = Fetcher(Path(into) if into else DEFAULT_INTO, tk_base=tk_base, koop_base=koop_base, http=http,
                      on_item=on_item)
    for identifier in kamerstukken:
        fetcher.kamerstuk(identifier)
    for dossier in dossiers:
        fetcher.dossier(dossier.replace(" ", ""), since)
    fetcher.report.requests = fetcher.http.requests
    return fetcher.report
