"""The Telegram adapter: ``article-bot run`` on python-telegram-bot v22.

:func:`build_application` wires everything: the Bot API address, the outgoing rate
limiter, per-chat ordered concurrent update processing, the store and dialog opened in
``post_init`` and closed in ``post_shutdown``, and the handlers. The handlers only
translate: a Telegram update becomes an :class:`~handlers.messages.IncomingMessage` or
:class:`~handlers.messages.ButtonPress`, the dialog answers with a
:class:`~handlers.messages.Reply`, and :mod:`bot.telegram_render` turns that into HTML.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import gc
import logging
import re
import secrets
import sys
import warnings
from collections import OrderedDict, deque
from collections.abc import Awaitable, Hashable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    CallbackQuery,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    MaybeInaccessibleMessage,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.config import ConfigError, Settings, load_settings
from bot.inbox import DurableDelivery, inbox_path
from bot.logs import setup_logging
from bot.store import SqliteStore
from bot.telegram_render import RenderedReply, render
from handlers.dialog import Dialog
from handlers.inline import InlineAnswer, inline_answers
from handlers.limits import shorten
from handlers.messages import ButtonPress, ChatKind, IncomingMessage, Reply
from handlers.texts import COMMAND_HELP, LANGUAGES, t
from knowledge import KnowledgeBase

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"]
"""Update types the bot asks Telegram for; channel posts and the rest are never fetched."""
MAX_CONCURRENT_CHATS = 256
"""How many chats are served at once; each chat's updates run one after another."""
POLL_TIMEOUT = 30
"""Long-polling timeout of getUpdates, in seconds."""
READ_TIMEOUT = 5.0
"""Seconds to wait for the Bot API's answer to a call (slower answers are retried)."""
REMEMBERED_ANSWERS = 2048
"""How many (question message → answer message) pairs are kept to update answers on edits."""
NON_TEXT = (
    filters.Sticker.ALL | filters.PHOTO | filters.VOICE | filters.AUDIO | filters.Document.ALL
    | filters.VIDEO | filters.VIDEO_NOTE | filters.ANIMATION | filters.LOCATION
    | filters.CONTACT | filters.POLL | filters.Dice.ALL
)

MEDIA_KINDS = (
    "sticker", "photo", "voice", "audio", "document", "video", "video_note", "animation",
    "location", "contact", "poll", "dice",
)
"""Attributes of a :class:`telegram.Message` that name what a message without text carried."""

ANSWER_FORMAT: dict[str, Any] = {"parse_mode": ParseMode.HTML.value,
                                 "link_preview_options": {"is_disabled": True}}
"""How every message is sent: Telegram HTML, no link preview (also the bot's PTB Defaults)."""

_SPACES = re.compile(r"[ \t]{2,}")


# --------------------------------------------------------------------------- concurrency
class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Process updates of different chats concurrently, each chat's in arrival order.

    PTB acquires its semaphore before :meth:`do_process_update`; that semaphore is made
    so large that it never blocks, so updates register here in arrival order. The
    first update of a chat runs in its task and then drains the updates that arrived
    for the chat meanwhile; at most ``max_chats`` chats are served at once. Updates
    without a chat (inline queries) run at once.
    """

    __slots__ = ("_backlogs", "_chat_slots")

    def __init__(self, max_chats: int = MAX_CONCURRENT_CHATS) -> None:
        super().__init__(max_concurrent_updates=1 << 30)
        self._chat_slots = asyncio.BoundedSemaphore(max_chats)
        self._backlogs: dict[Hashable, deque[Awaitable[Any]]] = {}

    @staticmethod
    def ordering_key(update: object) -> Hashable | None:
        """Return the key whose updates must stay in order: the chat id, if any."""
        if isinstance(update, Update) and update.effective_chat is not None:
            return update.effective_chat.id
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run ``coroutine`` now, or queue it behind the running update of the same chat."""
        key = self.ordering_key(update)
        if key is None:
            await coroutine
            return
        backlog = self._backlogs.get(key)
        if backlog is not None:
            backlog.append(coroutine)
            return
        self._backlogs[key] = backlog = deque([coroutine])
        try:
            async with self._chat_slots:
                while backlog:
                    await _logged(backlog.popleft())
        finally:
            del self._backlogs[key]
            for pending in backlog:  # only left over when cancelled
                getattr(pending, "close", lambda: None)()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: PTB awaits every update task before shutting down."""


async def _logged(coroutine: Awaitable[Any]) -> None:
    """Await ``coroutine``; log (never raise) what escaped PTB's own error handling."""
    try:
        await coroutine
    except Exception:
        logger.exception("Update processing failed")


