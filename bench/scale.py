"""The benchmark: build throughput, peak memory, one-document rebuilds and query latency, each
next to a baseline measured in the same run, for corpora of the sizes asked.

    python bench/scale.py [--sizes 1000 10000] [--workers N] [--out artifacts/bench]
    python bench/scale.py --report-only        # re-render bench/REPORT.md from bench/scale_results.json

Per size: a corpus from `bench/corpus.py`; `kg build --workers N` into a fresh embedded store
(wall time, peak memory of the process tree and of its largest process), `--build-rounds` times
with the sizes in turns, the fastest run the figure (a machine's slow spell only ever makes a run
slower) and every run kept; the baseline: the same
quads bulk-loaded into a fresh pyoxigraph store; the time `kg build` takes after one document
changed (in this process, and as a whole `kg build` process); and p50/p95 of every shipped
query on the embedded store, on an Oxigraph server over the same store files (through kg's
server backend), on the bulk-loaded store, and on rdflib's in-memory Dataset (in a process of
its own, timed in turns with the embedded store) — before the
one-document rebuilds, on the quads the baselines hold — then on the embedded store again after
them. Results go to
bench/scale_results.json after every step, and bench/REPORT.md is rendered from it.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import scale_measure as measure
from bench.corpus import Generator
from bench.scale_report import render
from kg import api
from kg.build import default_workers
from kg.queries import bind, list_queries, resolve_entities, with_prologue
from kg.store import Store

KG = [sys.executable, "-c", "from kg.cli import main; main()"]
RESULTS = ROOT / "bench" / "scale_results.json"
REPORT = ROOT / "bench" / "REPORT.md"

#: The parameters each shipped query is timed with: what an analyst typically asks.
PARAMS: dict[str, dict[str, str]] = {
    "missions-depending-on": {"provider": "US"},
    "contributions": {"country": "NL"},
    "leads": {"leader": "NL"},
    "spending": {"country": "NL"},
    "questions": {"party": "D66"},  # the party asking the questions of the generated corpus
    "entities": {"type": "Mission"},
}


def query_calls(run_query, only: list[str] | None = None) -> dict[str, object]:
    """Each shipped query (or those named in `only`) with its PARAMS as a call on `run_query` (a
    store's query function), entity names resolved first, as `kg query` does — that lookup is
    part of the time."""
    calls = {}
    for named in list_queries():
        if only and named.name not in only:
            continue
        params = {k: v for k, v in PARAMS.get(named.name, {}).items() if k in named.params}

        def call(named=named, params=params) -> int:
            resolved = resolve_entities(named, params, run_query)
            return rows_of(run_query(with_prologue(bind(named, params, resolved))))

        calls[named.name] = call
    return calls


def rows_of(result) -> int:
    """Read every value of every row, as a client would; the number of rows."""
    count = 0
    for row in result:
        [str(term) for term in row if term is not None]
        count += 1
    return count


class _Term(str):
    """An rdflib term read as text, with the `.value` kg's code reads from pyoxigraph terms."""

    @property
    def value(self) -> str:
        return str(self)


def rdflib_runner(dataset, cap_s: float):
    """rdflib's query, its rows read into name → term maps (every value read, as a client would),
    given up after `cap_s` seconds (rdflib is pure Python, so an alarm can interrupt it)."""

    class Row(dict):
        def __iter__(self):
            return iter(self.values())

    def expire(*_):
        raise TimeoutError(f"over {cap_s:g} s")

    def run(text: str):
        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, cap_s)
        try:
            result = dataset.query(text)
            names = [str(v) for v in result.vars]
            return [Row({n: _Term(t) for n, t in zip(names, row) if t is not None}) for row in result]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    return run


def save(results: dict) -> None:
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    REPORT.write_text(render(results), encoding="utf-8")


def corpus(out: Path, size: int) -> tuple[Path, int]:
    folder = out / f"corpus-{size}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        Generator(ROOT / "data" / "documents", seed=1).write(folder, size)
        marker.touch()
    return folder, sum(p.stat().st_size for p in folder.glob("*.txt"))


