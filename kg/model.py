"""The typed objects that travel through the pipeline.

One `Doc` goes from stage to stage (read → normalise → segment → extract → RDF), like spaCy's
`Doc`: every later object points into `Doc.text` by character offsets, and `Doc.offsets` maps
those back to the file the text was read from. The offsets are the provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The entity types of the gold guide, in the order the guide lists them.
ENTITY_TYPES: tuple[str, ...] = (
    "Mission",
    "Country",
    "Organisation",
    "Initiative",
    "Capability",
    "Motion",
    "Kamerstuk",
    "Party",
    "Person",
    "Meeting",
)


@dataclass
class DocumentMeta:
    """What is known about a document as a publication (all optional).

    `identifier` is the official id (`kst-28676-346`); `dossier` keeps its suffix
    (`35570-X`); `date` is ISO 8601, possibly reduced (`2021-03`).
    """

    identifier: str | None = None
    dossier: str | None = None
    number: str | None = None
    doc_type: str | None = None
    date: str | None = None
    title: str | None = None
    minister: str | None = None
    submitters: list[str] = field(default_factory=list)

    FIELDS = ("identifier", "dossier", "number", "doc_type", "date", "title", "minister", "submitters")

    def merged(self, override: "DocumentMeta") -> "DocumentMeta":
        """Fields set in `override` win; the others keep this object's values."""
        values = {
            name: getattr(override, name) or getattr(self, name) for name in self.FIELDS
        }
        return DocumentMeta(**values)


@dataclass
class Document:
    """A source document as a reader delivers it, before any NLP.

    `raw` is the decoded text of the file (for formats other than plain text: the text the
    reader laid out), and all provenance offsets are offsets into `raw`.
    """

    source: Path
    raw: str
    meta: DocumentMeta
    encoding: str = "utf-8"
    format: str = "text"
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The file name, reported as `source` in every query row."""
        return self.source.name


#: Segment and Mention are frozen dataclasses with an `__init__` of their own (`init=False`)
#: that sets each field with `_set_field` (`object.__setattr__`, looked up once): the generated
#: one looks `object.__setattr__` up anew for every field, and a document makes hundreds of
#: each (bench: ~9,500 segments and ~11,700 mentions per MB of text). A Mention took 0.63 µs
#: to make instead of 1.36 µs; repr, equality, hashing and immutability stay the dataclass's.
_set_field = object.__setattr__


@dataclass(frozen=True, init=False)
class Segment:
    """A stretch of normalised text with a kind: `section`, `heading`, `paragraph`,
    `sentence`, `question`, `answer` or `footnote`.

    `attrs` carries what the kind needs: a question's `number` and `party`, an answer's
    `numbers` (joint answers) and `refers_to` (answers by reference), a footnote's `mark`
    and `mark_start` (where its reference mark stands in the body), a section's `title`.
    """

    kind: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __init__(self, kind: str, start: int, end: int, attrs: dict[str, Any] | None = None) -> None:
        _set_field(self, "kind", kind)  # see the note above the class
        _set_field(self, "start", start)
        _set_field(self, "end", end)
        _set_field(self, "attrs", {} if attrs is None else attrs)


@dataclass(frozen=True, init=False)
class Mention:
    """A surface form in the normalised text that names an entity."""

    start: int
    end: int
    text: str
    type: str
    key: str
    extractor: str

    def __init__(self, start: int, end: int, text: str, type: str, key: str, extractor: str) -> None:
        _set_field(self, "start", start)  # see the note above `Segment`
        _set_field(self, "end", end)
        _set_field(self, "text", text)
        _set_field(self, "type", type)
        _set_field(self, "key", key)
        _set_field(self, "extractor", extractor)


@dataclass
class Entity:
    """A real-world thing, one per `key` across all documents.

    `key` is `<type>/<local>`, e.g. `Country/US`, `Mission/resolute-support-mission`; IRIs are
    minted from it in `kg.namespaces`. `labels` maps a language tag to the preferred label;
    `ids` holds external identifiers (`wikidata`, `iso3166`, ...), only ever from a source.
    """

    key: str
    type: str
    label: str
    labels: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    alt_labels: set[str] = field(default_factory=set)


@dataclass
class Fact:
    """A statement drawn from one passage.

    `kind` names the fact module (`depends_on`, `leads`, `cites`, ...); `roles` maps a role
    name to an entity key (`mission`, `provider`); `values` holds qualifiers (`enabler`,
    `amount`, `unit`, `year`, `role`, `number`, ...); `start`/`end` delimit the evidence
    passage in the normalised text.
    """

    kind: str
    roles: dict[str, str]
    values: dict[str, Any]
    start: int
    end: int


@dataclass
class Doc:
    """The object every stage reads and extends.

    `offsets[i]` is the position in `document.raw` of `text[i]`; it has one extra entry so
    that an exclusive end offset maps too.
    """

    document: Document
    text: str = ""
    offsets: list[int] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the span of the original text it came from."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def segments_of(self, kind: str) -> list[Segment]:
        return [s for s in self.segments if s.kind == kind]

    def enclosing(self, kind: str, start: int, end: int | None = None) -> Segment | None:
        """The segment of `kind` that contains the span, or None."""
        end = start if end is None else end
        for seg in self.segments:
            if seg.kind == kind and seg.start <= start and end <= seg.end:
                return seg
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def add_entity(self, entity: Entity) -> Entity:
        """Register an entity once per key; later surface forms join its alt labels."""
        known = self.entities.get(entity.key)
        if known is None:
            self.entities[entity.key] = entity
            return entity
        known.alt_labels |= entity.alt_labels
        for k, v in entity.ids.items():
            known.ids.setdefault(k, v)
        for k, v in entity.labels.items():
            known.labels.setdefault(k, v)
        return known
