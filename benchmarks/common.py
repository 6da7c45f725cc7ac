"""Shared harness of the benchmarks: timing, percentiles, memory, machine facts, tables, JSON."""

from __future__ import annotations

import json
import math
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"


@dataclass(frozen=True, slots=True)
class Latency:
    """Summary of a sample of durations, in milliseconds."""

    n: int
    p50_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float

    def to_json(self) -> dict[str, float | int]:
        """Return the summary as a JSON-ready dict (milliseconds rounded to 0.1 µs)."""
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Return the ``q``-th percentile (0 < q ≤ 100) of already sorted values.

    Nearest-rank method (the smallest value with at least q % of the sample at or below
    it), as defined in NIST/SEMATECH e-Handbook of Statistical Methods, §7.2.6.2: it
    always returns an observed value, so a p99 is a latency some call really had.
    """
    if not sorted_values:
        raise ValueError("percentile of an empty sample")
    if not 0 < q <= 100:
        raise ValueError(f"percentile must be in (0, 100], got {q}")
    rank = math.ceil(q / 100 * len(sorted_values))
    return sorted_values[rank - 1]


def summarize_ns(durations_ns: Iterable[int]) -> Latency:
    """Summarise durations given in nanoseconds as milliseconds."""
    ms = sorted(d / 1e6 for d in durations_ns)
    if not ms:
        raise ValueError("no durations to summarise")
    return Latency(
        n=len(ms),
        p50_ms=percentile(ms, 50),
        p99_ms=percentile(ms, 99),
        mean_ms=sum(ms) / len(ms),
        max_ms=ms[-1],
    )


def time_each(fn: Callable[[Any], object], inputs: Sequence[Any], repeat: int = 1) -> list[int]:
    """Call ``fn`` on every input ``repeat`` times and return each call's duration in ns."""
    clock = time.perf_counter_ns
    durations: list[int] = []
    append = durations.append
    for _ in range(repeat):
        for item in inputs:
            start = clock()
            fn(item)
            append(clock() - start)
    return durations


def _status_kib(field: str) -> int | None:
    """Return a ``kB`` field of ``/proc/self/status`` (Linux), or None elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_mb() -> float:
    """Return this process's current resident set size in MiB (0.0 where unknown)."""
    kib = _status_kib("VmRSS")
    return kib / 1024 if kib is not None else 0.0


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MiB (VmHWM, or getrusage's maxrss)."""
    kib = _status_kib("VmHWM")
    if kib is None:
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if sys.platform == "darwin":  # bytes there, KiB on Linux
            kib //= 1024
    return kib / 1024


def reset_peak_rss() -> bool:
    """Reset this process's peak RSS to its current RSS (Linux ≥ 4.0); return whether it did.

    Writing ``5`` to ``/proc/self/clear_refs`` resets VmHWM (proc(5)), so a worker can
    measure the peak of one phase (index build and queries) apart from set-up.
    """
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def child_peak_rss_mb(rusage: resource.struct_rusage) -> float:
    """Return the peak RSS in MiB from a child's rusage (as returned by ``os.wait4``)."""
    kib = rusage.ru_maxrss
    if sys.platform == "darwin":
        kib //= 1024
    return kib / 1024


def cpu_model() -> str:
    """Return the CPU model name from /proc/cpuinfo, or platform's guess elsewhere."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    """Return the facts that make figures comparable: CPUs, CPU model, Python, libraries."""
    import sqlite3

    affinity = getattr(os, "sched_getaffinity", None)
    cpus = len(affinity(0)) if affinity else os.cpu_count()
    return {
        "nproc": cpus,
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "packages": {
            name: _version(name) for name in ("rank-bm25", "bm25s", "numpy", "nltk", "scipy")
        },
    }


def machine_line(info: dict[str, Any]) -> str:
    """Return the one-line description of the machine printed above every table."""
    return (
        f"machine: {info['nproc']} CPUs, {info['cpu_model']}, "
        f"{info['implementation']} {info['python']}, SQLite {info['sqlite']}"
    )


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Return a plain-text table: text columns left-aligned, numeric columns right-aligned."""

    def cell(value: object) -> str:
        if value is None:
            return "–"
        if isinstance(value, float):
            return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)

    cells = [[cell(v) for v in row] for row in rows]
    numeric = [
        all(isinstance(row[i], int | float) or row[i] is None for row in rows) and bool(rows)
        for i in range(len(headers))
    ]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])


def write_json(name: str, payload: dict[str, Any], out: Path | None = None) -> Path:
    """Write ``payload`` (plus the machine and a timestamp) as JSON; return the file's path.

    The default place is ``benchmarks/results/<name>.json`` (git-ignored); each run
    replaces the previous one.
    """
    path = out if out is not None else RESULTS_DIR / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": name,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        **payload,
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def parse_count(text: str) -> int:
    """Parse a count such as ``200``, ``10k``, ``1.5k`` or ``1M`` (k = 1,000, M = 1,000,000)."""
    raw = text.strip()
    factor = 1
    if raw[-1:] in ("k", "K"):
        factor, raw = 1_000, raw[:-1]
    elif raw[-1:] in ("m", "M"):
        factor, raw = 1_000_000, raw[:-1]
    try:
        value = float(raw) * factor
    except ValueError:
        raise ValueError(f"not a count: {text!r} (examples: 200, 10k, 1M)") from None
    if value < 1 or value != int(value):
        raise ValueError(f"not a positive whole count: {text!r}")
    return int(value)


def format_count(n: int) -> str:
    """Format a count the way ``parse_count`` reads it back (``10k``, ``1M``, ``250``)."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)
