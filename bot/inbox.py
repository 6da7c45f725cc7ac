"""The durable inbox: every update is answered exactly once, across crashes and restarts.

python-telegram-bot's Updater confirms updates to Telegram (the next ``getUpdates``
offset) as soon as it has put them on the Application's update queue, so a crash loses
every update that was fetched but not yet answered. The inbox closes that gap:

1. **Receive.** :class:`InboxQueue` is the Application's update queue. Its ``put`` first
   stores the raw update in the SQLite table ``inbox`` (state ``received``, committed)
   and only then queues it. The Updater awaits ``put`` before it advances the offset, and
   PTB's webhook server awaits it before it answers 200, so Telegram forgets an update
   only once it is on disk. An update id seen before is not queued again (Telegram
   re-delivers unconfirmed updates after a restart).
2. **Answer.** :class:`InboxUpdateProcessor` wraps the per-chat update processor: while
   an update is handled, the first user-visible Bot API call (``sendMessage``, an edit,
   ``answerCallbackQuery``, ``answerInlineQuery``) first marks it ``answering``
   (committed), through the hook of :class:`bot.retry.RetryingRequest`.
3. **Done.** When the handlers have finished, the update is marked ``done`` and its
   payload is deleted (only the id is kept, for de-duplication, for two days). If a Bot
   API call ran out of retries the update is marked ``failed`` and queued again a
   minute later.
4. **Restart.** :meth:`DurableDelivery.open` queues every update not ``done``, oldest
   first, before polling starts. ``received`` and ``failed`` ones had sent nothing; an
   ``answering`` one may have been delivered just before the crash: it is answered again
   (at-least-once for this window, never lost) and logged as possibly duplicated.

The inbox is a SQLite file of its own next to the store (:func:`inbox_path`: ``bot.sqlite3``
→ ``bot.inbox.sqlite3``): a queue written several times per update must not contend for
the store's write lock (two connections on one file made writers wait on each other and,
under load, time out). Its writes are group-committed (:class:`bot.database.Database`):
each call returns once its transaction is committed, and the writes of concurrent updates
share one commit. In WAL mode a commit is in the OS's hands when it returns, so it
survives the process being killed (not a power cut, with ``synchronous=NORMAL``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from telegram import Bot, Update
from telegram.ext import BaseUpdateProcessor

from bot.database import Database
from bot.retry import RetryingRequest

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS inbox (
    update_id   INTEGER PRIMARY KEY,
    state       TEXT NOT NULL
                CHECK (state IN ('received', 'answering', 'done', 'failed')),
    payload     TEXT,
    received_at REAL NOT NULL,
    updated_at  REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS inbox_unfinished ON inbox (update_id) WHERE state != 'done';
CREATE INDEX IF NOT EXISTS inbox_updated_at ON inbox (updated_at);
"""
ANSWERING_METHODS = frozenset({
    "sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery",
    "answerInlineQuery", "deleteMessage",
})
"""Bot API methods a user can see: the first one marks the update as being answered."""
_INSERT = (
    "INSERT INTO inbox (update_id, state, payload, received_at, updated_at)"
    " VALUES (?, 'received', ?, ?, ?) ON CONFLICT (update_id) DO NOTHING"
)
DONE_KEPT_SECONDS = 2 * 86400.0
"""Ids of done updates are kept this long (Telegram keeps unconfirmed updates for 24 h)."""
PURGE_INTERVAL_SECONDS = 3600.0
RETRY_FAILED_AFTER = 60.0
"""Seconds before an update whose answer could not be sent is tried again."""


def inbox_path(database_path: str | os.PathLike[str]) -> Path:
    """Return the inbox file that belongs to the store at ``database_path``."""
    path = Path(database_path)
    return path.with_name(f"{path.stem}.inbox{path.suffix or '.sqlite3'}")


class State(StrEnum):
    """Where an update is on its way through the bot."""

    RECEIVED = "received"  # stored, nothing sent yet
    ANSWERING = "answering"  # a user-visible call was started: delivery may have happened
    DONE = "done"  # handled; only the id is kept
    FAILED = "failed"  # a call ran out of retries: to be handled again


@dataclass(frozen=True, slots=True)
class Pending:
    """An update that is not done, as found in the inbox."""

    update_id: int
    state: State
    payload: dict[str, Any]


