"""Issue 7's targets as a user measures them: ``article-bot ask --jsonl`` in a subprocess.

The sixth blind set (tests/data/questions_blind6.jsonl, 150 questions) was written by
someone who saw only the article and the dev set, and was measured once, after round 5 of
the engine's tuning (German R@1 0.952, English 1.00, unanswerable refused 0.833, answerable
wrongly refused 0.042); it is not tuned on. The fourth (blind4) was measured unseen twice
(after round 3: 0.942 / 1.00 / 0.833 / 0.033) and is a tuning set since round 4, so its
figures overstate unseen questions; it stays as a regression check. GermanQuAD's
paragraphs are written to a directory, one article each, and asked with ``--knowledge
DIR``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DATA = ROOT / "tests" / "data"
GERMANQUAD = ROOT.parent / "shared" / "eval" / "germanquad_subset.jsonl"


def _ask_jsonl(path: Path, *args: str) -> tuple[list[dict], dict[str, dict]]:
    """Return the question records of ``path`` and the CLI's answers by id."""
    environment = {k: v for k, v in os.environ.items() if k != "KNOWLEDGE_DIR"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--jsonl", *args],
        input=path.read_text(encoding="utf-8"), capture_output=True, text=True, cwd=ROOT,
        env=environment, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    answers = {answer["id"]: answer for answer in map(json.loads, proc.stdout.splitlines())}
    return records, answers


def _first_is_right(record: dict, answer: dict, article: str | None = None) -> bool:
    """Whether the first passage holds a gold string (and comes from ``article``, if given)."""
    if not answer["passages"]:
        return False
    first = answer["passages"][0]
    return (article is None or first["article"] == article) and any(
        gold in first["text"] for gold in record["gold"]
    )


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags)


@pytest.mark.parametrize("name", ["questions_blind6.jsonl", "questions_blind4.jsonl"])
def test_cli_meets_the_targets_on_a_blind_set(name: str) -> None:
    records, answers = _ask_jsonl(DATA / name)
    answerable = [r for r in records if r["gold"]]
    unanswerable = [r for r in records if not r["gold"]]
    for lang, target in (("de", 0.92), ("en", 0.75)):
        asked = [r for r in answerable if r["lang"] == lang]
        assert _share([_first_is_right(r, answers[r["id"]]) for r in asked]) >= target, lang
    assert _share([not answers[r["id"]]["answered"] for r in unanswerable]) >= 0.80
    assert _share([not answers[r["id"]]["answered"] for r in answerable]) <= 0.05


@pytest.mark.skipif(not GERMANQUAD.is_file(), reason="../shared/eval is not available")
def test_cli_with_knowledge_dir_meets_the_germanquad_targets(tmp_path: Path) -> None:
    records = [json.loads(line) for line in GERMANQUAD.read_text(encoding="utf-8").splitlines()]
    for record in records:
        (tmp_path / f"{record['document_id']}.txt").write_text(record["context"], "utf-8")
    records, answers = _ask_jsonl(GERMANQUAD, "--knowledge", str(tmp_path))
    right, own_first = [], []
    for record in records:
        answer, own = answers[record["id"]], str(record["document_id"])
        right.append(_first_is_right(record, answer, own))
        own_first.append(bool(answer["passages"]) and answer["passages"][0]["article"] == own)
    assert _share(right) >= 0.60
    assert _share(own_first) >= 0.93