def bench_build(out: Path, size: int, workers: int, entry: dict) -> None:
    """One whole `kg build` into an empty store: its runs are kept in `entry["build"]`, whose
    figures are the fastest run's time and the largest peak memory of all runs."""
    folder, text_bytes = corpus(out, size)
    store = out / f"store-{size}"
    shutil.rmtree(store, ignore_errors=True)
    print(f"[{size}] kg build --workers {workers} …", flush=True)
    built = measure.run([*KG, "build", str(folder), "--store", str(store), "--workers", str(workers)])
    runs = [*entry.get("build", {}).get("runs_s", []), built.seconds]
    peaks = {key: max(built_mb, entry.get("build", {}).get(key, 0.0)) for key, built_mb in (
        ("tree_peak_mb", built.tree_peak_mb), ("largest_peak_mb", built.largest_peak_mb), ("worker_peak_mb", built.child_peak_mb))}
    entry["build"] = {"documents": size, "text_mb": text_bytes / 1e6, "quads": len(Store(store, read_only=True)),
                      "workers": workers, "seconds": min(runs), "runs_s": runs, **peaks,
                      "summary": built.output.strip().splitlines()[-1]}


def bench_baseline(out: Path, size: int, entry: dict) -> None:
    """The baseline: the build's quads, dumped as N-Quads, bulk-loaded into a fresh store."""
    store, dump, bulk = out / f"store-{size}", out / f"dump-{size}.nq", out / f"bulk-{size}"
    quads = entry["build"]["quads"]
    ox.Store.read_only(str(store)).dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
    shutil.rmtree(bulk, ignore_errors=True)
    print(f"[{size}] baseline: bulk load of {quads} quads …", flush=True)
    loaded = measure.run([sys.executable, "-c", ("import sys, pyoxigraph as ox; "
                          "ox.Store(sys.argv[1]).bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS)"),
                          str(bulk), str(dump)])
    entry["bulk_load"] = {"seconds": loaded.seconds, "tree_peak_mb": loaded.tree_peak_mb}


