"""`tk_records`: the Tweede Kamer's own records (OData JSON) as entities and votes.

A document read from the Kamer's open data (`kg.ingest.odata`, format `tk-odata`) carries more
than text: the records say which party groups and members exist under which Kamer ids, which
zaak a motion is, which Kamerstuk publishes it, and how every party group voted on it. This
component turns them into the graph's own nodes, each id taken from the record, none composed:

* a Fractie → the Party of `data/parties_aliases.csv` its name or abbreviation names (so it
  joins the party the text extractors find, with its Wikidata item), else a Party of its own
  name; `tk_fractie` = the Fractie's Id;
* a Persoon → the Person of `data/persons-wikidata.csv` whose Tweede Kamer id it is (with the
  Wikidata and Parlement.com ids of that row), else a Person of its own name; `tk_person` = Id;
* a Zaak of kind Motie → `Motion/<zaak number>` with `tk_zaak`, and a `motions` fact linking it
  to the Kamerstuk that publishes it (the document itself when the records describe one
  Kamerstuk: that Kamerstuk is added as an entity to carry its `tk_document` number);
* a Stemming whose motion the records give (Stemming → Besluit → Agendapunt → Zaak, or the
  other way round) → a `votes` fact: party group or member, motion, choice, seats, decision.
  A vote's evidence is the motion's subject as the text gives it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from kg.extract.parties import Party, parties
from kg.extract.persons import KnownPerson, known_persons
from kg.extract.registry import extractor
from kg.ingest.kamerstuk import split_identifier
from kg.ingest.odata import Record, kamerstuk, kst_identifiers, load_records
from kg.model import Doc, Entity, Fact
from kg.namespaces import kamerstuk_key, slug

NAME = "tk_records"
FORMAT = "tk-odata"
MOTION_KINDS = ("Motie",)


@lru_cache(maxsize=1)
def persons_by_tk_id() -> dict[str, KnownPerson]:
    """Rows of the persons file by their Tweede Kamer person id."""
    return {dict(p.ids)["tk_person"]: p for rows in known_persons().values() for p in rows
            if "tk_person" in dict(p.ids)}


@lru_cache(maxsize=1)
def _known_parties() -> dict[str, Party]:
    """The parties of the alias table by alias in any case and by key: the Kamer writes "FVD"
    where the table has "FvD"."""
    found: dict[str, Party] = {}
    for alias, (party, _anywhere) in parties().by_alias.items():
        found.setdefault(alias.casefold(), party)
        found.setdefault(party.key, party)
    return found


def party_entity(name: str | None, short: str | None, fractie_id: str | None) -> Entity | None:
    """The party a Fractie record or a vote names, with the Fractie's Kamer id."""
    label = short or name
    if not label:
        return None
    table = _known_parties()
    known = next((table[k] for k in (short and short.casefold(), name and name.casefold(), f"Party/{slug(label)}")
                  if k and k in table), None)
    entity = known.entity() if known is not None else Entity(f"Party/{slug(label)}", "Party", label, {"nl": label})
    if fractie_id:
        entity.ids["tk_fractie"] = fractie_id
    return entity


def actor_name(name: str) -> str:
    """The Kamer's "Surname prefix, Initials (First name)" as written in text: "Esch van, E.M.
    (Eva)" → "Eva van Esch", "Hil van den, J." → "J. van den Hil"; other forms unchanged."""
    m = re.fullmatch(r"(?P<rest>[^,()]+),\s*(?P<initials>[^,()]*?)\s*(?:\((?P<first>[^()]+)\))?", name.strip())
    if not m:
        return name
    words = m["rest"].split()
    cut = len(words)
    while cut > 1 and words[cut - 1].islower():
        cut -= 1
    return " ".join(filter(None, (m["first"] or m["initials"], " ".join(words[cut:]), " ".join(words[:cut]))))


def person_entity(person_id: str | None, record: Record | None, name: str | None) -> Entity | None:
    """The member a Persoon record or a roll-call vote names, by Kamer id first."""
    known = persons_by_tk_id().get(person_id or "")
    if known is not None:
        return Entity(f"Person/{slug(known.name)}", "Person", known.name, {}, dict(known.ids))
    if record is not None:
        parts = (record.get("Roepnaam") or record.get("Initialen"), record.get("Tussenvoegsel"), record.get("Achternaam"))
        name = " ".join(p for p in parts if p) or name
    elif name:
        name = actor_name(name)
    if not name:
        return None
    entity = Entity(f"Person/{slug(name)}", "Person", name)
    if person_id:
        entity.ids["tk_person"] = person_id
    return entity


