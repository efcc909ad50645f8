"""What `kg fetch` remembers between runs, in `<into>/.fetch-state.json`.

- `feeds`: the SyncFeed position (skiptoken) per feed: `Kamerstukdossier`, and `Document:<dossier>`
  for each tracked dossier (a dossier asked for later starts its own pass over the feed);
- `dossiers`: Kamerstukdossier id → dossier number with its suffix ("21501-02"), from the feed;
- `documents`: per fetched Kamerstuk (by Tweede Kamer Document id, or by identifier when fetched
  by identifier): identifier, file name, SHA-256, ETag, the feed's `bijgewerkt` and the URL.

The file sits beside the documents it indexes (whose folder is skipped by kg's code-and-data
fingerprint, so a fetch does not force every document to be rebuilt). It is written to a
temporary file and renamed after every feed page, so an interrupted run resumes where it was.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.errors import KgError

STATE_FILE = ".fetch-state.json"
VERSION = 1


@dataclass
class Fetched:
    identifier: str
    file: str
    sha256: str
    etag: str | None = None
    updated: str | None = None
    url: str | None = None  # where it was downloaded from; asked again conditionally


@dataclass
class FetchState:
    feeds: dict[str, str] = field(default_factory=dict)
    dossiers: dict[str, str] = field(default_factory=dict)
    documents: dict[str, Fetched] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> "FetchState":
        path = folder / STATE_FILE
        if not path.is_file():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") != VERSION:
                raise ValueError(f"version {raw.get('version')!r}, expected {VERSION}")
            return cls(dict(raw["feeds"]), dict(raw["dossiers"]),
                       {k: Fetched(**v) for k, v in raw["documents"].items()})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KgError("data", f"the fetch state cannot be read ({exc})", where=str(path),
                          hint="delete the file to fetch from the start (files already there are kept)") from None

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / STATE_FILE
        payload = {"version": VERSION, "feeds": self.feeds, "dossiers": self.dossiers,
                   "documents": {k: asdict(v) for k, v in sorted(self.documents.items())}}
        text = json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
