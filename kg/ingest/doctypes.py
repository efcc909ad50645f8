"""The doc_type cue table (`data/doctypes.csv`), loaded and validated once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.datafiles import DATA_DIR, raise_if, read_csv

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
    problems: list[str] = []
    cues: list[DocTypeCue] = []
    for n, row in read_csv(path, ("cue", "doc_type", "match"), problems):
        cue, doc_type, match = row["cue"], row["doc_type"], row["match"]
        if not cue or not doc_type:
            problems.append(f"line {n}: cue/doc_type: empty")
            continue
        if match not in MATCH_KINDS:
            problems.append(f"line {n}: match: {match!r} is not one of {', '.join(MATCH_KINDS)}")
            continue
        words = r"\s+".join(re.escape(w) for w in cue.split())
        # "(?<!\w)hierbij" written "h(?<!\wh)ierbij": with the lookbehind first `re` tried the
        # pattern at every position of the opening; with a letter first it skips to that
        # letter (finding the doc_type took 3.8 instead of 6.7 ms per MB of bench text)
        first = re.escape(cue.split()[0][0])
        rest = words[len(first):]
        if match == "heading":
            pattern = re.compile(rf"{first}(?<![\w-]{first}){rest}(?![\w-])")
        else:
            pattern = re.compile(rf"{first}(?<!\w{first}){rest}(?!\w)", re.IGNORECASE)
        cues.append(DocTypeCue(cue, doc_type, match, pattern))
    raise_if(path, problems)
    return tuple(cues)