# --------------------------------------------------------------------------- translation
def _utf16_span(text: str, offset: int, length: int) -> str:
    """Return the part of ``text`` at Telegram's UTF-16 ``offset`` and ``length``.

    Unlike ``Message.parse_entity`` this accepts lone surrogates, which Telegram's JSON
    can carry (``"\\ud800"``) and which would make the UTF-16 encoding fail.
    """
    data = text.encode("utf-16-le", "surrogatepass")
    return data[offset * 2 : (offset + length) * 2].decode("utf-16-le", "surrogatepass")


def _utf16_cut(text: str, spans: list[tuple[int, int]]) -> str:
    """Remove ``spans`` (Telegram's UTF-16 offset and length) from ``text``."""
    data = text.encode("utf-16-le", "surrogatepass")
    for offset, length in sorted(spans, reverse=True):
        data = data[: offset * 2] + data[(offset + length) * 2 :]
    return data.decode("utf-16-le", "replace")


def incoming_message(
    message: Message, bot_id: int, bot_username: str, update_id: int | None = None
) -> IncomingMessage:
    """Translate a Telegram text message into the dialog's :class:`IncomingMessage`.

    ``addressed``: always in private chats; in groups a command without a target or for
    this bot, a mention of the bot, or a reply to one of the bot's messages. A command
    for another bot (``/ask@OtherBot``) is never addressed. The bot's mention and the
    ``@BotName`` suffix of a command are removed from the text.
    """
    text = message.text or message.caption or ""
    entities = message.entities or message.caption_entities or ()
    kind: ChatKind = message.chat.type  # type: ignore[assignment]
    own = bot_username.lower()
    reply = message.reply_to_message
    reply_to_bot = bool(reply and reply.from_user and reply.from_user.id == bot_id)
    addressed = reply_to_bot
    for_other_bot = False
    cuts: list[tuple[int, int]] = []
    for entity in entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            command = _utf16_span(text, entity.offset, entity.length) if message.text else ""
            _, _, target = command.partition("@")
            if not target or target.lower() == own:
                addressed = True
                if target:
                    cuts.append((entity.offset + entity.length - len(target) - 1,
                                 len(target) + 1))
            else:
                for_other_bot = True
        elif entity.type == MessageEntity.MENTION and message.text:
            if _utf16_span(text, entity.offset, entity.length)[1:].lower() == own:
                addressed = True
                cuts.append((entity.offset, entity.length))
        elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            addressed = True
            cuts.append((entity.offset, entity.length))
    if cuts:
        text = _utf16_cut(text, cuts)
    user = message.from_user
    return IncomingMessage(
        text=_SPACES.sub(" ", text).strip(),
        user_id=user.id if user else message.chat.id,
        chat_id=message.chat.id,
        user_name=user.first_name if user else "",
        chat_kind=kind,
        language_code=user.language_code if user else None,
        addressed=(kind == "private" or addressed) and not for_other_bot,
        reply_to_bot=reply_to_bot,
        message_id=message.message_id,
        update_id=update_id,
    )


def button_press(query: CallbackQuery, update_id: int | None = None) -> ButtonPress:
    """Translate a callback query into the dialog's :class:`ButtonPress`."""
    message = query.message
    chat = message.chat if message is not None else None
    return ButtonPress(
        data=query.data or "",
        user_id=query.from_user.id,
        chat_id=chat.id if chat is not None else query.from_user.id,
        user_name=query.from_user.first_name,
        chat_kind=chat.type if chat is not None else "private",  # type: ignore[arg-type]
        language_code=query.from_user.language_code,
        message_id=message.message_id if message is not None else None,
        update_id=update_id,
    )


# --------------------------------------------------------------------------- delivery
class AnswerMemory:
    """Remember which bot message answered which question message (for edited questions)."""

    def __init__(self, size: int = REMEMBERED_ANSWERS) -> None:
        self._size = size
        self._answers: OrderedDict[tuple[int, int], int] = OrderedDict()

    def remember(self, chat_id: int, question_id: int, answer_id: int) -> None:
        """Record that ``answer_id`` answers ``question_id`` in ``chat_id``."""
        self._answers[(chat_id, question_id)] = answer_id
        self._answers.move_to_end((chat_id, question_id))
        while len(self._answers) > self._size:
            self._answers.popitem(last=False)

    def answer_to(self, chat_id: int, question_id: int) -> int | None:
        """Return the bot's answer to ``question_id``, if still remembered."""
        return self._answers.get((chat_id, question_id))