def _walk(record: Record, above: tuple[Record, ...] = ()) -> Iterator[tuple[Record, tuple[Record, ...]]]:
    """Every live record with the records it is expanded under."""
    yield record, above
    for children in record.children.values():
        for child in children:
            if not child.deleted:
                yield from _walk(child, above + (record,))


def _motion_zaken(record: Record, above: tuple[Record, ...]) -> list[Record]:
    """The motion zaken a record is about: expanded under it, or it under them."""
    found = [r for r in above if r.type == "Zaak"] + [r for r in record.walk() if r.type == "Zaak"]
    unique = {z.get("Id") or z.get("Nummer"): z for z in found if z.get("Soort") in MOTION_KINDS and z.get("Nummer")}
    return list(unique.values())


def _evidence(doc: Doc, zaak: Record) -> tuple[int, int] | None:
    """The span of the zaak's subject (else its title) in the normalised text."""
    for name in ("Onderwerp", "Titel"):
        value = " ".join((zaak.get(name) or "").split())
        at = doc.text.find(value) if value else -1
        if at >= 0:
            return at, at + len(value)
    return None


def _motion(doc: Doc, zaak: Record, own: str | None) -> str:
    """Register the motion of a zaak; link it to the Kamerstuk that publishes it."""
    key = f"Motion/{zaak.get('Nummer')}"
    label = zaak.get("Onderwerp") or zaak.get("Nummer")
    doc.add_entity(Entity(key, "Motion", label, {"nl": label}, {"tk_zaak": zaak.get("Nummer")}))
    published = {i for d in zaak.related("Document") for i in kst_identifiers(d)}
    span = _evidence(doc, zaak)
    if len(published) == 1 and span is not None:
        ref = next(iter(published))[4:]
        kamerstuk_entity = Entity(kamerstuk_key(ref), "Kamerstuk", ref)
        if own is not None and ref == own[0]:
            kamerstuk_entity.ids["tk_document"] = own[1]
        doc.add_entity(kamerstuk_entity)
        doc.facts.append(Fact("motions", {"motion": key, "kamerstuk": kamerstuk_entity.key},
                              {"submitters": [], "self": False}, *span))
    return key


@extractor(NAME, requires=("text", "meta"), assigns=("mentions:Motion", "mentions:Party", "mentions:Person", "facts:votes"))
def link_records(doc: Doc) -> None:
    """Entities and votes from the records of a `tk-odata` document (module docstring)."""
    if doc.document.format != FORMAT:
        return
    records, _skipped = load_records(doc.document.source)
    described = kamerstuk(records)
    own = None
    if described is not None and split_identifier(described[0]):
        number = described[1].get("DocumentNummer")
        own = (described[0][4:], number) if number else None
    for top in records:
        for record, above in _walk(top):
            if record.type == "Fractie":
                entity = party_entity(record.get("NaamNL"), record.get("Afkorting"), record.get("Id"))
                if entity:
                    doc.add_entity(entity)
            elif record.type == "Persoon":
                entity = person_entity(record.get("Id"), record, None)
                if entity:
                    doc.add_entity(entity)
            elif record.type == "Zaak" and record.get("Soort") in MOTION_KINDS and record.get("Nummer"):
                _motion(doc, record, own)
            elif record.type == "Stemming":
                _vote(doc, record, above)


def _vote(doc: Doc, stemming: Record, above: tuple[Record, ...]) -> None:
    zaken = _motion_zaken(stemming, above)
    fractie = (stemming.related("Fractie") or [None])[0]
    persoon = (stemming.related("Persoon") or [None])[0]
    party = party_entity(fractie.get("NaamNL") if fractie else stemming.get("ActorFractie"),
                         fractie.get("Afkorting") if fractie else None, stemming.get("Fractie_Id"))
    person = person_entity(stemming.get("Persoon_Id"), persoon, stemming.get("ActorNaam")) \
        if stemming.get("Persoon_Id") else None
    for entity in filter(None, (party, person)):
        doc.add_entity(entity)
    if len(zaken) != 1 or not stemming.get("Soort") or (party is None and person is None):
        return
    span = _evidence(doc, zaken[0])
    if span is None:
        return
    motion = _motion(doc, zaken[0], None)
    besluit = next((r for r in above + tuple(stemming.walk()) if r.type == "Besluit"), None)
    roles = {"motion": motion}
    if party is not None:
        roles["party"] = party.key
    if person is not None:
        roles["person"] = person.key
    doc.facts.append(Fact("votes", roles, {
        "choice": stemming.get("Soort"), "seats": stemming.get("FractieGrootte"),
        "mistake": stemming.get("Vergissing"), "decision": besluit.get("BesluitSoort") if besluit else None,
    }, *span))
