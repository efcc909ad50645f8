"""`normalise(raw)`: clean text for the NLP stages, with an offset for every character.

Rules (each kept cheap: one pass over lines, no per-character Python beyond the offset list):
- page furniture (running headers/footers, `kst-… ISSN …`, lone page numbers) is dropped;
- footnotes are moved out of the body to the end of the text, one paragraph each, and their
  reference marks are cut from the body (see `footnotes.py`);
- words hyphenated across line breaks are joined or keep their hyphen (see `hyphens.py`); a
  line ending in "- " (hyphen, space: `korte- of middellange`) keeps hyphen and space;
- paragraphs are separated by exactly "\\n\\n"; inside a paragraph lines are joined by one
  space, so the text holds no single "\\n". A blank line separates paragraphs unless the text
  plainly runs on (the line before has no final punctuation and the next starts in lower case
  or the line before fills the line width and is not itself a paragraph's first line); a page start (a line beginning with a space, or
  the line after a footnote block) continues the paragraph. A heading — a short line (≤ 70 %
  of the document's typical line width, ≤ 12 words) that starts with a capital or digit, has
  no final punctuation and is not followed by the end of the text — is a paragraph of its own;
- runs of spaces/tabs become one space; line-end spaces go;
- quotes: ‘ ’ ‚ ‛ → ' and “ ” „ « » → " (one character for one, so offsets hold); NFC.
`offsets[i]` is the index in raw of `text[i]`; a separator maps to a whitespace character of
raw; the extra last entry is the raw index just after the last character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kg.model import Segment
from kg.normalise.footnotes import split_footnotes
from kg.normalise.hyphens import Lexicon, keep_hyphen
from kg.normalise.lines import Line, split_lines

QUOTES = (("‘", "'"), ("’", "'"), ("‚", "'"), ("‛", "'"), ("“", '"'), ("”", '"'), ("„", '"'),
          ("«", '"'), ("»", '"'))
FINAL_PUNCT = ".?!:;,"
HEADING_WIDTH = 0.7
FULL_WIDTH = 0.8
HEADING_WORDS = 12
_SPACES = re.compile(r"[^ \t\u00a0]+")
#: how many positions `_positions` keeps (about 36 MB at most): raw texts longer than this make
#: their further offsets anew
POSITIONS_KEPT = 1_000_000
_POSITIONS: list[int] = []


def _positions(start: int, end: int) -> list[int] | range:
    """The offsets `start`..`end - 1`, as integers made once per process and shared by every
    document's offset list. An offset list holds one integer per character: making them anew
    for every document, and freeing them after, cost more than the rest of the normaliser."""
    global _POSITIONS
    positions = _POSITIONS
    if end > len(positions):
        if end > POSITIONS_KEPT:
            return range(start, end)
        size = min(POSITIONS_KEPT, max(end, 2 * len(positions)))
        # a new list, not `extend`: another thread may be reading or growing the old one
        positions = _POSITIONS = positions + list(range(len(positions), size))
    return positions[start:end]


@dataclass(frozen=True)
class Normalised:
    """The normalised text, its offset map into raw, and the footnotes moved to its end."""

    text: str
    offsets: list[int]
    footnotes: list[Segment] = field(default_factory=list)


def _ends_sentence(text: str) -> bool:
    return text.rstrip("'\"’”»)")[-1:] in FINAL_PUNCT


class _Writer:
    """Accumulates text pieces and their offsets."""

    def __init__(self, nfc: bool = False) -> None:
        self.nfc = nfc  # the whole raw text is NFC already: skip the per-piece check
        self.parts: list[str] = []
        self.offsets: list[int] = []
        self.length = 0

    def add(self, text: str, start: int) -> None:
        """Append raw[start:start+len(text)] (already cleaned of spaces runs by the caller)."""
        if not text:
            return
        if not self.nfc and not text.isascii() and not unicodedata.is_normalized("NFC", text):
            self._add_nfc(text, start)
            return
        self.parts.append(text)
        self.offsets.extend(_positions(start, start + len(text)))
        self.length += len(text)

    def add_sep(self, text: str, at: int) -> None:
        self.parts.append(text)
        self.offsets.extend([at] * len(text))
        self.length += len(text)

    def add_spaced(self, text: str, start: int) -> None:
        """Append a line's text, collapsing inner runs of spaces/tabs to one space."""
        if "  " not in text and "\t" not in text and "\u00a0" not in text:
            self.add(text, start)
            return
        prev_end = None
        for m in _SPACES.finditer(text):
            if prev_end is not None:
                self.add_sep(" ", start + prev_end)
            self.add(m.group(0), start + m.start())
            prev_end = m.end()

    def _add_nfc(self, text: str, start: int) -> None:
        """Compose base + combining marks cluster by cluster; each maps to its base."""
        i = 0
        while i < len(text):
            j = i + 1
            while j < len(text) and unicodedata.combining(text[j]):
                j += 1
            composed = unicodedata.normalize("NFC", text[i:j])
            self.parts.append(composed)
            self.offsets.extend([start + i] * len(composed))
            self.length += len(composed)
            i = j


def _pieces(line: Line) -> list[tuple[int, str, str | None]]:
    """The line's text as (column, text, mark-before) pieces, footnote marks cut out."""
    if not line.cuts:
        return [(0, line.text, None)]
    out, col, mark = [], 0, None
    for a, b, number in sorted(line.cuts):
        out.append((col, line.text[col:a], mark))
        col, mark = b, number
    out.append((col, line.text[col:], mark))
    return out


