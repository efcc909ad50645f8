"""Tweede Kamer open data (OData v4 JSON of gegevensmagazijn.tweedekamer.nl) → records, metadata, text.

Accepted shapes, all seen in the wild: a response body (`{"@odata.context": …, "value": [...]}`,
maybe with `@odata.nextLink`), a bare `value` array, one record (`Zaak?$filter=Id eq …` saved as
its object), and a response wrapped by a collector (`{"url", "params", "status", "headers",
"data"}`). Each record is typed by the entity set the context or the URL names, else by the
properties only its type has (`DocumentNummer`, `BesluitSoort` …); nested records by their
navigation property (`HuidigeDocumentVersie` is a DocumentVersie). Deleted records
(`"Verwijderd": true`) and withheld ones (every property null) are skipped and counted.

As a document: when the records describe one Kamerstuk — a Document (or a Zaak with its Document)
whose version names a `kst-` publication — the metadata is that Kamerstuk's, the same the KOOP XML
and PDF of it give: identifier (`ExterneIdentifier`), dossier and number, type (`Soort`), date
(`Datum`, the local calendar date), title (`Onderwerp`) and submitters (the `ZaakActor`s who
submitted it, else the names in the subject "Motie van het lid Ceder over …"). The text is the
records' free text (titles, subjects, decision texts), one paragraph each, for the extractors.
The records themselves become entities (motions with their zaak numbers and votes, parties,
persons) in `kg.link.tk_records`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from kg.errors import input_error
from kg.ingest.kamerstuk import iso_date, official_doc_type, split_identifier
from kg.ingest.metadata import find_submitters
from kg.ingest.text import Decoded, read_bytes
from kg.model import DocumentMeta

#: Properties that only records of one entity type carry (from the portal's $metadata).
SIGNATURES: dict[str, frozenset[str]] = {
    "Zaak": frozenset({"Nummer", "Soort", "GestartOp"}),
    "Document": frozenset({"DocumentNummer"}),
    "DocumentVersie": frozenset({"ExterneIdentifier", "Versienummer"}),
    "DocumentPublicatie": frozenset({"Identifier", "FileName"}),
    "Kamerstukdossier": frozenset({"HoogsteVolgnummer"}),
    "Besluit": frozenset({"BesluitSoort"}),
    "Stemming": frozenset({"FractieGrootte", "ActorFractie"}),
    "Fractie": frozenset({"Afkorting", "NaamNL"}),
    "Persoon": frozenset({"Achternaam", "Initialen"}),
    "ZaakActor": frozenset({"Zaak_Id", "Relatie"}),
    "DocumentActor": frozenset({"Document_Id", "Relatie"}),
    "Agendapunt": frozenset({"Activiteit_Id", "Volgorde"}),
    "Activiteit": frozenset({"DatumSoort", "Aanvangstijd"}),
}
#: Navigation property → the entity type of the records under it.
NAVIGATION: dict[str, str] = {
    "Document": "Document", "BronDocument": "Document", "BijlageDocument": "Document",
    "HuidigeDocumentVersie": "DocumentVersie", "DocumentVersie": "DocumentVersie",
    "DocumentPublicatie": "DocumentPublicatie", "DocumentPublicatieMetadata": "DocumentPublicatie",
    "Zaak": "Zaak", "VervangenDoor": "Zaak", "VervangenVanuit": "Zaak", "GerelateerdNaar": "Zaak",
    "GerelateerdVanuit": "Zaak", "Kamerstukdossier": "Kamerstukdossier", "Besluit": "Besluit",
    "Stemming": "Stemming", "Agendapunt": "Agendapunt", "Activiteit": "Activiteit",
    "Fractie": "Fractie", "Persoon": "Persoon", "ZaakActor": "ZaakActor", "DocumentActor": "DocumentActor",
}
#: Free-text properties laid out as the document's text, per entity type, in this order.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "Kamerstukdossier": ("Titel",),
    "Zaak": ("Titel", "Onderwerp"),
    "Document": ("Titel", "Onderwerp"),
    "Agendapunt": ("Onderwerp",),
    "Besluit": ("BesluitTekst", "Opmerking"),
}
SUBMITTING = ("Indiener", "Medeindiener")
_CONTEXT = re.compile(r"#(?P<set>[A-Za-z]+)")


@dataclass
class Record:
    """One OData entity: its type, its own properties, and the records expanded under it."""

    type: str
    data: dict[str, Any]
    children: dict[str, list["Record"]] = field(default_factory=dict)

    @property
    def deleted(self) -> bool:
        """Deleted (`Verwijderd`) or withheld (nothing but the id is given)."""
        return self.data.get("Verwijderd") is True or all(
            v is None for k, v in self.data.items() if k not in ("Id", "Verwijderd", "Vergissing"))

    def get(self, name: str) -> Any:
        value = self.data.get(name)
        return value.strip() if isinstance(value, str) else value

    def related(self, navigation: str) -> list["Record"]:
        return [r for r in self.children.get(navigation, []) if not r.deleted]

    def walk(self) -> Iterator["Record"]:
        """This record and every live record expanded under it, depth first."""
        yield self
        for records in self.children.values():
            for child in records:
                if not child.deleted:
                    yield from child.walk()


def _typed(obj: dict[str, Any], entity_type: str | None) -> Record:
    data = {k: v for k, v in obj.items() if not isinstance(v, (dict, list)) and not k.startswith("@")}
    kind = entity_type or next((t for t, keys in SIGNATURES.items() if keys <= obj.keys()), "")
    record = Record(kind, data)
    for name, value in obj.items():
        if isinstance(value, (dict, list)) and name in NAVIGATION:
            items = value if isinstance(value, list) else [value]
            record.children[name] = [_typed(v, NAVIGATION[name]) for v in items if isinstance(v, dict)]
    return record


def unpack(payload: Any) -> tuple[str | None, list[dict[str, Any]]]:
    """(entity set, raw record objects) of any accepted shape (module docstring)."""
    if isinstance(payload, dict) and "data" in payload and "url" in payload:  # a collector's wrapper
        entity_set, records = unpack(payload["data"])
        from_url = re.search(r"/([A-Za-z]+)(?:\(|\?|$)", str(payload.get("url", "")))
        return entity_set or (from_url.group(1) if from_url else None), records
    if isinstance(payload, dict) and isinstance(payload.get("value"), list):
        context = _CONTEXT.search(str(payload.get("@odata.context", "")))
        return (context.group("set") if context else None), [r for r in payload["value"] if isinstance(r, dict)]
    if isinstance(payload, list):
        return None, [r for r in payload if isinstance(r, dict)]
    if isinstance(payload, dict):
        context = _CONTEXT.search(str(payload.get("@odata.context", "")))
        return (context.group("set") if context else None), [payload]
    return None, []


def load_records(path: Path) -> tuple[list[Record], int]:
    """The live records of an OData JSON file and how many deleted or withheld ones were skipped."""
    data = read_bytes(path)
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise input_error(path, f"is not JSON ({exc})",
                          hint="give an OData response of gegevensmagazijn.tweedekamer.nl as saved") from None
    entity_set, objects = unpack(payload)
    known = entity_set if entity_set in SIGNATURES else None
    records = [_typed(obj, known) for obj in objects]
    if not any(r.type for r in records):
        raise input_error(path, "holds no Tweede Kamer records (Zaak, Document, Fractie, Persoon, Besluit, "
                                "Stemming, Kamerstukdossier …)",
                          hint="give an entity response of the OData API, not its service document or $metadata")
    live = [r for r in records if r.type and not r.deleted]
    return live, len(records) - len(live)


# --- the Kamerstuk the records describe ----------------------------------------------------


def kst_identifiers(document: Record) -> set[str]:
    """The `kst-` identifiers a Document record's current version is published under."""
    found: set[str] = set()
    for version in document.related("HuidigeDocumentVersie") + document.related("DocumentVersie"):
        found.add(version.get("ExterneIdentifier") or "")
        found.update(p.get("Identifier") or "" for p in version.related("DocumentPublicatie"))
    dossier = document.related("Kamerstukdossier")
    if dossier and dossier[0].get("Nummer") and document.get("Volgnummer") not in (None, -1):
        suffix = dossier[0].get("Toevoeging")
        found.add(f"kst-{dossier[0].get('Nummer')}{'-' + suffix if suffix else ''}-{document.get('Volgnummer')}")
    return {i for i in found if split_identifier(i)}


