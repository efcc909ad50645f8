"""The identity of a Kamerstuk as its publishers write it: `kst-DOSSIER[-SUFFIX]-NR`.

KOOP names every Kamerstuk `kst-<dossier>-<number>`, the dossier keeping its suffix: a
begrotingshoofdstuk (`kst-36725-XXIII-8`), an EU-Raad number (`kst-21501-02-3121`). The number
is the last part, so an identifier splits without guessing once it is known to be one; the
readers of every format (KOOP XML, PDF, Tweede Kamer OData) use these functions so that the same
Kamerstuk gets the same identifier, dossier and number whichever file it came from.
"""

from __future__ import annotations

import re

from kg.ingest.doctypes import load_doctypes

#: `kst-36725-XXIII-8` → dossier `36725-XXIII`, number `8`.
KST_IDENTIFIER = re.compile(r"^kst-(?P<dossier>\d+(?:-[0-9A-Za-z]+)*?)-(?P<number>\d+[A-Za-z]?)$")
#: The canonical address of a KOOP publication; the identifier is its last path segment.
PUBLICATION_BASE = "https://zoek.officielebekendmakingen.nl/"


def split_identifier(identifier: str) -> tuple[str, str] | None:
    """(dossier, number) of a `kst-` identifier, None for anything else."""
    m = KST_IDENTIFIER.match(identifier.strip())
    return (m.group("dossier"), m.group("number")) if m else None


def identifier_for(dossier: str, number: str) -> str:
    """The KOOP identifier of Kamerstuk `number` of `dossier` (as `infer_meta` composes it too)."""
    return f"kst-{dossier}-{number}"


def publication_url(identifier: str) -> str:
    """`kst-28676-346` → `https://zoek.officielebekendmakingen.nl/kst-28676-346`."""
    return PUBLICATION_BASE + identifier


def official_doc_type(value: str | None) -> str | None:
    """A publisher's document type ("Motie", "Voorstel van wet") in kg's terms: the doc_type of
    the `data/doctypes.csv` cue that names it exactly, else the type in lower case."""
    if not value or not value.strip():
        return None
    wanted = " ".join(value.split()).lower()
    for cue in load_doctypes():
        if cue.cue.lower() == wanted:
            return cue.doc_type
    return wanted


def iso_date(value: str | None) -> str | None:
    """The calendar date of an ISO 8601 date or timestamp as the source wrote it
    ("2025-04-10T00:00:00+02:00" → "2025-04-10"): the local date, never shifted to UTC."""
    if not value:
        return None
    m = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value.strip())
    return m.group() if m else None
