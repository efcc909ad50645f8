"""bench/scale_results.json → bench/REPORT.md: the figures, each next to its baseline as a ratio, and
the issue's targets with the figure that meets or misses each."""

from __future__ import annotations

from typing import Any


def _f(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _build_rows(sizes: dict[str, Any]) -> list[str]:
    lines = [("| documents | text MB | quads | workers | build s (runs) | docs/s | MB/s | MB/s per core | quads/s per core "
             "| peak memory, tree MB | writer process MB | largest worker MB | baseline: bulk load s (peak MB) "
             "| build ÷ bulk load |"),
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size, entry in sizes.items():
        b = entry.get("build")
        if not b:
            continue
        s, w = b["seconds"], b["workers"]
        bulk = entry.get("bulk_load", {}).get("seconds")
        bulk_mb = entry.get("bulk_load", {}).get("tree_peak_mb")
        runs = ", ".join(_f(r) for r in b.get("runs_s", [s]))
        lines.append(f"| {int(size):,} | {_f(b['text_mb'])} | {b['quads']:,} | {w} | {_f(s)} ({runs}) | {_f(b['documents'] / s)} "
                     f"| {_f(b['text_mb'] / s, 2)} | {_f(b['text_mb'] / s / w, 2)} | {_f(b['quads'] / s / w)} "
                     f"| {_f(b['tree_peak_mb'])} | {_f(b['largest_peak_mb'])} | {_f(b.get('worker_peak_mb'))} "
                     f"| {_f(bulk)} ({_f(bulk_mb)}) | {_f(_ratio(s, bulk))}× |")
    return lines


def _rebuild_rows(sizes: dict[str, Any]) -> list[str]:
    lines = ["| documents | `api.build`, in process (runs) | whole `kg build` process |", "|---:|---|---:|"]
    for size, entry in sizes.items():
        r = entry.get("rebuild_one")
        if r:
            runs = ", ".join(f"{x:.2f}" for x in r["in_process_s"])
            lines.append(f"| {int(size):,} | {runs} s | {r['process_s']:.2f} s |")
    return lines


def _beside_rdflib(q: dict[str, Any]) -> dict | None:
    """The embedded figure to divide rdflib's by: the one timed in turns with rdflib, where there is one."""
    return q.get("embedded_beside_rdflib") or q.get("embedded")


def _query_rows(entry: dict[str, Any]) -> list[str]:
    lines = [("| query | rows | embedded p50 / p95 ms | server p50 / p95 ms | server ÷ embedded "
             "| bulk-loaded pyoxigraph p50 ms | rdflib in-memory p50 / p95 ms | rdflib ÷ embedded "
             "| embedded after the rebuilds p50 / p95 ms |"),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, q in entry.get("queries", {}).items():
        e, s, b, r, a = (q.get(k) for k in ("embedded", "server", "bulk_loaded", "rdflib", "embedded_after_rebuilds"))

        def pair(x: dict | None) -> str:
            if x and "error" in x:
                if x["error"].startswith("TimeoutError"):
                    return "> " + x["error"].split("over ", 1)[1]
                return "fails: " + x["error"].split(":")[0]
            return f"{_f(x['p50_ms'])} / {_f(x['p95_ms'])}" if x else "—"

        def p50(x: dict | None) -> float | None:
            return x["p50_ms"] if x and "error" not in x else None

        lines.append(f"| {name} | {e['rows'] if p50(e) is not None else '—'} | {pair(e)} | {pair(s)} "
                     f"| {_f(_ratio(p50(s), p50(e)), 2)}× | {_f(p50(b))} | {pair(r)} "
                     f"| {_f(_ratio(p50(r), p50(_beside_rdflib(q))))}× | {pair(a)} |")
    return lines


def targets(results: dict[str, Any]) -> list[str]:
    """The issue's targets against the figures of the largest and the smallest size measured."""
    sizes = {int(k): v for k, v in results.get("sizes", {}).items() if v.get("build")}
    if not sizes:
        return []
    small, large = sizes[min(sizes)], sizes[max(sizes)]
    rows = ["| target | figure | met |", "|---|---|---|"]

    def row(target: str, figure: str, ok: bool | None) -> None:
        rows.append(f"| {target} | {figure} | {'yes' if ok else 'no' if ok is not None else '—'} |")

    b = large["build"]
    per_core = b["text_mb"] / b["seconds"] / b["workers"]
    row("build ≥ 1 MB of text per second per core, end to end", f"{per_core:.2f} MB/s/core at {max(sizes):,} documents", per_core >= 1)
    if len(sizes) > 1:
        scale = max(sizes) / min(sizes)
        t = large["build"]["seconds"] / small["build"]["seconds"]
        row(f"{scale:.0f}× the documents costs ≤ {scale * 1.1:.0f}× the time", f"{t:.1f}×", t <= scale * 1.1)
        m = large["build"]["tree_peak_mb"] / small["build"]["tree_peak_mb"]
        mw = _ratio(large["build"].get("worker_peak_mb"), small["build"].get("worker_peak_mb"))
        mb = _ratio(large.get("bulk_load", {}).get("tree_peak_mb"), small.get("bulk_load", {}).get("tree_peak_mb"))
        row("peak memory at the large size ≤ 1.5× the small",
            f"{m:.2f}× (whole build); extraction workers {_f(mw, 2)}×; the store engine alone (bulk load) "
            f"{_f(mb, 2)}×", m <= 1.5)
    r = large.get("rebuild_one")
    if r:
        median = sorted(r["in_process_s"])[len(r["in_process_s"]) // 2]
        row(f"one changed document rebuilt in < 1 s ({max(sizes):,} documents)",
            f"{median:.2f} s in process (median); {r['process_s']:.2f} s as a whole `kg build` process",
            max(median, r["process_s"]) < 1)
    queries = large.get("queries", {})
    if queries:
        queries = {n: {k: v for k, v in q.items() if "error" not in v} for n, q in queries.items()}
        # the store as its build left it, and after the one-document rebuilds: the slower counts
        p50 = {n: max(q[k]["p50_ms"] for k in ("embedded", "embedded_after_rebuilds") if k in q)
               for n, q in queries.items() if "embedded" in q}
        slow = sorted((v, n) for n, v in p50.items() if v >= 100)
        row("every shipped query p50 < 100 ms on the embedded store",
            f"max {max(p50.values()):.0f} ms (built, and after the rebuilds)"
            + (f"; over: {', '.join(n for _, n in slow)}" if slow else ""), not slow)
        measured = [size for size in sorted(sizes, reverse=True) if "load_s" in sizes[size].get("rdflib", {})]
        if measured:
            at = sizes[measured[0]]
            speedups = {n: _ratio(q["rdflib"]["p50_ms"], _beside_rdflib(q)["p50_ms"])
                        for n, q in at.get("queries", {}).items()
                        if "p50_ms" in q.get("rdflib", {}) and "p50_ms" in (_beside_rdflib(q) or {})}
            failed = sorted(n for n, q in at.get("queries", {}).items() if "error" in q.get("rdflib", {}))
            # rdflib given up after 120 s: kg is at least 120 s ÷ its own p50 faster there
            bounds = {n: 120_000 / q["embedded"]["p50_ms"] for n, q in at.get("queries", {}).items()
                      if "over 120 s" in q.get("rdflib", {}).get("error", "") and "p50_ms" in q.get("embedded", {})}
            untimed = sorted(n for n, q in at.get("queries", {}).items() if "rdflib" not in q)
            low = sorted((v, n) for n, v in speedups.items() if v < 10) + sorted((v, n) for n, v in bounds.items() if v < 10)
            where = "" if measured[0] == max(sizes) else (
                f" at {measured[0]:,} documents (at {max(sizes):,}: {large.get('rdflib', {}).get('skipped', 'not run')})")
            span = f"{min(speedups.values()):.1f}–{max(speedups.values()):.0f}×" if speedups else "no rdflib answer to compare"
            bound = (f"; at least {min(bounds.values()):.0f}–{max(bounds.values()):.0f}× where rdflib took over 120 s "
                     f"({', '.join(sorted(bounds))})") if bounds else ""
            row("≥ 10× faster than rdflib's in-memory store",
                f"{span}{where}{bound}"
                + (f"; under 10×: {', '.join(n for _, n in low)}" if low else "")
                + (f"; rdflib failing: {', '.join(n for n in failed if n not in bounds)}" if set(failed) - set(bounds) else "")
                + (f"; rdflib not run: {', '.join(untimed)}" if untimed else ""),
                bool(speedups or bounds) and not low and not untimed)
        server = {n: _ratio(q["server"]["p50_ms"], q["embedded"]["p50_ms"]) for n, q in queries.items()
                  if "server" in q and "embedded" in q}
        if server:
            high = sorted((v, n) for n, v in server.items() if v > 2)
            row("server backend within 2× of the embedded store",
                f"max {max(server.values()):.2f}×" + (f"; over: {', '.join(n for _, n in high)}" if high else ""), not high)
    return rows


def render(results: dict[str, Any]) -> str:
    machine = results.get("machine", {})
    sizes = results.get("sizes", {})
    out = [
        "# kg benchmark report",
        "",
        (f"Measured by `python bench/scale.py` on {machine.get('date', '?')}: {machine.get('cores', '?')} cores, "
        f"Python {machine.get('python', '?')}, pyoxigraph {machine.get('pyoxigraph', '?')}. Corpora from "
        "`bench/corpus.py` (sentences of the shipped documents recombined). Other work ran on the machine "
        "at the same time, so absolute times are noisy; ratios taken within one run hold better. "
        "Raw figures: `bench/scale_results.json`."),
        "",
        "## Targets",
        "",
        *targets(results),
        "",
        "## Build",
        "",
        ("Wall time of a whole `kg build --workers N` process into an empty embedded store: the fastest of the "
        "runs, which took the sizes in turns (a slow spell of the machine only ever makes a run slower). Peak "
        "memory, the largest of the runs: the "
        "largest sum of resident memory over the process and its workers (sampled every 0.1 s), the writer "
        "process (which holds the embedded store's engine, RocksDB) and the largest extraction worker. Baseline: the same quads, dumped as N-Quads, bulk-loaded into a fresh "
        "on-disk pyoxigraph store (no extraction, no per-document transactions)."),
        "",
        *_build_rows(sizes),
        "",
        "## One changed document",
        "",
        ("A sentence appended to one document, then `kg build` over the whole corpus: every file hashed, the "
        "changed one extracted and its graph replaced."),
        "",
        *_rebuild_rows(sizes),
    ]
    for size, entry in sizes.items():
        if not entry.get("queries"):
            continue
        rdflib = entry.get("rdflib", {})
        where = ("in a process of its own (in this one, its ~6 GB of objects slowed the embedded store "
                 "beside it 1.3–1.7×)" if rdflib.get("own_process") else "in this process")
        note = (f"rdflib loaded the quads in {rdflib['load_s']:.0f} s, {where}." if "load_s" in rdflib
                else rdflib.get("skipped", ""))
        out += ["", f"## Queries at {int(size):,} documents", "",
                "Each query with the parameters an analyst would give (`bench/scale.py` PARAMS), all rows read. "
                "Timed on the store as its build left it (the quads the baselines hold), then the embedded "
                "store once more after the one-document rebuilds above (last column). "
                "Embedded: kg's store; server: an Oxigraph server (`serve-read-only --union-default-graph`) "
                "over the same files, through kg's server backend (HTTP, SPARQL JSON parsed); bulk-loaded: a "
                "fresh pyoxigraph store of the same quads; rdflib: `Dataset(default_union=True)` in memory. "
                "Embedded and server (the same files) are timed in turns, one run of each per round, so that both "
                "meet the machine in the same state; the bulk-loaded store after them. "
                "rdflib is timed in turns with the embedded store once more, and divided by that figure. "
                "Up to 100 timed runs after a warm-up, or as many as 10 s allow (5 runs in 60 s for rdflib); "
                "p95 of fewer than 20 runs is the slowest run; a query slower than 10 s was run once. " + note, "", *_query_rows(entry)]
    return "\n".join(out) + "\n"
