"""Cue phrases and small tables for the fact extractors, read from `data/`.

Rules are data: a domain expert adds a Dutch or English phrasing to a CSV file and no code
changes. Each file opens with `#` lines saying where its content comes from, then a header
row. Cue patterns are regular expressions matched case-insensitively on word boundaries.
Every bad line of a file is reported in one error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.datafiles import DATA_DIR, raise_if, read_csv
from kg.extract.anchored import Anchored


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    fields: dict[str, str]
    source: str = ""  # the pattern as written in the file


def _rows(path: Path, required: tuple[str, ...], problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    rows = read_csv(path, required, problems)
    problems += [f"line {number}: {column}: empty" for number, row in rows for column in required if not row[column]]
    return rows


def read_table(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a commented CSV file as (line number, row); empty required fields are errors."""
    problems: list[str] = []
    rows = _rows(path, required, problems)
    raise_if(path, problems)
    return rows


def read_cue_file(path: Path, required: tuple[str, ...]) -> list[Cue]:
    """Parse a cue file: a `pattern` column plus the `required` ones."""
    problems: list[str] = []
    out = []
    for number, row in _rows(path, ("pattern", *required), problems):
        try:
            pattern = re.compile(rf"(?<!\w)(?:{row['pattern']})(?!\w)", re.IGNORECASE)
        except re.error as exc:
            problems.append(f"line {number}: pattern: not a valid regular expression ({exc})")
            continue
        out.append(Cue(pattern, {k: v for k, v in row.items() if k != "pattern"}, row["pattern"]))
    raise_if(path, problems)
    return out


@cache
def cues(name: str, required: tuple[str, ...] = ()) -> tuple[Cue, ...]:
    """The cues of `data/cues/<name>.csv`, loaded once per process."""
    return tuple(read_cue_file(DATA_DIR / "cues" / f"{name}.csv", required))


@dataclass(frozen=True)
class CueSet:
    """All cues of one file as one alternation, so a sentence is read once rather than once
    per cue (PERFORMANCE.md: thirty regexes one after another cost more than tokenising), and
    only where a cue can begin (`anchored`)."""

    pattern: re.Pattern[str]
    fields: tuple[dict[str, str], ...]
    anchored: Anchored

    def finditer(self, text: str) -> Iterator[tuple[re.Match[str], dict[str, str]]]:
        """Non-overlapping cue matches, in text order, with the fields of the cue's row."""
        for match in self.anchored.finditer(text):
            yield match, self.fields[int(match.lastgroup[1:])]

    def search(self, text: str) -> tuple[re.Match[str], dict[str, str]] | None:
        return next(self.finditer(text), None)

    def finditer_within(self, text: str, start: int, end: int) -> Iterator[tuple[re.Match[str], dict[str, str]]]:
        """`finditer(text[start:end])` for a sentence of a document: found from the cue prefixes
        of the whole text (`Anchored.finditer_within`), so a sentence without one costs a
        bisection rather than a search of its own."""
        fields = self.fields
        return ((match, fields[int(match.lastgroup[1:])]) for match in self.anchored.finditer_within(text, start, end))


@cache
def cue_set(name: str, required: tuple[str, ...] = ()) -> CueSet:
    """The cues of `data/cues/<name>.csv` in one pattern, loaded once per process."""
    listed = cues(name, required)
    body = "|".join(f"(?P<c{i}>{c.source})" for i, c in enumerate(listed))
    # one word-boundary test around all cues: four times faster than one around each
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    return CueSet(pattern, tuple(c.fields for c in listed), Anchored(pattern, shared=True))


@cache
def mapping(name: str, key: str, value: str) -> dict[str, str]:
    """A two-column table of `data/<name>.csv` as a dict, loaded once per process."""
    return {row[key]: row[value] for _, row in read_table(DATA_DIR / f"{name}.csv", (key, value))}
