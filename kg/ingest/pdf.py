"""PDF → the text of its text layer, laid out as the plain-text exports kg already reads.

pypdf (pure Python, maintained, no system libraries) extracts each page in its "layout" mode,
which keeps the printed lines and turns vertical gaps into blank lines — the paragraph signal
the normaliser uses. The reader only re-spaces that output; it leaves de-hyphenation, running
headers and footers, lone page numbers and footnote blocks to the normaliser, as for text:
- each line loses its indentation, and a run of spaces inside it (a gap between columns, as
  between "Nr. 3121" and "MOTIE VAN HET LID CEDER") becomes two spaces;
- runs of blank lines become one blank line;
- pages are joined by a newline, and a new page's first line begins with one space: the
  normaliser's sign of a page start (the text runs on; a footnote block above it ends there).

The format's own metadata is what the heading block shows and the text reader cannot join: a
dossier title printed over several lines ("Raad Algemene Zaken en Raad Buitenlandse" /
"Zaken"). Everything else (identifier from the footer, number, date, type, submitters) is read
from the text by `infer_meta`, as for a text file. A PDF without a text layer (a scan) is
refused with a clear error rather than read as empty.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kg.errors import input_error
from kg.ingest.text import Decoded
from kg.model import DocumentMeta

#: "21 501-02      Raad Algemene Zaken …": a dossier number, a column gap, the dossier title.
DOSSIER_LINE = re.compile(
    r"^(?P<dossier>\d{1,3}(?:[ .]\d{3})+|\d{4,6})(?:[-–]\d{1,3}|\s[IVXLC]+)?\s{2,}(?P<title>[A-Z]\S.*)$")
HEAD_LINES = 40
_GAP = re.compile(r"[ \t\u00a0]{2,}")


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs font-encoding notices per page ("fontTools is required …") that say nothing
    about the text layer of a KOOP PDF; only its errors are let through."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _page_lines(layout: str) -> list[str]:
    """The page's lines re-spaced (module docstring), runs of blank lines made one."""
    lines: list[str] = []
    for raw in layout.splitlines():
        line = _GAP.sub("  ", raw.strip())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def heading_title(layout: str) -> str | None:
    """The dossier title of the first page's heading, joined over its indented continuation
    lines; None when the page has no "<dossier>  <title>" line near the top."""
    raw_lines = layout.splitlines()[:HEAD_LINES]
    for i, raw in enumerate(raw_lines):
        m = DOSSIER_LINE.match(raw.strip())
        if not m or raw[:1].isspace():
            continue
        parts = [m.group("title").strip()]
        for follow in raw_lines[i + 1:]:
            if not follow.strip() or not follow[:1].isspace() or follow.strip().startswith("Nr."):
                break
            parts.append(follow.strip())
        return " ".join(" ".join(parts).split())
    return None


def read_pdf(path: Path) -> Decoded:
    """Reader for PDF files with a text layer (officielebekendmakingen.nl, Tweede Kamer)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with _quiet_pypdf():
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise input_error(path, "PDF is encrypted with a password",
                                  hint="give an unencrypted copy of the document")
            layouts = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except FileNotFoundError:
        raise input_error(path, "file not found", hint="check the path") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise input_error(path, f"PDF cannot be read ({type(exc).__name__}: {exc})",
                          hint="check that the file is a complete PDF; download it again") from None
    pages = [_page_lines(layout) for layout in layouts]
    if not any(line for page in pages for line in page):
        raise input_error(path, "PDF has no text layer (a scan?)",
                          hint="run OCR on it first (e.g. ocrmypdf) or give the XML or text of the document")
    text = "\n".join(
        (" " + "\n".join(page)) if k else "\n".join(page) for k, page in enumerate(pages) if page
    )
    title = heading_title(layouts[0]) if layouts else None
    return Decoded(text + "\n", format="pdf", meta=DocumentMeta(title=title) if title else None)
