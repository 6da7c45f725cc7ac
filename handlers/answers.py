"""Turn search results into replies: the answer to a question and the ``/more`` pages."""

from __future__ import annotations

import time
from collections.abc import Sequence
from urllib.parse import urlsplit

from handlers.callbacks import more_data, vote_data
from handlers.limits import shorten
from handlers.messages import Button, Link, Quote, Reply, Text
from handlers.store import NewQuestion, StoredQuestion
from handlers.texts import LANGUAGES, t
from handlers.turn import Turn
from knowledge import Confidence, Passage
from knowledge.english import detect_language
from knowledge.intents import asks_for_source

RELATIVE_SCORE_FLOOR = 0.5
"""An answer shows further passages only if they score at least this share of the best."""
MAX_QUESTION_CHARS = 1000
"""Questions are stored and searched with at most this many characters."""
ECHO_CHARS = 80
"""Questions quoted back to the user are cut to this many characters."""
MAX_SOURCES_LISTED = 10


def quote_of(passage: Passage, lang: str) -> Quote:
    """Return the quote block of a passage (captions are labelled as such)."""
    label = t(lang, "caption") if passage.is_caption else ""
    return Quote(passage.text, passage.highlights, passage.is_caption, label)


def source_links(passages: Sequence[Passage], lang: str) -> tuple[Link, ...]:
    """Return one source link per distinct article among ``passages``, in order."""
    urls = dict.fromkeys(p.source_url for p in passages if p.source_url)
    return tuple(
        Link(url, t(lang, "source_label", host=urlsplit(url).netloc or url)) for url in urls
    )


def answer_buttons(question_id: int, lang: str, more: bool) -> tuple[Button, ...]:
    """Return the buttons under an answer: "more" (if there is more), 👍 and 👎."""
    buttons = [Button(t(lang, "button_more"), more_data(question_id))] if more else []
    buttons += [
        Button("👍", vote_data(question_id, True)),
        Button("👎", vote_data(question_id, False)),
    ]
    return tuple(buttons)


def close_to_best(passages: Sequence[Passage], limit: int) -> tuple[Passage, ...]:
    """Return up to ``limit`` passages scoring at least :data:`RELATIVE_SCORE_FLOOR` of the best."""
    if not passages:
        return ()
    floor = passages[0].score * RELATIVE_SCORE_FLOOR
    return (passages[0], *(p for p in passages[1:limit] if p.score >= floor))


def reply_language(turn: Turn, question_language: str) -> str:
    """Answer an English question in English unless the chat chose a language with /lang."""
    chose = turn.chat is not None and turn.chat.language in LANGUAGES
    if not chose and question_language == "en":
        return "en"
    return turn.lang


def source_reply(turn: Turn, lang: str) -> Reply:
    """Return the article's source link (every article's, when there are several)."""
    urls = list(dict.fromkeys(a.source_url for a in turn.kb.articles if a.source_url))
    title = (
        t(lang, "source_title")
        if len(urls) <= 1
        else t(lang, "source_title_many", count=len(urls))
    )
    blocks: list[Text | Link] = [Text(title)]
    blocks += [Link(url, url) for url in urls[:MAX_SOURCES_LISTED]]
    if len(urls) > MAX_SOURCES_LISTED:
        blocks.append(Text(t(lang, "and_more", count=len(urls) - MAX_SOURCES_LISTED)))
    return Reply(blocks=tuple(blocks))


async def answer_question(turn: Turn, question: str) -> Reply:
    """Search the article, log the question, and return the answer (or an honest no).

    A question about the article's own origin ("Woher stammt der Artikel?") gets its
    source link: the link is no passage that a search could quote.
    """
    started = time.perf_counter()
    question = question[:MAX_QUESTION_CHARS]
    if asks_for_source(question):
        return source_reply(turn, reply_language(turn, detect_language(question)))
    page = turn.passages_per_answer
    result = turn.kb.search(question, k=page + 1)
    lang = reply_language(turn, result.language)
    if result.answered and result.passages:
        shown = close_to_best(result.passages, page)
        intro = "answer_intro" if result.confidence is Confidence.HIGH else "answer_unsure"
        blocks = (
            Text(t(lang, intro)),
            *(quote_of(p, lang) for p in shown),
            *source_links(shown, lang),
        )
    elif result.confidence is Confidence.LOW and result.passages:
        shown = result.passages[:1]
        blocks = (
            Text(t(lang, "no_answer_closest")),
            quote_of(shown[0], lang),
            Text(t(lang, "rephrase")),
            *source_links(shown, lang),
        )
    else:
        shown = ()
        blocks = (
            Text(t(lang, "no_answer", question=shorten(question, ECHO_CHARS))),
            Text(t(lang, "rephrase")),
        )
    latency_ms = (time.perf_counter() - started) * 1000
    question_id = await turn.store.add_question(
        NewQuestion(
            asked_at=time.time(),
            chat_id=turn.chat_id,
            chat_kind=turn.chat_kind,
            user_id=turn.user_id,
            text=question,
            answered=result.answered,
            best_score=float(result.passages[0].score) if result.passages else None,
            passages_shown=len(shown),
            latency_ms=latency_ms,
            update_id=turn.update_id,
        )
    )
    more = len(result.passages) > len(shown)
    buttons = answer_buttons(question_id, lang, more) if shown else ()
    return Reply(blocks=blocks, buttons=buttons)


async def more_passages(turn: Turn, question: StoredQuestion, offset: int) -> Reply:
    """Return the next page of passages for ``question`` after ``offset`` and advance the cursor."""
    page = turn.passages_per_answer
    result = turn.kb.search(question.text, k=offset + page + 1)
    shown = result.passages[offset : offset + page]
    echo = shorten(question.text, ECHO_CHARS)
    if not shown:
        return Reply(blocks=(Text(t(turn.lang, "more_none", question=echo)),))
    await turn.store.set_cursor(turn.chat_id, question.id, offset + len(shown))
    more = len(result.passages) > offset + len(shown)
    return Reply(
        blocks=(
            Text(t(turn.lang, "more_title", question=echo)),
            *(quote_of(p, turn.lang) for p in shown),
            *source_links(shown, turn.lang),
        ),
        buttons=answer_buttons(question.id, turn.lang, more),
    )
