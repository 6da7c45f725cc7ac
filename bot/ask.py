"""``article-bot ask``: answer questions from the command line.

* ``article-bot ask "Frage?"`` prints the answer for a person;
* ``--json`` prints one JSON object per question instead;
* ``--jsonl`` reads one question per line from stdin and prints one JSON object per
  line, in order, building the index once. A line may be plain text or a JSON object
  with a ``"question"`` (the evaluation sets' format); its ``"id"`` is echoed back.

``--knowledge DIR`` (or the setting ``KNOWLEDGE_DIR``) loads every ``*.txt`` of DIR as
an article instead of the shipped ones. stdout carries only answers; logs go to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TextIO

logger = logging.getLogger(__name__)

TEXTS = {
    "de": {
        "none": "Dazu steht nichts im Artikel.",
        "low": "Nicht sicher – die nächstliegende Stelle im Artikel ist:",
        "source": "Quelle",
    },
    "en": {
        "none": "The article does not say.",
        "low": "Not sure – the closest passage in the article is (German):",
        "source": "Source",
    },
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``ask`` options to ``parser``."""
    parser.add_argument("question", nargs="*", help="the question (words are joined)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl", action="store_true", help="read questions from stdin, one a line; print JSONL"
    )
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        default=None,
        help="load every *.txt in DIR as an article (default: setting KNOWLEDGE_DIR, "
        "else the shipped article)",
    )
    parser.add_argument("-k", type=int, default=3, help="passages to return (default 3)")
    parser.add_argument(
        "--context", type=int, default=0, help="neighbouring sentences to show (default 0)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")


def _knowledge_dir(args: argparse.Namespace) -> Path | None:
    """Return the knowledge directory from ``--knowledge``, else the setting KNOWLEDGE_DIR.

    Raises ``bot.config.ConfigError`` when a setting is invalid.
    """
    if args.knowledge:
        return Path(args.knowledge)
    from bot.config import load_settings

    return load_settings().knowledge_dir


def question_of(line: str) -> tuple[str, dict]:
    """Return the question of an input line and the fields to echo with its answer.

    A JSON object with a string ``"question"`` gives that question and its ``"id"``;
    any other line, JSON or not, is the question itself.
    """
    if line.lstrip().startswith("{"):
        try:
            record = json.loads(line)
        except ValueError:
            return line, {}
        if isinstance(record, dict) and isinstance(record.get("question"), str):
            return record["question"], ({"id": record["id"]} if "id" in record else {})
    return line, {}


def render_text(result, out: TextIO) -> None:
    """Print ``result`` for a person: the quoted passage(s) and the source link."""
    from knowledge.intents import SOURCE_SENTENCE

    texts = TEXTS.get(result.language, TEXTS["de"])
    if not result.passages or result.confidence.value == "none":
        print(texts["none"], file=out)
        return
    best = result.passages[0]
    if result.confidence.value == "low":
        print(texts["low"], file=out)
    if best.sentence != SOURCE_SENTENCE:  # the source line needs no quote above its link
        quote = " ".join((*best.context_before, best.text, *best.context_after))
        print(f"„{quote}“", file=out)
    if best.source_url:
        print(f"{texts['source']}: {best.source_url}", file=out)


def run(args: argparse.Namespace) -> int:
    """Answer the question(s) of ``args``; return the process exit code."""
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    from knowledge import KnowledgeBase, KnowledgeError

    if args.k < 1 or args.context < 0:
        print("error: -k must be at least 1 and --context at least 0", file=sys.stderr)
        return 2
    question = " ".join(args.question).strip()
    if not args.jsonl and not question:
        print(
            "error: give a question, or use --jsonl to read questions from stdin", file=sys.stderr
        )
        return 2
    from bot.config import ConfigError

    try:
        kb = KnowledgeBase.load(_knowledge_dir(args))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.jsonl:
        for line in sys.stdin:
            question, echoed = question_of(line.rstrip("\r\n"))
            result = kb.search(question, args.k, context=args.context)
            sys.stdout.write(json.dumps(echoed | result.to_json(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return 0
    result = kb.search(question, args.k, context=args.context)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        render_text(result, sys.stdout)
    return 0
