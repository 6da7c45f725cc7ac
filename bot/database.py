"""One SQLite file behind aiosqlite, written with group commit.

aiosqlite runs every call on the connection's own thread; each call is a round trip
between the event loop and that thread (a queue put, a thread wake-up, the GIL handed
over and back, the loop woken through its self-pipe): about 0.07 ms of a busy bot's CPU.
A question used to cost about ten of them (three inbox writes, the chat read, and the
question log's ``BEGIN``, insert, upsert and ``COMMIT``).

:class:`Database` instead runs *jobs*: plain functions of the ``sqlite3`` connection that
do all their SQL in one go. Jobs submitted while a batch is being written wait for the
next one; each batch is one round trip and one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``),
each job in a savepoint of its own, so a job that raises rolls back alone and its caller
gets the exception. A caller's ``await`` returns only after its batch's ``COMMIT``
returned: what a job wrote is then as durable as a commit of its own would be (in WAL
mode, it survives the process being killed). Under load many jobs share one commit
(group commit, as databases do it for their log); when idle, a job is written at once.

Reads go through the same queue (they see every earlier job's writes); the connection is
the file's only writer, so ``BEGIN IMMEDIATE`` never waits for another.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

logger = logging.getLogger(__name__)

T = TypeVar("T")
Job = Callable[[sqlite3.Connection], T]
"""A function of the ``sqlite3`` connection, run on the connection's thread in a transaction."""


class DatabaseClosed(RuntimeError):
    """A job was submitted to a database that is closing or closed."""


def create_private_file(path: Path) -> None:
    """Create ``path`` (and its parent directories) readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


class _Connection(aiosqlite.Connection):
    """aiosqlite's connection that can also run a whole function on its thread."""

    async def call(self, function: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``function(sqlite3 connection)`` on the connection's thread: one round trip.

        ``_execute`` is the method every aiosqlite call (and its cursor) goes through.
        """
        return await self._execute(function, self._conn)


def _run_batch(jobs: Sequence[Job[Any]], conn: sqlite3.Connection) -> list[tuple[bool, Any]]:
    """Run ``jobs`` in one transaction, each in a savepoint; return (ok, result or error)."""
    results: list[tuple[bool, Any]] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for job in jobs:
            conn.execute("SAVEPOINT job")
            try:
                value = job(conn)
            except Exception as error:  # handed to the job's caller
                conn.execute("ROLLBACK TO job")
                results.append((False, error))
            else:
                results.append((True, value))
            conn.execute("RELEASE job")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return results


class Database:
    """One SQLite file in WAL mode: jobs run in group-committed batches (see the module doc).

    Open it with ``async with Database.open(path) as db``; :attr:`connection` is the
    aiosqlite connection for set-up work (migrations) before the first job.
    """

    def __init__(self, connection: _Connection) -> None:
        self.connection: aiosqlite.Connection = connection
        self._connection = connection
        self._pending: list[tuple[Job[Any], asyncio.Future[Any]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._closed = False
        self.batches = 0
        """Transactions written so far (for tests and diagnostics)."""

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls, path: str | os.PathLike[str], *, foreign_keys: bool = False
    ) -> AsyncIterator[Database]:
        """Open ``path`` (created 0600 if missing) in WAL mode; on exit write the queue, close."""
        path = Path(path)
        create_private_file(path)
        connection = _Connection(lambda: sqlite3.connect(path, isolation_level=None), 64)
        await connection
        try:
            await connection.execute("PRAGMA busy_timeout = 5000")
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA synchronous = NORMAL")
            if foreign_keys:
                await connection.execute("PRAGMA foreign_keys = ON")
            database = cls(connection)
            try:
                yield database
            finally:
                await database.drain()
        finally:
            await connection.close()

    async def run(self, job: Job[T]) -> T:
        """Run ``job`` in the next batch; return its result once the batch is committed."""
        if self._closed:
            raise DatabaseClosed("the database is closed")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending.append((job, future))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write())
        return await future

    async def drain(self) -> None:
        """Refuse new jobs and wait until every queued one is written."""
        self._closed = True
        while self._writer is not None:
            await asyncio.wait({self._writer})
        for _, future in self._pending:  # left over only if the writer was cancelled
            if not future.done():
                future.set_exception(DatabaseClosed("the database was closed first"))
        self._pending.clear()

    async def _write(self) -> None:
        """Write the queued jobs, batch after batch, until none is left."""
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                try:
                    results = await self._connection.call(
                        functools.partial(_run_batch, [job for job, _ in batch])
                    )
                except Exception as error:  # the whole batch failed (e.g. disk full)
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(error)
                    continue
                except BaseException:
                    for _, future in batch:
                        future.cancel()
                    raise
                self.batches += 1
                for (_, future), (ok, value) in zip(batch, results, strict=True):
                    if future.done():  # the caller was cancelled; the job ran anyway
                        continue
                    if ok:
                        future.set_result(value)
                    else:
                        future.set_exception(value)
        finally:
            self._writer = None
