"""Evaluate the engine on a question file: ``python -m knowledge.evaluate FILE.jsonl``.

Two formats are detected from the records:

* dev format (``question``, ``gold``, ``lang``, ``category``), e.g. the dev set or the
  held-out ``tests/data/questions_holdout.jsonl``: asked against the shipped articles (or
  ``--knowledge DIR``); ``gold == []`` marks an unanswerable question;
* GermanQuAD format (records carry ``context`` and ``document_id``): every distinct
  context becomes one article (id = ``document_id``) and a passage is correct only when
  it comes from the question's own paragraph and contains a gold string.

Metrics over the answerable questions: Recall@1, Recall@3, MRR (over the top 10) and
the share wrongly refused; over the unanswerable ones: the share refused. A question
counts as answered when ``SearchResult.answered`` is true, i.e. confidence HIGH; a LOW
("not sure, the closest passage is ...") reply counts as a refusal. The baseline is
rank-bm25's ``BM25Okapi`` over lowercased ``\\w+`` tokens, which always answers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TextIO

from knowledge.analysis import simple_tokens
from knowledge.engine import KnowledgeBase
from knowledge.options import EngineOptions
from knowledge.parser import parse_article
from knowledge.types import Article

TOP = 10
TARGETS_DEV = (
    ("German answerable Recall@1", ("lang:de", "r1"), 0.92),
    ("English answerable Recall@1", ("lang:en", "r1"), 0.75),
    ("unanswerable refused", ("all", "refused"), 0.80),
    ("answerable wrongly refused (max)", ("all", "wrongly_refused"), -0.05),
)
TARGETS_GQ = (
    ("Recall@1", ("all", "r1"), 0.60),
    ("right paragraph first", ("all", "para1"), 0.93),
)


@dataclass(frozen=True, slots=True)
class Question:
    """One evaluation question: its text, gold substrings and labels."""

    id: str
    question: str
    gold: tuple[str, ...]
    lang: str
    category: str
    document: str | None = None  # GermanQuAD: the id of the question's own paragraph


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a system did with one question: ranks of correct passages and refusal."""

    rank: int | None  # 1-based rank of the first correct passage within TOP
    answered: bool
    paragraph_first: bool


Ranked = list[tuple[str, str]]  # (article id, passage text), best first
System = Callable[[str], tuple[Ranked, bool]]


