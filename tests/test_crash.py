"""Crashes and restarts of the ``article-bot run`` process against the suite's Bot API server.

One scenario, in steps, each made deterministic by holding the server's answers:

1. Three questions and a 👍 are answered and marked done; then two answers are carried
   out by the server while their HTTP answers are held back ("late"), and five more
   sends are held before they are carried out ("delay"); two further questions wait
   behind one of them in the same chat. Telegram has forgotten all of them (confirmed).
2. SIGKILL. The database passes ``PRAGMA integrity_check``; the questions and the vote
   committed before the kill are there; the inbox has the held updates as ``answering``.
3. Restart on the same database and server: every update is answered exactly once
   overall, except that an update whose send was carried out just before the kill may be
   answered twice, and only if the inbox had flagged it ``answering``.
4. SIGTERM while answers are in flight: they finish, the process exits 0, the store is
   closed cleanly and nothing is left in the inbox.

The token appears in no output of either run.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path

from bot.config import Settings
from bot.inbox import Inbox, inbox_path
from tests.botapi_fixtures import TEST_TOKEN
from tests.botapi_server import BotApiServer, Fault
from tests.dialog_fixtures import DialogTester, button_data
from tests.reliability_fixtures import (
    all_output,
    answers_per_chat,
    assert_no_token,
    integrity_check,
    query,
    running_bot,
)

REPO = Path(__file__).resolve().parents[1]
QUESTION = "Wer hat den Vertrag ratifiziert?"
OTHER_QUESTIONS = ("Wann tritt der Pakt in Kraft?", "Wann hat Kim das Dekret unterzeichnet?")
HOLD = 120.0


async def start_bot(server: BotApiServer, database: Path) -> asyncio.subprocess.Process:
    """Start ``article-bot run`` on ``database`` polling ``server``."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))},
        "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_BASE_URL": server.base_url,
        "DATABASE_PATH": str(database),
        "RATE_LIMITER": "off",
        "LOG_LEVEL": "INFO",
        "PYTHONPATH": str(REPO),
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=database.parent, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


async def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Poll ``condition`` every 20 ms until it holds; fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def inbox_states(database: Path) -> dict[int, str]:
    """Return update id → state from the bot's inbox."""
    return dict(query(inbox_path(database), "SELECT update_id, state FROM inbox"))


def sends_started(server: BotApiServer) -> int:
    """Count sendMessage calls the server has received (finished or not)."""
    return sum(1 for c in server.calls if c.method == "sendMessage")


