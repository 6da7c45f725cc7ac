"""Bad input: a corpus of 400 hostile and odd messages, through the dialog and through Telegram.

The corpus (``tests/data/bad_inputs.jsonl``, written by ``make_bad_inputs.py``) holds
empty and whitespace-only texts, single characters, exactly 4,096 characters, stop words
only, punctuation only, emoji, right-to-left text, zero-width and control characters,
NUL, lone surrogates, HTML and Markdown injection, SQL-looking strings, commands with
junk arguments, 10,000-character words, mixed scripts and more.

The rules: in a private chat every message gets a polite reply (never the "something
went wrong" apology, which means an exception was caught); in a group a message that is
not addressed to the bot gets nothing, an addressed one a reply. Every reply is
well-formed Telegram HTML within 4,096 characters. Through the real Application each
message is answered exactly once; a message without text (Telegram sends none with an
empty text) is ignored. Nothing is logged at ERROR, and the token appears nowhere.
"""

from __future__ import annotations

import json
import logging
from io import StringIO
from pathlib import Path

import pytest

from bot.config import Settings
from bot.telegram_render import render
from handlers.messages import IncomingMessage
from handlers.texts import t
from tests.botapi_server import BotApiServer
from tests.dialog_fixtures import DialogTester, reply_text
from tests.reliability_fixtures import all_output, answers_per_chat, assert_no_token, running_bot
from tests.telegram_html import MAX_MESSAGE_LENGTH, check_message_text

CORPUS_PATH = Path(__file__).parent / "data" / "bad_inputs.jsonl"
CORPUS: list[dict[str, str]] = [
    json.loads(line) for line in CORPUS_PATH.read_text(encoding="ascii").splitlines()
]
APOLOGIES = {t(lang, "error") for lang in ("de", "en")}


def test_corpus_covers_every_category_and_has_at_least_300_messages() -> None:
    categories = {item["category"] for item in CORPUS}
    assert len(CORPUS) >= 300
    assert {"empty", "one_char", "exact_4096", "stop_words", "punctuation", "emoji", "rtl",
            "invisible", "control", "nul", "surrogate", "html", "markdown", "sql", "command",
            "long_word", "mixed_script"} <= categories
    assert any(len(item["text"]) == 4096 for item in CORPUS)
    assert any(len(item["text"]) >= 10_000 and " " not in item["text"] for item in CORPUS)


def assert_polite_html(html: str) -> None:
    """Fail unless ``html`` is well-formed Telegram HTML within the length limit."""
    assert len(html) <= MAX_MESSAGE_LENGTH
    check_message_text(html, "HTML")


async def test_corpus_through_the_dialog(
    dialog_bot: DialogTester, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    for index, item in enumerate(CORPUS):
        text, user = item["text"], 10_000 + index
        private = await dialog_bot.ask(text, user_id=user, chat_id=user)
        assert private is not None, item
        shown = reply_text(private)
        assert shown.strip() and shown not in APOLOGIES, item
        assert_polite_html(render(private).text)

        chatter = await dialog_bot.dialog.handle(IncomingMessage(
            text=text, user_id=user, chat_id=-5, chat_kind="supergroup", addressed=False))
        assert chatter is None, item
        addressed = await dialog_bot.dialog.handle(IncomingMessage(
            text=text, user_id=user, chat_id=-5, chat_kind="supergroup", addressed=True))
        if addressed is not None:  # e.g. an empty /ask in a group: a prompt, never silence
            assert reply_text(addressed) not in APOLOGIES, item
            assert_polite_html(render(addressed).text)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_corpus_through_the_application(
    botapi: BotApiServer, bot_settings: Settings, bot_log: StringIO
) -> None:
    private = [botapi.private_chat() for _ in CORPUS]
    group = botapi.group_chat()
    members = [botapi.user() for _ in CORPUS]
    for chat, item in zip(private, CORPUS, strict=True):
        botapi.send_text(chat, item["text"])
    for member, item in zip(members, CORPUS, strict=True):
        if not item["text"].startswith("/") and "@" not in item["text"]:
            botapi.send_text(group, item["text"], sender=member)  # chatter: ignored
        botapi.send_text(group, f"/ask {item['text']}", sender=member)
    answerable = [c for c, item in zip(private, CORPUS, strict=True) if item["text"]]
    async with running_bot(bot_settings):
        await botapi.wait_for_all("sendMessage", len(answerable) + len(CORPUS), timeout=60)
        await botapi.quiet(0.5)

    counts = answers_per_chat(botapi.calls)
    assert counts == {**{chat["id"]: 1 for chat in answerable}, group["id"]: len(CORPUS)}
    for call in botapi.calls_of("sendMessage"):
        assert call.text not in APOLOGIES
        assert_polite_html(call.text)
    log = bot_log.getvalue()
    assert not [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line]
    assert "Traceback" not in log
    assert_no_token(log, all_output(botapi))