class Inbox:
    """The ``inbox`` table: raw updates and their :class:`State`. Open with :meth:`open`."""

    def __init__(self, database: Database) -> None:
        self._db = database
        self._next_purge = 0.0

    @classmethod
    @contextlib.asynccontextmanager
    async def open(cls, path: str | os.PathLike[str]) -> AsyncIterator[Inbox]:
        """Open the inbox in the database at ``path`` (created 0600 if missing); close on exit."""
        async with Database.open(path) as database:
            await database.connection.executescript(SCHEMA)
            yield cls(database)

    async def add(self, update_id: int, payload: str) -> bool:
        """Store a received update; ``False`` if its id is already known (a re-delivery)."""
        now = time.time()
        return await self._db.run(
            lambda conn: conn.execute(_INSERT, (update_id, payload, now, now)).rowcount == 1
        )

    async def add_many(self, updates: list[tuple[int, str]]) -> dict[int, bool]:
        """Store received (update id, payload) pairs at once; map each id to "it was new"."""
        now = time.time()

        def job(conn: sqlite3.Connection) -> dict[int, bool]:
            new: dict[int, bool] = {}
            for update_id, payload in updates:
                new[update_id] = conn.execute(_INSERT, (update_id, payload, now, now)).rowcount == 1
            return new

        return await self._db.run(job)

    async def mark(self, update_id: int, state: State) -> None:
        """Move an update to ``state``; ``done`` drops its payload."""
        now = time.time()
        purge_before = None
        if state is State.DONE and now >= self._next_purge:
            self._next_purge = now + PURGE_INTERVAL_SECONDS
            purge_before = now - DONE_KEPT_SECONDS
        payload_sql = ", payload = NULL" if state is State.DONE else ""
        sql = f"UPDATE inbox SET state = ?, updated_at = ?{payload_sql} WHERE update_id = ?"

        def job(conn: sqlite3.Connection) -> None:
            conn.execute(sql, (state.value, now, update_id))
            if purge_before is not None:  # forget old done updates, at most once an hour
                conn.execute(
                    "DELETE FROM inbox WHERE state = 'done' AND updated_at < ?", (purge_before,)
                )

        await self._db.run(job)

    async def pending(self) -> list[Pending]:
        """Return every update not done, oldest first (an unreadable payload reads as ``{}``)."""
        rows = await self._db.run(lambda conn: conn.execute(
            "SELECT update_id, state, payload FROM inbox WHERE state != 'done'"
            " ORDER BY update_id"
        ).fetchall())
        return [Pending(int(uid), State(state), _json_object(payload))
                for uid, state, payload in rows]

    async def states(self) -> dict[int, State]:
        """Return the state of every update id in the inbox (for tests and diagnostics)."""
        rows = await self._db.run(
            lambda conn: conn.execute("SELECT update_id, state FROM inbox").fetchall()
        )
        return {int(uid): State(state) for uid, state in rows}


def _json_object(payload: str | None) -> dict[str, Any]:
    """Decode a stored update; ``{}`` when it is missing or not a JSON object."""
    try:
        value = json.loads(payload or "")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass(slots=True)
class _Handling:
    """The update the current task is handling (see :data:`_CURRENT`)."""

    update_id: int
    answering: bool = False
    failed: bool = False


_CURRENT: ContextVar[_Handling | None] = ContextVar("article_bot_handling", default=None)


class InboxQueue(asyncio.Queue):  # type: ignore[type-arg]
    """The Application's update queue; ``put`` stores updates in the inbox first.

    Updates of a ``getUpdates`` answer were stored, all at once, before PTB saw them
    (:meth:`DurableDelivery.updates_request`); :attr:`received` tells which of them were
    new. Any other update (webhook mode) is stored here, one by one.
    """

    def __init__(self) -> None:
        super().__init__()
        self.inbox: Inbox | None = None
        self.received: dict[int, bool] = {}
        """The update ids of the latest ``getUpdates`` answer: stored, and whether new."""

    async def put(self, item: object) -> None:
        """Store an :class:`Update` durably, then queue it (known update ids are dropped)."""
        if isinstance(item, Update):
            new = self.received.pop(item.update_id, None)
            if new is None:
                if self.inbox is None:
                    raise RuntimeError("the inbox is not open")
                new = await self.inbox.add(item.update_id, item.to_json())
            if not new:
                logger.debug("Update %s was received before; not handled again", item.update_id)
                return
        await super().put(item)


class InboxUpdateProcessor(BaseUpdateProcessor):
    """Wrap another update processor: track each update's state in the inbox.

    Ordering and concurrency stay with the wrapped processor; this one only marks the
    update ``done`` (or ``failed``) when its handlers have finished.
    """

    __slots__ = ("_delivery", "_inner")

    def __init__(self, inner: BaseUpdateProcessor, delivery: DurableDelivery) -> None:
        super().__init__(max_concurrent_updates=inner.max_concurrent_updates)
        self._inner = inner
        self._delivery = delivery

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Let the wrapped processor run ``coroutine`` with the update's state tracked."""
        if isinstance(update, Update):
            coroutine = self._delivery.tracked(update, coroutine)
        await self._inner.do_process_update(update, coroutine)

    async def initialize(self) -> None:
        """Initialise the wrapped processor."""
        await self._inner.initialize()

    async def shutdown(self) -> None:
        """Shut the wrapped processor down."""
        await self._inner.shutdown()


