"""Raw text → classified lines: the unit the normaliser reasons about.

PDF extractions of Kamerstukken keep the printed line breaks; a line that begins with a space
starts a new page, and running headers/footers ("page furniture") sit between the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Page furniture, checked only on lines that start with a cheap cue (a digit, "Tweede", "kst-").
FURNITURE = (
    re.compile(r"(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[-–]\s*\d{4}, .*nr\. ?\d+(?: \d+)?"),
    re.compile(r"kst-\S+ ISSN .*"),
    re.compile(r"kst-[0-9A-Za-z-]+"),  # the identifier alone in a PDF footer
    re.compile(r"[’']s-Gravenhage \d{4}(?:\s+(?:Tweede|Eerste) Kamer, vergaderjaar .*)?"),
    re.compile(r"ISSN \d{4} ?- ?\d{3}[\dX].*"),
    re.compile(r"\d{1,3}"),  # a lone page number
)
FURNITURE_CUES = ("Tweede Kamer", "Eerste Kamer", "kst-", "ISSN", "’s-Gravenhage", "'s-Gravenhage")
STRIP = " \t\r\f\v\u00a0"


@dataclass(slots=True)
class Line:
    """One printed line: its stripped content and where that content starts in raw (slots: a
    document has thousands of lines, and they are made and read in the normaliser's loops)."""

    start: int
    text: str
    page_start: bool = False  # began with a space (PDF page start) or follows a footnote block
    blank_before: bool = False  # a blank line separates it from the previous body line
    space_after: bool = False  # ends in "-" followed by a space in raw: "korte- of" (set by `normalise`)
    # footnote reference marks cut out, (start column, end column, footnote number), see `cut`;
    # None until one is (few lines hold one, and a list for every line cost 1 % of a build)
    cuts: list[tuple[int, int, str]] | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def cut(self, start: int, end: int, number: str) -> None:
        """Cut the reference mark of footnote `number` at columns `start`..`end` out of the line."""
        if self.cuts is None:
            self.cuts = []
        self.cuts.append((start, end, number))


def is_furniture(text: str) -> bool:
    """A running header/footer or a lone page number."""
    if not (text[:1].isdigit() or text.startswith(FURNITURE_CUES)):
        return False
    return any(p.fullmatch(text) for p in FURNITURE)


def split_lines(raw: str) -> list[Line | None]:
    """Every raw line as a Line, None for a blank one; furniture is dropped altogether."""
    out: list[Line | None] = []
    pos = 0
    for line in raw.split("\n"):
        text = line.strip(STRIP)
        if not text:
            out.append(None)
        elif not ((text[0].isdigit() or text.startswith(FURNITURE_CUES)) and is_furniture(text)):
            # (`is_furniture`'s own first test, written out: most lines fail it, thousands a document)
            lead = 0 if line[0] == text[0] else len(line) - len(line.lstrip(STRIP))
            out.append(Line(pos + lead, text, lead > 0))
        pos += len(line) + 1
    return out
