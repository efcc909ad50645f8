"""Extractors are small components registered by name.

Each declares what it reads (`requires`) and what it writes (`assigns`), as spaCy's
`Language.factory` does; the pipeline is an ordered list of names (`data/pipeline.json`) and
`check_pipeline` refuses an order in which a component reads something no earlier one wrote.
Capabilities are plain strings: `sentences`, `mentions:Country`, `facts:depends_on`, ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from kg.errors import KgError
from kg.model import Doc

#: What the normaliser and the segmenter provide before any extractor runs.
BASE_CAPABILITIES = frozenset(
    {"text", "sections", "paragraphs", "sentences", "questions", "answers", "footnotes", "meta"}
)


@dataclass(frozen=True)
class Component:
    name: str
    func: Callable[[Doc], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


REGISTRY: dict[str, Component] = {}

#: the `clear` of every cache that holds objects of the document being extracted (`per_document`)
_PER_DOCUMENT: list[Callable[[], None]] = []


def extractor(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register `func(doc) -> None` under `name`; it extends `doc` in place."""

    def register(func: Callable[[Doc], None]) -> Callable[[Doc], None]:
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise ValueError(f"extractor {name!r} registered twice")
        REGISTRY[name] = Component(name, func, tuple(requires), tuple(assigns))
        return func

    return register


def check_pipeline(names: list[str], where: str = "pipeline") -> list[Component]:
    """Resolve names to components and check that every requirement is met in order."""
    problems: list[str] = []
    available = set(BASE_CAPABILITIES)
    components: list[Component] = []
    for position, name in enumerate(names, 1):
        component = REGISTRY.get(name)
        if component is None:
            problems.append(f"step {position}: unknown extractor {name!r} (known: {', '.join(sorted(REGISTRY))})")
            continue
        for need in component.requires:
            if need not in available and not any(a.startswith(need + ":") for a in available):
                problems.append(f"step {position}: {name!r} requires {need!r}, which no earlier step assigns")
        available.update(component.assigns)
        components.append(component)
    if problems:
        raise KgError("data", "pipeline order is invalid:\n  " + "\n  ".join(problems), where=where,
                      hint="reorder or fix the extractor names in the pipeline file")
    return components


def per_document(clear: Callable[[], None]) -> None:
    """Register the `clear` of a cache of one document's objects (the passages the fact
    extractors share), for `run` to call when the document is done: the document is freed at
    once rather than kept until the next one, and the garbage collector, which walks whatever
    outlives a document in a build worker, no longer walks it (3 % of a worker's CPU)."""
    _PER_DOCUMENT.append(clear)


class DocumentState(NamedTuple):
    """A document's mention and segment lists and their lengths when a cache was built from it,
    kept so that the next extractor can tell whether the cache still holds (`unchanged`): the
    claimed spans (`kg.extract.mentions.Claims`), the passages (`Passages.of`). The lists are
    held, not their ids, so that a list replaced and freed cannot pass for a new one."""

    doc: Doc
    mentions: list
    n_mentions: int
    segments: list
    n_segments: int


def document_state(doc: Doc) -> DocumentState:
    return DocumentState(doc, doc.mentions, len(doc.mentions), doc.segments, len(doc.segments))


def unchanged(state: DocumentState, doc: Doc) -> bool:
    """The same lists with the same lengths: extractors add by appending or by replacing a list."""
    return (state.doc is doc and state.mentions is doc.mentions and state.n_mentions == len(doc.mentions)
            and state.segments is doc.segments and state.n_segments == len(doc.segments))


def run(doc: Doc, components: list[Component]) -> Doc:
    try:
        for component in components:
            component.func(doc)
    finally:
        for clear in _PER_DOCUMENT:
            clear()
    return doc
