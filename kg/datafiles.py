"""Reading the curated data files in `data/` that drive the extractors.

Every file opens with a `#` line naming where its content comes from. Readers collect every
bad line as `line N: field: problem` and the loader raises one `errors.data_error` listing
them all, so a curator fixes a file in one pass.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Iterator

from kg.errors import data_error
from kg.resources import ROOT

#: A well-formed Wikidata item id; data files are checked against it when loaded.
QID = re.compile(r"^Q[1-9][0-9]*$")

#: The repository's `data/` folder, where curators edit gazetteers and reference tables.
DATA_DIR = ROOT / "data"


def _lines(path: Path, problems: list[str]) -> Iterator[tuple[int, str]]:
    """Numbered non-blank lines after the opening source comment; further `#` lines are notes."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise data_error(path, [f"cannot read: {exc}"]) from exc
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#"):
        problems.append("line 1: header: the file must open with a '#' line naming its source")
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            yield number, line


def read_csv(path: Path, columns: tuple[str, ...], problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV whose first non-comment line is the header `columns` (extra columns allowed)."""
    numbered = list(_lines(path, problems))
    if not numbered:
        problems.append("line 1: header: no column header")
        return []
    header_line, header_text = numbered[0]
    header = next(csv.reader([header_text]))
    missing = [c for c in columns if c not in header]
    if missing:
        problems.append(f"line {header_line}: header: missing column(s) {', '.join(missing)}")
        return []
    rows = []
    for number, line in numbered[1:]:
        values = next(csv.reader([line]))
        if len(values) != len(header):
            problems.append(f"line {number}: row: {len(values)} fields, header has {len(header)}")
            continue
        rows.append((number, {k: v.strip() for k, v in zip(header, values)}))
    return rows


def read_jsonl(path: Path, problems: list[str]) -> list[tuple[int, dict[str, Any]]]:
    """Objects of a JSON-lines file, one per line."""
    rows = []
    for number, line in _lines(path, problems):
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: json: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(value, dict):
            problems.append(f"line {number}: json: expected an object, got {type(value).__name__}")
            continue
        rows.append((number, value))
    return rows


def raise_if(path: Path, problems: list[str]) -> None:
    """Raise one data error for all problems found in `path`, if any."""
    if problems:
        raise data_error(path, problems)
