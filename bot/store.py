"""The aiosqlite implementation of the dialog's :class:`handlers.store.Store`.

One SQLite file in WAL mode (:class:`bot.database.Database`). The schema is versioned
with ``PRAGMA user_version`` and migrated step by step when the store opens. Each method
is one job of the database: all its SQL runs at once on the connection's thread, in a
savepoint of a group-committed transaction, so a method's writes are atomic and durable
when it returns. SQL is always parameterised. The file is created with mode 0600: it
holds what users asked.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.database import Database
from handlers.messages import ChatKind
from handlers.store import (
    ChatState,
    Forgotten,
    NewQuestion,
    Stats,
    StoredQuestion,
    StoreError,
)

logger = logging.getLogger(__name__)

MIGRATIONS: tuple[str, ...] = (
    # 1: chats with their settings, the question log, votes.
    """
    CREATE TABLE chats (
        chat_id    INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL DEFAULT 'private',
        language   TEXT CHECK (language IN ('de', 'en')),
        passages   INTEGER CHECK (passages BETWEEN 1 AND 10),
        updated_at REAL NOT NULL
    );
    CREATE TABLE questions (
        id             INTEGER PRIMARY KEY,
        asked_at       REAL NOT NULL,
        chat_id        INTEGER NOT NULL,
        user_id        INTEGER NOT NULL,
        text           TEXT NOT NULL,
        text_key       TEXT NOT NULL,
        answered       INTEGER NOT NULL CHECK (answered IN (0, 1)),
        best_score     REAL,
        passages_shown INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX questions_user ON questions (user_id);
    CREATE INDEX questions_asked_at ON questions (asked_at);
    CREATE TABLE feedback (
        question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
        user_id     INTEGER NOT NULL,
        vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        voted_at    REAL NOT NULL,
        PRIMARY KEY (question_id, user_id)
    );
    CREATE INDEX feedback_user ON feedback (user_id);
    """,
    # 2: latency per question, the /more cursor per chat, processed update ids,
    # grouping of equal questions for /stats.
    """
    ALTER TABLE questions ADD COLUMN latency_ms REAL;
    ALTER TABLE chats ADD COLUMN last_question_id INTEGER
        REFERENCES questions (id) ON DELETE SET NULL;
    ALTER TABLE chats ADD COLUMN last_offset INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE processed_updates (
        update_id  INTEGER PRIMARY KEY,
        state      TEXT NOT NULL CHECK (state IN ('claimed', 'done')),
        updated_at REAL NOT NULL
    );
    CREATE INDEX processed_updates_time ON processed_updates (updated_at);
    CREATE INDEX questions_text_key ON questions (text_key);
    """,
    # 3: the update that asked, so that an update handled again after a crash (see
    # bot.inbox) does not log its question twice; the inbox replaces processed_updates.
    """
    DROP TABLE processed_updates;
    ALTER TABLE questions ADD COLUMN update_id INTEGER;
    CREATE UNIQUE INDEX questions_update ON questions (update_id) WHERE update_id IS NOT NULL;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_QUESTION_COLUMNS = (
    "id, asked_at, chat_id, user_id, text, answered, best_score, passages_shown, latency_ms"
)


def question_key(text: str) -> str:
    """Return the grouping key of a question: case-folded, whitespace collapsed."""
    return " ".join(text.casefold().split())


async def migrate(conn: aiosqlite.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to version ``target``; return the version found before."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    found = int(row[0]) if row else 0
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {found} is newer than this bot's ({SCHEMA_VERSION})"
        )
    for version in range(found + 1, target + 1):
        # executescript() commits first; the script itself runs in one transaction.
        try:
            await conn.executescript(
                f"BEGIN IMMEDIATE; {MIGRATIONS[version - 1]}"
                f" PRAGMA user_version = {version}; COMMIT;"
            )
        except aiosqlite.Error:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            raise
        logger.info("Migrated the database schema to version %s", version)
    return found


class SqliteStore:
    """The dialog's store in one SQLite file; open it with ``async with SqliteStore.open(path)``."""

    def __init__(self, database: Database) -> None:
        self._db = database

    @classmethod
    @asynccontextmanager
    async def open(cls, path: str | os.PathLike[str]) -> AsyncIterator[SqliteStore]:
        """Open (creating and migrating as needed) the store at ``path``; close it on exit."""
        path = Path(path)
        serving = False
        try:
            async with Database.open(path, foreign_keys=True) as database:
                await migrate(database.connection)
                serving = True
                yield cls(database)
        except OSError as exc:
            if serving:
                raise
            raise StoreError(f"cannot open the database {str(path)!r}: {exc}") from exc
        except aiosqlite.Error as exc:
            if serving:
                raise
            raise StoreError(f"cannot use the database {str(path)!r}: {exc}") from exc

    async def get_chat(self, chat_id: int) -> ChatState | None:
        """Return the chat's state, or ``None`` if it was never stored."""
        row = await self._db.run(lambda conn: conn.execute(
            "SELECT chat_id, kind, language, passages, last_question_id, last_offset"
            " FROM chats WHERE chat_id = ?",
            (chat_id,),
        ).fetchone())
        return ChatState(*row) if row else None

    async def _set_chat(self, chat_id: int, kind: ChatKind, column: str, value: object) -> None:
        """Insert the chat if new and set one of its columns (``column`` is never user input)."""
        sql = (
            f"INSERT INTO chats (chat_id, kind, {column}, updated_at) VALUES (?, ?, ?, ?)"
            f" ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind,"
            f" {column} = excluded.{column}, updated_at = excluded.updated_at"
        )
        params = (chat_id, kind, value, time.time())
        await self._db.run(lambda conn: conn.execute(sql, params))

    async def set_chat_language(self, chat_id: int, kind: ChatKind, language: str | None) -> None:
        """Set (``None``: reset) the chat's interface language."""
        await self._set_chat(chat_id, kind, "language", language)

    async def set_chat_passages(self, chat_id: int, kind: ChatKind, passages: int | None) -> None:
        """Set (``None``: reset) how many passages an answer shows in the chat."""
        await self._set_chat(chat_id, kind, "passages", passages)

    async def add_question(self, question: NewQuestion) -> int:
        """Log ``question``, make it the chat's ``/more`` question, and return its id.

        A question whose ``update_id`` was logged before keeps its earlier row and id.
        """
        return await self._db.run(lambda conn: _add_question(conn, question))

    async def get_question(self, question_id: int) -> StoredQuestion | None:
        """Return a logged question, or ``None`` if unknown or forgotten."""
        row = await self._db.run(lambda conn: conn.execute(
            f"SELECT {_QUESTION_COLUMNS} FROM questions WHERE id = ?", (question_id,)
        ).fetchone())
        if row is None:
            return None
        qid, asked_at, chat_id, user_id, text, answered, best, shown, latency = row
        return StoredQuestion(
            qid, asked_at, chat_id, user_id, text, bool(answered), best, shown, latency
        )

    async def set_cursor(self, chat_id: int, question_id: int, offset: int) -> None:
        """Point the chat's ``/more`` cursor at ``offset`` passages into ``question_id``."""
        params = (question_id, offset, time.time(), chat_id)
        await self._db.run(lambda conn: conn.execute(
            "UPDATE chats SET last_question_id = ?, last_offset = ?, updated_at = ?"
            " WHERE chat_id = ?",
            params,
        ))

    async def set_vote(self, question_id: int, user_id: int, vote: int) -> int | None:
        """Store the user's vote (+1/-1) on a question; return the previous vote, if any."""
        if vote not in (-1, 1):
            raise ValueError(f"vote must be -1 or 1, not {vote!r}")
        now = time.time()

        def job(conn: sqlite3.Connection) -> int | None:
            row = conn.execute(
                "SELECT vote FROM feedback WHERE question_id = ? AND user_id = ?",
                (question_id, user_id),
            ).fetchone()
            conn.execute(
                "INSERT INTO feedback (question_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (question_id, user_id) DO UPDATE SET vote = excluded.vote,"
                " voted_at = excluded.voted_at",
                (question_id, user_id, vote, now),
            )
            return int(row[0]) if row else None

        return await self._db.run(job)

    async def forget_user(self, user_id: int) -> Forgotten:
        """Delete the user's questions, votes and private-chat settings."""

        def job(conn: sqlite3.Connection) -> Forgotten:
            votes = conn.execute("DELETE FROM feedback WHERE user_id = ?", (user_id,))
            questions = conn.execute("DELETE FROM questions WHERE user_id = ?", (user_id,))
            conn.execute("DELETE FROM chats WHERE chat_id = ? AND kind = 'private'", (user_id,))
            return Forgotten(questions=questions.rowcount, votes=votes.rowcount)

        return await self._db.run(job)

    async def stats(self) -> Stats:
        """Return totals over all logged questions and votes."""

        def job(conn: sqlite3.Connection) -> Stats:
            questions, answered, users, latency = conn.execute(
                "SELECT count(*), coalesce(sum(answered), 0), count(DISTINCT user_id),"
                " avg(latency_ms) FROM questions"
            ).fetchone()
            up, down = conn.execute(
                "SELECT coalesce(sum(vote = 1), 0), coalesce(sum(vote = -1), 0) FROM feedback"
            ).fetchone()
            return Stats(questions, answered, users, up, down, latency)

        return await self._db.run(job)

    async def frequent_unanswered(
        self, limit: int, *, include_downvoted: bool = False
    ) -> list[tuple[str, int]]:
        """Return (question, count) of refused (optionally also 👎) questions, most asked first."""
        downvoted = (
            " OR id IN (SELECT question_id FROM feedback WHERE vote = -1)"
            if include_downvoted
            else ""
        )
        # Each group of equal questions (case and spacing aside) shows its first wording.
        sql = (
            "SELECT (SELECT text FROM questions AS first WHERE first.text_key = g.text_key"
            " ORDER BY first.id LIMIT 1), g.n FROM ("
            "  SELECT text_key, count(*) AS n, max(asked_at) AS last FROM questions"
            f" WHERE answered = 0{downvoted} GROUP BY text_key"
            ") AS g ORDER BY g.n DESC, g.last DESC LIMIT ?"
        )
        rows = await self._db.run(lambda conn: conn.execute(sql, (limit,)).fetchall())
        return [(text, int(n)) for text, n in rows]

    async def purge(self, questions_before: float) -> int:
        """Delete questions (with their votes) asked before ``questions_before``."""
        return await self._db.run(lambda conn: conn.execute(
            "DELETE FROM questions WHERE asked_at < ?", (questions_before,)
        ).rowcount)


def _add_question(conn: sqlite3.Connection, q: NewQuestion) -> int:
    """Insert ``q`` unless its update logged it already; point the chat's cursor at it."""
    row = None
    if q.update_id is not None:
        row = conn.execute(
            "SELECT id FROM questions WHERE update_id = ?", (q.update_id,)
        ).fetchone()
    if row is not None:
        question_id = int(row[0])
    else:
        cursor = conn.execute(
            "INSERT INTO questions (asked_at, chat_id, user_id, text, text_key, answered,"
            " best_score, passages_shown, latency_ms, update_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (q.asked_at, q.chat_id, q.user_id, q.text, question_key(q.text), int(q.answered),
             q.best_score, q.passages_shown, q.latency_ms, q.update_id),
        )
        question_id = int(cursor.lastrowid or 0)
    conn.execute(
        "INSERT INTO chats (chat_id, kind, last_question_id, last_offset, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET"
        " kind = excluded.kind, last_question_id = excluded.last_question_id,"
        " last_offset = excluded.last_offset, updated_at = excluded.updated_at",
        (q.chat_id, q.chat_kind, question_id, q.passages_shown, q.asked_at),
    )
    return question_id
