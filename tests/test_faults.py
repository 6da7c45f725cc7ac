"""Faults of the Bot API: the bot keeps running, logs each fault once, answers exactly once.

The suite's Bot API server injects 429 with retry_after, 500, 502, connection resets,
answers slower than the bot's read timeout and malformed JSON, into sendMessage,
answerCallbackQuery and getUpdates. After the faults every question has exactly one
delivered answer, every injected fault produced exactly one WARNING line naming the
method, nothing was logged at ERROR, and the token appears nowhere.
"""

from __future__ import annotations

import asyncio
import re
from io import StringIO
from pathlib import Path

from bot.config import Settings
from bot.inbox import inbox_path
from bot.retry import RetryingRequest
from tests.botapi_server import BotApiServer, Fault
from tests.reliability_fixtures import (
    all_output,
    answers_per_chat,
    assert_no_token,
    query,
    running_bot,
)

QUESTION = "Wer hat den Vertrag ratifiziert?"
READ_TIMEOUT = 0.5
ONE_OF_EACH = (
    Fault("status", status=429, retry_after=1),
    Fault("status", status=500),
    Fault("status", status=502),
    Fault("reset"),
    Fault("delay", delay=READ_TIMEOUT + 1.0),
    Fault("malformed"),
)


def faults_for(method: str) -> list[Fault]:
    """Return one fault of each kind, each for one call of ``method``."""
    return [Fault(f.kind, method, 1, f.status, f.retry_after, f.delay) for f in ONE_OF_EACH]


def fault_lines(log: str, method: str) -> list[str]:
    """Return the log lines reporting a failed call of ``method``."""
    return [line for line in log.splitlines()
            if re.search(rf"WARNING bot\.retry: Bot API {method} failed", line)]


def faulted_calls(server: BotApiServer, method: str) -> int:
    """Count the calls of ``method`` that got an injected fault (or were given up on)."""
    return sum(1 for c in server.calls if c.method == method and c.fault)


def assert_clean(log: str, server: BotApiServer) -> None:
    """No ERROR or worse in the log; no token anywhere."""
    assert not [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line], log
    assert "Traceback" not in log, log
    assert_no_token(log, all_output(server))


async def test_send_faults_are_retried_and_every_question_answered_once(
    botapi: BotApiServer, bot_settings: Settings, bot_log: StringIO
) -> None:
    botapi.config.faults.extend(faults_for("sendMessage"))
    async with running_bot(bot_settings, read_timeout=READ_TIMEOUT):
        chats = [botapi.private_chat() for _ in range(8)]
        for chat in chats:
            botapi.send_text(chat, QUESTION)
        await botapi.wait_for_all("sendMessage", len(chats), timeout=30)
        await botapi.quiet(0.5)
        assert all(f.times == 0 for f in botapi.config.faults)

        # An outage: every sendMessage fails with 502 for a while, then the server recovers.
        botapi.config.faults.append(Fault("status", "sendMessage", -1, 502))
        late = [botapi.private_chat() for _ in range(3)]
        for chat in late:
            botapi.send_text(chat, QUESTION)
        await asyncio.sleep(2.0)
        botapi.config.faults.clear()
        await botapi.wait_for_all("sendMessage", len(chats) + len(late), timeout=30)
        await botapi.quiet(0.5)

    counts = answers_per_chat(botapi.calls)
    assert counts == {chat["id"]: 1 for chat in chats + late}
    log = bot_log.getvalue()
    assert len(fault_lines(log, "sendMessage")) == faulted_calls(botapi, "sendMessage") >= 9
    assert_clean(log, botapi)


async def test_callback_answer_faults_are_retried(
    botapi: BotApiServer, bot_settings: Settings, bot_log: StringIO
) -> None:
    async with running_bot(bot_settings, read_timeout=READ_TIMEOUT):
        chats = [botapi.private_chat() for _ in ONE_OF_EACH]
        for chat in chats:
            botapi.send_text(chat, QUESTION)
        answers = await botapi.wait_for_all("sendMessage", len(chats))
        botapi.config.faults.extend(faults_for("answerCallbackQuery"))
        for answer in answers:
            keyboard = answer.params["reply_markup"]["inline_keyboard"]
            botapi.press_button(answer.result, next(
                b["callback_data"] for row in keyboard for b in row if b["text"] == "👍"))
        await botapi.wait_for_all("answerCallbackQuery", len(answers), timeout=30)
        await botapi.quiet(0.5)
    assert len(botapi.calls_of("answerCallbackQuery")) == len(answers)
    log = bot_log.getvalue()
    assert len(fault_lines(log, "answerCallbackQuery")) == faulted_calls(
        botapi, "answerCallbackQuery") == len(ONE_OF_EACH)
    assert_clean(log, botapi)


async def test_failing_get_updates_loses_nothing(
    botapi: BotApiServer, bot_settings: Settings, bot_log: StringIO
) -> None:
    # Slow getUpdates answers are covered by the send tests: the long poll's read timeout
    # is the poll timeout plus 10 s, too long to wait for here. One fault at a time, each
    # while a question waits on the server, so that each is a fresh outage.
    faults = [f for f in faults_for("getUpdates") if f.kind != "delay"]
    chats = [botapi.private_chat() for _ in faults]
    async with running_bot(bot_settings, read_timeout=READ_TIMEOUT):
        for fault, chat in zip(faults, chats, strict=True):
            botapi.config.faults.append(fault)
            botapi.send_text(chat, QUESTION)
            await botapi.wait_for("sendMessage", chat_id=chat["id"], timeout=30)
            assert fault.times == 0
        await botapi.quiet(0.5)
    assert answers_per_chat(botapi.calls) == {chat["id"]: 1 for chat in chats}
    log = bot_log.getvalue()
    assert len(fault_lines(log, "getUpdates")) == faulted_calls(botapi, "getUpdates") == 5
    assert_clean(log, botapi)


async def test_an_answer_that_runs_out_of_retries_is_sent_after_the_restart(
    botapi: BotApiServer, bot_settings: Settings, bot_log: StringIO, db_path: Path
) -> None:
    chat = botapi.private_chat()
    botapi.config.faults.append(Fault("status", "sendMessage", -1, 502))
    async with running_bot(bot_settings, read_timeout=READ_TIMEOUT) as application:
        request = application.bot.request
        assert isinstance(request, RetryingRequest)
        request.patience = 1.0
        update_id = botapi.send_text(chat, QUESTION)
        states = inbox_path(db_path)
        while query(states, "SELECT state FROM inbox WHERE update_id = ?", (update_id,)) != [
                ("failed",)]:
            await asyncio.sleep(0.05)
    assert answers_per_chat(botapi.calls) == {}
    assert "giving up" in bot_log.getvalue()

    botapi.config.faults.clear()
    async with running_bot(bot_settings):
        await botapi.wait_for("sendMessage", chat_id=chat["id"])
        await botapi.quiet(0.3)
    assert answers_per_chat(botapi.calls) == {chat["id"]: 1}
    assert query(inbox_path(db_path), "SELECT state FROM inbox") == [("done",)]
    assert_no_token(bot_log.getvalue(), all_output(botapi))
