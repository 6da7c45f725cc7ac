"""Answer latency on the shipped article: question → reply value, by stage.

    python -m benchmarks.latency                 # dev questions × 50 repetitions
    python -m benchmarks.latency --repeat 1      # smoke size

Stages, each timed call by call over every question ``--repeat`` times:

- analysis: the question's index terms (``knowledge.analysis.analyze``: tokenize,
  fold, drop stop words, stem);
- retrieval: BM25 top k of those terms in the knowledge base's inverted index alone;
- search: ``KnowledgeBase.search``, the engine's whole answer (query analysis and
  expansion, BM25, re-ranking, passages with highlights);
- answer: ``handlers.answers.answer_question``, the dialog's reply value (search +
  blocks + buttons), its question log going to an in-memory store;
- rendering: that reply as Telegram HTML and keyboard (``bot.telegram_render.render``);
- question → reply: answer and rendering, in one timed call.

Side by side, for the same k: rank-bm25's full ``get_scores`` scan of the same analysed
terms (the same BM25 variant and parameters), and SQLite FTS5's ``bm25()`` over the same
sentences with its default tokenizer, question text in, best rows out.

Questions come from the dev set (``../shared/eval/questions_dev.jsonl`` next to the
checkout, or ``--questions FILE``); without it, from the article's own sentences.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import (
    REPO_ROOT,
    Latency,
    format_table,
    machine,
    machine_line,
    summarize_ns,
    time_each,
    write_json,
)

DEV_QUESTIONS = REPO_ROOT.parent / "shared" / "eval" / "questions_dev.jsonl"
DEFAULT_REPEAT = 50
GOAL_P99_MS = 1.0
_WORD = re.compile(r"[^\W_]+")


def load_questions(path: Path | None) -> tuple[list[str], str]:
    """Return the benchmark's questions and where they came from.

    ``path`` (JSON lines with a ``question`` field) wins; then the dev set next to the
    checkout; else one question per sentence of the shipped article (its words 2–8).
    """
    candidate = path if path is not None else DEV_QUESTIONS
    if candidate.is_file():
        with candidate.open(encoding="utf-8") as lines:
            questions = [json.loads(line)["question"] for line in lines if line.strip()]
        return questions, str(candidate)
    if path is not None:
        raise FileNotFoundError(f"question file {str(path)!r} does not exist")
    from knowledge import KnowledgeBase

    questions = []
    for article in KnowledgeBase.load().articles:
        for sentence in article.sentences:
            words = _WORD.findall(sentence)[1:8]
            if words:
                questions.append(" ".join(words) + "?")
    return questions, "the shipped article's sentences (no dev set found)"


class _MemoryStore:
    """Just enough of ``handlers.store.Store`` for ``answer_question``: a question counter."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    async def add_question(self, question: object) -> int:
        """Drop the question log entry and return a fresh id."""
        del question
        return next(self._ids)


async def _time_answers(turn: Any, questions: Sequence[str], repeat: int, *, render: Any = None
                        ) -> list[int]:
    """Time ``answer_question`` (and ``render`` of its reply, if given) call by call, in ns."""
    from handlers.answers import answer_question

    clock = time.perf_counter_ns
    durations: list[int] = []
    for _ in range(repeat):
        for question in questions:
            start = clock()
            reply = await answer_question(turn, question)
            if render is not None:
                render(reply)
            durations.append(clock() - start)
    return durations


def _fts5_table(sentences: Sequence[str]) -> sqlite3.Connection:
    """Return an in-memory FTS5 table of ``sentences`` with FTS5's default tokenizer."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE sentences USING fts5(text)")
    with db:
        db.executemany("INSERT INTO sentences(text) VALUES (?)", ((s,) for s in sentences))
    return db


def _fts5_search(db: sqlite3.Connection, question: str, k: int) -> list[tuple[int, float]]:
    """Return FTS5's best ``k`` rows for the question's words ORed together."""
    words = dict.fromkeys(w.lower() for w in _WORD.findall(question))
    if not words:
        return []
    match = " OR ".join(f'"{w}"' for w in words)
    return db.execute(
        "SELECT rowid, bm25(sentences) FROM sentences WHERE sentences MATCH ? "
        "ORDER BY rank LIMIT ?",
        (match, k),
    ).fetchall()


def _full_scan_top_k(model: Any, terms: list[str], k: int) -> np.ndarray:
    """Return the ``k`` best documents of rank-bm25's full ``get_scores`` scan."""
    scores = model.get_scores(terms)
    top = np.argpartition(-scores, min(k, len(scores)) - 1)[:k]
    return top[np.argsort(-scores[top], kind="stable")]


