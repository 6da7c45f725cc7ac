"""Load: 1,000 chats × 10 questions through the real Application and the loopback Bot API.

All 10,000 updates go through the whole path (long polling, the durable inbox, per-chat
ordering, the dialog with its SQLite store, HTML rendering, sendMessage) with the
outgoing rate limiter off. Every question must be answered exactly once, nothing may be
logged at WARNING or above, and the peak RSS of the test process (bot and server) is
printed and bounded at a generous limit. Speed is measured by the benchmarks, not here.
"""

from __future__ import annotations

import resource
import sys
import time
from io import StringIO
from pathlib import Path

from bot.config import Settings
from bot.inbox import inbox_path
from tests.botapi_server import BotApiServer
from tests.reliability_fixtures import (
    all_output,
    answers_per_chat,
    assert_no_token,
    integrity_check,
    query,
    running_bot,
)

CHATS = 1000
QUESTIONS_PER_CHAT = 10
PEAK_RSS_LIMIT_MB = 1024
QUESTIONS = (
    "Wer hat den Vertrag ratifiziert?",
    "Wann hat Kim das Dekret unterzeichnet?",
    "Wann tritt der Pakt in Kraft?",
    "Was sieht der Vertrag im Fall eines Angriffs vor?",
    "Wer hat das Fußballspiel gewonnen?",
    "who signed the treaty",
    "Welche Rolle spielt Russland?",
    "Seit wann gibt es den Vertrag?",
    "Was hat die Duma beschlossen?",
    "wie heisst der nordkoreanische machthaber",
)


def peak_rss_mb() -> float:
    """Return the peak resident set size of this process in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


async def test_thousand_chats_ten_questions_each_answered_exactly_once(
    botapi: BotApiServer, bot_settings: Settings, bot_log: StringIO, db_path: Path
) -> None:
    chats = [botapi.private_chat() for _ in range(CHATS)]
    for round_ in range(QUESTIONS_PER_CHAT):
        for index, chat in enumerate(chats):
            botapi.send_text(chat, QUESTIONS[(index + round_) % len(QUESTIONS)])
    total = CHATS * QUESTIONS_PER_CHAT
    started = time.perf_counter()
    async with running_bot(bot_settings):
        await botapi.wait_for_all("sendMessage", total, timeout=240)
        answered_after = time.perf_counter() - started
        await botapi.quiet(0.3)
    peak = peak_rss_mb()
    print(f"\nload: {total} updates answered in {answered_after:.1f} s "
          f"({total / answered_after:.0f}/s); peak RSS {peak:.0f} MiB")

    counts = answers_per_chat(botapi.calls)
    assert len(counts) == CHATS
    assert set(counts.values()) == {QUESTIONS_PER_CHAT}
    log = bot_log.getvalue()
    assert not [line for line in log.splitlines() if " WARNING " in line or " ERROR " in line
                or " CRITICAL " in line], log[-2000:]
    assert_no_token(log, all_output(botapi))
    assert query(db_path, "SELECT count(*) FROM questions") == [(total,)]
    inbox = inbox_path(db_path)
    assert query(inbox, "SELECT count(*) FROM inbox WHERE state != 'done'") == [(0,)]
    assert integrity_check(db_path) == integrity_check(inbox) == "ok"
    assert peak < PEAK_RSS_LIMIT_MB
