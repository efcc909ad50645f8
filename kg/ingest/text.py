"""The plain-text reader: bytes → str, UTF-8 first, a legacy encoding only when UTF-8 fails.

Kamerstukken exported by hand are sometimes cp1252 or latin-1; decoding them as UTF-8 would
fail, and guessing silently would hide mojibake, so a detected encoding is recorded as a warning.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import input_error
from kg.model import DocumentMeta


@dataclass(frozen=True)
class Decoded:
    """What a reader delivers: the text and how it was obtained.

    `meta` is the metadata the format itself carries (KOOP `<metadata>`, a PDF heading, an
    OData record); `read` lets it win over what the text shows and lets a sidecar win over it.
    """

    text: str
    encoding: str = "utf-8"
    format: str = "text"
    warnings: tuple[str, ...] = field(default_factory=tuple)
    meta: DocumentMeta | None = None


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a KgError("input") saying why they cannot be had."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise input_error(path, "file not found", hint="check the path") from None
    except IsADirectoryError:
        raise input_error(path, "is a directory, not a document",
                          hint="give the documents inside it") from None
    except PermissionError:
        raise input_error(path, "permission denied: the file cannot be read",
                          hint="make the file readable (chmod +r) or run as its owner") from None
    except OSError as exc:
        raise input_error(path, f"cannot be read: {exc.strerror or exc}") from None


#: encodings that are not single-byte code pages (charset-normalizer's names start so)
MULTIBYTE = ("utf", "big5", "gb", "shift", "euc", "cp932", "cp949", "cp950", "hz", "iso2022", "johab")


def decode(data: bytes, path: Path) -> Decoded:
    """UTF-8 (BOM stripped); otherwise the charset-normalizer guess, with a warning."""
    if not data.strip():
        raise input_error(path, "file is empty", hint="remove it or give the document's text")
    if b"\x00" in data:
        raise input_error(path, "file is binary (contains NUL bytes), not text",
                          hint="give a plain-text (.txt) export of the document")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only paid for on legacy files

    best = from_bytes(data).best()
    if best is None:
        raise input_error(path, "file is not text in UTF-8 or any encoding that could be detected",
                          hint="convert it to UTF-8 (e.g. iconv -t UTF-8)")
    encoding, text = best.encoding, str(best)
    if not encoding.startswith(MULTIBYTE):
        # single-byte guesses are close calls between code pages on short texts; Dutch Word
        # and PDF exports are cp1252 (a superset of latin-1's letters), so that wins if it decodes
        try:
            encoding, text = "cp1252", data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return Decoded(text, encoding=encoding, warnings=(f"decoded as {encoding} (not UTF-8)",))


def read_text(path: Path) -> Decoded:
    """Reader for plain-text files."""
    return decode(read_bytes(path), path)
