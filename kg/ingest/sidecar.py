"""`<file>.meta.json`: metadata a curator gives by hand; it wins over what the text shows.

The sidecar is validated as a data file: every unknown key and every wrongly typed value is
listed in one error, so the curator fixes them in one go.
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.errors import KgError, data_error
from kg.model import DocumentMeta

#: Keys a sidecar may carry; `submitters` is a list of strings, the others strings (or null).
LIST_FIELDS = frozenset({"submitters"})


def sidecar_path(path: Path) -> Path:
    """`000_x.txt` → `000_x.txt.meta.json`, next to the document."""
    return path.with_name(path.name + ".meta.json")


def parse_sidecar(payload: object, where: Path) -> DocumentMeta:
    """Check the JSON object's keys and types; build the DocumentMeta."""
    if not isinstance(payload, dict):
        raise data_error(where, [f"top level: expected a JSON object, got {type(payload).__name__}"])
    problems: list[str] = []
    values: dict[str, object] = {}
    for key, value in payload.items():
        if key not in DocumentMeta.FIELDS:
            problems.append(f"{key!r}: unknown field (known: {', '.join(DocumentMeta.FIELDS)})")
        elif key in LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{key!r}: expected a list of strings, got {value!r}")
            else:
                values[key] = list(value)
        elif value is not None and not isinstance(value, str):
            problems.append(f"{key!r}: expected a string or null, got {type(value).__name__} {value!r}")
        else:
            values[key] = value
    if problems:
        raise data_error(where, problems)
    return DocumentMeta(**values)


def load_sidecar(path: Path) -> DocumentMeta | None:
    """The sidecar's metadata, None when there is no sidecar."""
    if not path.is_file():
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise data_error(path, [f"line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError("data", f"sidecar cannot be read: {exc}", where=str(path),
                      hint="make it a readable UTF-8 JSON file") from None
    return parse_sidecar(payload, path)