def kamerstuk(records: list[Record]) -> tuple[str, Record, Record | None] | None:
    """(identifier, Document, its Zaak) when the records describe exactly one Kamerstuk."""
    found: dict[str, tuple[Record, Record | None]] = {}
    for top in records:
        zaak = top if top.type == "Zaak" else None
        documents = [top] if top.type == "Document" else top.related("Document") if zaak else []
        for document in documents:
            for identifier in kst_identifiers(document):
                found.setdefault(identifier, (document, zaak))
    if len(found) != 1:
        return None
    identifier, (document, zaak) = next(iter(found.items()))
    return identifier, document, zaak


def submitters(document: Record, zaak: Record | None, doc_type: str | None) -> list[str]:
    """Who submitted the Kamerstuk: the submitting actors, else the names its subject gives."""
    actors = [a for r in (zaak, document) if r is not None
              for a in r.related("ZaakActor") + r.related("DocumentActor")
              if a.get("Relatie") in SUBMITTING and a.get("ActorNaam")]
    if actors:
        actors.sort(key=lambda a: SUBMITTING.index(a.get("Relatie")))
        return list(dict.fromkeys(a.get("ActorNaam") for a in actors))
    subject = document.get("Onderwerp") or (zaak.get("Onderwerp") if zaak else None) or ""
    return find_submitters(subject) if doc_type == "motie" else []


def odata_meta(records: list[Record]) -> DocumentMeta | None:
    """The metadata of the one Kamerstuk the records describe (module docstring), or None."""
    found = kamerstuk(records)
    if found is None:
        return None
    identifier, document, zaak = found
    dossier, number = split_identifier(identifier)
    doc_type = official_doc_type(document.get("Soort") or (zaak.get("Soort") if zaak else None))
    return DocumentMeta(
        identifier=identifier, dossier=dossier, number=number, doc_type=doc_type,
        date=iso_date(document.get("Datum") or (zaak.get("GestartOp") if zaak else None)),
        title=document.get("Onderwerp") or (zaak.get("Onderwerp") if zaak else None),
        submitters=submitters(document, zaak, doc_type),
    )


def odata_text(records: list[Record]) -> str:
    """The records' free text, one paragraph per distinct value, in record order."""
    seen: dict[str, None] = {}
    for top in records:
        for record in top.walk():
            for name in TEXT_FIELDS.get(record.type, ()):
                value = record.get(name)
                if isinstance(value, str) and value:
                    seen.setdefault(" ".join(value.split()), None)
    return "\n\n".join(seen) + ("\n" if seen else "")


def read_odata(path: Path) -> Decoded:
    """Reader for Tweede Kamer OData JSON files."""
    records, skipped = load_records(path)
    warnings = (f"{skipped} deleted or withheld record(s) skipped",) if skipped else ()
    return Decoded(odata_text(records), format="tk-odata", warnings=warnings, meta=odata_meta(records))
