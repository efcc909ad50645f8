"""All or nothing per document: `kg build` killed with SIGKILL at random moments leaves every
document's graph either as it was or as it will be — never a mix — and the next build
completes the work. 50 kill points, each checked against both versions of every graph: builds
that replace every document (one transaction each), and builds that add documents new to the
store (written in batches, one bulk load each) and prune them again."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from kg import api
from kg.build import discover
from kg.namespaces import PENDING_GRAPH, SUMMARY_GRAPH, document_iri, graph_iri
from kg.fingerprint import content_hash, fingerprint
from kg.pipeline import process
from kg.rdf.reference import REFERENCE_GRAPH
from kg.rdf.triples import doc_to_quads, reference_quads
from kg.store import Store
from kg.store.embedded import BULK_FILES

DOCUMENTS = Path(__file__).resolve().parent.parent / "data" / "documents"
KILLS = 50
ADDED = "\n\nIn 2021 levert Nederland 12 F-16's aan Resolute Support.\n"
# the added documents are small: every batch of them is bulk-loaded, as large ones are
BUILD = ("import sys; import kg.store.embedded; kg.store.embedded.BULK_MIN_QUADS = 0; from kg.cli import main; "
         "sys.argv = ['kg'] + sys.argv[1:]; main()")


def corpus(folder: Path, version: str) -> None:
    """The seeds cut into parts of about 20 paragraphs, as many small documents; version B adds a
    sentence to each, so every document changes between the two; version C adds to A the seeds
    cut into parts of 5 paragraphs, documents of their own that sort after A's."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(DOCUMENTS.glob("*.txt")):
        paragraphs = seed.read_text(encoding="utf-8").split("\n\n")
        for part in range(0, len(paragraphs), 20):
            text = "\n\n".join(paragraphs[part:part + 20]) + (ADDED if version == "B" else "\n")
            (folder / f"{seed.stem}-{part // 20:02d}.txt").write_text(text, encoding="utf-8")
        for part in range(0, len(paragraphs), 5) if version == "C" else ():
            text = "\n\n".join(paragraphs[part:part + 5]) + "\n"
            (folder / f"zz-{seed.stem}-{part // 5:02d}.txt").write_text(text, encoding="utf-8")


def expected(folder: Path) -> dict[str, frozenset[str]]:
    """Each document's graph, and the reference graph, as a set of N-Quads lines, computed without a store."""
    graphs = {REFERENCE_GRAPH: frozenset(f"{q.subject} {q.predicate} {q.object} <{REFERENCE_GRAPH}> ."
                                         for q in reference_quads(fingerprint()))}
    for path in discover([folder]):
        doc = process(path)
        graph = graph_iri(document_iri(doc.document.meta.identifier, path.stem))
        graphs[graph] = frozenset(f"{q.subject} {q.predicate} {q.object} <{graph}> ." for q in doc_to_quads(doc, content_hash(path)))
    return graphs


def stored_graphs(store: Path) -> dict[str, frozenset[str]]:
    """The document and reference graphs (the summary is checked after the last build)."""
    graphs: dict[str, set[str]] = defaultdict(set)
    for line in Store(store, read_only=True).dump_nquads().decode().splitlines():
        graph = line.rsplit(" ", 2)[-2].strip("<>")
        if graph not in (SUMMARY_GRAPH, PENDING_GRAPH):
            graphs[graph].add(line)
    return {g: frozenset(lines) for g, lines in graphs.items()}


def summary_graph(store: Path) -> frozenset[str]:
    lines = Store(store, read_only=True).dump_nquads().decode().splitlines()
    return frozenset(line for line in lines if line.rsplit(" ", 2)[-2] in (f"<{SUMMARY_GRAPH}>", f"<{PENDING_GRAPH}>"))


def test_build_killed_at_random_points_never_leaves_a_mix(tmp_path: Path):
    folders = {v: tmp_path / v for v in "ABC"}
    for version, folder in folders.items():
        corpus(folder, version)
    versions = {v: expected(folder) for v, folder in folders.items()}
    assert versions["A"].keys() == versions["B"].keys() and len(versions["A"]) >= 15
    added = {g: lines for g, lines in versions["C"].items() if g not in versions["A"]}
    assert len(added) >= 30
    store = tmp_path / "store"
    api.build([folders["A"]], store)
    rng = random.Random(20261122)
    env = dict(os.environ, KG_STORE_WAIT="30")
    mixed_states = added_states = 0
    for kill in range(KILLS):
        # replace everything (B), back with the added documents pruned (A), add them again (C)
        version = "BAC"[kill % 3]
        # its own process group, killed whole as a power cut would: the build, its workers and
        # their forkserver (killing the build alone left the forkserver running for good)
        proc = subprocess.Popen([sys.executable, "-c", BUILD, "build", str(folders[version]), "--store", str(store),
                                 *(["--prune"] if version == "A" else [])],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.4, 2.5))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        graphs = stored_graphs(store)
        assert graphs.keys() <= versions["A"].keys() | added.keys(), f"kill {kill}: a graph no document has"
        for graph, lines in graphs.items():
            assert lines in (versions["A"].get(graph), versions["B"].get(graph), added.get(graph)), \
                f"kill {kill}: {graph} is half-written"
        mixed_states += len({lines == versions["A"].get(g) for g, lines in graphs.items() if g not in added}) == 2
        added_states += any(g in added for g in graphs)
    assert mixed_states > 0, "no kill landed in the middle of a build: the test did not test"
    assert added_states > 0, "no build got as far as adding documents: the batches were not tested"
    api.build([folders["B"]], store, prune=True)  # the next build completes the work, its summary too
    assert stored_graphs(store) == versions["B"]
    assert not list(store.glob(BULK_FILES))  # what killed bulk loads left, removed when the store opened
    api.build([folders["B"]], tmp_path / "fresh")
    assert summary_graph(store) == summary_graph(tmp_path / "fresh")