def _runtime(context: ContextTypes.DEFAULT_TYPE) -> Runtime:
    """Return the adapter's run-time state stored in ``bot_data``."""
    return context.application.bot_data["runtime"]


def _thread_id(message: MaybeInaccessibleMessage) -> int | None:
    """Return the forum topic of ``message`` (answers stay in the topic)."""
    if isinstance(message, Message) and message.is_topic_message:
        return message.message_thread_id
    return None


async def send_reply(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply,
    reply_to: int | None = None, thread_id: int | None = None,
) -> int | None:
    """Send ``reply`` to ``chat_id`` (quoting ``reply_to`` when asked); return its message id.

    Empty replies are not sent (``None``). The call goes through PTB's ``do_api_request``
    with JSON-ready parameters: the rate limiter, retries and PTB's errors apply as for
    ``send_message``, but the message Telegram sends back is not parsed into PTB objects
    (its id is all the bot keeps); that parsing and building the parameters' objects cost
    about half of PTB's ``send_message`` (see "Bot throughput" in the README).
    """
    rendered = render(reply)
    if not rendered.text:
        return None
    parameters: dict[str, Any] = {"chat_id": chat_id, "text": rendered.text, **ANSWER_FORMAT}
    if rendered.markup is not None:
        parameters["reply_markup"] = rendered.markup
    if reply_to is not None and (reply.quote_message or reply.force_reply):
        parameters["reply_parameters"] = {"message_id": reply_to,
                                          "allow_sending_without_reply": True}
    if thread_id is not None:
        parameters["message_thread_id"] = thread_id
    sent = await context.bot.do_api_request("sendMessage", parameters)
    return sent.get("message_id") if isinstance(sent, dict) else None


