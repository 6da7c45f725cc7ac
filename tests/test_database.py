"""Group commit (bot.database) and the inbox's batch of received updates, on real files."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest

from bot.database import Database, DatabaseClosed
from bot.inbox import Inbox, State


def create_table(conn: sqlite3.Connection) -> None:
    """The job that sets up the test table."""
    conn.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)")


def committed(path: Path) -> list[tuple[int, str]]:
    """Return the rows another connection sees, i.e. what is committed."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT k, v FROM t ORDER BY k").fetchall()


async def test_concurrent_jobs_share_commits_and_are_committed_when_awaited(db_path: Path) -> None:
    async with Database.open(db_path) as db:
        await db.run(create_table)
        before = db.batches

        async def insert(k: int) -> int:
            await db.run(lambda conn: conn.execute("INSERT INTO t VALUES (?, ?)", (k, f"v{k}")))
            assert (k, f"v{k}") in committed(db_path)  # durable once the await returns
            return k

        assert await asyncio.gather(*(insert(k) for k in range(100))) == list(range(100))
        assert db.batches - before < 10  # 100 jobs, a handful of transactions
    assert len(committed(db_path)) == 100


async def test_a_failing_job_rolls_back_alone(db_path: Path) -> None:
    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO t VALUES (2, 'partial')")
        conn.execute("INSERT INTO t VALUES (1, 'duplicate key')")

    async with Database.open(db_path) as db:
        await db.run(create_table)
        results = await asyncio.gather(
            db.run(lambda conn: conn.execute("INSERT INTO t VALUES (1, 'a')")),
            db.run(half_then_fail),
            db.run(lambda conn: conn.execute("INSERT INTO t VALUES (3, 'c')")),
            return_exceptions=True,
        )
        assert isinstance(results[1], sqlite3.IntegrityError)
        assert not isinstance(results[0], Exception) and not isinstance(results[2], Exception)
    assert committed(db_path) == [(1, "a"), (3, "c")]


async def test_closing_writes_what_is_queued_and_refuses_more(db_path: Path) -> None:
    async with Database.open(db_path) as db:
        await db.run(create_table)
        pending = [asyncio.ensure_future(db.run(
            lambda conn, k=k: conn.execute("INSERT INTO t VALUES (?, 'x')", (k,))))
            for k in range(5)]
        await asyncio.sleep(0)  # the jobs are queued, not yet written
    await asyncio.gather(*pending)
    assert len(committed(db_path)) == 5
    with pytest.raises(DatabaseClosed):
        await db.run(create_table)


async def test_inbox_stores_a_batch_once_and_knows_redeliveries(db_path: Path) -> None:
    updates = [{"update_id": 7, "message": {"text": "a"}}, {"update_id": 8, "message": {}}]
    async with Inbox.open(db_path) as inbox:
        rows = [(u["update_id"], json.dumps(u)) for u in updates]
        assert await inbox.add_many(rows) == {7: True, 8: True}
        assert await inbox.add_many([*rows[1:], (9, "{}")]) == {8: False, 9: True}
        await inbox.mark(7, State.DONE)
        pending = await inbox.pending()
    assert [(p.update_id, p.state, p.payload) for p in pending] == [
        (8, State.RECEIVED, updates[1]), (9, State.RECEIVED, {})]
