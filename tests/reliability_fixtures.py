"""Fixtures and checks shared by the reliability and security tests.

``bot_log`` installs the bot's real logging set-up (:func:`bot.logs.setup_logging`, with
the token as a secret) writing into a buffer, so tests read exactly what an operator
would read. :func:`assert_no_token` scans any captured output for the token;
:func:`all_output` gathers everything the bot sent to the Bot API.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.logs import QUIET_LOGGERS, setup_logging
from tests.botapi_fixtures import TEST_POLL_TIMEOUT, TEST_TOKEN, polling
from tests.botapi_server import BotApiServer, Call

TOKEN_SECRET = TEST_TOKEN.split(":", 1)[1]


def assert_no_token(*outputs: str | bytes) -> None:
    """Fail if the token (or its secret half) appears in any of ``outputs``."""
    for output in outputs:
        text = output.decode("utf-8", "replace") if isinstance(output, bytes) else output
        assert TOKEN_SECRET not in text, "the bot token leaked into the output"


def all_output(server: BotApiServer) -> str:
    """Return every parameter of every call the bot made, as one text (for token scans)."""
    return "\n".join(json.dumps(call.params, ensure_ascii=False, default=str)
                     for call in server.calls)


def answers_per_chat(calls: Iterable[Call]) -> dict[int, int]:
    """Count successful sendMessage calls per chat id."""
    counts: dict[int, int] = {}
    for call in calls:
        if call.method == "sendMessage" and call.status == 200 and call.chat_id is not None:
            counts[call.chat_id] = counts.get(call.chat_id, 0) + 1
    return counts


def integrity_check(path: Path) -> str:
    """Return SQLite's ``PRAGMA integrity_check`` verdict for the database at ``path``."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Run a read-only query on the database at ``path``."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def bot_log() -> Iterator[io.StringIO]:
    """Route all logging through the bot's own set-up (token redacted) into a buffer."""
    root = logging.getLogger()
    saved_level = root.level
    saved_quiet = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    buffer = io.StringIO()
    handler = setup_logging("INFO", secrets=(TEST_TOKEN,), stream=buffer)
    try:
        yield buffer
    finally:
        root.removeHandler(handler)
        root.setLevel(saved_level)
        for name, level in saved_quiet.items():
            logging.getLogger(name).setLevel(level)
        assert_no_token(buffer.getvalue())


@contextlib.asynccontextmanager
async def running_bot(settings: Settings, **options: float) -> AsyncIterator[Application]:
    """Run the bot's real Application (long polling) with builder ``options``."""
    from bot.telegram import build_application

    application = build_application(settings, poll_timeout=TEST_POLL_TIMEOUT, **options)
    async with polling(application):
        yield application
