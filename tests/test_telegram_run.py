"""Webhook mode in-process, and the ``article-bot run`` process against the local Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest

from bot.config import Settings
from bot.telegram import build_application, file_base_url, use_fast_event_loop
from tests.botapi_fixtures import TEST_TOKEN, polling, webhook_application
from tests.botapi_server import BotApiServer, Fault

QUESTION = "Wer hat den Vertrag ratifiziert?"
REPO = Path(__file__).resolve().parents[1]
SECRET = "webhook-secret_1"


async def test_webhook_answers_with_secret_and_rejects_a_wrong_one(
    botapi: BotApiServer, bot_settings: Settings
) -> None:
    async with webhook_application(bot_settings, "telegram/hook", SECRET) as (_, url):
        assert botapi.webhook == {"url": url, "secret_token": SECRET}
        chat = botapi.private_chat()
        update_id = botapi.send_text(chat, QUESTION)
        call = await botapi.wait_for("sendMessage", chat_id=chat["id"])
        assert "<blockquote>" in call.text
        assert (update_id, 200) in botapi.webhook_deliveries

        forged = {"update_id": 999, "message": botapi.message(chat, QUESTION)}
        async with aiohttp.ClientSession() as session:
            for headers in ({"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {}):
                async with session.post(url, json=forged, headers=headers) as response:
                    assert response.status == 403
        await botapi.quiet(0.2)
        assert len(botapi.calls_of("sendMessage")) == 1


def test_file_base_url_follows_the_bot_api_base_url() -> None:
    assert file_base_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_base_url("https://api.example/x") == "https://api.example/x/file/bot"


async def test_article_bot_run_process_answers_and_stops_on_sigterm(
    botapi: BotApiServer, tmp_path: Path
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))},
        "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_BASE_URL": botapi.base_url,
        "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
        "RATE_LIMITER": "off",
        "LOG_LEVEL": "DEBUG",
        "PYTHONPATH": str(REPO),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        group, user = botapi.group_chat(), botapi.user()
        chat = botapi.private_chat()
        botapi.send_text(chat, QUESTION)
        botapi.send_text(group, "Plauderei ohne Frage", sender=user)
        botapi.send_text(group, f"/ask {QUESTION}", sender=user)
        private = await botapi.wait_for("sendMessage", chat_id=chat["id"], timeout=30)
        grouped = await botapi.wait_for("sendMessage", chat_id=group["id"], timeout=10)
        assert "<blockquote>" in private.text and "<a href=" in private.text
        assert "<blockquote>" in grouped.text
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = (stdout + stderr).decode()
    assert process.returncode == 0, log
    assert TEST_TOKEN not in log and TEST_TOKEN.split(":")[1] not in log
    assert "Store closed" in log
    assert "Running on uvloop" in log or "uvloop is not installed" in log
    assert "UserWarning" not in log  # e.g. PTB's advice against do_api_request("sendMessage")
    assert len(botapi.calls_of("sendMessage")) == 2


def test_event_loop_is_uvloop_where_installed_else_asyncio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    uvloop = pytest.importorskip("uvloop")
    seen: list[object] = []

    def check() -> None:  # in a thread of its own: its current event loop is its own
        seen.extend((use_fast_event_loop(), loop := asyncio.get_event_loop()))
        monkeypatch.setitem(sys.modules, "uvloop", None)  # import uvloop now fails
        seen.extend((use_fast_event_loop(), asyncio.get_event_loop()))
        loop.close()

    thread = threading.Thread(target=check)
    thread.start()
    thread.join()
    installed, loop, installed_without, loop_without = seen
    assert installed is True and isinstance(loop, uvloop.Loop)
    assert installed_without is False and loop_without is loop  # left as it was


@pytest.mark.parametrize(
    ("env", "message"),
    [({}, "TELEGRAM_BOT_TOKEN"), ({"TELEGRAM_BOT_TOKEN": "nonsense"}, "TELEGRAM_BOT_TOKEN"),
     ({"TELEGRAM_BOT_TOKEN": TEST_TOKEN, "RATE_LIMITER": "maybe"}, "RATE_LIMITER")],
)
def test_run_refuses_bad_settings_with_one_line(
    env: dict[str, str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.cli import main

    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "RATE_", "WEBHOOK_")):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert "nonsense" not in err


async def test_rate_limiter_honours_retry_after(
    botapi: BotApiServer, bot_settings: Settings
) -> None:
    botapi.config.faults.append(Fault("status", "sendMessage", status=429, retry_after=1))
    application = build_application(replace(bot_settings, rate_limiter=True), poll_timeout=1)
    async with polling(application):
        chat = botapi.private_chat()
        botapi.send_text(chat, QUESTION)
        call = await botapi.wait_for("sendMessage", chat_id=chat["id"])
        await botapi.quiet(0.2)
    attempts = [c for c in botapi.calls if c.method == "sendMessage"]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.9
    assert "<blockquote>" in call.text
