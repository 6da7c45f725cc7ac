"""Inline mode: ``@BotName question`` in any chat offers the best passages to post.

Pure and quick (no store, no flood control: inline queries are not conversations);
each result is a :class:`Reply` with one quote and its source link, plus a title and a
description for the result list.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from handlers.answers import MAX_QUESTION_CHARS, quote_of, source_links
from handlers.limits import shorten
from handlers.messages import Reply, Text
from handlers.texts import t
from handlers.turn import choose_language
from knowledge import Confidence, KnowledgeBase
from knowledge.intents import SOURCE_SENTENCE

MAX_INLINE_RESULTS = 5
TITLE_CHARS = 64
DESCRIPTION_CHARS = 200


@dataclass(frozen=True, slots=True)
class InlineAnswer:
    """One inline result: a stable ``id``, what the list shows, and the message to post."""

    id: str
    title: str
    description: str
    reply: Reply


def inline_answers(
    kb: KnowledgeBase,
    query: str,
    language_code: str | None = None,
    default_language: str = "de",
    limit: int = MAX_INLINE_RESULTS,
) -> tuple[InlineAnswer, ...]:
    """Return up to ``limit`` passages answering ``query``; none for an empty query."""
    question = " ".join(query.split())[:MAX_QUESTION_CHARS]
    if not question:
        return ()
    lang = choose_language(None, language_code, default_language)
    result = kb.search(question, limit)
    if result.confidence is Confidence.NONE or not result.passages:
        return ()
    answers = []
    for passage in result.passages:
        reply = Reply(
            blocks=(
                Text(shorten(question, TITLE_CHARS * 2), bold=True),
                # the source line answers "Woher stammt der Artikel?" with its link alone
                *(() if passage.sentence == SOURCE_SENTENCE else (quote_of(passage, lang),)),
                *source_links([passage], lang),
            )
        )
        answers.append(
            InlineAnswer(
                id=f"{passage.article}:{passage.sentence}"[:64],
                title=shorten(passage.text, TITLE_CHARS),
                description=t(lang, "source_label", host=_host(passage.source_url))
                if passage.source_url
                else shorten(passage.text, DESCRIPTION_CHARS),
                reply=reply,
            )
        )
    return tuple(answers)


def _host(url: str) -> str:
    """Return the host of ``url`` (the whole URL when it has none)."""
    return urlsplit(url).netloc or url
