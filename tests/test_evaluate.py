"""The engine beats the plain rank-bm25 baseline on both evaluation sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.engine import KnowledgeBase
from knowledge.evaluate import baseline_system, engine_system, evaluate, load_questions, main

EVAL = Path(__file__).parents[1].parent / "shared" / "eval"
pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not available")


def _both(path: Path) -> tuple[dict, dict]:
    questions, articles = load_questions(path)
    if articles is None:
        articles = list(KnowledgeBase.load().articles)
    engine = evaluate(questions, engine_system(KnowledgeBase(articles)))
    return engine, evaluate(questions, baseline_system(articles))


def test_engine_beats_baseline_on_dev() -> None:
    engine, baseline = _both(EVAL / "questions_dev.jsonl")
    assert engine["all"]["r1"] > baseline["all"]["r1"]
    assert engine["lang:de"]["r1"] >= 0.80
    assert engine["all"]["refused"] >= 0.50
    assert engine["all"]["wrongly_refused"] <= 0.10


def test_engine_beats_baseline_on_germanquad() -> None:
    engine, baseline = _both(EVAL / "germanquad_subset.jsonl")
    assert engine["all"]["r1"] > baseline["all"]["r1"]
    assert engine["all"]["r1"] >= 0.50


def test_evaluate_command_prints_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EVAL / "questions_dev.jsonl"), "--no-ablation"]) == 0
    out = capsys.readouterr().out
    assert "targets:" in out and "baseline" in out