async def test_sigkill_and_restart_answer_every_update_exactly_once(
    botapi: BotApiServer, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    outputs: list[bytes] = []
    process = await start_bot(botapi, database)
    try:
        # 1. Answered and done.
        done_chats = [botapi.private_chat() for _ in range(3)]
        done_ids = [botapi.send_text(chat, QUESTION) for chat in done_chats]
        answers = await botapi.wait_for_all("sendMessage", 3, timeout=30)
        keyboard = answers[0].result["reply_markup"]["inline_keyboard"]
        vote = next(b["callback_data"] for row in keyboard for b in row if b["text"] == "👍")
        done_ids.append(botapi.press_button(answers[0].result, vote))
        await botapi.wait_for("answerCallbackQuery")
        await wait_until(lambda: all(inbox_states(database).get(u) == "done" for u in done_ids))

        # Carried out by the server, but the bot never learns it: ambiguous.
        botapi.config.faults.append(Fault("late", "sendMessage", times=2, delay=HOLD))
        late_chats = [botapi.private_chat() for _ in range(2)]
        late_ids = [botapi.send_text(chat, OTHER_QUESTIONS[0]) for chat in late_chats]
        await botapi.wait_for_all("sendMessage", 5)

        # Held before the server carries them out; two more queued behind one of them.
        botapi.config.faults.append(Fault("delay", "sendMessage", times=-1, delay=HOLD))
        held_chats = [botapi.private_chat() for _ in range(4)]
        for chat in held_chats:
            botapi.send_text(chat, QUESTION)
        queue_chat = botapi.private_chat()
        for text in (QUESTION, *OTHER_QUESTIONS):
            botapi.send_text(queue_chat, text)
        await wait_until(lambda: sends_started(botapi) == 5 + len(held_chats) + 1)
        await botapi.wait_for_updates_confirmed()

        # 2. SIGKILL.
        process.kill()
        outputs += await process.communicate()
        assert process.returncode == -signal.SIGKILL
        assert integrity_check(database) == integrity_check(inbox_path(database)) == "ok"
        asked = query(database, "SELECT chat_id, text FROM questions ORDER BY id")
        assert set(asked[:3]) == {(chat["id"], QUESTION) for chat in done_chats}
        assert query(database, "SELECT vote FROM feedback") == [(1,)]
        states = inbox_states(database)
        flagged = {u for u, state in states.items() if state == "answering"}
        assert set(late_ids) <= flagged
        assert sorted(states.values()).count("received") == 2
        assert all(states[u] == "done" for u in done_ids)

        # 3. Restart on the same database and server.
        botapi.config.faults.clear()
        process = await start_bot(botapi, database)
        expected = {chat["id"]: 1 for chat in done_chats + held_chats}
        expected |= {chat["id"]: 2 for chat in late_chats}  # carried out twice: flagged
        expected[queue_chat["id"]] = 3

        await wait_until(lambda: answers_per_chat(botapi.calls) == expected)
        await botapi.quiet(0.5)
        assert answers_per_chat(botapi.calls) == expected

        # 4. SIGTERM while answers are in flight: they finish, the store closes cleanly.
        botapi.config.method_latency["sendMessage"] = 0.3
        last_chats = [botapi.private_chat() for _ in range(3)]
        for chat in last_chats:
            botapi.send_text(chat, QUESTION)
        await wait_until(lambda: any(c.method == "sendMessage" and c.chat_id == last_chats[0]["id"]
                                     for c in botapi.calls))
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
        outputs += [stdout, stderr]
        assert process.returncode == 0, stderr.decode()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()

    expected |= {chat["id"]: 1 for chat in last_chats}
    assert answers_per_chat(botapi.calls) == expected
    restart_log = stderr.decode()
    assert "Store closed" in restart_log
    assert "answering again" in restart_log
    assert all(str(u) in restart_log for u in late_ids)
    assert integrity_check(database) == integrity_check(inbox_path(database)) == "ok"
    assert query(inbox_path(database), "SELECT count(*) FROM inbox WHERE state != 'done'") == [
        (0,)]
    assert_no_token(*outputs, all_output(botapi))
    assert "Traceback" not in "".join(o.decode() for o in outputs)
    # Updates handled again after the kill did not log their questions twice.
    asked = len(done_chats) + len(late_chats) + len(held_chats) + 3 + len(last_chats)
    assert query(database, "SELECT count(*), count(DISTINCT update_id) FROM questions") == [
        (asked, asked)]


async def test_an_update_handled_twice_logs_its_question_once(
    dialog_bot: DialogTester, db_path: Path
) -> None:
    first = await dialog_bot.ask(QUESTION, update_id=41)
    again = await dialog_bot.ask(QUESTION, update_id=41)
    other = await dialog_bot.ask(QUESTION, update_id=42)
    assert button_data(first, "vote") == button_data(again, "vote") != button_data(other, "vote")
    assert query(db_path, "SELECT update_id FROM questions ORDER BY id") == [(41,), (42,)]


async def test_sigterm_stops_promptly_while_the_bot_api_is_unreachable(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    server = BotApiServer()
    await server.start()
    process = await start_bot(server, database)
    try:
        chat = server.private_chat()
        server.send_text(chat, QUESTION)
        await server.wait_for("sendMessage", timeout=30)
        await server.stop()  # Telegram unreachable: polling retries with backoff
        await asyncio.sleep(1.0)
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 15)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert "Store closed" in stderr.decode()
    assert_no_token(stdout, stderr)
    assert integrity_check(database) == "ok"


async def test_an_unreadable_update_in_the_inbox_does_not_stop_the_bot(
    botapi: BotApiServer, bot_settings: Settings, bot_log: StringIO, db_path: Path
) -> None:
    chat = botapi.private_chat()
    good = {"update_id": 5, "message": botapi.message(chat, QUESTION)}
    async with Inbox.open(inbox_path(db_path)) as inbox:
        await inbox.add(4, '{"update_id": 4, "message": {"text": "no date, no chat"}}')
        await inbox.add(5, json.dumps(good))
        await inbox.add(6, "not JSON")
    async with running_bot(bot_settings):
        await botapi.wait_for("sendMessage", chat_id=chat["id"])
        await botapi.quiet(0.3)
    assert answers_per_chat(botapi.calls) == {chat["id"]: 1}
    assert inbox_states(db_path) == {4: "done", 5: "done", 6: "done"}
    assert bot_log.getvalue().count("cannot be read") == 2


async def test_sigterm_during_a_send_outage_stops_promptly_and_answers_after_restart(
    botapi: BotApiServer, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    process = await start_bot(botapi, database)
    try:
        botapi.config.faults.append(Fault("status", "sendMessage", -1, 502))
        chat = botapi.private_chat()
        update_id = botapi.send_text(chat, QUESTION)
        await wait_until(lambda: any(c.method == "sendMessage" for c in botapi.calls))
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 15)
        assert process.returncode == 0, stderr.decode()
        assert inbox_states(database)[update_id] == "failed"

        botapi.config.faults.clear()
        process = await start_bot(botapi, database)
        await botapi.wait_for("sendMessage", chat_id=chat["id"], timeout=30)
        await botapi.quiet(0.3)
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 15)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert answers_per_chat(botapi.calls) == {chat["id"]: 1}
    assert inbox_states(database)[update_id] == "done"
