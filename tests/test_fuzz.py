"""Property-based fuzzing (hypothesis) of the dialog and of the update → reply path.

Properties, for any message or button press the strategies can build (any Unicode
including lone surrogates and control characters, commands with junk arguments, forged
button data, odd language codes, entities with nonsense offsets):

* the dialog never fails: no exception escapes, nothing is logged at ERROR, and the
  "something went wrong" apology (the sign of a caught exception) never appears;
* every reply renders as well-formed Telegram HTML within 4,096 characters, with button
  data of at most 64 bytes and a toast of at most 200 characters;
* through the real Application (``process_update`` with the suite's Bot API server, which
  rejects bad HTML like Telegram), every update is handled without an error and every
  text the bot sends is accepted.

Examples are bounded (``max_examples``) and have no deadline, so the suite stays fast and
deterministic on slow CI machines.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update

from bot.config import Settings
from bot.store import SqliteStore
from bot.telegram import build_application
from bot.telegram_render import render
from handlers.dialog import Dialog, DialogSettings
from handlers.messages import ButtonPress, IncomingMessage, Reply
from handlers.texts import COMMAND_HELP, t
from knowledge import KnowledgeBase
from tests.botapi_fixtures import TEST_TOKEN
from tests.botapi_server import BOT_ID, BOT_USERNAME, BotApiServer
from tests.reliability_fixtures import assert_no_token, integrity_check
from tests.telegram_html import MAX_MESSAGE_LENGTH, check_message_text

APOLOGIES = {t(lang, "error") for lang in ("de", "en")}
COMMANDS = sorted({*COMMAND_HELP["de"], "stats", "unanswered", "frage", "quelle", "x", ""})
FUZZ = settings(max_examples=300, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

any_char = st.characters(codec=None, exclude_categories=())
any_text = st.text(any_char, max_size=300)
words = st.sampled_from(["Vertrag", "Kim", "ratifiziert", "Pakt", "wer", "wann", "the", "<b>",
                         "</blockquote>", "&amp;", "'; DROP TABLE questions;--", "😀", "\u202e",
                         "\x00", "\ud800", "@ArticleBot", "@OtherBot", "*_[]", " ", "\n"])
sentences = st.lists(words, max_size=12).map(" ".join)
commands = st.builds(
    lambda name, target, args: f"/{name}{target} {args}",
    st.sampled_from(COMMANDS), st.sampled_from(["", "@ArticleBot", "@OtherBot", "@"]),
    st.one_of(any_text, sentences, st.integers().map(str)),
)
texts = st.one_of(any_text, sentences, commands, st.text(any_char, min_size=3000,
                                                         max_size=5000))
chat_kinds = st.sampled_from(["private", "group", "supergroup", "channel"])
language_codes = st.one_of(st.none(), st.sampled_from(["de", "en", "en-US", "ru", "", "DE"]),
                           st.text(any_char, max_size=8))
button_data = st.one_of(
    st.text(any_char, max_size=80),
    st.from_regex(r"\A(more|vote|x):-?[0-9]{0,22}(:(up|down|sideways))?\Z"),
)
messages = st.builds(
    IncomingMessage, text=texts, user_id=st.integers(1, 50), chat_id=st.integers(-60, 60),
    user_name=st.text(any_char, max_size=80), chat_kind=chat_kinds,
    language_code=language_codes, addressed=st.booleans(), reply_to_bot=st.booleans(),
)
presses = st.builds(
    ButtonPress, data=button_data, user_id=st.integers(1, 50), chat_id=st.integers(-60, 60),
    chat_kind=chat_kinds, language_code=language_codes,
)


class ErrorRecords(logging.Handler):
    """Collect every record at ERROR or above."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def errors_logged() -> Iterator[ErrorRecords]:
    """Collect records at ERROR or above logged anywhere while the block runs."""
    handler = ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


def assert_well_formed(reply: Reply | None, *, to_message: bool) -> None:
    """Fail unless ``reply`` renders as valid Telegram HTML within Telegram's limits.

    A reply to a message has text; a reply to a button press may be a toast only.
    """
    if reply is None:
        return
    rendered = render(reply)
    assert len(rendered.text) <= MAX_MESSAGE_LENGTH
    if rendered.text or to_message:
        check_message_text(rendered.text, "HTML")
    assert rendered.text not in APOLOGIES
    assert reply.toast is None or (len(reply.toast) <= 200 and reply.toast not in APOLOGIES)
    for button in reply.buttons:
        assert 1 <= len(button.data.encode()) <= 64


