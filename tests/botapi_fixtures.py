"""Fixtures for end-to-end Telegram tests: the Bot API server and the real Application.

``botapi`` is a :class:`~tests.botapi_server.BotApiServer` on 127.0.0.1; at teardown it
fails the test if any sendMessage/editMessageText/inline text was not well-formed
Telegram HTML under 4,096 characters. ``telegram_app`` runs the bot's real PTB
Application (built by :func:`bot.telegram.build_application`) polling that server,
with the same start-up and shutdown steps as ``run_polling``.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.config import Settings
from tests.botapi_server import BotApiServer
from tests.telegram_html import MAX_MESSAGE_LENGTH, check_message_text

TEST_TOKEN = "123456:TEST-token_secret"
TEST_POLL_TIMEOUT = 1
"""Long-polling timeout in tests: short, so that stopping the bot never waits long."""


def assert_well_formed_texts(server: BotApiServer) -> None:
    """Fail if any text the bot sent was not valid Telegram HTML within the limit.

    The server rejects such texts (recording them in ``html_errors``) as Telegram
    would; the accepted ones are checked once more here.
    """
    assert not server.html_errors, server.html_errors
    for call in server.calls:
        if call.status != 200:
            continue
        texts = []
        if call.method in ("sendMessage", "editMessageText"):
            texts.append(call.text)
        if call.method == "answerInlineQuery":
            texts += [r["input_message_content"]["message_text"]
                      for r in call.params.get("results") or []]
        for text in texts:
            assert len(text) <= MAX_MESSAGE_LENGTH
            check_message_text(text, call.params.get("parse_mode", "HTML"))


@pytest.fixture
async def botapi() -> AsyncIterator[BotApiServer]:
    """Run a Bot API server on 127.0.0.1 for one test; check every text it received."""
    async with BotApiServer() as server:
        yield server
        assert_well_formed_texts(server)


@pytest.fixture
def bot_settings(botapi: BotApiServer, db_path: Path) -> Settings:
    """Settings pointing the bot at ``botapi`` with a fresh database, rate limiter off."""
    return Settings(
        telegram_bot_token=TEST_TOKEN,
        database_path=db_path,
        telegram_api_base_url=botapi.base_url,
        rate_limiter=False,
    )


@contextlib.asynccontextmanager
async def polling(application: Application) -> AsyncIterator[Application]:
    """Run ``application`` with long polling like ``run_polling``, without owning the loop."""
    from bot.telegram import ALLOWED_UPDATES

    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        assert application.updater is not None
        await application.updater.start_polling(
            timeout=TEST_POLL_TIMEOUT, poll_interval=0, allowed_updates=ALLOWED_UPDATES
        )
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


@pytest.fixture
async def telegram_app(bot_settings: Settings) -> AsyncIterator[Application]:
    """The bot's real Application, polling the test server."""
    from bot.telegram import build_application

    application = build_application(bot_settings, poll_timeout=TEST_POLL_TIMEOUT)
    async with polling(application):
        yield application


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def webhook_application(
    settings: Settings, url_path: str, secret: str
) -> AsyncIterator[tuple[Application, str]]:
    """Run the bot's real Application in webhook mode on a free port; yield it and its URL.

    The same start-up and shutdown steps as ``run_webhook``: initialize, post_init,
    the webhook server, start; then stop and shut down, post_shutdown included.
    """
    from bot.telegram import ALLOWED_UPDATES, build_application

    port = free_port()
    url = f"http://127.0.0.1:{port}/{url_path}"
    application = build_application(settings)
    await application.initialize()
    assert application.post_init is not None and application.updater is not None
    await application.post_init(application)
    await application.updater.start_webhook(
        listen="127.0.0.1", port=port, url_path=url_path, webhook_url=url,
        secret_token=secret, allowed_updates=ALLOWED_UPDATES,
    )
    await application.start()
    try:
        yield application, url
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        assert application.post_shutdown is not None
        await application.post_shutdown(application)
