"""The doc_type cue table (`data/doctypes.csv`), loaded and validated once."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import data_error

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DOCTYPES_CSV = DATA_DIR / "doctypes.csv"
MATCH_KINDS = ("heading", "phrase")


@dataclass(frozen=True)
class DocTypeCue:
    cue: str
    doc_type: str
    match: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=4)
def load_doctypes(path: Path = DOCTYPES_CSV) -> tuple[DocTypeCue, ...]:
    """Rows in file order (first match wins); every bad row reported in one error."""
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    problems: list[str] = []
    cues: list[DocTypeCue] = []
    if not body or body[0][1].strip() != "cue,doc_type,match":
        raise data_error(path, ["header: expected the column line 'cue,doc_type,match'"])
    for (n, _), row in zip(body[1:], csv.reader(line for _, line in body[1:])):
        if len(row) != 3 or not all(cell.strip() for cell in row):
            problems.append(f"line {n}: expected 3 non-empty columns cue,doc_type,match, got {row!r}")
            continue
        cue, doc_type, match = (cell.strip() for cell in row)
        if match not in MATCH_KINDS:
            problems.append(f"line {n}: match {match!r} is not one of {', '.join(MATCH_KINDS)}")
            continue
        words = r"\s+".join(re.escape(w) for w in cue.split())
        if match == "heading":
            pattern = re.compile(rf"(?<![\w-]){words}(?![\w-])")
        else:
            pattern = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
        cues.append(DocTypeCue(cue, doc_type, match, pattern))
    if problems:
        raise data_error(path, problems)
    return tuple(cues)
