"""One document through every stage: read → normalise → segment → extract.

`process(path)` returns the finished `Doc`; it does no I/O beyond reading the file, so tests
and workers call it freely. The extractor order comes from `data/pipeline.json` and is
checked once per process.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import kg.extract  # noqa: F401  (registers the extractors)
import kg.link  # noqa: F401  (registers the link components: tk_records, wikidata_links)
from kg.errors import KgError, data_error
from kg.extract.registry import Component, check_pipeline, run
from kg.ingest import read
from kg.model import Doc
from kg.normalise import normalise
from kg.resources import resource_dir
from kg.segment import segment


@cache
def components() -> list[Component]:
    """The configured extractors, resolved and order-checked."""
    path = resource_dir("data") / "pipeline.json"
    try:
        names = json.loads(path.read_text(encoding="utf-8"))["pipeline"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise data_error(path, [f"expected a JSON object with a list 'pipeline' ({exc})"]) from None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise data_error(path, ["'pipeline' must be a list of extractor names"])
    return check_pipeline(names, where=str(path))


def process(path: Path) -> Doc:
    """Read one file and run every stage on it."""
    document = read(path)
    normalised = normalise(document.raw)
    doc = Doc(document=document, text=normalised.text, offsets=normalised.offsets)
    doc.segments = segment(normalised.text, normalised.footnotes)
    try:
        return run(doc, components())
    except KgError:
        raise
    except Exception as exc:  # an extractor bug must not take the other documents down
        if os.environ.get("KG_DEBUG"):
            raise  # `kg --debug`: the traceback, not a summary line
        raise KgError("input", f"extraction failed ({type(exc).__name__}: {exc})", where=str(path),
                      hint="this is a bug in kg; run with --debug for the traceback and report it") from exc


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run a document's work with Python's cyclic garbage collector off, and turn it back on
    after (when it was on).

    Extracting and converting a document makes hundreds of thousands of short-lived objects
    (lines, spans, mentions, terms); every 700 of them the collector walked the young ones
    again, which cost 10–13 % of a worker's CPU (1,000 bench documents). Reference counting
    frees nearly all of them anyway; the few cycles a document leaves are collected by the
    collector's next pass, after the document."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