async def edit_reply(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_id: int, rendered: RenderedReply
) -> bool:
    """Replace the text of the bot's message; ``False`` when Telegram refuses the edit."""
    markup = rendered.reply_markup
    if not isinstance(markup, InlineKeyboardMarkup):  # only inline keyboards can be edited in
        markup = None
    try:
        await context.bot.edit_message_text(
            rendered.text, chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return True
        logger.info("Could not edit message %s in chat %s: %s", message_id, chat_id, error)
        return False
    return True


# --------------------------------------------------------------------------- handlers
async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text message (new or edited) through the dialog."""
    message = update.effective_message
    if message is None:
        return
    runtime = _runtime(context)
    event = incoming_message(message, context.bot.id, context.bot.username, update.update_id)
    reply = await runtime.dialog.handle(event)
    if reply is None:
        return
    if update.edited_message is not None:
        answer_id = runtime.answers.answer_to(message.chat.id, message.message_id)
        if answer_id is not None:
            rendered = render(reply)
            if rendered.text and await edit_reply(context, message.chat.id, answer_id, rendered):
                return
    sent_id = await send_reply(context, message.chat.id, reply, reply_to=message.message_id,
                               thread_id=_thread_id(message))
    if sent_id is not None:
        runtime.answers.remember(message.chat.id, message.message_id, sent_id)


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a sticker, photo, voice message or file in a private chat: text only."""
    message = update.effective_message
    if message is None:
        return
    runtime = _runtime(context)
    event = incoming_message(message, context.bot.id, context.bot.username, update.update_id)
    media = next((kind for kind in MEDIA_KINDS if getattr(message, kind, None)), "other")
    reply = await runtime.dialog.handle(dataclasses.replace(event, text="", media=media))
    if reply is not None:
        await send_reply(context, message.chat.id, reply, reply_to=message.message_id,
                         thread_id=_thread_id(message))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handle a press on an inline button: always answer the query, then send any text."""
    query = update.callback_query
    if query is None:
        return
    runtime = _runtime(context)
    reply = await runtime.dialog.handle(button_press(query, update.update_id))
    toast = reply.toast if reply is not None else None
    try:
        await query.answer(toast[:200] if toast else None)
    except BadRequest as error:  # e.g. "query is too old" after a restart
        logger.info("Could not answer callback query %s: %s", query.id, error)
    message = query.message
    if reply is not None and reply.blocks and message is not None:
        await send_reply(context, message.chat.id, reply, reply_to=message.message_id,
                         thread_id=_thread_id(message))


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer the best passages for an inline query as article results."""
    query = update.inline_query
    if query is None:
        return
    runtime = _runtime(context)
    answers = runtime.inline(query.query, query.from_user.language_code)
    results = []
    for answer in answers:
        rendered = render(answer.reply)
        if rendered.text:
            results.append(InlineQueryResultArticle(
                id=answer.id, title=answer.title[:120], description=answer.description[:250],
                input_message_content=InputTextMessageContent(rendered.text),
            ))
    await query.answer(results, cache_time=300, is_personal=False)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log every error once, with its traceback (the token is redacted by bot.logs)."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, TelegramError) and not isinstance(context.error, BadRequest):
        logger.warning("Telegram error for update %s: %s", update_id, context.error)
        return
    logger.error("Error while handling update %s", update_id, exc_info=context.error)


# --------------------------------------------------------------------------- wiring
class Serving:
    """Tell whether the bot is still serving: its Updater runs, or has not run yet."""

    def __init__(self, application: Application) -> None:
        self._application = application
        self._started = False

    def __call__(self) -> bool:
        """Return ``False`` once the Updater, having run, has stopped."""
        updater = self._application.updater
        running = bool(updater and updater.running)
        self._started = self._started or running
        return running or not self._started


@dataclass
class Runtime:
    """What the handlers need at run time; created in ``post_init``."""

    dialog: Dialog
    kb: KnowledgeBase
    settings: Settings
    answers: AnswerMemory = field(default_factory=AnswerMemory)

    def inline(self, query: str, language_code: str | None) -> tuple[InlineAnswer, ...]:
        """Return the inline results for ``query``."""
        return inline_answers(self.kb, query, language_code, self.settings.default_language)


PRIVATE_COMMANDS = ("start", "help", "ask", "source", "about", "more", "lang", "passages",
                    "privacy", "forget")
GROUP_COMMANDS = ("ask", "help", "source", "about", "more", "lang", "passages")


async def set_up_bot_profile(application: Application, default_language: str) -> None:
    """Set the command menus (private and group scopes) and the descriptions.

    German and English for clients in those languages, and ``default_language`` for
    every other client. The calls run concurrently; failures are logged and do not
    stop the bot: the menus are a convenience.
    """
    bot = application.bot
    calls = []
    for client_language in (*LANGUAGES, None):
        lang = client_language or default_language
        for scope, names in ((BotCommandScopeAllPrivateChats(), PRIVATE_COMMANDS),
                             (BotCommandScopeAllGroupChats(), GROUP_COMMANDS)):
            commands = [BotCommand(name, COMMAND_HELP[lang][name]) for name in names]
            calls.append(bot.set_my_commands(commands, scope=scope,
                                             language_code=client_language))
        description, short = bot_descriptions(lang)
        calls.append(bot.set_my_description(description, language_code=client_language))
        calls.append(bot.set_my_short_description(short, language_code=client_language))
    for result in await asyncio.gather(*calls, return_exceptions=True):
        if isinstance(result, Exception):
            logger.warning("Could not set the bot's commands or description: %s", result)


def bot_descriptions(lang: str) -> tuple[str, str]:
    """Return the bot's description (≤ 512 chars) and short description (≤ 120 chars)."""
    greeting = t(lang, "greeting", name="")
    description = f"{greeting}\n\n{t(lang, 'how_to_ask')}"
    return shorten(description, 512), shorten(greeting, 120)


def build_application(
    settings: Settings, *, poll_timeout: float = POLL_TIMEOUT,
    max_concurrent_chats: int = MAX_CONCURRENT_CHATS, read_timeout: float = READ_TIMEOUT,
) -> Application:
    """Build the PTB Application: Bot API address, rate limiter, concurrency, handlers.

    The knowledge base, the store and the dialog are created in ``post_init`` and the
    store is closed in ``post_shutdown``, so nothing connects before the bot runs. Updates
    pass through the durable inbox (:mod:`bot.inbox`: stored before they are confirmed,
    answered exactly once across restarts) and Bot API calls retry transient faults
    (:mod:`bot.retry`).
    """
    if not settings.telegram_bot_token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather")
    # send_reply uses do_api_request("sendMessage") on purpose (see there); without this
    # filter PTB would advise send_message once per answer.
    warnings.filterwarnings("ignore", message=r"Please use 'Bot\.sendMessage'",
                            category=PTBUserWarning, module=__name__)
    resources = contextlib.AsyncExitStack()
    delivery = DurableDelivery()
    request = delivery.request(read_timeout=read_timeout)
    get_updates_request = delivery.updates_request(connection_pool_size=1,
                                                   read_timeout=poll_timeout + 10)

    async def post_init(application: Application) -> None:
        kb = await asyncio.to_thread(KnowledgeBase.load, settings.knowledge_dir)
        store = await resources.enter_async_context(SqliteStore.open(settings.database_path))
        await resources.enter_async_context(
            delivery.open(application.bot, inbox_path(settings.database_path))
        )
        dialog = Dialog(kb, store, settings.dialog_settings())
        application.bot_data["runtime"] = Runtime(dialog, kb, settings)
        await set_up_bot_profile(application, settings.default_language)
        # The knowledge base and everything else built so far live as long as the process:
        # keep them out of the garbage collector's full passes (each walked all of them,
        # about 55 ms of a busy bot's CPU every few thousand answers, stalling every chat).
        gc.freeze()
        logger.info("Bot @%s is ready", application.bot.username)

    async def post_shutdown(application: Application) -> None:
        await resources.aclose()
        logger.info("Store closed")
        # PTB shuts the bot (and its HTTP sessions) down only if it started completely;
        # after a failed start, e.g. a rejected token, that is done here (else a no-op).
        await application.bot.shutdown()

    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .defaults(Defaults(parse_mode=ANSWER_FORMAT["parse_mode"], link_preview_options=(
            LinkPreviewOptions(**ANSWER_FORMAT["link_preview_options"]))))
        .update_queue(delivery.queue)
        .concurrent_updates(delivery.processor(PerChatUpdateProcessor(max_concurrent_chats)))
        .request(request)
        .get_updates_request(get_updates_request)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(file_base_url(base))
    if settings.rate_limiter:
        # The limiter only paces the calls: a 429 is retried by bot.retry, after the
        # retry_after Telegram asks for. Retrying once more here would repeat a call the
        # inbox already counts as failed (and will answer again), so the limiter never does.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=0))
    application = builder.build()
    # Once the bot is stopping, failed calls are not retried: its last getUpdates only
    # confirms the offset, and an unsent answer stays in the inbox for the next start.
    request.keep_retrying = get_updates_request.keep_retrying = Serving(application)
    application.add_handler(MessageHandler(
        (filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE) & filters.TEXT, on_message
    ))
    application.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & NON_TEXT, on_non_text
    ))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(InlineQueryHandler(on_inline_query))
    application.add_error_handler(on_error)
    return application