def load_questions(path: Path) -> tuple[list[Question], list[Article] | None]:
    """Read a JSONL question file; return the questions and, for GermanQuAD, its articles."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if rows and "context" in rows[0]:
        contexts: dict[str, str] = {}
        for row in rows:
            contexts.setdefault(str(row["document_id"]), row["context"])
        articles = [parse_article(text, doc) for doc, text in contexts.items()]
        questions = [
            Question(r["id"], r["question"], tuple(r["gold"]), "de", "germanquad",
                     str(r["document_id"]))
            for r in rows
        ]  # fmt: skip
        return questions, articles
    questions = [
        Question(r["id"], r["question"], tuple(r["gold"]), r.get("lang", "de"),
                 r.get("category", "-"))
        for r in rows
    ]  # fmt: skip
    return questions, None


def engine_system(kb: KnowledgeBase) -> System:
    """Wrap the engine as a system: ranked (article, text) pairs and the answered flag."""

    def ask(question: str) -> tuple[Ranked, bool]:
        result = kb.search(question, TOP)
        return [(p.article, p.text) for p in result.passages], result.answered

    return ask


def baseline_system(articles: Sequence[Article]) -> System:
    """Plain rank-bm25 (BM25Okapi, lowercased word tokens, no stemming), always answering."""
    from rank_bm25 import BM25Okapi

    passages = [
        (a.id, text)
        for a in articles
        for text in (*a.sentences, *([a.caption] if a.caption else []))
    ]
    bm25 = BM25Okapi([simple_tokens(text) for _, text in passages])

    def ask(question: str) -> tuple[Ranked, bool]:
        scores = bm25.get_scores(simple_tokens(question))
        order = sorted(range(len(passages)), key=lambda i: -scores[i])[:TOP]
        return [passages[i] for i in order], True

    return ask


def judge(q: Question, ranked: Ranked, answered: bool) -> Outcome:
    """Score one system answer for ``q``."""
    rank = None
    for i, (article, text) in enumerate(ranked, 1):
        if (q.document is None or article == q.document) and any(g in text for g in q.gold):
            rank = i
            break
    para = bool(ranked) and q.document is not None and ranked[0][0] == q.document
    return Outcome(rank, answered, para)


def metrics(pairs: Sequence[tuple[Question, Outcome]]) -> dict[str, float | int]:
    """Return Recall@1/@3, MRR, refusal shares and paragraph-first rate for ``pairs``."""
    answerable = [o for q, o in pairs if q.gold]
    unanswerable = [o for q, o in pairs if not q.gold]
    n = len(answerable)
    out: dict[str, float | int] = {"n": n, "n_unans": len(unanswerable)}
    if n:
        out["r1"] = sum(o.rank == 1 for o in answerable) / n
        out["r3"] = sum(o.rank is not None and o.rank <= 3 for o in answerable) / n
        out["mrr"] = sum(1 / o.rank for o in answerable if o.rank) / n
        out["wrongly_refused"] = sum(not o.answered for o in answerable) / n
        out["answered_right"] = sum(o.rank == 1 and o.answered for o in answerable) / n
        if any(q.document for q, _ in pairs):
            out["para1"] = sum(o.paragraph_first for o in answerable) / n
    if unanswerable:
        out["refused"] = sum(not o.answered for o in unanswerable) / len(unanswerable)
    return out


def evaluate(questions: Sequence[Question], system: System) -> dict[str, dict]:
    """Run ``system`` on every question; return metrics overall, per category and language."""
    pairs = [(q, judge(q, *system(q.question))) for q in questions]
    groups: dict[str, list[tuple[Question, Outcome]]] = {"all": pairs}
    for q, o in pairs:
        groups.setdefault(f"lang:{q.lang}", []).append((q, o))
        groups.setdefault(f"cat:{q.category}", []).append((q, o))
    return {name: metrics(group) for name, group in groups.items()}


def _fmt(value: float | int | None) -> str:
    """Format a metric for the table."""
    if value is None:
        return "   -"
    return f"{value:4d}" if isinstance(value, int) else f"{value:.2f}"


def print_table(
    engine: dict[str, dict], baseline: dict[str, dict], out: TextIO | None = None
) -> None:
    """Print the engine's and the baseline's metrics side by side, one row per group."""
    out = out or sys.stdout
    cols = ("r1", "r3", "mrr", "refused", "wrongly_refused")
    head = "".join(f"{c:>18}" for c in ("R@1", "R@3", "MRR", "unans.refused", "ans.wrongly_ref"))
    print(f"{'group':<18}{'n':>5}{'n_un':>6}{head}", file=out)
    print(f"{'':<29}" + "   engine  baseline" * len(cols), file=out)
    for name, m in engine.items():
        b = baseline[name]
        cells = "".join(f"     {_fmt(m.get(c))}      {_fmt(b.get(c))}" for c in cols)
        print(f"{name:<18}{m['n']:>5}{m['n_unans']:>6}{cells}", file=out)


def print_targets(engine: dict[str, dict], targets, out: TextIO | None = None) -> None:
    """Print each target with the reached value and whether it is met."""
    out = out or sys.stdout
    print("\ntargets:", file=out)
    for label, (group, metric), goal in targets:
        value = engine.get(group, {}).get(metric)
        if value is None:
            continue
        met = value <= -goal if goal < 0 else value >= goal
        sign = "≤" if goal < 0 else "≥"
        print(f"  {label:<36} {value:.3f}  (target {sign} {abs(goal):.2f})  "
              f"{'MET' if met else 'NOT MET'}", file=out)  # fmt: skip


ABLATION_COLUMNS = (("all", "r1"), ("lang:de", "r1"), ("lang:en", "r1"), ("all", "refused"),
                    ("all", "wrongly_refused"), ("all", "para1"))  # fmt: skip


def print_ablation(questions, articles, options: EngineOptions, out: TextIO | None = None) -> None:
    """Print the metrics with each means of the engine switched off in turn."""
    out = out or sys.stdout
    cols = list(ABLATION_COLUMNS)
    print("\nablation (each means off in turn):", file=out)
    print(f"  {'configuration':<22}" + "".join(f"{g + ' ' + m:>20}" for g, m in cols), file=out)
    configs = [("full engine", options)]
    configs += [
        (f"- {f.name}", replace(options, **{f.name: False}))
        for f in fields(EngineOptions)
        if isinstance(getattr(options, f.name), bool) and getattr(options, f.name)
    ]
    for label, opts in configs:
        result = evaluate(questions, engine_system(KnowledgeBase(articles, options=opts)))
        cells = "".join(f"{_fmt(result.get(g, {}).get(m)):>20}" for g, m in cols)
        print(f"  {label:<22}{cells}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation command line; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m knowledge.evaluate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path, help="questions (dev or GermanQuAD JSONL)")
    parser.add_argument("--knowledge", metavar="DIR", help="articles for dev-format questions")
    parser.add_argument("--no-ablation", action="store_true", help="skip the ablation table")
    parser.add_argument("--errors", action="store_true", help="list the engine's misses")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    questions, articles = load_questions(args.file)
    if articles is None:
        articles = list(KnowledgeBase.load(args.knowledge).articles)
    kb = KnowledgeBase(articles)
    engine = evaluate(questions, engine_system(kb))
    baseline = evaluate(questions, baseline_system(articles))
    print(f"{args.file.name}: {len(questions)} questions, {len(articles)} article(s)\n")
    print_table(engine, baseline)
    print_targets(engine, TARGETS_GQ if questions and questions[0].document else TARGETS_DEV)
    if args.errors:
        _print_errors(questions, kb)
    if not args.no_ablation:
        print_ablation(questions, articles, EngineOptions())
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


def _print_errors(questions: Sequence[Question], kb: KnowledgeBase) -> None:
    """List the questions the engine ranks wrongly or refuses wrongly (for error analysis)."""
    ask = engine_system(kb)
    print("\nerrors:")
    for q in questions:
        ranked, answered = ask(q.question)
        o = judge(q, ranked, answered)
        if (q.gold and (o.rank != 1 or not answered)) or (not q.gold and answered):
            top = ranked[0][1][:90] if ranked else "-"
            result = kb.search(q.question, 1)
            print(f"  {q.id} [{q.category}] rank={o.rank} answered={answered} "
                  f"{result.details}\n    Q: {q.question}\n    A: {top}")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