def measure(questions: Sequence[str], repeat: int) -> list[dict[str, Any]]:
    """Time every stage and baseline; return one record per row of the table."""
    from bot.telegram_render import render
    from handlers.turn import DialogSettings, Turn
    from knowledge import KnowledgeBase
    from knowledge.analysis import analyze, terms
    from knowledge.bm25 import rank_bm25_equivalent

    kb = KnowledgeBase.load(memo_size=0)  # time the engine's work, not its memo of repeats
    settings = DialogSettings()
    k = settings.max_passages + 1  # what answer_question asks for: a page and one more
    turn = Turn(kb=kb, store=_MemoryStore(), settings=settings, chat_id=1, chat_kind="private",
                user_id=1, user_name="bench", chat=None, lang=settings.default_language)
    index = kb.index  # the engine's BM25Index: timed alone as the retrieval stage
    sentences = [s for a in kb.articles for s in (*a.sentences, *filter(None, [a.caption]))]
    model = rank_bm25_equivalent([terms(s) for s in sentences], variant=index.variant,
                                 **index.params)
    fts5 = _fts5_table(sentences)
    query_terms = [terms(q) for q in questions]
    replies = asyncio.run(_replies(turn, questions))

    def answers(passes: int, render_too: bool = False) -> list[int]:
        return asyncio.run(
            _time_answers(turn, questions, passes, render=render if render_too else None)
        )

    stages: list[tuple[str, str, Callable[[int], list[int]]]] = [
        ("analysis", "question → terms (tokenize, fold, stem)",
         lambda n: time_each(analyze, questions, n)),
        ("retrieval", f"terms → BM25 top {k} (index alone)",
         lambda n: time_each(lambda t: index.search(t, k), query_terms, n)),
        ("search", "KnowledgeBase.search: query, BM25, re-rank, passages",
         lambda n: time_each(lambda q: kb.search(q, k), questions, n)),
        ("answer", "answer_question: search + reply value",
         answers),
        ("rendering", "reply → Telegram HTML + keyboard",
         lambda n: time_each(render, replies, n)),
        ("question → reply", "answer + rendering",
         lambda n: answers(n, render_too=True)),
        ("rank-bm25", f"terms → get_scores full scan, top {k}",
         lambda n: time_each(lambda t: _full_scan_top_k(model, t, k), query_terms, n)),
        ("sqlite-fts5", f"question → FTS5 bm25() top {k} (own tokenizer)",
         lambda n: time_each(lambda q: _fts5_search(fts5, q, k), questions, n)),
    ]
    records = []
    for name, covers, timed in stages:
        timed(1)  # untimed pass: lazy imports and caches (the stemmer's memo) warm up
        latency: Latency = summarize_ns(timed(repeat))
        records.append({"stage": name, "covers": covers, **latency.to_json()})
    fts5.close()
    return records


async def _replies(turn: Any, questions: Sequence[str]) -> list[Any]:
    """Return the dialog's reply to every question (the rendering stage's input)."""
    from handlers.answers import answer_question

    return [await answer_question(turn, q) for q in questions]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.latency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT,
                        help=f"passes over the questions per stage (default {DEFAULT_REPEAT})")
    parser.add_argument("--questions", type=Path, default=None,
                        help="JSON-lines question file (default: the dev set, if present)")
    parser.add_argument("--out", type=Path, default=None,
                        help="JSON result file (default benchmarks/results/latency.json)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the latency benchmark, print its table and write its JSON."""
    args = parse_args(argv)
    try:
        questions, source = load_questions(args.questions)
    except (OSError, ValueError, KeyError) as exc:
        print(f"cannot read the questions: {exc}", file=sys.stderr)
        return 2
    print(machine_line(machine()))
    print(f"{len(questions)} questions from {source}, {args.repeat} passes per stage")
    records = measure(questions, args.repeat)
    print()
    print(format_table(
        ("stage", "covers", "calls", "p50 ms", "p99 ms", "mean ms"),
        [[r["stage"], r["covers"], r["n"], r["p50_ms"], r["p99_ms"], r["mean_ms"]]
         for r in records],
    ))
    total = next(r for r in records if r["stage"] == "question → reply")
    verdict = "met" if total["p99_ms"] <= GOAL_P99_MS else "MISSED"
    print(f"goal: question → reply p99 {total['p99_ms']:.3f} ms ≤ {GOAL_P99_MS} ms: {verdict}")
    path = write_json("latency", {"questions": len(questions), "question_source": source,
                                  "repeat": args.repeat, "stages": records}, args.out)
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
