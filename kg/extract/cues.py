"""Cue phrases and small tables for the fact extractors, read from `data/`.

Rules are data: a domain expert adds a Dutch or English phrasing to a CSV file and no code
changes. Each file opens with `#` lines saying where its content comes from, then a header
row. Cue patterns are regular expressions matched case-insensitively on word boundaries.
Every bad line of a file is reported in one error.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import data_error
from kg.resources import resource_dir


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    fields: dict[str, str]


def read_table(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a commented CSV file as (line number, row); empty required fields are errors."""
    try:
        numbered = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                    if line.strip() and not line.lstrip().startswith("#")]
    except (OSError, UnicodeDecodeError) as exc:
        raise data_error(path, [f"cannot read the file ({exc})"]) from None
    if not numbered:
        raise data_error(path, ["no header row"])
    reader = csv.DictReader([line for _, line in numbered])
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise data_error(path, [f"line {numbered[0][0]}: header lacks column(s) {', '.join(missing)}"])
    rows, problems = [], []
    for (number, _), row in zip(numbered[1:], reader):
        row = {k: (v or "").strip() for k, v in row.items() if k is not None}
        empty = [c for c in required if not row.get(c)]
        problems += [f"line {number}: field {c!r} is empty" for c in empty]
        rows.append((number, row))
    if problems:
        raise data_error(path, problems)
    return rows


def read_cue_file(path: Path, required: tuple[str, ...]) -> list[Cue]:
    """Parse a cue file: a `pattern` column plus the `required` ones."""
    out, problems = [], []
    for number, row in read_table(path, ("pattern", *required)):
        try:
            pattern = re.compile(rf"(?<!\w)(?:{row['pattern']})(?!\w)", re.IGNORECASE)
        except re.error as exc:
            problems.append(f"line {number}: field 'pattern' is not a valid regular expression ({exc})")
            continue
        out.append(Cue(pattern, {k: v for k, v in row.items() if k != "pattern"}))
    if problems:
        raise data_error(path, problems)
    return out


@cache
def cues(name: str, required: tuple[str, ...] = ()) -> tuple[Cue, ...]:
    """The cues of `data/cues/<name>.csv`, loaded once per process."""
    return tuple(read_cue_file(resource_dir("data") / "cues" / f"{name}.csv", required))


@cache
def mapping(name: str, key: str, value: str) -> dict[str, str]:
    """A two-column table of `data/<name>.csv` as a dict, loaded once per process."""
    return {row[key]: row[value] for _, row in read_table(resource_dir("data") / f"{name}.csv", (key, value))}
