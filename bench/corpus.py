"""A corpus of realistic Kamerstukken at any size, made from real text.

Each generated document takes one seed document as its template — its headings, its paragraph
layout, its question-and-answer structure, its line width — and fills every paragraph with
sentences drawn from all seed documents, so the text is real Dutch parliamentary prose with the
mentions, references and cue phrases the extractors meet in practice, in new combinations. Each
document gets its own identifier through a sidecar (`bench-000001`: plainly synthetic, never a
Kamerstuk number) and the template's type and title. The same seed and size give the same corpus.

    python bench/corpus.py OUT --documents 10000 [--seed 1] [--source data/documents]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: A sentence ends at . ? ! before a capital or an opening quote — not after "nr." or "o.a.",
#: which in Kamerstukken are followed by a number or a lower-case word.
SENTENCE_END = re.compile(r"(?<!\bnr\.)(?<!\bo\.a\.)(?<=[.?!])\s+(?=[A-Z“\"'(])")


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each as it stands in the file."""
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def sentences(block: str) -> list[str]:
    return [s for s in SENTENCE_END.split(" ".join(block.split())) if s]


def is_prose(block: str) -> bool:
    """Headings, numbered lines and signatures stay as they are; prose paragraphs are refilled."""
    return len(sentences(block)) >= 2 or len(block) > 200


class Generator:
    def __init__(self, source: Path, seed: int):
        self.templates: list[tuple[Path, list[str], dict]] = []
        pool: list[str] = []
        for path in sorted(source.glob("*.txt")):
            blocks = paragraphs(path.read_text(encoding="utf-8"))
            sidecar = path.with_name(path.name + ".meta.json")
            meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
            self.templates.append((path, blocks, meta))
            pool.extend(s for b in blocks if is_prose(b) for s in sentences(b))
        if not self.templates or not pool:
            raise SystemExit(f"no seed documents with prose under {source}")
        self.pool = pool
        self.seed = seed

    def document(self, number: int) -> tuple[str, dict]:
        """The text and sidecar of document `number` (deterministic for a seed)."""
        rng = random.Random(f"{self.seed}:{number}")
        _, blocks, meta = self.templates[rng.randrange(len(self.templates))]
        out = []
        for block in blocks:
            if not is_prose(block):
                out.append(block)
                continue
            width = max(60, max(len(line) for line in block.splitlines()))
            refilled = " ".join(rng.choice(self.pool) for _ in sentences(block))
            out.append(textwrap.fill(refilled, width=width, break_on_hyphens=False))
        sidecar = {"identifier": f"bench-{number:06d}", **{k: v for k, v in meta.items() if k in ("doc_type", "title")}}
        return "\n\n".join(out) + "\n", sidecar

    def write(self, folder: Path, documents: int) -> int:
        """Write `documents` documents (and sidecars) into `folder`; returns the bytes of text written."""
        folder.mkdir(parents=True, exist_ok=True)
        total = 0
        for number in range(1, documents + 1):
            text, sidecar = self.document(number)
            path = folder / f"bench_{number:06d}.txt"
            data = text.encode("utf-8")
            path.write_bytes(data)
            path.with_name(path.name + ".meta.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
            total += len(data)
        return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=ROOT / "data" / "documents")
    args = parser.parse_args()
    size = Generator(args.source, args.seed).write(args.out, args.documents)
    print(f"{args.documents} documents, {size / 1e6:.1f} MB of text in {args.out}")


if __name__ == "__main__":
    main()
