"""Security: tokens, admin commands, webhook secret, buttons, file modes, error messages.

Everything runs through the real Application against the suite's Bot API server (or the
``article-bot run`` process); the token is scanned for in all captured output.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import html
import os
import signal
import sqlite3
import stat
import sys
from io import StringIO
from pathlib import Path

import aiohttp

from bot.config import Settings
from bot.inbox import inbox_path
from handlers.texts import t
from tests.botapi_fixtures import TEST_TOKEN, webhook_application
from tests.botapi_server import BotApiServer, Call
from tests.reliability_fixtures import (
    all_output,
    answers_per_chat,
    assert_no_token,
    query,
    running_bot,
)

REPO = Path(__file__).resolve().parents[1]
QUESTION = "Wer hat den Vertrag ratifiziert?"
ADMIN = 4242
SECRET = "the-right-secret_1"


def button(call: Call, label: str) -> str:
    """Return the callback data of the button labelled ``label`` under a sent answer."""
    keyboard = call.params["reply_markup"]["inline_keyboard"]
    return next(b["callback_data"] for row in keyboard for b in row if b["text"] == label)


async def test_a_rejected_token_is_never_printed(tmp_path: Path) -> None:
    async with BotApiServer(token="999:SOMEONE-ELSES") as server:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))},
            "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
            "TELEGRAM_API_BASE_URL": server.base_url,
            "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
            "PYTHONPATH": str(REPO),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        try:
            stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGKILL)
                await process.wait()
    assert process.returncode == 2
    assert "rejected TELEGRAM_BOT_TOKEN" in stderr.decode()
    assert "Unclosed" not in stderr.decode()  # the HTTP session was closed after all
    assert_no_token(stdout, stderr)


async def test_admin_commands_refuse_non_admins(
    botapi: BotApiServer, bot_settings: Settings, bot_log: StringIO
) -> None:
    settings = dataclasses.replace(bot_settings, admin_ids=frozenset({ADMIN}))
    someone, admin = botapi.private_chat(), botapi.private_chat(ADMIN)
    group, member = botapi.group_chat(), botapi.user()
    async with running_bot(settings):
        for command in ("/stats", "/unanswered"):
            botapi.send_text(someone, command)
            botapi.send_text(group, command, sender=member)
        await botapi.wait_for_all("sendMessage", 4)
        refusals = botapi.calls_of("sendMessage")
        botapi.send_text(admin, "/stats")
        granted = await botapi.wait_for("sendMessage", chat_id=ADMIN)
        await botapi.quiet(0.3)
    refusal = html.escape(t("de", "admin_only"))
    assert [call.text for call in refusals] == [refusal] * 4
    assert refusal not in granted.text and t("de", "stats_title") in granted.text
    assert_no_token(bot_log.getvalue(), all_output(botapi))


async def test_webhook_rejects_a_wrong_secret_and_stores_nothing_from_it(
    botapi: BotApiServer, bot_settings: Settings, db_path: Path
) -> None:
    async with webhook_application(bot_settings, "hook", SECRET) as (_, url):
        chat = botapi.private_chat()
        forged = {"update_id": 777_001, "message": botapi.message(chat, QUESTION)}
        genuine = {"update_id": 777_002, "message": botapi.message(chat, QUESTION)}
        async with aiohttp.ClientSession() as session:
            for headers in ({"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {}):
                async with session.post(url, json=forged, headers=headers) as response:
                    assert response.status == 403
            # Telegram re-sends an update when it misses the 200: answered once all the same.
            for _ in range(2):
                async with session.post(url, json=genuine, headers={
                        "X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
                    assert response.status == 200
        await botapi.wait_for("sendMessage", chat_id=chat["id"])
        await botapi.quiet(0.3)
    assert answers_per_chat(botapi.calls) == {chat["id"]: 1}
    assert query(inbox_path(db_path), "SELECT update_id, state FROM inbox") == [
        (777_002, "done")]


async def test_buttons_cannot_reach_another_chats_question(
    botapi: BotApiServer, bot_settings: Settings, db_path: Path
) -> None:
    mine, theirs = botapi.private_chat(), botapi.private_chat()
    group, member = botapi.group_chat(), botapi.user()
    async with running_bot(bot_settings):
        botapi.send_text(mine, QUESTION)
        botapi.send_text(theirs, "Wann tritt der Pakt in Kraft?")
        botapi.send_text(group, f"/ask {QUESTION}", sender=member)
        my_answer = await botapi.wait_for("sendMessage", chat_id=mine["id"])
        their_answer = await botapi.wait_for("sendMessage", chat_id=theirs["id"])
        group_answer = await botapi.wait_for("sendMessage", chat_id=group["id"])
        # Their question's buttons, pressed under my message and under a group message.
        for data in (button(their_answer, "👍"), button(their_answer, "👎")):
            botapi.press_button(my_answer.result, data)
            botapi.press_button(group_answer.result, data, sender=member)
        botapi.press_button(my_answer.result, f"more:{data.split(':')[1]}")
        toasts = await botapi.wait_for_all("answerCallbackQuery", 5)
        await botapi.quiet(0.3)
    stale = t("de", "button_stale")
    assert [call.params.get("text") for call in toasts] == [stale] * 5
    assert answers_per_chat(botapi.calls) == {mine["id"]: 1, theirs["id"]: 1, group["id"]: 1}
    assert query(db_path, "SELECT count(*) FROM feedback") == [(0,)]


async def test_database_files_are_readable_by_the_owner_only(
    botapi: BotApiServer, bot_settings: Settings, db_path: Path
) -> None:
    settings = dataclasses.replace(bot_settings, database_path=db_path.parent / "new" / "b.db")
    async with running_bot(settings):
        chat = botapi.private_chat()
        botapi.send_text(chat, QUESTION)
        await botapi.wait_for("sendMessage", chat_id=chat["id"])
        files = [settings.database_path, inbox_path(settings.database_path)]
        files += [Path(f"{f}-wal") for f in files]
        modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
    assert modes == {f.name: 0o600 for f in files}
    assert stat.S_IMODE(settings.database_path.parent.stat().st_mode) == 0o700


async def test_errors_shown_to_users_carry_no_internals(
    botapi: BotApiServer, bot_settings: Settings, db_path: Path, bot_log: StringIO
) -> None:
    async with running_bot(bot_settings):
        chat = botapi.private_chat()
        botapi.send_text(chat, QUESTION)
        await botapi.wait_for("sendMessage", chat_id=chat["id"])
        with contextlib.closing(sqlite3.connect(db_path)) as conn:  # break the store
            conn.execute("DROP TABLE feedback")
            conn.execute("DROP TABLE questions")
            conn.commit()
        botapi.send_text(chat, QUESTION)
        apology = await botapi.wait_for("sendMessage", 2, chat_id=chat["id"])
    assert apology.text == html.escape(t("de", "error"))
    for internal in ("sqlite", "table", "Error", "Traceback", str(db_path), "questions"):
        assert internal not in apology.text
    log = bot_log.getvalue()
    assert "no such table" in log  # the operator learns what happened
    assert_no_token(log, all_output(botapi))
