"""End to end: the real PTB Application polling the suite's Bot API server on 127.0.0.1."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from tests.botapi_server import BOT_USERNAME, BotApiServer, Call

pytestmark = pytest.mark.usefixtures("telegram_app")

QUESTION = "Wer hat den Vertrag ratifiziert?"
SOURCE = "https://vtcnews.vn/"


def is_answer(call: Call) -> bool:
    """Whether a sendMessage call looks like an answer: a quote and the source link."""
    return "<blockquote>" in call.text and f'<a href="{SOURCE}' in call.text


def buttons(call: Call) -> list[tuple[str, str]]:
    """Return the (label, data) pairs of the inline keyboard of a call."""
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", [])
            for b in row]


def replied_to(call: Call) -> int | None:
    """Return the message id a sendMessage call replies to."""
    return (call.params.get("reply_parameters") or {}).get("message_id")


async def test_start_up_sets_commands_and_descriptions(botapi: BotApiServer) -> None:
    calls = await botapi.wait_for_all("setMyCommands", 6)
    scopes = {(c.params["scope"]["type"], c.params.get("language_code")) for c in calls}
    assert scopes == {(s, lang) for s in ("all_private_chats", "all_group_chats")
                      for lang in ("de", "en", None)}
    assert all(c.params["commands"] for c in calls)
    await botapi.wait_for_all("setMyDescription", 3)
    short = await botapi.wait_for_all("setMyShortDescription", 3)
    assert all(len(c.params["short_description"]) <= 120 for c in short)


async def test_private_question_gets_blockquote_answer_with_link(botapi: BotApiServer) -> None:
    chat = botapi.private_chat()
    botapi.send_text(chat, QUESTION)
    call = await botapi.wait_for("sendMessage", chat_id=chat["id"])
    assert call.params["parse_mode"] == "HTML"
    assert call.params["link_preview_options"] == {"is_disabled": True}
    assert "message_thread_id" not in call.params
    assert is_answer(call), call.text
    assert "<b>" in call.text
    labels = [label for label, _ in buttons(call)]
    assert "👍" in labels and "👎" in labels


async def test_private_commands_work(botapi: BotApiServer) -> None:
    chat = botapi.private_chat()
    botapi.send_text(chat, "/start")
    call = await botapi.wait_for("sendMessage", chat_id=chat["id"])
    assert "Hallo" in call.text


@pytest.mark.parametrize("text", [f"/ask@{BOT_USERNAME} {QUESTION}", f"/ask {QUESTION}",
                                  f"@{BOT_USERNAME} {QUESTION}", f"{QUESTION} @{BOT_USERNAME}"])
async def test_group_answers_when_addressed(botapi: BotApiServer, text: str) -> None:
    group, user = botapi.group_chat(), botapi.user()
    botapi.send_text(group, text, sender=user)
    call = await botapi.wait_for("sendMessage", chat_id=group["id"])
    assert is_answer(call), call.text
    assert replied_to(call) == botapi.messages_in(group["id"])[0]["message_id"]


async def test_group_reply_to_bot_is_a_question(botapi: BotApiServer) -> None:
    group, user = botapi.group_chat(), botapi.user()
    botapi.send_text(group, f"/ask {QUESTION}", sender=user)
    answer = await botapi.wait_for("sendMessage", chat_id=group["id"])
    bot_message = answer.result
    botapi.send_text(group, "Und wann trat der Pakt in Kraft?", sender=user,
                     reply_to=bot_message)
    call = await botapi.wait_for("sendMessage", 2, chat_id=group["id"])
    assert "<blockquote>" in call.text


async def test_group_ask_without_question_prompts_with_force_reply(botapi: BotApiServer) -> None:
    group, user = botapi.group_chat(), botapi.user()
    botapi.send_text(group, f"/ask@{BOT_USERNAME}", sender=user)
    prompt = await botapi.wait_for("sendMessage", chat_id=group["id"])
    assert prompt.params["reply_markup"].get("force_reply") is True
    assert prompt.params["reply_markup"].get("selective") is True
    botapi.send_text(group, QUESTION, sender=user, reply_to=prompt.result)
    call = await botapi.wait_for("sendMessage", 2, chat_id=group["id"])
    assert is_answer(call), call.text


@pytest.mark.parametrize("text", ["Na, wie geht's euch?", f"/ask@OtherBot {QUESTION}",
                                  f"@OtherBot {QUESTION}", "/start@OtherBot"])
async def test_group_chatter_and_other_bots_commands_are_ignored(
    botapi: BotApiServer, text: str
) -> None:
    group = botapi.group_chat()
    botapi.send_text(group, text, sender=botapi.user())
    await botapi.wait_for_updates_confirmed()
    await botapi.quiet(0.2)
    assert botapi.calls_of("sendMessage") == []


async def test_channel_posts_are_ignored(botapi: BotApiServer) -> None:
    botapi.channel_post(f"/ask {QUESTION}")
    await botapi.wait_for_updates_confirmed()
    await botapi.quiet(0.2)
    assert botapi.calls_of("sendMessage") == []


async def test_inline_query_offers_passages(botapi: BotApiServer) -> None:
    botapi.inline_query(QUESTION)
    call = await botapi.wait_for("answerInlineQuery")
    results = call.params["results"]
    assert 1 <= len(results) <= 5
    content = results[0]["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert "<blockquote>" in content["message_text"] and SOURCE in content["message_text"]
    assert results[0]["title"]


async def test_empty_inline_query_gets_no_results(botapi: BotApiServer) -> None:
    botapi.inline_query("   ")
    call = await botapi.wait_for("answerInlineQuery")
    assert call.params["results"] == []


async def test_more_and_thumbs_up_buttons(botapi: BotApiServer) -> None:
    chat = botapi.private_chat()
    botapi.send_text(chat, "Was hat Putin unterzeichnet?")
    answer = await botapi.wait_for("sendMessage", chat_id=chat["id"])
    data = dict(buttons(answer))
    assert "Mehr" in data, buttons(answer)
    botapi.press_button(answer.result, data["Mehr"])
    ack = await botapi.wait_for("answerCallbackQuery")
    more = await botapi.wait_for("sendMessage", 2, chat_id=chat["id"])
    assert "<blockquote>" in more.text and more.text != answer.text
    assert "text" not in ack.params or ack.params["text"]

    botapi.press_button(answer.result, data["👍"])
    toast = await botapi.wait_for("answerCallbackQuery", 2)
    assert toast.params["text"] == "Danke für die Bewertung!"


@pytest.mark.parametrize("data", ["garbage", "vote:999999:up", "more:-1", "x" * 64, ""])
async def test_malformed_or_stale_callback_data_gets_a_notice(
    botapi: BotApiServer, data: str
) -> None:
    chat = botapi.private_chat()
    botapi.send_text(chat, QUESTION)
    answer = await botapi.wait_for("sendMessage", chat_id=chat["id"])
    botapi.press_button(answer.result, data)
    toast = await botapi.wait_for("answerCallbackQuery")
    assert toast.params["text"] == "Diese Schaltfläche ist nicht mehr gültig."
    await botapi.quiet(0.2)
    assert len(botapi.calls_of("sendMessage")) == 1


async def test_vote_on_another_chats_question_is_refused(botapi: BotApiServer) -> None:
    alice, mallory = botapi.private_chat(), botapi.private_chat()
    botapi.send_text(alice, QUESTION)
    answer = await botapi.wait_for("sendMessage", chat_id=alice["id"])
    vote = dict(buttons(answer))["👍"]
    botapi.send_text(mallory, QUESTION)
    theirs = await botapi.wait_for("sendMessage", chat_id=mallory["id"])
    botapi.press_button(theirs.result, vote)  # alice's question id under mallory's message
    toast = await botapi.wait_for("answerCallbackQuery")
    assert toast.params["text"] == "Diese Schaltfläche ist nicht mehr gültig."


@pytest.mark.parametrize("kind", ["send_sticker", "send_photo", "send_voice", "send_document"])
async def test_non_text_in_private_gets_a_short_text_only_reply(
    botapi: BotApiServer, kind: str
) -> None:
    chat = botapi.private_chat()
    getattr(botapi, kind)(chat)
    call = await botapi.wait_for("sendMessage", chat_id=chat["id"])
    assert call.text.startswith("Ich verstehe nur Fragen als Text.")


async def test_sticker_in_group_is_ignored(botapi: BotApiServer) -> None:
    botapi.send_sticker(botapi.group_chat(), sender=botapi.user())
    await botapi.wait_for_updates_confirmed()
    await botapi.quiet(0.2)
    assert botapi.calls_of("sendMessage") == []


async def test_edited_question_updates_the_answer_in_place(botapi: BotApiServer) -> None:
    chat = botapi.private_chat()
    botapi.send_text(chat, "Wer hat den Vertrag ratifiziert")
    answer = await botapi.wait_for("sendMessage", chat_id=chat["id"])
    question = botapi.messages_in(chat["id"])[0]
    botapi.edit_text(question, "Wann tritt der Pakt in Kraft?")
    edit = await botapi.wait_for("editMessageText")
    assert edit.params["message_id"] == answer.result["message_id"]
    assert "<blockquote>" in edit.text
    assert len(botapi.calls_of("sendMessage")) == 1


async def test_answer_in_a_forum_topic_stays_in_the_topic(botapi: BotApiServer) -> None:
    forum = {**botapi.group_chat(), "is_forum": True}
    botapi.send_text(forum, f"/ask {QUESTION}", sender=botapi.user(), is_topic_message=True,
                     message_thread_id=7)
    call = await botapi.wait_for("sendMessage", chat_id=forum["id"])
    assert call.params["message_thread_id"] == 7
    assert replied_to(call) == botapi.messages_in(forum["id"], from_bot=False)[0]["message_id"]
    assert is_answer(call), call.text


async def test_each_chat_is_answered_in_the_order_asked(botapi: BotApiServer) -> None:
    groups = [botapi.group_chat() for _ in range(4)]
    questions = [f"/ask {QUESTION}", f"/help@{BOT_USERNAME}", "/ask Was ist Pjöngjang?",
                 f"@{BOT_USERNAME} Wann trat der Pakt in Kraft?", "/source"]
    botapi.config.latency = 0.005  # let the chats' requests interleave
    user = botapi.user()
    for question in questions:
        for group in groups:
            botapi.send_text(group, question, sender=user)
    await botapi.wait_for_all("sendMessage", len(groups) * len(questions))
    for group in groups:
        answered = [replied_to(c) for c in botapi.calls_of("sendMessage", group["id"])]
        asked = [m["message_id"] for m in botapi.messages_in(group["id"], from_bot=False)]
        assert answered == asked


async def test_telegram_app_fixture_uses_the_test_server(
    telegram_app: Application, botapi: BotApiServer
) -> None:
    assert telegram_app.bot.base_url.startswith(botapi.base_url)
    assert telegram_app.bot.username == BOT_USERNAME
