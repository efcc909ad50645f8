"""Extraction speed: MB of Dutch text per second per core, for each stage and for the whole build.

    python bench/extraction.py [--copies 10] [--docs data/documents] [--build]

The corpus is the given documents (by default the shipped Kamerstukken: real Dutch
parliamentary text) copied `--copies` times under distinct names. Every figure is CPU time of
this one process (`time.process_time`), so it is per core and not skewed by other work on the
machine; the first pass over the documents warms the caches (gazetteer automatons, cue tables)
and is not counted. Each document runs with the garbage collector paused, as in a build worker
(`kg.pipeline.collector_paused`). Printed: MB/s of read → normalise → segment → every extractor
→ the conversion to N-Triples (`rdf`, what a worker sends), the time each stage takes per MB,
and with `--build` the whole `kg build` into a fresh store (extraction, RDF conversion and the
transactional writes).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import api  # noqa: E402
from kg.ingest import read  # noqa: E402
from kg.model import Doc  # noqa: E402
from kg.normalise import normalise  # noqa: E402
from kg.pipeline import collector_paused, components  # noqa: E402
from kg.rdf.triples import doc_to_ntriples  # noqa: E402
from kg.segment import segment  # noqa: E402


def corpus(source: Path, copies: int, into: Path) -> list[Path]:
    """`copies` copies of every document of `source` (with their sidecars), distinct names."""
    files = []
    for n in range(copies):
        for path in sorted(p for p in source.iterdir() if p.suffix == ".txt"):
            target = into / f"{n:03d}-{path.name}"
            shutil.copyfile(path, target)
            sidecar = path.with_name(path.name + ".meta.json")
            if sidecar.is_file():
                shutil.copyfile(sidecar, target.with_name(target.name + ".meta.json"))
            files.append(target)
    return files


def stages(files: list[Path]) -> dict[str, float]:
    """CPU seconds of each stage over all files."""
    steps = components()
    spent: dict[str, float] = {}

    def timed(name: str, work, *args):
        started = time.process_time()
        result = work(*args)
        spent[name] = spent.get(name, 0.0) + time.process_time() - started
        return result

    for path in files:
        with collector_paused():
            document = timed("read", read, path)
            normalised = timed("normalise", normalise, document.raw)
            doc = Doc(document=document, text=normalised.text, offsets=normalised.offsets)
            doc.segments = timed("segment", segment, normalised.text, normalised.footnotes)
            for step in steps:
                timed(step.name, step.func, doc)
            timed("rdf", doc_to_ntriples, doc, "0" * 64)
            del doc, document, normalised  # freed before the collector runs again, as in a worker
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--docs", type=Path, default=ROOT / "data" / "documents")
    parser.add_argument("--build", action="store_true", help="also time the whole `kg build` into a fresh store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        files = corpus(args.docs, args.copies, folder)
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        stages(files[: max(1, len(files) // args.copies)])  # warm-up: build automatons, load tables
        spent = stages(files)
        total = sum(spent.values())
        print(f"{len(files)} documents, {megabytes:.2f} MB of text")
        for name, seconds in spent.items():
            print(f"  {name:16} {1000 * seconds / megabytes:8.1f} ms/MB")
        extraction = total - spent["rdf"]
        print(f"extraction (read → extract): {megabytes / extraction:.2f} MB/s per core ({extraction:.2f} s CPU)")
        print(f"worker (read → N-Triples): {megabytes / total:.2f} MB/s per core ({total / megabytes:.3f} s CPU/MB)")
        if args.build:
            started = time.process_time()
            report = api.build([folder], Path(tmp) / "store")
            seconds = time.process_time() - started
            print(f"whole build ({len(report.built)} documents, {report.quads_written} quads): "
                  f"{megabytes / seconds:.2f} MB/s per core ({seconds:.2f} s CPU)")


if __name__ == "__main__":
    main()
