"""Hand-built Docs for extractor tests: text, naive sentences and paragraphs, and mentions
placed by their surface text — so a fact rule is tested without the stages before it."""

from __future__ import annotations

import re
from pathlib import Path

from kg.model import Doc, Document, DocumentMeta, Entity, Mention, Segment


def make_doc(text: str, mentions: list[tuple[str, str, str]] = (), meta: DocumentMeta | None = None) -> Doc:
    """`mentions` are (surface, type, key); every occurrence of each surface is marked."""
    doc = Doc(Document(Path("test.txt"), text, meta or DocumentMeta()), text, list(range(len(text) + 1)))
    for para in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        doc.segments.append(Segment("paragraph", para.start(), para.end()))
        for sent in re.finditer(r".+?(?:[.?!](?=\s+[A-Z])|$)", para.group()):
            if sent.group().strip():
                lead = len(sent.group()) - len(sent.group().lstrip())
                doc.segments.append(Segment("sentence", para.start() + sent.start() + lead, para.start() + sent.end()))
    taken: list[tuple[int, int]] = []
    for surface, type_, key in sorted(mentions, key=lambda m: -len(m[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            doc.mentions.append(Mention(m.start(), m.end(), surface, type_, key, "test"))
            doc.add_entity(Entity(key, type_, key.split("/", 1)[1], alt_labels={surface}))
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def facts(doc: Doc, kind: str) -> list[tuple]:
    """The facts of one kind as sorted (roles, values) tuples for easy comparison."""
    return sorted((tuple(sorted(f.roles.items())), tuple(sorted((k, str(v)) for k, v in f.values.items())))
                  for f in doc.facts if f.kind == kind)


def extracted(text: str, upto: str | None = None, meta: DocumentMeta | None = None) -> Doc:
    """`text` through the real normaliser, segmenter and the configured extractors, up to and
    including the one named `upto` (all of them when None): mention extractors are tested on
    the mentions the extractors before them really make."""
    from kg.extract.registry import run
    from kg.normalise import normalise
    from kg.pipeline import components
    from kg.segment import segment

    normalised = normalise(text)
    doc = Doc(Document(Path("test.txt"), text, meta or DocumentMeta()), normalised.text, normalised.offsets)
    doc.segments = segment(normalised.text, normalised.footnotes)
    steps = components()
    if upto is not None:
        steps = steps[: [c.name for c in steps].index(upto) + 1]
    return run(doc, steps)
