"""Content negotiation: which format an answer is written in, from the request's Accept header.

SPARQL 1.1 Protocol §2.1.2 leaves the choice to HTTP content negotiation: solutions and booleans
as SPARQL results (JSON, XML, CSV, TSV), graphs as RDF (Turtle, N-Triples, JSON-LD). The first
format of each list is the default for `*/*` or no Accept header; `application/json` and
`application/xml` are taken as the SPARQL results formats, which is what browser tools send.
"""

from __future__ import annotations

import pyoxigraph as ox

#: media type → format, per kind of answer; the first entry is the default.
RESULTS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPHS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def accepted(header: str | None) -> list[str]:
    """The media ranges of an Accept header, best first (by q, then by order); q=0 is dropped."""
    ranges: list[tuple[float, int, str]] = []
    for index, part in enumerate((header or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranges)] or ["*/*"]


def choose(header: str | None, offered: dict[str, object]):
    """The media type and format to answer in, or None when nothing offered is acceptable (406)."""
    names = list(offered)
    for media in accepted(header):
        if media in offered:
            return media, offered[media]
        if media == "*/*":
            return names[0], offered[names[0]]
        if media.endswith("/*"):
            for name in names:
                if name.startswith(media[:-1]):
                    return name, offered[name]
    return None
