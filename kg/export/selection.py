"""Which stored documents an export covers: named ones, or those dated within a range.

An analyst names a document the way it reaches them — its file name, its official identifier
(`kst-28676-346`), its Kamerstuk number (`28676-346`) or its IRI — so all of these resolve.
A reduced date (`2021`, `2021-03`) is compared at its own precision: a document dated `2021`
lies within 2021-06-01..2021-12-31, as it may have been written then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from kg.errors import KgError
from kg.namespaces import sparql_prologue
from kg.store import Store

_DOCUMENTS = sparql_prologue() + """
SELECT ?doc ?g ?source ?identifier ?notation ?date WHERE {
  GRAPH ?g { ?doc kg:sourceFile ?source .
    OPTIONAL { ?doc dcterms:identifier ?identifier }
    OPTIONAL { ?doc skos:notation ?notation }
    OPTIONAL { ?doc dcterms:date ?date } }
}"""

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class StoredDoc:
    """A document in the store, with every name it can be asked for by."""

    iri: str
    graph: str
    source: str
    date: str | None
    names: frozenset[str]


def stored_documents(store: Store) -> list[StoredDoc]:
    """Every document of the store, sorted by source file."""
    found: dict[str, dict] = {}
    for row in store.query(_DOCUMENTS):
        doc = found.setdefault(row["doc"].value, {"graph": row["g"].value, "source": row["source"].value,
                                                  "date": None, "names": set()})
        for key in ("doc", "g", "source", "identifier", "notation"):
            if row[key] is not None:
                doc["names"].add(row[key].value)
        if row["date"] is not None:
            doc["date"] = row["date"].value
    return sorted((StoredDoc(iri, d["graph"], d["source"], d["date"], frozenset(d["names"]))
                   for iri, d in found.items()), key=lambda d: d.source)


def check_date(value: str | None, option: str) -> str | None:
    """A bound of a date range as given (`2021`, `2021-03`, `2021-03-15`), or a usage error."""
    if value is not None and not _DATE.fullmatch(value):
        raise KgError("usage", f"{option} {value!r} is not a date", hint="write YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether a document date lies in [since, until], each compared at the shorter precision."""
    if since is None and until is None:
        return True
    if date is None:
        return False
    return (since is None or date >= since[: len(date)]) and (until is None or date[: len(until)] <= until)


def select_documents(store: Store, names: Iterable[str] = (), since: str | None = None,
                     until: str | None = None) -> list[StoredDoc] | None:
    """The documents named (by any of their names) and dated within the range; `None` when
    neither is given, meaning the whole store."""
    names = list(names)
    check_date(since, "--since")
    check_date(until, "--until")
    if not names and since is None and until is None:
        return None
    documents = stored_documents(store)
    chosen = documents
    if names:
        unknown = [n for n in names if not any(n in d.names for d in documents)]
        if unknown:
            known = ", ".join(d.source for d in documents) or "none (the store is empty)"
            raise KgError("usage", f"no stored document named {', '.join(map(repr, unknown))}",
                          hint=f"name a document by file name, identifier, Kamerstuk number or IRI; stored: {known}")
        chosen = [d for d in documents if d.names & set(names)]
    return [d for d in chosen if in_range(d.date, since, until)]