def _typical_width(lines: list[Line]) -> int:
    widths = sorted(len(ln.text) for ln in lines)
    return widths[int(len(widths) * 0.75)] if widths else 80


def _is_heading(line: Line, width: int) -> bool:
    text = line.text
    return (len(text) <= HEADING_WIDTH * width and (text[0].isupper() or text[0].isdigit())
            and not _ends_sentence(text) and not text.endswith("-")
            and text.count(" ") < HEADING_WORDS)


def _paragraphs(body: list[Line], width: int) -> list[list[Line]]:
    """Group body lines into paragraphs (rules in the module docstring)."""
    paras: list[list[Line]] = []
    prev_heading = True
    for k, line in enumerate(body):
        prev = body[k - 1] if k else None
        last = k == len(body) - 1
        heading = (not last and _is_heading(line, width)
                   and (prev is None or prev_heading or line.blank_before or _ends_sentence(prev.text)))
        if prev is None or heading or prev_heading:
            new = True
        elif line.blank_before:
            full = len(prev.text) >= FULL_WIDTH * width and not prev.blank_before and k > 1
            runs_on = not _ends_sentence(prev.text) and (
                line.text[0].islower() or full or prev.text.endswith("-"))
            new = not runs_on
        else:
            new = False
        if new:
            paras.append([line])
        else:
            paras[-1].append(line)
        prev_heading = heading
    return paras


def _write_paragraph(out: _Writer, lines: list[Line], lexicon: Lexicon,
                     marks: dict[str, int]) -> None:
    """The lines joined by one space (or by nothing, see the module docstring). Most lines
    need no more than appending their text and its offsets, written out here at the cost of a
    few string tests: a document has thousands of lines."""
    plain = out.nfc  # no piece needs composing: a line is written as it stands
    parts, offsets = out.parts, out.offsets
    prev = None
    for line in lines:
        text = line.text
        if prev is not None:
            before = prev.text
            if ("/" in before or "www." in before) and _url_tail(before):
                pass  # a URL broken over lines: no space
            elif before.endswith("-") and _raw_hyphen_at_eol(prev):
                if not keep_hyphen(before, text, lexicon):
                    _drop_last_char(out)
            else:
                parts.append(" ")
                offsets.append(prev.start + len(before))
                out.length += 1
        if line.cuts:
            for col, piece, mark in _pieces(line):
                if mark is not None:
                    marks[mark] = out.length
                out.add_spaced(piece, line.start + col)
        elif plain and text and "  " not in text and "\t" not in text and "\u00a0" not in text:
            parts.append(text)  # `out.add_spaced`, for a line with no run of spaces to collapse
            offsets.extend(_positions(line.start, line.start + len(text)))
            out.length += len(text)
        else:
            out.add_spaced(text, line.start)
        prev = line


def _url_tail(text: str) -> bool:
    if "/" not in text and "www." not in text:  # the common case, told at C speed
        return False
    tail = text.rsplit(" ", 1)[-1]
    url = "://" in tail or tail.startswith("www.") or tail.count("/") >= 2
    return url and not tail.endswith((".", ")"))


def _raw_hyphen_at_eol(line: Line) -> bool:
    """True when the hyphen was the last raw character of its line."""
    return not line.space_after


def _drop_last_char(out: _Writer) -> None:
    last = out.parts[-1]
    out.parts[-1] = last[:-1]
    out.offsets.pop()
    out.length -= 1


def normalise(raw: str) -> Normalised:
    """Normalised text + offsets + footnotes (a pure function of `raw`)."""
    lines = split_lines(raw)
    for line in lines:
        if line is not None and line.text.endswith("-"):
            nxt = raw[line.end:line.end + 1]
            line.space_after = nxt not in ("\n", "\r", "")  # "korte- \nof": elliptical hyphen
    body, notes = split_footnotes(lines)
    width = _typical_width(body)
    lexicon = Lexicon(raw)
    out = _Writer(nfc=unicodedata.is_normalized("NFC", raw))
    marks: dict[str, int] = {}
    paragraphs = _paragraphs(body, width)
    for k, para in enumerate(paragraphs):
        if k:
            out.add_sep("\n\n", _sep_at(raw, para[0].start))
        _write_paragraph(out, para, lexicon, marks)
    footnotes: list[Segment] = []
    for note in notes:
        if not note.lines:
            continue
        if out.length:
            out.add_sep("\n\n", _sep_at(raw, note.lines[0].start))
        begin = out.length
        _write_paragraph(out, note.lines, lexicon, {})
        footnotes.append(Segment("footnote", begin, out.length,
                                 {"mark": note.number, "mark_start": marks.get(note.number)}))
    text = "".join(out.parts)
    if not text.isascii():
        for quote, ascii_quote in QUOTES:  # str.replace runs at C speed; translate does not
            text = text.replace(quote, ascii_quote)
    offsets = out.offsets
    offsets.append(offsets[-1] + 1 if offsets else 0)
    return Normalised(text, offsets, footnotes)


def _sep_at(raw: str, start: int) -> int:
    """A whitespace position of raw just before `start` (where a paragraph begins)."""
    k = start - 1
    while k > 0 and not raw[k].isspace():
        k -= 1
    return max(k, 0)
