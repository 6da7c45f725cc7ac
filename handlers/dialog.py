"""The dialog: one incoming message or button press in, one reply (or silence) out.

Rules, in order, for a message:

1. Channel posts, and group messages not addressed to the bot, get no reply.
2. Flood control per user: more than ``flood_limit_per_minute`` addressed messages in
   a minute get one notice, then silence until the window has room again.
3. ``/command args`` runs the command (``@BotName`` after the command is ignored; the
   adapter decided that the message is addressed). Admin commands refuse non-admins.
4. A sticker, photo, voice message or file (``media``) gets "text questions only" in a
   private chat and nothing in a group.
5. Any other text is a question; empty text gets a hint (in groups, a prompt the
   client answers with a reply, which then arrives as the question).

Every reply is cut to fit Telegram's 4,096 characters and quotes the asking message in
groups. No exception leaves :meth:`Dialog.handle`: unexpected errors are logged and
answered with a short apology that carries no internals.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace

from handlers import callbacks
from handlers.answers import answer_question, more_passages
from handlers.commands import BY_NAME
from handlers.flood import FloodGate, Verdict
from handlers.limits import fit_reply, shorten
from handlers.messages import ButtonPress, IncomingMessage, Reply, Text
from handlers.store import Store
from handlers.texts import t
from handlers.turn import DialogSettings, Turn, choose_language
from knowledge import KnowledgeBase

__all__ = ["Dialog", "DialogSettings"]

logger = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 3600.0
MAX_USER_NAME_CHARS = 64


def clean_text(text: str) -> str:
    """Return ``text`` with lone surrogates (invalid UTF-16 from clients) replaced by U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def parse_command(text: str) -> tuple[str, str] | None:
    """Split ``/name@Bot args`` into (``name``, ``args``); ``None`` if ``text`` is no command."""
    if not text.startswith("/"):
        return None
    head, _, args = text.partition(" ")
    if "\n" in head:
        head, _, rest = head.partition("\n")
        args = f"{rest} {args}".strip()
    name = head[1:].split("@", 1)[0].casefold()
    return name, args.strip()


class Dialog:
    """The bot's conversation logic, independent of any chat network."""

    def __init__(
        self,
        kb: KnowledgeBase,
        store: Store,
        settings: DialogSettings | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.kb = kb
        self.store = store
        self.settings = settings or DialogSettings()
        self._flood = FloodGate(self.settings.flood_limit_per_minute, clock)
        self._next_purge = 0.0

    async def handle(self, event: IncomingMessage | ButtonPress) -> Reply | None:
        """Return the reply to ``event``, or ``None`` to say nothing."""
        await self._purge_if_due()
        try:
            if isinstance(event, ButtonPress):
                reply = await self._press(event)
            else:
                reply = await self._message(event)
        except Exception:
            logger.exception("Failed to handle %s in chat %s", type(event).__name__, event.chat_id)
            lang = choose_language(None, event.language_code, self.settings.default_language)
            if isinstance(event, ButtonPress):
                return Reply(toast=t(lang, "error"))
            reply = Reply(blocks=(Text(t(lang, "error")),))
        if reply is None:
            return None
        if event.chat_kind in ("group", "supergroup") and reply.blocks:
            reply = replace(reply, quote_message=True)
        return fit_reply(reply)

    async def _turn(self, event: IncomingMessage | ButtonPress, args: str = "") -> Turn:
        """Build the context for handling ``event``."""
        chat = await self.store.get_chat(event.chat_id)
        return Turn(
            kb=self.kb,
            store=self.store,
            settings=self.settings,
            chat_id=event.chat_id,
            chat_kind=event.chat_kind,
            user_id=event.user_id,
            user_name=shorten(clean_text(event.user_name), MAX_USER_NAME_CHARS),
            chat=chat,
            lang=choose_language(chat, event.language_code, self.settings.default_language),
            args=args,
            update_id=event.update_id,
        )

    async def _message(self, message: IncomingMessage) -> Reply | None:
        """Apply the group and flood rules, then run a command or answer a question."""
        if message.chat_kind == "channel":
            return None
        if message.chat_kind != "private" and not message.addressed:
            return None
        verdict = self._flood.check(message.user_id)
        if verdict is Verdict.SILENT:
            return None
        text = clean_text(message.text).strip()
        command = parse_command(text) if message.media is None else None
        turn = await self._turn(message, command[1] if command else "")
        if verdict is Verdict.NOTIFY:
            return Reply(blocks=(Text(t(turn.lang, "flood")),))
        if message.media is not None:
            return Reply(blocks=(Text(t(turn.lang, "text_only")),)) if not turn.in_group else None
        if command is None and text:
            return await answer_question(turn, text)
        if command is None:
            if turn.in_group:
                return await BY_NAME["ask"].run(turn)
            return Reply(blocks=(Text(t(turn.lang, "empty")),))
        handler = BY_NAME.get(command[0])
        if handler is None:
            name = shorten(command[0], 32) or "…"
            return Reply(blocks=(Text(t(turn.lang, "unknown_command", name=name)),))
        if handler.admin and not turn.is_admin:
            return Reply(blocks=(Text(t(turn.lang, "admin_only")),))
        return await handler.run(turn)

    async def _press(self, press: ButtonPress) -> Reply:
        """Handle a "more" or vote button; anything invalid gets a short notice."""
        turn = await self._turn(press)
        if self._flood.check(press.user_id) is not Verdict.ACCEPT:
            return Reply(toast=t(turn.lang, "flood"))
        action = callbacks.parse(press.data)
        question = await self.store.get_question(action.question_id) if action else None
        if action is None or question is None or question.chat_id != press.chat_id:
            return Reply(toast=t(turn.lang, "button_stale"))
        if isinstance(action, callbacks.MorePress):
            chat = turn.chat
            at_cursor = chat is not None and chat.last_question_id == question.id
            offset = chat.last_offset if at_cursor and chat else question.passages_shown
            return await more_passages(turn, question, offset)
        previous = await self.store.set_vote(question.id, press.user_id, action.vote)
        if previous is None:
            return Reply(toast=t(turn.lang, "vote_saved"))
        return Reply(toast=t(turn.lang, "vote_same" if previous == action.vote else "vote_changed"))

    async def _purge_if_due(self) -> None:
        """Delete expired questions, votes and update ids, at most once an hour."""
        now = time.time()
        if now < self._next_purge:
            return
        self._next_purge = now + PURGE_INTERVAL_SECONDS
        try:
            deleted = await self.store.purge(
                questions_before=now - self.settings.retention_days * 86400.0,
            )
        except Exception:
            # Housekeeping must not turn into a reply (e.g. to ignored group chatter).
            logger.exception("Failed to delete expired questions")
            return
        if deleted:
            logger.info(
                "Deleted %s questions older than %s days", deleted, self.settings.retention_days
            )