def bench_rebuild(folder: Path, store: Path, entry: dict, repeats: int = 3) -> None:
    """Change one document (a sentence appended), rebuild; in this process, then as a `kg build`
    process (`repeats` times each; the process figure is their median). A first build records
    the files' stats, so the runs measure the steady state: only the changed file is read."""
    files = sorted(folder.glob("*.txt"))
    api.build([folder], store)  # a store built before the stat record existed gets its record here
    seconds, read = [], []
    for k in range(repeats):
        target = files[(k * 7919) % len(files)]
        with target.open("a", encoding="utf-8") as f:
            f.write(f"\nDe VS leveren {k + 2} tankvliegtuigen aan de NAVO-missie.\n")
        started = time.perf_counter()
        report = api.build([folder], store)
        seconds.append(time.perf_counter() - started)
        read.append(report.hashed)
        assert report.built == [target.name], report.built
    processes = []
    for k in range(repeats):
        with files[-1 - k].open("a", encoding="utf-8") as f:
            f.write("\nNederland levert 4 F-35's.\n")
        processes.append(measure.run([*KG, "build", str(folder), "--store", str(store)]).seconds)
    entry["rebuild_one"] = {"in_process_s": sorted(seconds), "process_s": sorted(processes)[repeats // 2],
                            "process_runs_s": sorted(processes), "files_read": read}


def bench_queries(out: Path, size: int, store: Path, bulk: Path, entry: dict, rdflib_max_quads: int,
                  only: list[str] | None, backends: list[str]) -> None:
    """Time the queries (`only` those, if given) on the `backends` asked; earlier figures of other
    queries and backends are kept."""
    results: dict[str, dict] = entry.setdefault("queries", {})
    for named in list_queries():
        results.setdefault(named.name, {})

    def record(name: str, label: str, figure) -> None:
        results[name][label] = figure.__dict__ if isinstance(figure, measure.Latency) else figure
        entry["queries"] = results
        save(ALL)

    # one reader of the embedded store, closed at the end: the rebuild step after this opens it to write
    with contextlib.closing(Store(store, read_only=True)) as reader:
        _time_backends(size, reader, store, bulk, only, backends, record)
        if "rdflib" in backends:
            _time_rdflib(out, size, reader, entry, rdflib_max_quads, only, record)


def _time_backends(size: int, reader: Store, store: Path, bulk: Path, only: list[str] | None, backends: list[str],
                   record: Callable[[str, str, object], None]) -> None:
    """The embedded store (`reader`), the server over its files and the bulk-loaded store."""
    with contextlib.ExitStack() as opened:
        stores = {"embedded": reader.query}
        fresh = ox.Store.read_only(str(bulk))
        stores["bulk_loaded"] = lambda t: fresh.query(t, use_default_graph_as_union=True)
        if "server" in backends:
            stores["server"] = opened.enter_context(oxigraph_server(store)).query
        calls = {label: query_calls(run_query, only) for label, run_query in stores.items() if label in backends}
        # the embedded store and the server read the same files: timed in turns; the bulk-loaded
        # store, other files, on its own (in turns with them, the three stores' files did not all
        # stay in this machine's page cache, and every backend read the disk)
        groups = [[label for label in ("embedded", "server") if label in calls], ["bulk_loaded"] if "bulk_loaded" in calls else []]
        names = [named.name for named in list_queries() if not only or named.name in only]
        for together in filter(None, groups):
            for name in names:
                print(f"[{size}] {' and '.join(together)}: {name} …", flush=True)
                try:
                    timed = measure.latencies({label: calls[label][name] for label in together}, runs=100, budget_s=10)
                except Exception as exc:  # noqa: BLE001 (a backend that cannot run a query is a finding, not the end of the run)
                    timed = dict.fromkeys(together, {"error": f"{type(exc).__name__}: {exc}"})
                for label, figure in timed.items():
                    record(name, label, figure)


def _time_rdflib(out: Path, size: int, reader: Store, entry: dict, rdflib_max_quads: int, only: list[str] | None,
                 record: Callable[[str, str, object], None]) -> None:
    """rdflib's in-memory store, in turns with the embedded store (`reader`) once more."""
    quads = entry["build"]["quads"]
    if quads > rdflib_max_quads:
        entry["rdflib"] = {"skipped": f"{quads} quads need ~{quads * 1.7e-6:.0f} GB in rdflib (limit --rdflib-max-quads)"}
        save(ALL)
        return
    # rdflib in a process of its own: with its ~6 GB of Python objects in this process, the embedded
    # store timed beside it here ran 1.3–1.7× slower than alone minutes before (10,000 documents)
    print(f"[{size}] rdflib: loading {quads} quads in a process of its own …", flush=True)
    context = multiprocessing.get_context("spawn")
    conn, child_end = context.Pipe()
    child = context.Process(target=_rdflib_process, args=(child_end, str(out / f"dump-{size}.nq"), 120, only), daemon=True)
    child.start()
    try:
        entry["rdflib"] = {"load_s": conn.recv(), "own_process": True}
        # the embedded store again, in turns with rdflib, for their ratio: the embedded figures
        # above were taken minutes earlier (`contributions`: 41 ms in one run, 61 in the next,
        # rdflib 476 and 481 ms: 11.6× and 7.9×)
        embedded = query_calls(reader.query, only)
        for name in embedded:
            print(f"[{size}] rdflib (and embedded, in turns): {name} …", flush=True)
            try:
                timed = measure.latencies({"rdflib": _remote_call(conn, name), "embedded_beside_rdflib": embedded[name]},
                                          runs=5, budget_s=60, min_runs=1, warmup=False)
            except Exception as exc:  # noqa: BLE001 (as above)
                timed = {"rdflib": {"error": f"{type(exc).__name__}: {exc}"}}
            for label, figure in timed.items():
                record(name, label, figure)
    finally:
        conn.send(None)
        child.join()


def _rdflib_process(conn, dump: str, cap_s: float, only: list[str] | None) -> None:
    """rdflib's side, in its own process: load the dump, say how long it took, then run each
    query named on `conn` (every row read) and answer with its row count or its exception."""
    import rdflib

    started = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(dump, format="nquads")
    conn.send(time.perf_counter() - started)
    calls = query_calls(rdflib_runner(dataset, cap_s), only)
    while (name := conn.recv()) is not None:
        try:
            conn.send(calls[name]())
        except Exception as exc:  # noqa: BLE001 (the parent records it as the query's figure)
            conn.send(exc)


def _remote_call(conn, name: str):
    """A call of `name` in the rdflib process, timed here (the pipe's round trip, ~0.1 ms, counts to rdflib)."""
    def call() -> int:
        conn.send(name)
        answer = conn.recv()
        if isinstance(answer, Exception):
            raise answer
        return answer

    return call


def bench_queries_after_rebuilds(size: int, store: Path, entry: dict, only: list[str] | None) -> None:
    """The embedded store's query times again after the one-document rebuilds: each such build
    leaves its writes in small sorted runs of its own beside the compacted store (only a build
    of ≥ 1,000,000 quads compacts it again), and reads merge them in."""
    results: dict[str, dict] = entry.setdefault("queries", {})
    with contextlib.closing(Store(store, read_only=True)) as reader:
        for name, call in query_calls(reader.query, only).items():
            print(f"[{size}] embedded after the rebuilds: {name} …", flush=True)
            results.setdefault(name, {})["embedded_after_rebuilds"] = measure.latency(call, runs=100, budget_s=10).__dict__
            save(ALL)


@contextlib.contextmanager
def oxigraph_server(store: Path) -> Iterator[Store]:
    """The same store files behind a read-only Oxigraph server, as kg's server backend."""
    from tests.servers import free_port, wait_until_up

    port = free_port()
    server = subprocess.Popen([shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph"),
                               "serve-read-only", "--location", str(store), "--union-default-graph",
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", seconds=120)
        yield Store(f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        server.wait(timeout=30)


ALL: dict = {}
BACKENDS = ("embedded", "bulk_loaded", "server", "rdflib")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "bench")
    parser.add_argument("--rdflib-max-quads", type=int, default=6_000_000)
    parser.add_argument("--steps", default="build,rebuild,queries",
                        help="comma-separated: build, rebuild, queries (rebuild and queries reuse an earlier build)")
    parser.add_argument("--build-rounds", type=int, default=2,
                        help="whole builds of each size, the sizes in turns; the fastest run is the figure")
    parser.add_argument("--only", nargs="+", help="time only these queries")
    parser.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=BACKENDS)
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    if RESULTS.exists():
        ALL.update(json.loads(RESULTS.read_text(encoding="utf-8")))
    if args.report_only:
        save(ALL)
        return
    ALL["machine"] = {"cores": os.cpu_count(), "python": sys.version.split()[0], "pyoxigraph": ox.__version__,
                      "date": time.strftime("%Y-%m-%d")}
    args.out.mkdir(parents=True, exist_ok=True)
    # kg as installed: pip writes the package's bytecode at install time and Python caches it on
    # the first run, so a `kg` process does not compile its modules; where that is switched off
    # (PYTHONDONTWRITEBYTECODE, as on the benchmark machine) each timed process would compile
    # ~60 modules again (~0.1 s of a one-document rebuild)
    compileall.compile_dir(ROOT / "kg", quiet=1)
    steps = args.steps.split(",")
    entries = {size: ALL.setdefault("sizes", {}).setdefault(str(size), {}) for size in args.sizes}
    if "build" in steps:
        for entry in entries.values():
            entry.pop("build", None)
        # the sizes in turns, round after round, so that a slow quarter of an hour of the machine
        # does not fall on one size alone (one run each: 10.0× in one run, 11.2× in the next)
        for _ in range(args.build_rounds):
            for size in args.sizes:
                bench_build(args.out, size, args.workers, entries[size])
                save(ALL)
        for size in args.sizes:
            bench_baseline(args.out, size, entries[size])
            save(ALL)
    for size in args.sizes:
        entry = entries[size]
        folder, store, bulk = args.out / f"corpus-{size}", args.out / f"store-{size}", args.out / f"bulk-{size}"
        if "queries" in steps:
            # on the store as its build left it: the quads the baselines (the bulk-loaded store, rdflib) hold
            bench_queries(args.out, size, store, bulk, entry, args.rdflib_max_quads, args.only, args.backends)
            save(ALL)
        if "rebuild" in steps:
            bench_rebuild(folder, store, entry)
            save(ALL)
            if "queries" in steps and "embedded" in args.backends:
                bench_queries_after_rebuilds(size, store, entry, args.only)
                save(ALL)
    print(f"wrote {RESULTS} and {REPORT}")


if __name__ == "__main__":
    main()
