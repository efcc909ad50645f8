"""A path → `Document`: the door every input format comes through.

Readers register by file suffix (`register_reader`), so XML, HTML and PDF readers plug in
without touching `read`. A reader returns the decoded text, how it was decoded and the metadata
its format carries; `read` merges the metadata: what the text shows (`infer_meta`) fills the
gaps of what the format says, and a `<file>.meta.json` sidecar wins over both.

Readers of this package: `.txt` (text.py), `.xml` (KOOP officiële publicaties, xml.py), `.pdf`
(text layer, pdf.py) and `.json` (Tweede Kamer OData records, odata.py). JSON files are read
when named, but not picked up when `kg build` walks a folder (`discover=False`): the
`<file>.meta.json` sidecars share the suffix.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from kg.errors import KgError, input_error
from kg.ingest.metadata import infer_meta
from kg.ingest.odata import read_odata
from kg.ingest.pdf import read_pdf
from kg.ingest.sidecar import load_sidecar, sidecar_path
from kg.ingest.text import Decoded, read_text
from kg.ingest.xml import read_xml
from kg.model import Document

#: A reader turns a file into decoded text; it raises KgError("input") when it cannot.
Reader = Callable[[Path], Decoded]

_READERS: dict[str, Reader] = {}
_DISCOVERED: set[str] = set()


def register_reader(suffixes: str | tuple[str, ...] | list[str], func: Reader, *, discover: bool = True) -> None:
    """Make `func` the reader of files ending in each of `suffixes` (".txt", ".xml", ...);
    `discover=False`: read when a file is named, not when a folder is walked."""
    for suffix in [suffixes] if isinstance(suffixes, str) else suffixes:
        key = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
        _READERS[key] = func
        if discover:
            _DISCOVERED.add(key)
        else:
            _DISCOVERED.discard(key)


def reader_for(path: Path) -> Reader:
    """The reader registered for the file's suffix; a clear error for an unknown one."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(_READERS))
        raise input_error(path, f"no reader for files ending in {path.suffix or '(no suffix)'!r}",
                          hint=f"give a file ending in one of: {known}")
    return reader


def readable_suffixes() -> frozenset[str]:
    """The suffixes `kg build` picks up when it walks a folder."""
    return frozenset(_DISCOVERED)


def max_document_bytes() -> int:
    """The largest file kg reads: `KG_MAX_DOCUMENT_MB` (default 50) megabytes.

    Extraction runs at about 1 MB/s, so an omnibus file of hundreds of megabytes would hold a
    build for minutes and flood one named graph; refusing it with a clear message is kinder.
    """
    value = os.environ.get("KG_MAX_DOCUMENT_MB", "50")
    try:
        return int(float(value) * 1_000_000)
    except ValueError:
        raise KgError("usage", f"KG_MAX_DOCUMENT_MB={value!r} is not a number",
                      hint="set it to a size in megabytes, e.g. KG_MAX_DOCUMENT_MB=200") from None


def read(path: Path) -> Document:
    """Read one document: decoded text, encoding, warnings and merged metadata."""
    path = Path(path)
    reader = reader_for(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise input_error(path, "file not found", hint="check the path") from None
    except OSError as exc:
        raise input_error(path, f"cannot read the file ({exc.strerror or exc})",
                          hint="check that it exists and that you may read it") from None
    limit = max_document_bytes()
    if size > limit:
        raise input_error(path, f"file is {size / 1e6:.0f} MB, larger than the {limit / 1e6:.0f} MB kg reads",
                          hint="split it into its parts, or raise the limit with KG_MAX_DOCUMENT_MB")
    decoded = reader(path)
    meta = infer_meta(decoded.text)
    if decoded.meta is not None:
        meta = meta.merged(decoded.meta)
    override = load_sidecar(sidecar_path(path))
    if override is not None:
        meta = meta.merged(override)
    return Document(source=path, raw=decoded.text, meta=meta, encoding=decoded.encoding,
                    format=decoded.format, warnings=list(decoded.warnings))


register_reader((".txt", ".text"), read_text)
register_reader(".xml", read_xml)
register_reader(".pdf", read_pdf)
register_reader(".json", read_odata, discover=False)

__all__ = ["read", "readable_suffixes", "register_reader", "reader_for", "Reader", "Decoded"]
