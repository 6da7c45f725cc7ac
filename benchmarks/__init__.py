"""Benchmarks: one command each, printing a table and writing JSON to ``benchmarks/results/``.

- ``python -m benchmarks.latency``: question → reply on the shipped article, by stage.
- ``python -m benchmarks.scale``: index build, peak memory and query latency on generated
  German-like corpora of 10k to 1M sentences, against rank-bm25, bm25s and SQLite FTS5.

Speed goals live here, never in timed tests; ``tests/test_benchmarks_smoke.py`` runs each
benchmark at a tiny size so they keep working.
"""
