"""`kg link --wikidata`: find the Wikidata item of entities no source in data/ links, or none.

For each entity (a mission, initiative or organisation without `skos:exactMatch` in the store
and without a row in `data/links/wikidata.csv`): search Wikidata with its English and its Dutch
label, fetch the candidates, and keep those that are a direct instance (P31) of a class listed
for the entity's type in `data/links/wikidata-types.csv`. A kept candidate's score is the best
similarity (difflib ratio, case and punctuation ignored) between the entity's labels and the
item's labels and aliases. The best candidate is accepted when it scores at least `THRESHOLD`
and no other candidate scores as well; otherwise the row records "no item" and why. Never a
guess: an entity with two equally good items stays unlinked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Callable
from urllib.parse import unquote

from kg.link.wikidata_api import NotCached, Wikidata
from kg.link.wikidata_links import Link
from kg.namespaces import ID, entity_iri

THRESHOLD = 0.9
#: The entity types `kg link --wikidata` looks up (countries, parties and persons have their
#: items from the shared tables; Kamerstukken and motions are no Wikidata items).
LOOKUP_TYPES = ("Mission", "Initiative", "Organisation")
SOURCE = "wikidata-api"


@dataclass(frozen=True)
class Unlinked:
    """An entity to look up: its key and its (label, language) pairs, preferred first."""

    key: str
    labels: tuple[tuple[str, str], ...]

    @property
    def names(self) -> list[str]:
        return [label for label, _lang in self.labels]

    @property
    def type(self) -> str:
        return self.key.split("/", 1)[0]


@dataclass
class LinkReport:
    accepted: list[Link] = field(default_factory=list)
    unmatched: list[Link] = field(default_factory=list)
    not_cached: list[str] = field(default_factory=list)  # keys an offline run could not decide
    requests: int = 0
    cached: int = 0


def _plain(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _plain(a), _plain(b)).ratio()


def _values(item: dict[str, Any], field_name: str) -> list[str]:
    """Label or alias values of an item in English and Dutch."""
    found = []
    for lang in ("en", "nl"):
        value = item.get(field_name, {}).get(lang)
        entries = value if isinstance(value, list) else [value] if value else []
        found.extend(e["value"] for e in entries if isinstance(e, dict) and e.get("value"))
    return found


def instance_of(item: dict[str, Any]) -> set[str]:
    """The classes an item is a direct instance of (its P31 claims)."""
    classes = set()
    for claim in item.get("claims", {}).get("P31", []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value", {})
        if isinstance(value, dict) and value.get("id"):
            classes.add(value["id"])
    return classes


def choose(entity: Unlinked, client: Wikidata, classes: dict[str, str], today: str) -> Link:
    """The row for one entity: its accepted item, or no item with the reason as source."""
    ids: list[str] = []
    for label, language in entity.labels:
        ids.extend(i for i in client.search(label, language) if i not in ids)
    label = entity.names[0]
    if not ids:
        return Link(entity.key, None, label, None, today, f"{SOURCE}: no search result")
    scored: list[tuple[float, str]] = []
    for qid, item in client.entities(ids).items():
        if not instance_of(item) & set(classes):
            continue
        names = _values(item, "labels") + _values(item, "aliases")
        score = max((similarity(a, b) for a in entity.names for b in names), default=0.0)
        scored.append((round(score, 2), qid))
    good = sorted((s for s in scored if s[0] >= THRESHOLD), reverse=True)
    if not good:
        why = "no candidate of an accepted class" if not scored else f"best label match {max(scored)[0]:.2f}"
        return Link(entity.key, None, label, max(scored)[0] if scored else None, today, f"{SOURCE}: {why}")
    if len(good) > 1 and good[0][0] == good[1][0]:
        tied = " ".join(sorted(q for s, q in good if s == good[0][0]))
        return Link(entity.key, None, label, good[0][0], today, f"{SOURCE}: ambiguous ({tied})")
    return Link(entity.key, good[0][1], label, good[0][0], today, SOURCE)


def link_entities(entities: list[Unlinked], client: Wikidata, types: dict[str, dict[str, str]], today: str,
                  on_entity: Callable[[Unlinked], None] | None = None) -> LinkReport:
    """Look up every entity whose type has accepted classes (module docstring)."""
    report = LinkReport()
    for entity in entities:
        if on_entity:
            on_entity(entity)
        classes = types.get(entity.type)
        if not classes:
            continue
        try:
            link = choose(entity, client, classes, today)
        except NotCached:
            report.not_cached.append(entity.key)
            continue
        (report.accepted if link.wikidata else report.unmatched).append(link)
    report.requests, report.cached = client.http.requests, client.cached
    return report


#: The entities of the store that `kg link --wikidata` may look up: of a looked-up type,
#: mentioned by a document (the reference graph also describes data-file entities no document
#: names), with no `skos:exactMatch` in any graph; English label first, then Dutch, then the rest.
UNLINKED_SPARQL = """
SELECT ?entity ?class (SAMPLE(?en) AS ?labelEn) (SAMPLE(?nl) AS ?labelNl) WHERE {
  VALUES ?class { %s }
  GRAPH ?g { ?entity a ?class }
  FILTER EXISTS { GRAPH ?m { ?document kg:mentions ?entity } }
  OPTIONAL { GRAPH ?h { ?entity skos:prefLabel ?en FILTER(LANGMATCHES(LANG(?en), "en")) } }
  OPTIONAL { GRAPH ?i { ?entity skos:prefLabel ?nl FILTER(LANGMATCHES(LANG(?nl), "nl")) } }
  FILTER NOT EXISTS { GRAPH ?j { ?entity skos:exactMatch ?item } }
}
GROUP BY ?entity ?class
ORDER BY ?entity
""" % " ".join(f"kg:{t}" for t in LOOKUP_TYPES)


def entity_key(iri: str, kind: str) -> str:
    """The entity key an entity IRI was minted from (`…/id/mission/rsm` → `Mission/rsm`)."""
    prefix = f"{ID}{kind.lower()}/"
    key = f"{kind}/{unquote(iri[len(prefix):])}" if iri.startswith(prefix) else ""
    if not key or entity_iri(key) != iri:
        raise ValueError(f"not an entity IRI of type {kind}: {iri}")
    return key


def unlinked(rows: list[dict[str, str]]) -> list[Unlinked]:
    """`UNLINKED_SPARQL` rows as entities to look up."""
    found = []
    for row in rows:
        kind = row["class"].rsplit("#", 1)[-1]
        labels = tuple(dict.fromkeys((v, lang) for v, lang in ((row.get("labelEn"), "en"), (row.get("labelNl"), "nl")) if v))
        if labels:
            found.append(Unlinked(entity_key(row["entity"], kind), labels))
    return found
