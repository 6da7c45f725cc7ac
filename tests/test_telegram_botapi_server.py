"""The suite's Bot API server itself: long polling, HTML checks, injected faults."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut

from tests.botapi_server import BotApiServer, Fault


@pytest.fixture
async def bot(botapi: BotApiServer):
    """A bare PTB Bot talking to the server."""
    async with Bot("1:A", base_url=botapi.base_url) as bot:
        yield bot


async def test_long_polling_waits_for_an_update_and_confirms_by_offset(
    botapi: BotApiServer, bot: Bot
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    assert not poll.done()
    botapi.send_text(botapi.private_chat(), "hallo")
    updates = await asyncio.wait_for(poll, 2)
    assert [u.message.text for u in updates] == ["hallo"]
    assert botapi.pending_updates == 1
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()
    assert botapi.pending_updates == 0


async def test_empty_long_poll_returns_after_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=0.3) == ()
    assert time.monotonic() - started >= 0.25


async def test_bad_html_is_rejected_like_telegram_does(botapi: BotApiServer, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(1, "<b>offen", parse_mode="HTML")
    assert botapi.html_errors
    botapi.html_errors.clear()  # expected here; the fixture fails on leftovers


async def test_injected_faults(botapi: BotApiServer, bot: Bot) -> None:
    botapi.config.faults += [
        Fault("status", "sendMessage", status=429, retry_after=3),
        Fault("status", "sendMessage", status=502),
        Fault("malformed", "sendMessage"),
        Fault("reset", "sendMessage"),
    ]
    with pytest.raises(RetryAfter, match="Retry in 3 seconds"):
        await bot.send_message(1, "a")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(1, "b")
    with pytest.raises(TelegramError, match="Invalid server response"):
        await bot.send_message(1, "c")
    with pytest.raises(NetworkError):
        await bot.send_message(1, "d")
    assert (await bot.send_message(1, "e")).text == "e"
    faults = [c.fault for c in botapi.calls if c.method == "sendMessage"]
    assert faults == ["status", "status", "malformed", "reset", None]


async def test_slow_answers_time_out_the_client(botapi: BotApiServer, bot: Bot) -> None:
    botapi.config.faults.append(Fault("delay", "getMe", delay=1.0))
    with pytest.raises(TimedOut):
        await bot.get_me(read_timeout=0.2)


async def test_control_endpoints_drive_a_standalone_server(botapi: BotApiServer) -> None:
    async with aiohttp.ClientSession(botapi.url) as http:
        async with http.post("/_control/message", json={"text": "hi", "chat_type": "group"}) as r:
            assert (await r.json())["ok"]
        async with http.post("/_control/config", json={"latency": 0.01}) as r:
            assert r.status == 200
        async with http.get("/_control/stats") as r:
            assert (await r.json())["pending_updates"] == 1
    assert botapi.config.latency == 0.01
