"""Flood control per user: over FLOOD_LIMIT_PER_MINUTE questions a minute: one notice, then silence.

Through the real Application (the window is real time there, so it is not waited out)
and through the dialog with a hand-moved clock (the window passing).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Awaitable, Callable
from io import StringIO

from bot.config import Settings, load_settings
from handlers.texts import t
from tests.botapi_server import BotApiServer
from tests.dialog_fixtures import DialogTester, FakeClock, reply_text
from tests.reliability_fixtures import all_output, answers_per_chat, assert_no_token, running_bot

QUESTION = "Wer hat den Vertrag ratifiziert?"
LIMIT = 5


async def test_flooding_user_gets_one_notice_then_silence_others_unaffected(
    botapi: BotApiServer, bot_settings: Settings, bot_log: StringIO
) -> None:
    settings = dataclasses.replace(bot_settings, flood_limit_per_minute=LIMIT)
    flooder, calm = botapi.private_chat(), botapi.private_chat()
    group, group_flooder, group_calm = botapi.group_chat(), botapi.user(), botapi.user()
    async with running_bot(settings):
        for _ in range(LIMIT * 3):
            botapi.send_text(flooder, QUESTION)
            botapi.send_text(group, f"/ask {QUESTION}", sender=group_flooder)
        for _ in range(LIMIT):
            botapi.send_text(calm, QUESTION)
            botapi.send_text(group, f"/ask {QUESTION}", sender=group_calm)
        await botapi.wait_for_all("sendMessage", 2 * (LIMIT + 1) + 2 * LIMIT)
        await botapi.quiet(0.5)
    counts = answers_per_chat(botapi.calls)
    assert counts == {flooder["id"]: LIMIT + 1, calm["id"]: LIMIT, group["id"]: 2 * LIMIT + 1}
    notice = html.escape(t("de", "flood"))
    flooder_texts = [c.text for c in botapi.calls_of("sendMessage", flooder["id"])]
    assert flooder_texts[-1] == notice and notice not in flooder_texts[:-1]
    assert notice not in {c.text for c in botapi.calls_of("sendMessage", calm["id"])}
    assert [c.text for c in botapi.calls_of("sendMessage", group["id"])].count(notice) == 1
    assert_no_token(bot_log.getvalue(), all_output(botapi))


def test_the_limit_is_a_setting_of_20_by_default() -> None:
    assert load_settings({}, dotenv_path=None).flood_limit_per_minute == 20
    assert load_settings({"FLOOD_LIMIT_PER_MINUTE": "7"}, dotenv_path=None
                         ).flood_limit_per_minute == 7


async def test_flood_window_passes(
    dialog_bot_factory: Callable[..., Awaitable[DialogTester]], clock: FakeClock
) -> None:
    bot = await dialog_bot_factory(flood_limit_per_minute=LIMIT)
    replies = [await bot.ask(QUESTION) for _ in range(LIMIT + 3)]
    assert [r is not None for r in replies] == [True] * (LIMIT + 1) + [False] * 2
    assert reply_text(replies[LIMIT]) == t("de", "flood")
    clock.now += 30
    assert await bot.ask(QUESTION) is None  # still within the minute
    clock.now += 31
    again = await bot.ask(QUESTION)
    assert again is not None and reply_text(again) != t("de", "flood")
