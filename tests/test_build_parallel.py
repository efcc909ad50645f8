"""`kg build --workers N`: documents extracted in worker processes, each written in its own
transaction, give exactly the store a single-worker build gives (canonical N-Quads equal)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path


from click.testing import CliRunner

from kg import api
from kg.cli import main
from kg.errors import EXIT_CODES
from kg.store import Store
from tests.conftest import DOCUMENTS
from tests.servers import store_location_fixture  # noqa: F401 (the store_location fixture: both backends)


def corpus(folder: Path, copies: int = 3) -> Path:
    """The shipped documents several times under new names, each copy with an identifier of its
    own in its sidecar (two files of one Kamerstuk would share one graph), so that several
    documents are in flight at once."""
    folder.mkdir()
    for n in range(copies):
        for source in sorted(DOCUMENTS.glob("*.txt")):
            target = folder / f"c{n}_{source.name}"
            shutil.copy(source, target)
            sidecar = source.with_name(source.name + ".meta.json")
            meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
            meta["identifier"] = f"test-copy-{target.stem}"
            target.with_name(target.name + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def test_build_parallel_equals_single_worker(tmp_path: Path, store_location: str):
    documents = corpus(tmp_path / "docs")
    single = api.build([documents], tmp_path / "single", workers=1)
    parallel = api.build([documents], store_location, workers=2)
    assert parallel.workers == 2 and single.workers == 1
    assert parallel.built == single.built and not parallel.skipped
    assert (parallel.quads_written, parallel.facts, parallel.entities) == (single.quads_written, single.facts, single.entities)
    assert Store(store_location).dump_nquads() == Store(tmp_path / "single").dump_nquads()


def test_build_parallel_rebuilds_only_what_changed(tmp_path: Path):
    documents = corpus(tmp_path / "docs", copies=2)
    store = tmp_path / "store"
    api.build([documents], store, workers=2)
    target = sorted(documents.glob("*.txt"))[3]
    target.write_text(target.read_text(encoding="utf-8") + "\nDe VS leveren 12 F-35's.\n", encoding="utf-8")
    report = api.build([documents], store, workers=2)
    assert report.built == [target.name] and report.workers == 1  # one document: no pool is started
    fresh = api.build([documents], tmp_path / "fresh", workers=2)
    assert fresh.built and Store(store).dump_nquads() == Store(tmp_path / "fresh").dump_nquads()


def test_build_parallel_reports_a_bad_document_and_builds_the_rest(tmp_path: Path):
    documents = corpus(tmp_path / "docs", copies=1)
    bad = documents / "zz_broken.txt"
    bad.write_bytes(b"Kamerstuk\n")
    (documents / "zz_broken.txt.meta.json").write_text("{not json", encoding="utf-8")
    report = api.build([documents], tmp_path / "store", workers=2)
    assert [Path(p).name for p, _ in report.skipped] == [bad.name]
    assert len(report.built) == len(list(documents.glob("*.txt"))) - 1


def test_build_cli_workers_option(tmp_path: Path):
    store = str(tmp_path / "store")
    result = CliRunner().invoke(main, ["build", str(DOCUMENTS), "--store", store, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"{len(list(DOCUMENTS.glob('*.txt')))} built" in result.output
    refused = CliRunner().invoke(main, ["build", str(DOCUMENTS), "--store", store, "--workers", "0"])
    assert refused.exit_code == EXIT_CODES["usage"]


# a build in a process of its own: which modules it imported is its `sys.modules`
BUILD_AND_SAY_WHAT_LOADED = """
import json, sys
from kg import api
report = api.build([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]))
print(json.dumps({"built": len(report.built), "pipeline": "kg.pipeline" in sys.modules}))
"""


def _build_process(documents: Path, store: Path, workers: int) -> dict:
    done = subprocess.run([sys.executable, "-c", BUILD_AND_SAY_WHAT_LOADED, str(documents), str(store), str(workers)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_build_loads_the_extractors_only_to_extract_in_process(tmp_path: Path):
    """The writer plans, writes and summarises without the extraction pipeline: workers import
    it, and the writer itself only when it extracts a document in process (one worker, or one
    document to build); a build with nothing to do never loads it."""
    documents = corpus(tmp_path / "docs", copies=1)
    store = tmp_path / "store"
    assert _build_process(documents, store, 2) == {"built": len(list(documents.glob("*.txt"))), "pipeline": False}
    assert _build_process(documents, store, 1) == {"built": 0, "pipeline": False}
    target = sorted(documents.glob("*.txt"))[1]
    target.write_text(target.read_text(encoding="utf-8") + "\nDe VS leveren 12 F-35's.\n", encoding="utf-8")
    assert _build_process(documents, store, 2) == {"built": 1, "pipeline": True}
