"""Where the files kg reads at run time live: `data/`, `ontology/`, `queries/`.

They ship beside the package (an editable install keeps them in place), so a domain expert
edits plain files and no code changes; `KG_HOME` points kg at another checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KgError

ROOT = Path(os.environ.get("KG_HOME") or Path(__file__).resolve().parent.parent)


def resource_dir(name: str) -> Path:
    """`data`, `ontology` or `queries` under ROOT, with a clear error when it is missing."""
    path = ROOT / name
    if not path.is_dir():
        raise KgError(
            "data",
            f"kg's {name}/ folder is missing",
            where=str(path),
            hint="install kg from its source tree with `pip install -e .`, or set KG_HOME to a checkout",
        )
    return path
