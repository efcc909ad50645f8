"""What decides whether a stored document is current: kg's own code and data (`fingerprint`),
and each document's bytes and sidecar under it (`content_hash`).

Kept apart from `kg.pipeline` so that a build finds what it must rebuild without importing the
extractors (~0.15 s of a process): a build with nothing to extract never imports them.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import kg
from kg.resources import resource_dir


@cache
def fingerprint() -> str:
    """A hash of kg's code and data: when either changes, every document is rebuilt."""
    digest = hashlib.sha256(kg.__version__.encode())
    for root in (Path(kg.__file__).parent, resource_dir("data"), resource_dir("ontology")):
        for file in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".csv", ".jsonl", ".json", ".txt", ".ttl"}
                           and not {"documents", "fetch", "__pycache__"} & set(p.relative_to(root).parts)):
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def content_hash(path: Path) -> str:
    """What decides whether a stored document is current: its bytes, its sidecar, kg itself."""
    digest = hashlib.sha256(fingerprint().encode())
    digest.update(path.read_bytes())
    sidecar = path.with_name(path.name + ".meta.json")
    if sidecar.is_file():
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()
