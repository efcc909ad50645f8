"""The Tweede Kamer SyncFeed (`/SyncFeed/2.0/Feed`): Atom pages of changed entities.

The feed is the portal's stable change log (the OData API changes version; the SyncFeed does
not): `Feed?category=<Entity>&skiptoken=<n>` returns the entities changed after position `n`,
oldest first, each `<entry>` holding the entity as tkData XML in its `<content>` (namespace
`http://www.tweedekamer.nl/xsd/tkData/v1-0`, attributes `tk:bijgewerkt`, `tk:verwijderd`), and
a `<link rel="next">` whose `skiptoken` is where to resume. A downloadable entity has a
`<link rel="enclosure">` to `/SyncFeed/2.0/Resources/<id>`. A deleted entity comes back with
`tk:verwijderd="true"` and no fields. A page without `next` is the end of the feed for now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from kg.errors import KgError
from kg.ingest.xml import local, parse_xml

ATOM = "{http://www.w3.org/2005/Atom}"
TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0"
FEED_PATH = "/SyncFeed/2.0/Feed"
RESOURCE_PATH = "/SyncFeed/2.0/Resources/"


@dataclass(frozen=True)
class Entry:
    """One changed entity: its id, category, whether it was deleted, and its fields."""

    id: str
    category: str
    deleted: bool
    updated: str
    fields: dict[str, str] = field(default_factory=dict)  # child element → text, or its `ref`
    enclosure: str | None = None
    next: str | None = None


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    next: str | None


def feed_url(base: str, category: str, skiptoken: str | None) -> str:
    """`<base>/SyncFeed/2.0/Feed?category=Document[&skiptoken=n]`."""
    query = {"category": category, **({"skiptoken": skiptoken} if skiptoken else {})}
    return f"{base.rstrip('/')}{FEED_PATH}?{urlencode(query)}"


def resource_url(base: str, entity_id: str) -> str:
    return f"{base.rstrip('/')}{RESOURCE_PATH}{entity_id}"


def skiptoken(url: str | None) -> str | None:
    """The `skiptoken` of a next link, None when it has none."""
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get("skiptoken")
    return values[0] if values else None


def _entity(entry_el, where: str) -> tuple[str, bool, str, dict[str, str]]:
    content = entry_el.find(f"{ATOM}content")
    payload = next((c for c in content if local(c)), None) if content is not None else None
    if payload is None:
        raise KgError("input", "a feed entry has no entity in its <content>", where=where,
                      hint="the SyncFeed changed shape; report it with the page URL")
    deleted = payload.get(f"{{{TK}}}verwijderd", "false").strip().lower() == "true"
    fields: dict[str, str] = {}
    for child in payload:
        name = local(child)
        if name:
            fields.setdefault(name, child.get("ref") or (child.text or "").strip())
    return payload.get("id") or "", deleted, payload.get(f"{{{TK}}}bijgewerkt", ""), fields


def parse_page(data: bytes, where: str) -> Page:
    """The entries and the next link of one feed page."""
    root = parse_xml(data, where)
    if root.tag != f"{ATOM}feed":
        raise KgError("input", f"is not an Atom feed (root <{local(root)}>)", where=where,
                      hint="check the SyncFeed base URL (--tk-base)")
    entries = []
    for entry_el in root.findall(f"{ATOM}entry"):
        links = {ln.get("rel"): ln.get("href") for ln in entry_el.findall(f"{ATOM}link")}
        category = entry_el.find(f"{ATOM}category")
        entity_id, deleted, updated, fields = _entity(entry_el, where)
        entries.append(Entry(entity_id, category.get("term", "") if category is not None else "", deleted,
                             updated, fields, links.get("enclosure"), links.get("next")))
    page_next = next((ln.get("href") for ln in root.findall(f"{ATOM}link") if ln.get("rel") == "next"), None)
    return Page(entries, page_next)
