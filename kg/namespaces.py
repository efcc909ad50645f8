"""Prefixes and IRI minting, in one place.

Our own terms live under `KG` (declared in `ontology/kg.ttl`); our resources under `ID`.
Every IRI kg writes is made here, so that one entity gets one IRI whichever document or
extractor names it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

KG = "https://w3id.org/kg-nato/def#"
ID = "https://w3id.org/kg-nato/id/"

#: The graph of each fact and entity once, with its document count (`kg.summary`), and the one
#: marking a store whose summary is behind its documents; both derived from the document graphs.
SUMMARY_GRAPH = ID + "graph/summary"
PENDING_GRAPH = ID + "graph/summary-pending"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "kgid": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "opengov": "http://www.w3.org/ns/opengov#",
    "cito": "http://purl.org/spar/cito/",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}


def term(prefixed: str) -> str:
    """Expand `skos:prefLabel` to its full IRI."""
    prefix, local = prefixed.split(":", 1)
    return PREFIXES[prefix] + local


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, for queries that use them."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def slug(text: str) -> str:
    """A readable, stable local name: ASCII, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def entity_iri(key: str) -> str:
    """`Country/US` → `…/id/country/US`; the local part is kept as given (already a slug or code)."""
    type_name, local = key.split("/", 1)
    return f"{ID}{type_name.lower()}/{quote(local, safe='-._~')}"


def kamerstuk_key(ref: str) -> str:
    """The entity key of a Kamerstuk from its normalised reference (`28676-347`, `2021Z04547`)."""
    return f"Kamerstuk/{ref}"


def document_iri(identifier: str | None, source_stem: str) -> str:
    """A document with an official id is the Kamerstuk of that id, so that citations of it
    reach the same node; one without is named after its file."""
    if identifier and identifier.startswith("kst-"):
        return entity_iri(kamerstuk_key(identifier[4:]))
    if identifier:
        return f"{ID}document/{quote(identifier, safe='-._~')}"
    return f"{ID}document/{quote(slug(source_stem), safe='-._~')}"


def graph_iri(doc_iri: str) -> str:
    """The named graph holding what kg drew from one document."""
    return doc_iri + "/graph"


def fact_iri(doc_iri: str, kind: str, *parts: object) -> str:
    """A statement node named by a hash of what it states, so rebuilding gives the same IRI."""
    return f"{doc_iri}/{kind}/{_digest(parts)}"


def general_fact_iri(kind: str, *parts: object) -> str:
    """The fact a document's statement node states, whichever documents state it: the same hash
    as `fact_iri` without the document, so every document saying "the Netherlands contributes
    270 troops to RSM in 2020" points to one node (`kg.summary` counts them)."""
    return f"{ID}fact/{kind}/{_digest(parts)}"


def _digest(parts: tuple[object, ...]) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]

