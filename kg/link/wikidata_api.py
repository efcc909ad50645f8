"""Wikidata's Action API, the two calls `kg link` needs, behind a cache on disk.

`search(text, language)` is `wbsearchentities` (items whose label or alias matches); `entities(ids)`
is `wbgetentities` (labels, aliases and claims of up to 50 items). Every answer is kept in the
cache folder under a hash of its parameters, so a second run asks nothing and `offline=True`
runs from the cache alone (a question not in the cache is then reported, never guessed at).
Requests carry `maxlag=5`, as Wikidata asks of bots: a lagged server answers with a `maxlag`
error and `Retry-After`, which is waited out like a 429.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from kg.errors import KgError
from kg.fetch.http import Http

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
MAX_IDS = 50  # wbgetentities' limit per request


class NotCached(Exception):
    """An offline run met a question the cache cannot answer."""


class Wikidata:
    def __init__(self, cache: Path, *, api: str | None = None, offline: bool = False, http: Http | None = None):
        self.api = api or os.environ.get("KG_WIKIDATA_API") or WIKIDATA_API
        self.cache = Path(cache)
        self.offline = offline
        self.http = http or Http()
        self.cached = 0  # answers served from the cache

    def search(self, text: str, language: str, limit: int = 7) -> list[str]:
        """Item ids whose label or alias in `language` matches `text`, best first."""
        answer = self.call({"action": "wbsearchentities", "search": text, "language": language,
                            "uselang": language, "type": "item", "limit": str(limit)})
        return [hit["id"] for hit in answer.get("search", []) if isinstance(hit, dict) and "id" in hit]

    def entities(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Labels, aliases and claims (in English and Dutch) of the items, by id."""
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), MAX_IDS):
            chunk = sorted(set(ids[start:start + MAX_IDS]))
            answer = self.call({"action": "wbgetentities", "ids": "|".join(chunk),
                                "props": "labels|aliases|claims", "languages": "en|nl"})
            found.update({k: v for k, v in answer.get("entities", {}).items() if "missing" not in v})
        return found

    def call(self, params: dict[str, str]) -> dict[str, Any]:
        """One API answer, from the cache when it holds it."""
        key = hashlib.sha256(urlencode(sorted(params.items())).encode()).hexdigest()
        path = self.cache / f"{key}.json"
        if path.is_file():
            self.cached += 1
            return json.loads(path.read_text(encoding="utf-8"))
        if self.offline:
            raise NotCached(f"{params.get('action')} {params.get('search') or params.get('ids')}")
        attempt = 0
        while True:
            response = self.http.get(f"{self.api}?{urlencode({**params, 'format': 'json', 'maxlag': '5'})}")
            try:
                answer = json.loads(response.body)
            except json.JSONDecodeError:
                raise KgError("input", "Wikidata's answer is not JSON", where=self.api,
                              hint="check --api: it must be a MediaWiki Action API (…/w/api.php)") from None
            error = answer.get("error") if isinstance(answer, dict) else None
            if error and error.get("code") == "maxlag" and attempt < self.http.retries:
                self.http.wait(attempt, response.header("Retry-After"))
                attempt += 1
                continue
            if error:
                raise KgError("input", f"Wikidata refused {params.get('action')}: {error.get('info') or error.get('code')}",
                              where=self.api, hint="this is a bug in kg's request or an API change; report it")
            break
        self.cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
        return answer
