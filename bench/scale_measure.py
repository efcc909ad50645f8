"""What the benchmark runner measures with: a command's wall time and peak memory (the whole
process tree, the command's own process and its largest child, all sampled from /proc), and the
latency distribution of a repeated call."""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    seconds: float
    tree_peak_mb: float  # the largest sum of RSS over the process and its children, sampled every 0.1 s
    largest_peak_mb: float  # the largest RSS of the command's own process, sampled (see `run`)
    child_peak_mb: float  # the largest RSS of one process below the command (a worker), sampled
    output: str


def _tree_rss(root: int) -> tuple[int, int]:
    """RSS in bytes of `root` and all its descendants, of the largest descendant, and of `root`
    itself (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                rss[int(entry)] = int(f.read().split()[1]) * PAGE
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, largest, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        if pid != root:
            largest = max(largest, rss.get(pid, 0))
        stack.extend(children.get(pid, []))
    return total, largest, rss.get(root, 0)


def run(command: list[str], *, env: dict[str, str] | None = None) -> Run:
    """Run `command` to its end; its output is returned, its time and memory measured."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, **(env or {})})
    peak = [0, 0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            total, child, own = _tree_rss(process.pid)
            peak[0], peak[1], peak[2] = max(peak[0], total), max(peak[1], child), max(peak[2], own)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read()
    _, status, _ = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{output[-3000:]}")
    # not ru_maxrss: a child forked from this process starts with this process's memory in its
    # RSS until it execs, and the kernel counts that in its peak (the writer "peaked" at 686 MB
    # at 10,000 documents after this process had held rdflib's 1,000-document graph; sampled
    # every 10 ms the build process never passed 364 MB, as /usr/bin/time said too)
    return Run(seconds, peak[0] / 1e6, peak[2] / 1e6, peak[1] / 1e6, output)


@dataclass
class Latency:
    runs: int
    p50_ms: float
    p95_ms: float
    rows: int


def latencies(calls: dict[str, Callable[[], int]], *, runs: int, budget_s: float, min_runs: int = 3,
              warmup: bool = True) -> dict[str, Latency]:
    """Time several calls of one query (one per backend) in turns: a warm-up of each, then one
    timed run of each in every round, so that every backend meets the machine in the same state —
    on a shared machine its speed drifts within minutes, and timing one backend after the other
    put that drift into their ratio. Each call stops on its own after `runs` runs, or once
    `budget_s` seconds are spent and at least `min_runs` were timed. A call whose warm-up took
    longer than the budget is timed by that run alone; without warm-up the first timed run gives
    the row count."""
    times: dict[str, list[float]] = {label: [] for label in calls}
    rows = dict.fromkeys(calls, -1)
    spent = dict.fromkeys(calls, 0.0)
    done: dict[str, Latency] = {}
    for label, call in calls.items() if warmup else ():
        started = time.perf_counter()
        rows[label] = call()
        first = time.perf_counter() - started
        if first > budget_s:
            done[label] = Latency(1, first * 1e3, first * 1e3, rows[label])
    going = [label for label in calls if label not in done]
    while going:
        for label in going:
            started = time.perf_counter()
            rows[label] = calls[label]()
            elapsed = time.perf_counter() - started
            times[label].append(elapsed)
            spent[label] += elapsed
        going = [label for label in going
                 if len(times[label]) < runs and (spent[label] < budget_s or len(times[label]) < min_runs)]
    return {label: done.get(label) or _summary(times[label], rows[label]) for label in calls}


def _summary(times: list[float], rows: int) -> Latency:
    """p50 and p95 of timed runs (p95 of fewer than 20 runs: the slowest)."""
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] if len(times) >= 20 else times[-1]
    return Latency(len(times), statistics.median(times) * 1e3, p95 * 1e3, rows)


def latency(call: Callable[[], int], *, runs: int, budget_s: float, min_runs: int = 3, warmup: bool = True) -> Latency:
    """`latencies` of one call."""
    return latencies({"call": call}, runs=runs, budget_s=budget_s, min_runs=min_runs, warmup=warmup)["call"]
