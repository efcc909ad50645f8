"""Polite HTTP GET for the fetchers of kg: one request at a time, retries with backoff.

The Tweede Kamer's Gegevensmagazijn and Wikidata both throttle: a 429 or 503 (or Wikidata's
`maxlag` error) says when to come back in `Retry-After`, which is honoured (capped); other
transient failures (5xx, timeouts, refused connections) back off exponentially. Every request
says who is asking (`User-Agent`, as Wikidata's policy requires). Only http(s) URLs are
fetched, so a URL found in a document can never make kg read a local file. The standard
library's urllib does the work: kg needs GET and conditional GET, nothing a client library adds.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable

from kg import __version__
from kg.errors import KgError

USER_AGENT = f"kg/{__version__} (knowledge graph of NATO policy from Dutch Kamerstukken; python-urllib)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - (time.time() if now is None else now))
    except (TypeError, ValueError):
        return None


class Http:
    """GET with retries. `sleep` is injectable so that tests assert the waits without waiting;
    `requests` counts the requests sent (tests bound them)."""

    def __init__(self, *, user_agent: str = USER_AGENT, timeout: float = 30.0, retries: int = 4,
                 backoff: float = 1.0, max_wait: float = 120.0, pause: float = 0.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.user_agent = user_agent
        self.pause = pause  # seconds between two requests: one client, one request at a time
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.requests = 0

    def wait(self, attempt: int, header: str | None) -> None:
        """Sleep as the server asked, else 1, 2, 4 … × backoff seconds; never above max_wait."""
        asked = retry_after(header)
        self.sleep(min(self.max_wait, asked if asked is not None else self.backoff * 2 ** attempt))

    def get(self, url: str, headers: dict[str, str] | None = None, *, accept: tuple[int, ...] = (200,)) -> Response:
        """The response to GET `url`; a status in `accept` is returned, a transient one retried,
        any other raised as KgError("input") naming the URL."""
        if not url.startswith(("http://", "https://")):
            raise KgError("usage", f"not an http(s) URL: {url!r}", hint="base URLs must start with http:// or https://")
        attempt = 0
        while True:
            if self.requests and self.pause:
                self.sleep(self.pause)
            request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, **(headers or {})})
            self.requests += 1
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    result = Response(response.status, response.read(), dict(response.headers.items()))
            except urllib.error.HTTPError as exc:
                result = Response(exc.code, exc.read() or b"", dict(exc.headers.items()) if exc.headers else {})
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                if attempt < self.retries:
                    self.wait(attempt, None)
                    attempt += 1
                    continue
                raise KgError("input", f"cannot be reached ({getattr(exc, 'reason', exc)})", where=url,
                              hint="check the network connection and the base URL; kg retried "
                                   f"{self.retries} time(s)") from None
            if result.status in accept:
                return result
            if result.status not in RETRY_STATUS or attempt >= self.retries:
                raise KgError("input", f"HTTP {result.status}", where=url,
                              hint="the server refused the request; try again later, or check the URL")
            self.wait(attempt, result.header("Retry-After"))
            attempt += 1
