"""python-telegram-bot's default echo bot (``examples/echobot.py`` of PTB 22), the baseline.

The behaviour is the example's, unchanged: ``/start`` greets with a ForceReply,
``/help`` answers "Help!", any other text is echoed with ``reply_text``; logging at
INFO with httpx at WARNING; ``run_polling()`` with its defaults, so updates are handled
one after another and requests go through PTB's default httpx client. The only
difference: the token and the Bot API address come from ``TELEGRAM_BOT_TOKEN`` and
``TELEGRAM_API_BASE_URL`` so that the throughput benchmark can point it at a local server::

    TELEGRAM_BOT_TOKEN=123:ABC TELEGRAM_API_BASE_URL=http://127.0.0.1:8081/bot \\
        python -m benchmarks.echobot

For comparison only, ``ECHOBOT_REQUEST=aiohttp`` swaps PTB's request layer for the bot's
(:class:`bot.http.AiohttpRequest`); everything else stays the example's.
"""

from __future__ import annotations

import logging
import os

from telegram import ForceReply, Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

logging.basicConfig(
    format="%(asctime)s - %(name)s - %(levelname)s - %(message)s", level=logging.INFO
)
# As in the example: no INFO line for every GET and POST request.
logging.getLogger("httpx").setLevel(logging.WARNING)
logger = logging.getLogger(__name__)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send a message when the command /start is issued."""
    user = update.effective_user
    await update.message.reply_html(
        rf"Hi {user.mention_html()}!", reply_markup=ForceReply(selective=True)
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send a message when the command /help is issued."""
    await update.message.reply_text("Help!")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Echo the user message."""
    await update.message.reply_text(update.message.text)


def main() -> None:
    """Start the bot."""
    builder = Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"])
    if base_url := os.environ.get("TELEGRAM_API_BASE_URL"):
        builder = builder.base_url(base_url)
    if os.environ.get("ECHOBOT_REQUEST") == "aiohttp":
        from bot.http import AiohttpRequest

        builder = builder.request(AiohttpRequest()).get_updates_request(AiohttpRequest(1))
    application = builder.build()
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    application.run_polling()


if __name__ == "__main__":
    main()