def test_dialog_answers_anything_politely(shipped_kb: KnowledgeBase, tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    stack = AsyncExitStack()
    store = loop.run_until_complete(stack.enter_async_context(
        SqliteStore.open(tmp_path / "fuzz.sqlite3")))
    dialog = Dialog(shipped_kb, store, DialogSettings(admin_ids=frozenset({7}),
                                                      flood_limit_per_minute=0))

    @FUZZ
    @given(events=st.lists(st.one_of(messages, presses), min_size=1, max_size=4))
    def check(events: list[IncomingMessage | ButtonPress]) -> None:
        with errors_logged() as errors:
            for event in events:
                reply = loop.run_until_complete(dialog.handle(event))
                if isinstance(event, IncomingMessage) and event.chat_kind == "channel":
                    assert reply is None
                assert_well_formed(reply, to_message=isinstance(event, IncomingMessage))
        assert not errors.records, errors.records[0].getMessage()

    try:
        check()
    finally:
        loop.run_until_complete(stack.aclose())
        loop.close()
    assert integrity_check(tmp_path / "fuzz.sqlite3") == "ok"


def entity(text_length: int) -> st.SearchStrategy[dict[str, Any]]:
    """Return entities, often with offsets and lengths that do not fit the text."""
    return st.builds(
        lambda kind, offset, length: {
            "type": kind, "offset": offset, "length": length,
            **({"user": {"id": BOT_ID, "is_bot": True, "first_name": "B"}}
               if kind == "text_mention" else {}),
            **({"url": "https://example.org"} if kind == "text_link" else {}),
        },
        st.sampled_from(["bot_command", "mention", "text_mention", "bold", "url", "text_link"]),
        st.integers(0, text_length + 3), st.integers(0, text_length + 3),
    )


@st.composite
def raw_updates(draw: st.DrawFn) -> dict[str, Any]:
    """Build a raw Bot API update: a (possibly edited) text message or a button press."""
    chat_type = draw(st.sampled_from(["private", "group", "supergroup"]))
    chat_id = draw(st.integers(1, 40)) * (1 if chat_type == "private" else -1)
    sender = {"id": abs(chat_id) if chat_type == "private" else draw(st.integers(1, 40)),
              "is_bot": False, "first_name": draw(st.text(any_char, min_size=1, max_size=20)),
              "language_code": draw(st.sampled_from(["de", "en", "fr"]))}
    chat = {"id": chat_id, "type": chat_type, "title": "G", "first_name": "P"}
    text = draw(texts)
    message: dict[str, Any] = {
        "message_id": draw(st.integers(1, 10**6)), "date": 1_700_000_000, "chat": chat,
        "from": sender, "text": text,
        "entities": draw(st.lists(entity(len(text)), max_size=3)),
    }
    if draw(st.booleans()):
        message["reply_to_message"] = {
            "message_id": 1, "date": 1_700_000_000, "chat": chat, "text": "answer",
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Article Bot",
                     "username": BOT_USERNAME}}
    kind = draw(st.sampled_from(["message", "edited_message", "callback_query"]))
    if kind == "callback_query":
        bot_message = {**message, "from": {"id": BOT_ID, "is_bot": True, "first_name": "B"}}
        return {"callback_query": {"id": str(draw(st.integers(1, 10**9))), "from": sender,
                                   "message": bot_message, "chat_instance": "1",
                                   "data": draw(button_data)}}
    if kind == "edited_message":
        message["edit_date"] = 1_700_000_100
    return {kind: message}


def test_update_to_reply_path_never_fails(db_path: Path) -> None:
    loop = asyncio.new_event_loop()
    server = BotApiServer()
    loop.run_until_complete(server.start())
    settings_ = Settings(telegram_bot_token=TEST_TOKEN, database_path=db_path,
                         telegram_api_base_url=server.base_url, rate_limiter=False,
                         flood_limit_per_minute=0)
    application = build_application(settings_)
    loop.run_until_complete(application.initialize())
    assert application.post_init is not None and application.post_shutdown is not None
    loop.run_until_complete(application.post_init(application))
    update_ids = iter(range(1, 10**9))

    @FUZZ
    @given(raw=raw_updates())
    def check(raw: dict[str, Any]) -> None:
        before = len(server.calls)
        update = Update.de_json({"update_id": next(update_ids), **raw}, application.bot)
        with errors_logged() as errors:
            loop.run_until_complete(application.process_update(update))
        assert not errors.records, errors.records[0].getMessage()
        for call in server.calls[before:]:
            handled = call.status == 400 and "not modified" in str(call.result)  # by edit_reply
            assert call.status == 200 or handled, (call.method, call.result)
            if call.method in ("sendMessage", "editMessageText"):
                assert call.text not in APOLOGIES
            assert_no_token(str(call.params))
        assert not server.html_errors, server.html_errors

    try:
        check()
    finally:
        loop.run_until_complete(application.shutdown())
        loop.run_until_complete(application.post_shutdown(application))
        loop.run_until_complete(server.stop())
        loop.close()
    assert integrity_check(db_path) == "ok"
