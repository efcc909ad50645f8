"""A path → `Document`: the door every input format comes through.

Readers register by file suffix (`register_reader`), so XML, HTML and PDF readers plug in later
without touching `read`. A reader returns the decoded text and how it was decoded; `read` adds
the metadata (inferred from the text, overridden by a `<file>.meta.json` sidecar).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kg.errors import input_error
from kg.ingest.metadata import infer_meta
from kg.ingest.sidecar import load_sidecar, sidecar_path
from kg.ingest.text import Decoded, read_text
from kg.model import Document

#: A reader turns a file into decoded text; it raises KgError("input") when it cannot.
Reader = Callable[[Path], Decoded]

_READERS: dict[str, Reader] = {}


def register_reader(suffixes: str | tuple[str, ...] | list[str], func: Reader) -> None:
    """Make `func` the reader of files ending in each of `suffixes` (".txt", ".xml", ...)."""
    for suffix in [suffixes] if isinstance(suffixes, str) else suffixes:
        _READERS[suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"] = func


def reader_for(path: Path) -> Reader:
    """The reader registered for the file's suffix; a clear error for an unknown one."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(_READERS))
        raise input_error(path, f"no reader for files ending in {path.suffix or '(no suffix)'!r}",
                          hint=f"give a file ending in one of: {known}")
    return reader


def readable_suffixes() -> frozenset[str]:
    """The suffixes some reader handles: what `kg build` picks up when it walks a folder."""
    return frozenset(_READERS)


def read(path: Path) -> Document:
    """Read one document: decoded text, encoding, warnings and merged metadata."""
    path = Path(path)
    decoded = reader_for(path)(path)
    meta = infer_meta(decoded.text)
    override = load_sidecar(sidecar_path(path))
    if override is not None:
        meta = meta.merged(override)
    return Document(source=path, raw=decoded.text, meta=meta, encoding=decoded.encoding,
                    format=decoded.format, warnings=list(decoded.warnings))


register_reader((".txt", ".text"), read_text)

__all__ = ["read", "readable_suffixes", "register_reader", "reader_for", "Reader", "Decoded"]
