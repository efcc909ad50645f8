"""Footnote blocks at page bottoms, and their reference marks in the body.

In the PDF extractions a footnote block follows a blank line at the bottom of a page as lines
"<n> text", and runs until the next page starts (a line beginning with a space) or a blank line
followed by body text. To avoid taking a numbered line for a footnote, a line opens a footnote
only if (1) a blank line precedes it, (2) `n` is the previous footnote's number + 1 and (3) its
mark is found in the body since the previous footnote's mark — or, failing the mark, the block
ends where a new page starts or the text ends. The mark is a number glued to a lowercase word
or to punctuation ("watervoorzieningen1.", "antwoord2.", "1,48%3 haalt", "sturen.2"), or glued
to a year ("van 20162 te" → mark 2 after 2016); decimals ("1,7") are not marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.normalise.lines import Line

FOOTNOTE_START = re.compile(r"(\d{1,2}) (?=\S)")
CONTINUES_URL = ("http", "www.", "(http", "(www.")
_MARK_BEFORE = "a-zß-ÿ.,;:)\u2019\u201d»%'\""


@dataclass
class Footnote:
    number: str
    lines: list[Line]
    mark: tuple[int, int, int] | None  # (index into body lines, column start, column end)


def mark_pattern(n: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?:(?<=[{_MARK_BEFORE}])|(?<=(?<!\d)(?:19|20)\d\d)){n}(?=[\s.,;:!?)\u2019\u201d»]|$)")


def find_mark(body: list[Line], lo: int, n: str) -> tuple[int, int, int] | None:
    """The last mark `n` in body lines [lo:], searched from the end (the mark precedes its note)."""
    pattern = mark_pattern(n)
    for i in range(len(body) - 1, lo - 1, -1):
        text = body[i].text
        if n not in text:
            continue
        for m in reversed(list(pattern.finditer(text))):
            before = text[m.start() - 1] if m.start() else ""
            if before in ",." and m.start() >= 2 and text[m.start() - 2].isdigit():
                continue  # a decimal: 1,7 / 3.5
            return i, m.start(), m.end()
    return None


def split_footnotes(lines: list[Line | None]) -> tuple[list[Line], list[Footnote]]:
    """Body lines (flags set, footnote blocks removed) and the footnotes in order."""
    body: list[Line] = []
    notes: list[Footnote] = []
    mark_floor = 0  # body index of the previous mark: the next mark lies after it
    i, n_lines = 0, len(lines)
    blank = False
    while i < n_lines:
        line = lines[i]
        if line is None:
            blank = True
            i += 1
            continue
        start = FOOTNOTE_START.match(line.text) if blank and body else None
        if start and int(start.group(1)) == len(notes) + 1:
            block, j = _read_block(lines, i, len(notes) + 1)
            mark = find_mark(body, mark_floor, start.group(1))
            ends_page = j >= n_lines or (lines[j] is not None and lines[j].page_start) or _after_blank(lines, j)
            if mark is not None or ends_page:
                for note in block:
                    m = find_mark(body, mark_floor, note.number) if note is not block[0] else mark
                    note.mark = m
                    if m is not None:
                        mark_floor = m[0]
                        body[m[0]].cut(m[1], m[2], note.number)
                notes.extend(block)
                i, blank = j, False
                while i < n_lines and lines[i] is None:
                    i += 1
                if i < n_lines:
                    lines[i].page_start = True  # body resumes on the next page
                continue
        line.blank_before = blank
        body.append(line)
        blank = False
        i += 1
    return body, notes


def _after_blank(lines: list[Line | None], j: int) -> bool:
    return j < len(lines) and lines[j] is None


def _read_block(lines: list[Line | None], i: int, number: int) -> tuple[list[Footnote], int]:
    """Footnotes number, number+1, ... from line i; returns them and the index after the block."""
    skip = len(str(number)) + 1
    first = Line(lines[i].start + skip, lines[i].text[skip:])
    notes = [Footnote(str(number), [first], None)]
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if line is not None:
            if line.page_start:
                break
            notes[-1].lines.append(line)
            j += 1
            continue
        k = j
        while k < len(lines) and lines[k] is None:
            k += 1
        if k >= len(lines):
            return notes, k
        nxt = lines[k]
        start = FOOTNOTE_START.match(nxt.text)
        if start and int(start.group(1)) == number + len(notes) and not nxt.page_start:
            notes.append(Footnote(start.group(1), [], None))
            lines[k] = Line(nxt.start + start.end(), nxt.text[start.end():])
            notes[-1].lines.append(lines[k])
            j = k + 1
        elif nxt.text.startswith(CONTINUES_URL) and not nxt.page_start:
            notes[-1].lines.append(nxt)
            j = k + 1
        else:
            return notes, j
    return notes, j
