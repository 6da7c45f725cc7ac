"""The benchmarks run at a tiny size (so they never rot); the engine equals rank-bm25.

No timing is asserted here: speed goals live in the benchmarks' output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from benchmarks import corpus, latency, scale
from benchmarks.common import format_count, format_table, parse_count, percentile, summarize_ns
from benchmarks.engines import ENGINES, make_engine, rank_bm25_model
from knowledge.bm25 import BM25Index


def test_scale_benchmark_runs_every_engine_and_passes_the_equality_check(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    assert scale.main(["--sizes", "200", "--queries", "3", "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [r["engine"] for r in document["results"]] == list(ENGINES)
    assert all(r["size"] == 200 and r["queries"] == 3 for r in document["results"])
    assert all(r["peak_mb"] > 0 for r in document["results"])
    assert [c["passed"] for c in document["equality"]] == [True]
    assert document["machine"]["nproc"] >= 1


def test_latency_benchmark_prints_every_stage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "latency.json"
    assert latency.main(["--repeat", "1", "--out", str(out)]) == 0
    stages = [s["stage"] for s in json.loads(out.read_text(encoding="utf-8"))["stages"]]
    assert stages == [
        "analysis", "retrieval", "search", "answer", "rendering", "question → reply",
        "rank-bm25", "sqlite-fts5",
    ]
    printed = capsys.readouterr().out
    assert "question → reply" in printed and "goal:" in printed


def test_latency_questions_fall_back_to_the_article_without_a_dev_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(latency, "DEV_QUESTIONS", tmp_path / "missing.jsonl")
    questions, source = latency.load_questions(None)
    assert questions and all(q.endswith("?") for q in questions)
    assert "article" in source


def test_latency_rejects_a_missing_question_file(tmp_path: Path) -> None:
    assert latency.main(["--repeat", "1", "--questions", str(tmp_path / "nope.jsonl")]) == 2


@pytest.mark.parametrize("variant", ["okapi", "plus", "l"])
def test_engine_scores_equal_rank_bm25_get_scores(variant: str) -> None:
    docs = corpus.generate(300, seed=5).documents
    index = BM25Index.build(docs, variant=variant)
    model = rank_bm25_model(docs, variant)
    for query in corpus.queries(corpus.generate(300, seed=5), 40, seed=9):
        expected = np.asarray(model.get_scores(list(query)))
        np.testing.assert_allclose(index.get_scores(query), expected, rtol=1e-9, atol=1e-9)
        hits = index.search(query, 5)
        np.testing.assert_allclose([h.score for h in hits], [expected[h.doc] for h in hits],
                                   rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose([h.score for h in hits],
                                   np.sort(expected)[::-1][: len(hits)], rtol=1e-9, atol=1e-9)


def test_every_engine_finds_the_sentence_a_query_was_drawn_from() -> None:
    generated = corpus.generate(150, seed=11)
    rare = [[w for w in doc if w not in corpus.article_vocabulary()] for doc in generated.documents]
    doc_id = next(i for i, words in enumerate(rare) if len(set(words)) >= 4)
    query = sorted(set(rare[doc_id]))[:4]
    for name in ENGINES:
        results = make_engine(name, generated.documents, "okapi").search(query, 3)
        assert doc_id in [d for d, _ in results], name


def test_unknown_engine_is_refused_with_the_valid_choices() -> None:
    with pytest.raises(ValueError, match="choose from engine, rank-bm25"):
        make_engine("lucene", [["a"]], "okapi")


def test_corpus_is_deterministic_german_like_and_fts5_safe() -> None:
    first, again, other = corpus.generate(500, 1), corpus.generate(500, 1), corpus.generate(500, 2)
    assert first.documents == again.documents
    assert first.documents != other.documents
    lengths = [len(d) for d in first.documents]
    assert min(lengths) >= corpus.MIN_WORDS and max(lengths) <= corpus.MAX_WORDS
    assert 10 <= sorted(lengths)[len(lengths) // 2] <= 22  # median near the article's 16
    words = [w for d in first.documents for w in d]
    assert all(re.fullmatch(r"[^\W_]+", w) and w == w.lower() for w in words)
    assert first.total_tokens == len(words) and first.distinct_terms == len(set(words))
    assert words.count("der") > words.count("kursk")  # Zipf: the article's frequent words lead


def test_queries_are_deterministic_and_drawn_from_the_corpus() -> None:
    generated = corpus.generate(400, 3)
    queries = corpus.queries(generated, 30, seed=4)
    assert queries == corpus.queries(generated, 30, seed=4)
    vocabulary = {w for d in generated.documents for w in d}
    assert all(sum(t in vocabulary for t in q) >= 2 for q in queries)


def test_percentile_is_nearest_rank_and_summary_is_in_milliseconds() -> None:
    values = list(range(1, 101))
    assert percentile(values, 50) == 50 and percentile(values, 99) == 99
    assert percentile([7.0], 99) == 7.0
    summary = summarize_ns([1_000_000, 2_000_000, 3_000_000])
    assert (summary.n, summary.p50_ms, summary.max_ms) == (3, 2.0, 3.0)
    with pytest.raises(ValueError):
        percentile([], 50)


def test_counts_parse_and_format_round_trip() -> None:
    assert [parse_count(s) for s in ("200", "10k", "1M", "1.5k")] == [200, 10_000, 10**6, 1500]
    assert [format_count(n) for n in (200, 10_000, 10**6, 1500)] == ["200", "10k", "1M", "1500"]
    with pytest.raises(ValueError, match="examples"):
        parse_count("ten")


def test_table_right_aligns_numbers() -> None:
    table = format_table(("name", "ms"), [["a", 1.5], ["long name", 12.25]])
    assert table.splitlines() == ["name           ms", "---------  ------", "a           1.500",
                                  "long name  12.250"]
