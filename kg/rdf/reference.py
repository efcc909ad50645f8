"""The reference graph: what kg's own data files say about the entities they define, once.

Every document that names NATO, the United States or the VVD used to repeat their types,
labels and identifiers in its own graph: about half of all quads a build wrote, and writing is
what a build costs most (~22 µs a quad). The descriptions that come from the data files —
gazetteer, countries, parties, accepted Wikidata links — are now written once, into
`REFERENCE_GRAPH`; this module says which entities that graph describes, and `kg.rdf.triples`
writes it (`reference_quads`) and leaves out of a document's graph every triple it holds. A document's graph keeps what only it says: its mentions and
offsets, its facts, and descriptions the data files lack (discovered names, Kamerstukken,
motions, surface forms). The union of the two graphs — what queries read — holds exactly what
a self-contained document graph held.

The reference graph carries kg's fingerprint (code and data) as its `kg:contentHash`. A build
rewrites it, in one transaction, when the fingerprint changed — which is exactly when every
document's content hash changes too, so each document graph is rewritten against the
reference stored beside it.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.datafiles import DATA_DIR
from kg.model import Entity
from kg.namespaces import ID, sparql_prologue

#: The one graph holding the data files' entity descriptions (never a document's graph).
REFERENCE_GRAPH = ID + "graph/reference"


def reference_entities() -> Iterator[Entity]:
    """Every entity a data file defines, built as the extractors build it when they match one,
    with the data files' aliases (gazetteer patterns, Dutch country forms) as alternative
    labels: they are what documents mention these entities by, so their surface forms then
    need no triple of their own in each document's graph.

    Persons are left out: a document names a person it cannot link by the same key as the
    listed one ("de Roon"), but labelled its own way ("R. de Roon"), and two preferred labels
    would then meet in the union. Anything an extractor adds per document stays in that
    document's graph.
    """
    # imported here, not with the module: the build's writer imports this module for the graph's
    # name and query, and loads the extractors (~0.15 s) only when it writes this graph
    import pycountry

    from kg.extract import countries, gazetteer, parties
    from kg.link.wikidata_links import LINKS_CSV, accepted_links

    seen: set[str] = set()  # a key given twice is kept as first defined
    links = accepted_links(LINKS_CSV)
    candidates: list[Entity] = []
    for entry in gazetteer.load(DATA_DIR / "gazetteer"):
        entity = entry.entity()
        entity.alt_labels.update(p for p in entry.patterns if p not in entry.labels.values())
        candidates.append(entity)
    known = countries.gazetteer().countries
    forms: dict[str, set[str]] = {}
    codes = set(known) | {c.alpha_2 for c in pycountry.countries}  # territories' rows are valid too
    for iso, form, kind in countries.load_forms(DATA_DIR / "countries_nl.csv", codes):
        if kind not in ("blocked", "territory"):
            forms.setdefault(iso, set()).add(form)
    for iso, country in known.items():
        entity = country.entity()
        entity.alt_labels.update(forms.get(iso, ()))
        candidates.append(entity)
    candidates += [party.entity() for party, _ in parties.parties().by_alias.values()]
    for entity in candidates:
        if entity.key not in seen:
            seen.add(entity.key)
            if entity.key in links:
                entity.ids.setdefault("wikidata", links[entity.key])
            yield entity


def stored_fingerprint_query() -> str:
    """SPARQL for the fingerprint the stored reference graph was written with (no row: none)."""
    return (sparql_prologue() + f"SELECT ?hash WHERE {{ GRAPH <{REFERENCE_GRAPH}> "
            f"{{ <{REFERENCE_GRAPH}> kg:contentHash ?hash }} }}")
