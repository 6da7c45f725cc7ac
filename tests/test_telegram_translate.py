"""Translating Telegram messages into the dialog's IncomingMessage: who is addressed."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Bot, Message, Update

from bot.telegram import PerChatUpdateProcessor, incoming_message
from tests.botapi_server import BOT_ID, BOT_USERNAME, BotApiServer

SERVER = BotApiServer()  # used only to build update dictionaries, never started
BOT = Bot("123:ABC")


def translate(text: str, chat: dict[str, Any] | None = None, **kwargs: Any):
    """Build a message like a client would send it and translate it."""
    chat = chat or SERVER.group_chat()
    data = SERVER.message(chat, text, sender=SERVER.user(language_code="en"), **kwargs)
    return incoming_message(Message.de_json(data, BOT), BOT_ID, BOT_USERNAME, update_id=7)


@pytest.mark.parametrize(
    ("text", "addressed", "expected"),
    [
        ("/ask@ArticleBot Wer?", True, "/ask Wer?"),
        ("/ask@articlebot Wer?", True, "/ask Wer?"),
        ("/ask Wer?", True, "/ask Wer?"),
        ("/ask@OtherBot Wer?", False, "/ask@OtherBot Wer?"),
        ("@ArticleBot wer hat unterschrieben?", True, "wer hat unterschrieben?"),
        ("Sag mal 🇰🇵 @ArticleBot, wer?", True, "Sag mal 🇰🇵 , wer?"),
        ("@OtherBot wer?", False, "@OtherBot wer?"),
        ("einfach Gerede", False, "einfach Gerede"),
    ],
)
def test_group_addressing_and_stripping(text: str, addressed: bool, expected: str) -> None:
    event = translate(text)
    assert event.addressed is addressed
    assert event.text == expected
    assert event.chat_kind == "supergroup" and event.update_id == 7
    assert event.language_code == "en"


def test_reply_to_the_bot_is_addressed_but_not_a_reply_to_someone_else() -> None:
    chat = SERVER.group_chat()
    bot_message = {**SERVER.message(chat, "Antwort"), "from": SERVER.bot_user}
    event = translate("und wann?", chat, reply_to=bot_message)
    assert event.addressed and event.reply_to_bot
    other = SERVER.message(chat, "Hallo")
    assert not translate("und wann?", chat, reply_to=other).addressed


def test_text_mention_of_the_bot_is_addressed() -> None:
    entity = {"type": "text_mention", "offset": 0, "length": 3,
              "user": {"id": BOT_ID, "is_bot": True, "first_name": "Article Bot"}}
    event = translate("Bot wer?", entities=[entity])
    assert event.addressed and event.text == "wer?"


def test_private_messages_are_always_addressed() -> None:
    event = translate("hallo", SERVER.private_chat())
    assert event.addressed and event.chat_kind == "private"


def test_ordering_key_is_the_chat_and_none_for_inline_queries() -> None:
    chat = SERVER.private_chat()
    message = Update.de_json({"update_id": 1, "message": SERVER.message(chat, "x")}, BOT)
    inline = Update.de_json({"update_id": 2, "inline_query": {
        "id": "1", "from": SERVER.user(), "query": "q", "offset": ""}}, BOT)
    assert PerChatUpdateProcessor.ordering_key(message) == chat["id"]
    assert PerChatUpdateProcessor.ordering_key(inline) is None
