"""The dialog's commands: one small ``async def`` per command, and the table naming them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from handlers.answers import ECHO_CHARS, answer_question, more_passages, source_reply
from handlers.limits import shorten
from handlers.messages import Link, Quote, Reply, Text
from handlers.texts import COMMAND_HELP, LANGUAGES, t
from handlers.turn import MAX_PASSAGES_LIMIT, Turn

MAX_ARTICLES_LISTED = 3
UNANSWERED_LISTED = 10
STATS_UNANSWERED_LISTED = 5


def _text(*texts: str) -> Reply:
    """Return a reply of plain paragraphs."""
    return Reply(blocks=tuple(Text(text) for text in texts))


async def start(turn: Turn) -> Reply:
    """Greet the user: what the bot knows, the article's lead, how to ask."""
    name = f", {shorten(turn.user_name, 64)}" if turn.user_name.strip() else ""
    articles = turn.kb.articles
    intro = (
        t(turn.lang, "greeting_article")
        if len(articles) == 1
        else t(turn.lang, "greeting_articles", count=len(articles))
    )
    return Reply(
        blocks=(
            Text(t(turn.lang, "greeting", name=name)),
            Text(intro),
            Quote(articles[0].lead),
            Text(t(turn.lang, "how_to_ask")),
        )
    )


async def help_(turn: Turn) -> Reply:
    """List how to ask and every command."""
    names = [c for c in COMMANDS if not c.admin]
    lines = [f"/{c.name} – {COMMAND_HELP[turn.lang][c.name]}" for c in names]
    blocks = [
        Text(t(turn.lang, "help_title"), bold=True),
        Text(t(turn.lang, "help_intro")),
        Text(t(turn.lang, "help_commands")),
        Text("\n".join(lines)),
    ]
    if turn.is_admin:
        admin = [f"/{c.name} – {COMMAND_HELP[turn.lang][c.name]}" for c in COMMANDS if c.admin]
        blocks += [Text(t(turn.lang, "help_admin")), Text("\n".join(admin))]
    return Reply(blocks=tuple(blocks))


async def ask(turn: Turn) -> Reply:
    """Answer the question after the command, or ask for one."""
    if turn.args:
        return await answer_question(turn, turn.args)
    if turn.in_group:
        return Reply(blocks=(Text(t(turn.lang, "ask_prompt")),), force_reply=True)
    return _text(t(turn.lang, "ask_hint"))


async def source(turn: Turn) -> Reply:
    """Link the article's source (every article's, when there are several)."""
    return source_reply(turn, turn.lang)


async def about(turn: Turn) -> Reply:
    """Describe the article in brief: lead, number of passages, source."""
    articles = turn.kb.articles
    blocks: list[Text | Quote | Link] = [Text(t(turn.lang, "about_title"), bold=True)]
    for article in articles[:MAX_ARTICLES_LISTED]:
        count = len(article.sentences) + (1 if article.caption else 0)
        if article.title:
            blocks.append(Text(article.title, bold=True))
        blocks += [Quote(article.lead), Text(t(turn.lang, "about_passages", count=count))]
        if article.source_url:
            blocks.append(Link(article.source_url, article.source_url))
    if len(articles) > MAX_ARTICLES_LISTED:
        blocks.append(Text(t(turn.lang, "and_more", count=len(articles) - MAX_ARTICLES_LISTED)))
    return Reply(blocks=tuple(blocks))


async def more(turn: Turn) -> Reply:
    """Show the next passages for the chat's last question."""
    chat = turn.chat
    if chat is None or chat.last_question_id is None:
        return _text(t(turn.lang, "more_nothing"))
    question = await turn.store.get_question(chat.last_question_id)
    if question is None:
        return _text(t(turn.lang, "more_nothing"))
    return await more_passages(turn, question, chat.last_offset)


async def lang(turn: Turn) -> Reply:
    """Show or set the chat's interface language (de or en)."""
    choice = turn.args.strip().lower()
    if not choice:
        return _text(t(turn.lang, "lang_current"))
    if choice not in LANGUAGES:
        return _text(t(turn.lang, "lang_invalid", value=shorten(turn.args.strip(), 20)))
    await turn.store.set_chat_language(turn.chat_id, turn.chat_kind, choice)
    return _text(t(choice, "lang_set"))