def file_base_url(base_url: str) -> str:
    """Derive the file download URL from a Bot API base URL (``…/bot`` → ``…/file/bot``)."""
    if base_url.endswith("/bot"):
        return f"{base_url[:-4]}/file/bot"
    return f"{base_url}/file/bot"



# --------------------------------------------------------------------------- command line
def use_fast_event_loop() -> bool:
    """Make uvloop's event loop the current one, where uvloop is installed; say if it is.

    PTB's ``run_polling``/``run_webhook`` run on the current event loop (and close it at
    the end). uvloop is a dependency on Linux and macOS only; elsewhere asyncio's own
    loop serves.
    """
    try:
        import uvloop
    except ImportError:
        logger.debug("uvloop is not installed; using asyncio's event loop")
        return False
    asyncio.set_event_loop(uvloop.new_event_loop())
    logger.debug("Running on uvloop's event loop")
    return True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``article-bot run``."""
    parser.add_argument(
        "--webhook", action="store_true",
        help="receive updates on PTB's webhook server (WEBHOOK_URL, WEBHOOK_LISTEN, "
        "WEBHOOK_PORT, WEBHOOK_SECRET_TOKEN) instead of long polling",
    )


def run(args: argparse.Namespace) -> int:
    """Run the bot until SIGINT/SIGTERM; return the exit status (2: bad settings)."""
    try:
        settings = load_settings()
        if args.webhook and not settings.webhook_url:
            raise ConfigError("WEBHOOK_URL is not set: --webhook needs the public https URL")
        application = build_application(settings)
    except ConfigError as error:
        print(f"article-bot: {error}", file=sys.stderr)
        return 2
    secret = settings.webhook_secret_token
    if args.webhook and not secret:
        secret = secrets.token_urlsafe(32)
    setup_logging(settings.log_level, secrets=(settings.telegram_bot_token, secret))
    use_fast_event_loop()
    try:
        if args.webhook:
            url = settings.webhook_url or ""
            application.run_webhook(
                listen=settings.webhook_listen, port=settings.webhook_port,
                url_path=urlsplit(url).path.lstrip("/"), webhook_url=url, secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES, timeout=POLL_TIMEOUT)
    except InvalidToken:  # PTB's message quotes the token: never print it
        print("article-bot: the Bot API rejected TELEGRAM_BOT_TOKEN; check it with @BotFather",
              file=sys.stderr)
        return 2
    except TelegramError as error:  # e.g. the Bot API unreachable at start-up
        logger.error("Cannot run the bot: %s", error)  # the log filter redacts the token
        return 1
    return 0
