"""The aiosqlite store on a real temporary file: persistence, migrations, privacy, claims."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from bot.store import MIGRATIONS, SCHEMA_VERSION, SqliteStore
from handlers.store import NewQuestion, StoreError
from tests.dialog_fixtures import KIM_QUESTION, DialogTester, button_data, quotes


def question(
    text: str = "Wann?",
    *,
    user: int = 7,
    chat: int = 7,
    answered: bool = True,
    asked_at: float | None = None,
) -> NewQuestion:
    """Return a question record to store."""
    return NewQuestion(
        asked_at=time.time() if asked_at is None else asked_at,
        chat_id=chat,
        chat_kind="private" if chat == user else "group",
        user_id=user,
        text=text,
        answered=answered,
        best_score=3.5 if answered else None,
        passages_shown=2 if answered else 0,
        latency_ms=0.8,
    )


async def test_file_is_private_in_wal_mode_with_current_schema(db_path: Path) -> None:
    nested = db_path.parent / "new" / "dir" / "bot.sqlite3"
    async with SqliteStore.open(nested) as store:
        await store.add_question(question())
    assert stat.S_IMODE(nested.stat().st_mode) == 0o600
    with sqlite3.connect(nested) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_data_survives_close_and_reopen(dialog_bot: DialogTester) -> None:
    answer = await dialog_bot.ask(KIM_QUESTION)
    await dialog_bot.click(button_data(answer, "vote:"))
    await dialog_bot.ask("/lang en")
    await dialog_bot.reopen()
    stats = await dialog_bot.store.stats()
    assert (stats.questions, stats.answered, stats.votes_up) == (1, 1, 1)
    more = await dialog_bot.ask("/more")  # the cursor survived, and the language
    assert more.blocks[0].text.startswith("More passages for")
    assert quotes(more)


async def test_votes_are_one_per_user_and_changeable(db_path: Path) -> None:
    async with SqliteStore.open(db_path) as store:
        qid = await store.add_question(question())
        assert await store.set_vote(qid, 7, 1) is None
        assert await store.set_vote(qid, 7, -1) == 1
        assert await store.set_vote(qid, 8, 1) is None
        stats = await store.stats()
        assert (stats.votes_up, stats.votes_down) == (1, 1)
        with pytest.raises(ValueError, match="-1 or 1"):
            await store.set_vote(qid, 7, 0)


async def test_forget_removes_only_that_users_data(db_path: Path) -> None:
    async with SqliteStore.open(db_path) as store:
        mine = await store.add_question(question(user=7, chat=7))
        theirs = await store.add_question(question(user=8, chat=-1))
        await store.set_vote(theirs, 7, -1)
        await store.set_vote(mine, 8, 1)
        await store.set_chat_language(7, "private", "en")
        gone = await store.forget_user(7)
        assert (gone.questions, gone.votes) == (1, 1)
        assert await store.get_question(mine) is None
        assert await store.get_question(theirs) is not None
        assert await store.get_chat(7) is None
        assert (await store.stats()).votes_up == 0  # the vote on my question went with it


async def test_frequent_unanswered_groups_case_and_spacing(db_path: Path) -> None:
    async with SqliteStore.open(db_path) as store:
        for text in ("Wer gewann?", "wer  GEWANN?", "Wie alt?", "Wer gewann? "):
            await store.add_question(question(text, answered=False))
        rated = await store.add_question(question("Wo?", answered=True))
        await store.set_vote(rated, 9, -1)
        assert await store.frequent_unanswered(5) == [("Wer gewann?", 3), ("Wie alt?", 1)]
        with_votes = await store.frequent_unanswered(5, include_downvoted=True)
        assert ("Wo?", 1) in with_votes and with_votes[0] == ("Wer gewann?", 3)


async def test_purge_deletes_old_questions_and_their_votes(db_path: Path) -> None:
    now = time.time()
    async with SqliteStore.open(db_path) as store:
        old = await store.add_question(question(asked_at=now - 100 * 86400))
        new = await store.add_question(question(asked_at=now))
        await store.set_vote(old, 7, 1)
        assert await store.purge(questions_before=now - 90 * 86400) == 1
        assert await store.get_question(old) is None and await store.get_question(new)
        assert (await store.stats()).votes_up == 0


async def test_concurrent_writes_do_not_interleave(db_path: Path) -> None:
    async with SqliteStore.open(db_path) as store:
        ids = await asyncio.gather(
            *(store.add_question(question(f"Frage {i}", user=i, chat=i)) for i in range(50))
        )
        assert len(set(ids)) == 50
        chats = await asyncio.gather(*(store.get_chat(i) for i in range(50)))
        assert [c.last_question_id for c in chats] == ids


def _version_1_database(path: Path) -> None:
    """Create a database as the first released schema left it, with some data."""
    with sqlite3.connect(path) as conn:
        conn.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
        conn.execute(
            "INSERT INTO chats (chat_id, kind, language, updated_at) VALUES (5, 'private', 'en', 0)"
        )
        conn.execute(
            "INSERT INTO questions (asked_at, chat_id, user_id, text, text_key, answered,"
            " best_score, passages_shown) VALUES (?, 5, 5, 'Alte Frage?', 'alte frage?', 0,"
            " NULL, 0)",
            (time.time(),),
        )
        conn.execute("INSERT INTO feedback VALUES (1, 5, -1, 0)")


async def test_migration_from_an_old_schema_keeps_the_data(db_path: Path) -> None:
    _version_1_database(db_path)
    async with SqliteStore.open(db_path) as store:
        chat = await store.get_chat(5)
        assert chat is not None and chat.language == "en" and chat.last_question_id is None
        old = await store.get_question(1)
        assert old is not None and old.text == "Alte Frage?" and old.latency_ms is None
        assert (await store.stats()).votes_down == 1
        await store.set_cursor(5, 1, 2)  # a column added by version 2
        new = await store.add_question(question(user=5, chat=5))
        assert (await store.get_chat(5)).last_question_id == new
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


async def test_newer_schema_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this bot"):
        async with SqliteStore.open(db_path):
            pass


async def test_not_a_database_is_a_clear_error(db_path: Path) -> None:
    db_path.write_bytes(b"this is not sqlite " * 100)
    with pytest.raises(StoreError, match="cannot use the database"):
        async with SqliteStore.open(db_path):
            pass


async def test_sql_looking_text_is_stored_verbatim(db_path: Path) -> None:
    text = "'; DROP TABLE questions; -- \x00 <b>"
    async with SqliteStore.open(db_path) as store:
        qid = await store.add_question(question(text))
        assert (await store.get_question(qid)).text == text
