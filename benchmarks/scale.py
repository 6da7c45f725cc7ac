"""Scale: build time, peak memory and query latency from 10k to 1M generated sentences.

    python -m benchmarks.scale                      # 10k, 100k, 1M; 200 queries each
    python -m benchmarks.scale --sizes 200 --queries 5   # smoke size

Every (engine, size) runs in its own worker process, so its peak RSS is its own: the
worker regenerates the corpus (deterministic), resets the kernel's peak-RSS mark, then
builds the index and runs the queries. "peak MB" is the worker's peak during build and
queries, the generated corpus (``corpus MB``) included, as a bot would hold its sentences.

Before the timings of each size, a ``verify`` worker checks that the engine's scores
equal rank-bm25's own ``get_scores`` for the same tokens (all documents, and the top k).
The command exits 1 when that check fails.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import corpus as corpus_mod
from benchmarks.common import (
    REPO_ROOT,
    child_peak_rss_mb,
    format_count,
    format_table,
    machine,
    machine_line,
    parse_count,
    peak_rss_mb,
    reset_peak_rss,
    rss_mb,
    summarize_ns,
    time_each,
    write_json,
)
from benchmarks.engines import ENGINES, make_engine, rank_bm25_model
from knowledge.options import EngineOptions

DEFAULT_SIZES = "10k,100k,1M"
DEFAULT_QUERIES = 200
DEFAULT_VARIANT = EngineOptions().variant  # the variant KnowledgeBase indexes with
TOP_K = 10
#: rank-bm25's full scan costs ~1 µs per document and query term: cap its queries at
#: this many document-queries (30 queries at 1M sentences).
FULL_SCAN_BUDGET = 30_000_000
#: Queries compared document by document against rank-bm25 in the verify worker.
VERIFY_QUERIES = 20
VERIFY_BUDGET = 20_000_000
#: Score equality tolerance: the engine sums the same terms in another order.
RTOL, ATOL = 1e-9, 1e-9
GOALS = {"size": 1_000_000, "p50_ms": 20.0, "build_s": 120.0, "peak_mb": 3 * 1024.0}


def query_count(engine: str, size: int, requested: int) -> int:
    """Return how many queries ``engine`` runs at ``size`` (rank-bm25's full scan is capped)."""
    if engine == "rank-bm25":
        return max(1, min(requested, FULL_SCAN_BUDGET // size))
    return requested


def run_engine(name: str, size: int, n_queries: int, seed: int, variant: str) -> dict[str, Any]:
    """Build ``name`` over the generated corpus and time its queries (runs in the worker)."""
    corpus = corpus_mod.generate(size, seed)
    queries = corpus_mod.queries(corpus, query_count(name, size, n_queries), seed + 1)
    gc.collect()
    corpus_mb = rss_mb()
    phase_peak = reset_peak_rss()
    start = time.perf_counter()
    engine = make_engine(name, corpus.documents, variant)
    build_s = time.perf_counter() - start
    gc.collect()
    built_mb = rss_mb()
    for query in queries[:3]:  # warm caches and lazy imports
        engine.search(query, TOP_K)
    latency = summarize_ns(time_each(lambda q: engine.search(q, TOP_K), queries))
    return {
        "engine": name,
        "size": size,
        "variant": variant,
        "distinct_terms": corpus.distinct_terms,
        "tokens": corpus.total_tokens,
        "build_s": round(build_s, 3),
        "queries": latency.n,
        "capped": latency.n < n_queries,
        **latency.to_json(),
        "corpus_mb": round(corpus_mb, 1),
        "after_build_mb": round(built_mb, 1),
        "peak_mb": round(peak_rss_mb(), 1),
        "peak_is_phase": phase_peak,
    }


def run_verify(size: int, n_queries: int, seed: int, variant: str) -> dict[str, Any]:
    """Compare the engine's scores with rank-bm25's ``get_scores`` (runs in the worker)."""
    from knowledge.bm25 import BM25Index

    corpus = corpus_mod.generate(size, seed)
    count = max(1, min(n_queries, VERIFY_QUERIES, VERIFY_BUDGET // size))
    queries = corpus_mod.queries(corpus, count, seed + 1)
    index = BM25Index.build(corpus.documents, variant=variant)
    model = rank_bm25_model(corpus.documents, variant)
    failures: list[dict[str, Any]] = []
    worst = 0.0
    for query in queries:
        expected = np.asarray(model.get_scores(list(query)), dtype=np.float64)
        got = index.get_scores(query)
        worst = max(worst, float(np.max(np.abs(got - expected))))
        hits = index.search(query, TOP_K)
        top_expected = np.sort(expected)[::-1][: len(hits)]
        problems = []
        if not np.allclose(got, expected, rtol=RTOL, atol=ATOL):
            problems.append("get_scores differs")
        if not np.allclose([h.score for h in hits], top_expected, rtol=RTOL, atol=ATOL):
            problems.append("top-k scores differ from rank-bm25's best")
        if any(not np.isclose(h.score, expected[h.doc], rtol=RTOL, atol=ATOL) for h in hits):
            problems.append("a hit's score differs from rank-bm25's for that document")
        if problems:
            failures.append({"query": list(query), "problems": problems})
    return {
        "size": size,
        "variant": variant,
        "queries": len(queries),
        "max_abs_diff": worst,
        "passed": not failures,
        "failures": failures[:5],
    }


def spawn(args: list[str]) -> dict[str, Any]:
    """Run a worker (``python -m benchmarks.scale --worker ...``); return its JSON result.

    ``os.wait4`` gives the child's own rusage; its ``ru_maxrss`` is recorded as
    ``process_peak_mb``, the kernel's account of the peak the worker reports itself
    (both are the high-water mark the worker resets after generating its corpus).
    """
    cmd = [sys.executable, "-m", "benchmarks.scale", *args]
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, rusage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    if proc.returncode != 0:
        raise RuntimeError(f"worker {' '.join(args)} failed with exit code {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result["process_peak_mb"] = round(child_peak_rss_mb(rusage), 1)
    return result


ROW_HEADERS = (
    "sentences", "engine", "queries", "build s", "p50 ms", "p99 ms", "corpus MB", "peak MB",
)


def row(result: dict[str, Any]) -> list[object]:
    """Return the table row of one engine result."""
    queries = f"{result['queries']}{' (capped)' if result['capped'] else ''}"
    return [
        format_count(result["size"]),
        result["engine"],
        queries,
        result["build_s"],
        result["p50_ms"],
        result["p99_ms"],
        round(result["corpus_mb"]),
        round(result["peak_mb"]),
    ]


def goal_lines(results: list[dict[str, Any]]) -> list[str]:
    """Return the goal verdict lines for the engine at the goal's size (if it ran)."""
    lines = []
    for r in results:
        if r["engine"] != "engine" or r["size"] != GOALS["size"]:
            continue
        checks = [
            ("query p50", r["p50_ms"], GOALS["p50_ms"], "ms"),
            ("build", r["build_s"], GOALS["build_s"], "s"),
            ("peak RSS", r["peak_mb"], GOALS["peak_mb"], "MB"),
        ]
        for label, value, goal, unit in checks:
            verdict = "met" if value <= goal else "MISSED"
            lines.append(f"goal at 1M: {label} {value:,.1f} {unit} ≤ {goal:,.0f} {unit}: {verdict}")
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help=f"comma-separated corpus sizes in sentences (default {DEFAULT_SIZES})")
    parser.add_argument("--queries", type=int, default=DEFAULT_QUERIES,
                        help=f"timed queries per engine and size (default {DEFAULT_QUERIES})")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help=f"comma-separated engines (default all: {','.join(ENGINES)})")
    parser.add_argument("--variant", default=DEFAULT_VARIANT, choices=("okapi", "plus", "l"),
                        help=f"BM25 variant for every engine but FTS5 (default {DEFAULT_VARIANT})")
    parser.add_argument("--seed", type=int, default=42, help="corpus seed (default 42)")
    parser.add_argument("--out", type=Path, default=None,
                        help="JSON result file (default benchmarks/results/scale.json)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.queries < 1:
        parser.error("--queries must be at least 1")
    try:
        args.size_list = [parse_count(s) for s in args.sizes.split(",") if s.strip()]
        args.engine_list = [e.strip() for e in args.engines.split(",") if e.strip()]
        for name in args.engine_list:
            if name not in ENGINES:
                raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")
    except ValueError as exc:
        parser.error(str(exc))
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the scale benchmark (or, with the hidden ``--worker``, one of its workers)."""
    args = parse_args(argv)
    if args.worker:
        if args.worker == "verify":
            result = run_verify(args.size, args.queries, args.seed, args.variant)
        else:
            result = run_engine(args.worker, args.size, args.queries, args.seed, args.variant)
        print(json.dumps(result))
        return 0

    print(machine_line(machine()))
    print(f"BM25 variant {args.variant!r} (FTS5: its own bm25(), Okapi k1=1.2 b=0.75); "
          f"top {TOP_K}; {args.queries} queries per engine and size")
    results: list[dict[str, Any]] = []
    checks: list[dict[str, Any]] = []
    common = ["--queries", str(args.queries), "--seed", str(args.seed), "--variant", args.variant]
    for size in args.size_list:
        check = spawn(["--worker", "verify", "--size", str(size), *common])
        checks.append(check)
        verdict = "PASS" if check["passed"] else "FAIL"
        print(f"\n{format_count(size)} sentences: scores equal rank-bm25's get_scores on "
              f"{check['queries']} queries (max |diff| {check['max_abs_diff']:.1e}): {verdict}",
              flush=True)
        for name in args.engine_list:
            result = spawn(["--worker", name, "--size", str(size), *common])
            results.append(result)
            print(f"  {name}: build {result['build_s']:.2f} s, p50 {result['p50_ms']:.3f} ms, "
                  f"p99 {result['p99_ms']:.3f} ms, peak {result['peak_mb']:,.0f} MB, "
                  f"{result['distinct_terms']:,} terms", flush=True)
    print()
    print(format_table(ROW_HEADERS, [row(r) for r in results]))
    capped = {format_count(r["size"]) for r in results if r["capped"]}
    if capped:
        print(f"(capped) rank-bm25's full scan ran fewer queries at {', '.join(sorted(capped))} "
              f"sentences: about 1 µs per document and query term")
    for line in goal_lines(results):
        print(line)
    passed = all(c["passed"] for c in checks)
    print(f"equality with rank-bm25 get_scores: {'PASS' if passed else 'FAIL'}")
    path = write_json("scale", {"args": {"sizes": args.size_list, "queries": args.queries,
                                         "engines": args.engine_list, "variant": args.variant,
                                         "seed": args.seed, "top_k": TOP_K},
                                "equality": checks, "results": results}, args.out)
    print(f"results: {path}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
