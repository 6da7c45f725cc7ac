"""A test adapter for the dialog, in the style of Errbot's testbot: push a message, pop the reply.

It runs the real :class:`~handlers.dialog.Dialog` on the shipped knowledge base and a real
:class:`~bot.store.SqliteStore` on a fresh temporary file (``db_path``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from bot.store import SqliteStore
from handlers.dialog import Dialog, DialogSettings
from handlers.messages import ButtonPress, IncomingMessage, Link, Quote, Reply, Text
from knowledge import KnowledgeBase

USER = 1001
OTHER_USER = 1002
ADMIN = 42
GROUP = -100123
KIM_QUESTION = "Wann hat Kim das Dekret unterzeichnet?"


def reply_text(reply: Reply | None) -> str:
    """Return what a user reads: text, quotes, links (label and URL) and the toast."""
    if reply is None:
        return ""
    parts: list[str] = []
    for block in reply.blocks:
        if isinstance(block, Text | Quote):
            parts.append(block.text)
        elif isinstance(block, Link):
            parts.append(f"{block.label} {block.url}")
    if reply.toast:
        parts.append(reply.toast)
    return "\n".join(parts)


def quotes(reply: Reply | None) -> list[Quote]:
    """Return the quoted passages of a reply."""
    return [b for b in reply.blocks if isinstance(b, Quote)] if reply else []


def button_data(reply: Reply | None, prefix: str) -> str:
    """Return the data of the reply's first button whose data starts with ``prefix``."""
    assert reply is not None
    return next(b.data for b in reply.buttons if b.data.startswith(prefix))


class DialogTester:
    """Push messages and button presses into the dialog; pop the replies in order."""

    def __init__(
        self, kb: KnowledgeBase, path: Path, settings: DialogSettings, clock: Callable[[], float]
    ) -> None:
        self.kb, self.path, self.settings, self.clock = kb, path, settings, clock
        self.replies: deque[Reply | None] = deque()
        self._stack = AsyncExitStack()
        self.store: SqliteStore
        self.dialog: Dialog

    async def open(self) -> None:
        """Open the store and build the dialog."""
        self.store = await self._stack.enter_async_context(SqliteStore.open(self.path))
        self.dialog = Dialog(self.kb, self.store, self.settings, clock=self.clock)

    async def close(self) -> None:
        """Close the store."""
        await self._stack.aclose()

    async def reopen(self) -> None:
        """Close and reopen the store on the same file, with a fresh dialog."""
        await self.close()
        self._stack = AsyncExitStack()
        await self.open()

    async def push(self, text: str, **fields: Any) -> None:
        """Send ``text`` as a message (private chat of :data:`USER` unless overridden)."""
        fields.setdefault("user_id", USER)
        fields.setdefault("chat_id", fields["user_id"])
        fields.setdefault("user_name", "Anna")
        fields.setdefault("language_code", "de")
        self.replies.append(await self.dialog.handle(IncomingMessage(text=text, **fields)))

    async def press(self, data: str, **fields: Any) -> None:
        """Press a button with ``data``."""
        fields.setdefault("user_id", USER)
        fields.setdefault("chat_id", fields["user_id"])
        fields.setdefault("language_code", "de")
        self.replies.append(await self.dialog.handle(ButtonPress(data=data, **fields)))

    def pop(self) -> Reply | None:
        """Return the oldest reply not yet popped (``None`` when the bot said nothing)."""
        if not self.replies:
            raise AssertionError("the dialog has no reply left to pop")
        return self.replies.popleft()

    async def ask(self, text: str, **fields: Any) -> Reply | None:
        """Push ``text`` and pop its reply."""
        await self.push(text, **fields)
        return self.pop()

    async def click(self, data: str, **fields: Any) -> Reply | None:
        """Press a button and pop its reply."""
        await self.press(data, **fields)
        return self.pop()


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="session")
def shipped_kb() -> KnowledgeBase:
    """Return the knowledge base of the shipped article (loaded once per session)."""
    return KnowledgeBase.load()


@pytest.fixture
def clock() -> FakeClock:
    """Return a hand-moved clock for flood control."""
    return FakeClock()


@pytest.fixture
async def dialog_bot_factory(
    shipped_kb: KnowledgeBase, db_path: Path, clock: FakeClock
) -> AsyncIterator[Callable[..., Awaitable[DialogTester]]]:
    """Return a maker of testers with custom :class:`DialogSettings`; all are closed after."""
    made: list[DialogTester] = []

    async def make(**settings: Any) -> DialogTester:
        settings.setdefault("admin_ids", frozenset({ADMIN}))
        tester = DialogTester(shipped_kb, db_path, DialogSettings(**settings), clock)
        await tester.open()
        made.append(tester)
        return tester

    yield make
    for tester in made:
        await tester.close()


@pytest.fixture
async def dialog_bot(dialog_bot_factory: Callable[..., Awaitable[DialogTester]]) -> DialogTester:
    """Return a tester with default settings (admin: :data:`ADMIN`)."""
    return await dialog_bot_factory()