async def passages(turn: Turn) -> Reply:
    """Show or set how many passages an answer shows in this chat."""
    value = turn.args.strip()
    if not value:
        return _text(
            t(
                turn.lang,
                "passages_current",
                count=turn.passages_per_answer,
                limit=MAX_PASSAGES_LIMIT,
            )
        )
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_PASSAGES_LIMIT):
        return _text(t(turn.lang, "passages_invalid", limit=MAX_PASSAGES_LIMIT))
    await turn.store.set_chat_passages(turn.chat_id, turn.chat_kind, int(value))
    return _text(t(turn.lang, "passages_set", count=int(value)))


async def privacy(turn: Turn) -> Reply:
    """Say what is stored and for how long."""
    return _text(t(turn.lang, "privacy", days=turn.settings.retention_days))


async def forget(turn: Turn) -> Reply:
    """Delete the user's questions and votes."""
    gone = await turn.store.forget_user(turn.user_id)
    return _text(t(turn.lang, "forgotten", questions=gone.questions, votes=gone.votes))


def _question_list(rows: list[tuple[str, int]], lang: str) -> Text:
    """Return a numbered list of (question, count) rows."""
    if not rows:
        return Text(t(lang, "list_empty"))
    lines = [f"{i}. {shorten(text, ECHO_CHARS)} ({n}×)" for i, (text, n) in enumerate(rows, 1)]
    return Text("\n".join(lines))


async def stats(turn: Turn) -> Reply:
    """Show question totals, the answer rate and the most frequent unanswered questions."""
    totals = await turn.store.stats()
    latency = "–" if totals.mean_latency_ms is None else f"{totals.mean_latency_ms:.1f} ms"
    body = t(
        turn.lang,
        "stats_body",
        questions=totals.questions,
        users=totals.users,
        answered=totals.answered,
        rate=totals.answer_rate,
        up=totals.votes_up,
        down=totals.votes_down,
        latency=latency,
    )
    rows = await turn.store.frequent_unanswered(STATS_UNANSWERED_LISTED)
    return Reply(
        blocks=(
            Text(t(turn.lang, "stats_title"), bold=True),
            Text(body),
            Text(t(turn.lang, "stats_unanswered")),
            _question_list(rows, turn.lang),
        )
    )


async def unanswered(turn: Turn) -> Reply:
    """List refused or 👎-rated questions, most frequent first."""
    rows = await turn.store.frequent_unanswered(UNANSWERED_LISTED, include_downvoted=True)
    return Reply(
        blocks=(Text(t(turn.lang, "unanswered_title"), bold=True), _question_list(rows, turn.lang))
    )


@dataclass(frozen=True, slots=True)
class Command:
    """A command: its name, aliases, handler, and whether only admins may use it."""

    name: str
    run: Callable[[Turn], Awaitable[Reply]]
    aliases: tuple[str, ...] = ()
    admin: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("start", start),
    Command("help", help_, ("hilfe",)),
    Command("ask", ask, ("frage",)),
    Command("source", source, ("quelle",)),
    Command("about", about),
    Command("more", more, ("mehr",)),
    Command("lang", lang, ("sprache",)),
    Command("passages", passages, ("stellen",)),
    Command("privacy", privacy, ("datenschutz",)),
    Command("forget", forget, ("vergessen",)),
    Command("stats", stats, admin=True),
    Command("unanswered", unanswered, admin=True),
)
BY_NAME: dict[str, Command] = {
    name: command for command in COMMANDS for name in (command.name, *command.aliases)
}


def command_menu(lang: str, *, admin: bool = False) -> list[tuple[str, str]]:
    """Return (command, description) pairs for a client's command menu (e.g. setMyCommands)."""
    return [(c.name, COMMAND_HELP[lang][c.name]) for c in COMMANDS if admin or not c.admin]