class DurableDelivery:
    """The inbox's glue to the Application: queue, processor, request hooks and resume.

    Create it before building the Application (its :attr:`queue`, :meth:`processor` and
    :meth:`request` go into the builder) and open it in ``post_init`` with
    ``async with delivery.open(application.bot, path)``.
    """

    def __init__(self, retry_failed_after: float = RETRY_FAILED_AFTER) -> None:
        self.queue = InboxQueue()
        self.retry_failed_after = retry_failed_after
        self._inbox: Inbox | None = None

    @property
    def inbox(self) -> Inbox:
        """The open inbox."""
        if self._inbox is None:
            raise RuntimeError("the inbox is not open")
        return self._inbox

    def processor(self, inner: BaseUpdateProcessor) -> InboxUpdateProcessor:
        """Return ``inner`` wrapped so that each update's state is tracked."""
        return InboxUpdateProcessor(inner, self)

    def request(self, **kwargs: Any) -> RetryingRequest:
        """Return the request object for the bot's calls, hooked into the inbox."""
        request = RetryingRequest(**kwargs)
        request.before_call = self._before_call
        request.on_give_up = self._gave_up
        return request

    def updates_request(self, **kwargs: Any) -> RetryingRequest:
        """Return the request object for ``getUpdates``: each answer is stored before PTB reads it.

        One transaction stores the whole batch (PTB would put the updates on the queue one
        by one, each waiting for its commit); the payload kept is Telegram's own JSON.
        """
        request = RetryingRequest(**kwargs)
        request.after_call = self._store_received
        return request

    async def _store_received(self, method: str, answer: Any) -> None:
        """Store the updates of a ``getUpdates`` answer in the inbox (committed)."""
        result = answer.get("result") if isinstance(answer, dict) else None
        if method != "getUpdates" or not isinstance(result, list):
            return
        rows = [(update["update_id"], json.dumps(update))
                for update in result
                if isinstance(update, dict) and isinstance(update.get("update_id"), int)]
        self.queue.received = await self.inbox.add_many(rows) if rows else {}

    @contextlib.asynccontextmanager
    async def open(self, bot: Bot, path: str | os.PathLike[str]) -> AsyncIterator[Inbox]:
        """Open the inbox and queue every update left unfinished by an earlier run."""
        async with Inbox.open(path) as inbox:
            self._inbox = self.queue.inbox = inbox
            try:
                await self._resume(bot, inbox)
                yield inbox
            finally:
                self._inbox = self.queue.inbox = None

    async def _resume(self, bot: Bot, inbox: Inbox) -> None:
        """Queue the unfinished updates of an earlier run, oldest first."""
        pending = await inbox.pending()
        if not pending:
            return
        ambiguous = [p.update_id for p in pending if p.state is State.ANSWERING]
        logger.info("Resuming %s unfinished update(s) from the inbox", len(pending))
        if ambiguous:
            logger.warning(
                "Update(s) %s were being answered when the bot stopped; answering again"
                " (the user may see those answers twice)", ", ".join(map(str, ambiguous)),
            )
        for item in pending:
            try:
                update = Update.de_json(item.payload, bot)
            except (TypeError, ValueError, KeyError):
                logger.exception("Update %s in the inbox cannot be read; dropped", item.update_id)
                await inbox.mark(item.update_id, State.DONE)
                continue
            self.queue.put_nowait(update)

    async def tracked(self, update: Update, coroutine: Awaitable[Any]) -> None:
        """Run the handlers of ``update`` and record how that went."""
        handling = _Handling(update.update_id)
        token = _CURRENT.set(handling)
        try:
            await coroutine
        finally:
            _CURRENT.reset(token)
        if handling.failed:
            await self.inbox.mark(update.update_id, State.FAILED)
            logger.error("Update %s could not be answered; it stays in the inbox and is tried"
                         " again in %.0f s or at the next start", update.update_id,
                         self.retry_failed_after)
            asyncio.get_running_loop().call_later(
                self.retry_failed_after, self._retry, update
            )
        else:
            await self.inbox.mark(update.update_id, State.DONE)

    def _retry(self, update: Update) -> None:
        """Queue a failed update again (it is still in the inbox if the bot stops first)."""
        if self._inbox is not None:
            self.queue.put_nowait(update)

    async def _before_call(self, method: str) -> None:
        """Mark the current update ``answering`` before its first user-visible call."""
        handling = _CURRENT.get()
        if handling is None or handling.answering or method not in ANSWERING_METHODS:
            return
        handling.answering = True
        await self.inbox.mark(handling.update_id, State.ANSWERING)

    def _gave_up(self, method: str) -> None:
        """Remember that a call of the current update ran out of retries."""
        handling = _CURRENT.get()
        if handling is not None and method in ANSWERING_METHODS:
            handling.failed = True
