"""What the dialog keeps, and the :class:`Store` protocol it keeps it through.

``bot.store.SqliteStore`` implements the protocol with aiosqlite; the dialog only sees
these values. Times are Unix timestamps in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from handlers.messages import ChatKind


@dataclass(frozen=True, slots=True)
class ChatState:
    """A chat's settings and its ``/more`` cursor; ``None`` settings mean "the default"."""

    chat_id: int
    kind: ChatKind = "private"
    language: str | None = None
    passages: int | None = None
    last_question_id: int | None = None
    last_offset: int = 0


@dataclass(frozen=True, slots=True)
class NewQuestion:
    """A question to log, with how it was answered."""

    asked_at: float
    chat_id: int
    chat_kind: ChatKind
    user_id: int
    text: str
    answered: bool
    best_score: float | None
    passages_shown: int
    latency_ms: float
    update_id: int | None = None
    """The chat network's id of the update that asked; a question is logged once per update."""


@dataclass(frozen=True, slots=True)
class StoredQuestion:
    """A logged question as read back."""

    id: int
    asked_at: float
    chat_id: int
    user_id: int
    text: str
    answered: bool
    best_score: float | None
    passages_shown: int
    latency_ms: float | None


@dataclass(frozen=True, slots=True)
class Stats:
    """Totals for ``/stats``."""

    questions: int
    answered: int
    users: int
    votes_up: int
    votes_down: int
    mean_latency_ms: float | None

    @property
    def answer_rate(self) -> float:
        """Share of questions answered (0 when there are none)."""
        return self.answered / self.questions if self.questions else 0.0


@dataclass(frozen=True, slots=True)
class Forgotten:
    """How much ``/forget`` deleted."""

    questions: int
    votes: int


class StoreError(Exception):
    """The store cannot be used (e.g. its schema is newer than this bot)."""


class Store(Protocol):
    """Persistence the dialog relies on."""

    async def get_chat(self, chat_id: int) -> ChatState | None:
        """Return the chat's state, or ``None`` if it was never stored."""
        ...

    async def set_chat_language(self, chat_id: int, kind: ChatKind, language: str | None) -> None:
        """Set (``None``: reset) the chat's interface language."""
        ...

    async def set_chat_passages(self, chat_id: int, kind: ChatKind, passages: int | None) -> None:
        """Set (``None``: reset) how many passages an answer shows in the chat."""
        ...

    async def add_question(self, question: NewQuestion) -> int:
        """Log ``question``, make it the chat's ``/more`` question, and return its id.

        A question with the ``update_id`` of one logged before is not logged again: the
        earlier id is returned (an update handled again after a crash).
        """
        ...

    async def get_question(self, question_id: int) -> StoredQuestion | None:
        """Return a logged question, or ``None`` if unknown or forgotten."""
        ...

    async def set_cursor(self, chat_id: int, question_id: int, offset: int) -> None:
        """Point the chat's ``/more`` cursor at ``offset`` passages into ``question_id``."""
        ...

    async def set_vote(self, question_id: int, user_id: int, vote: int) -> int | None:
        """Store the user's vote (+1/-1) on a question; return the previous vote, if any."""
        ...

    async def forget_user(self, user_id: int) -> Forgotten:
        """Delete the user's questions, votes and private-chat settings."""
        ...

    async def stats(self) -> Stats:
        """Return totals over all logged questions and votes."""
        ...

    async def frequent_unanswered(
        self, limit: int, *, include_downvoted: bool = False
    ) -> list[tuple[str, int]]:
        """Return (question, count) of refused (optionally also 👎) questions, most asked first."""
        ...

    async def purge(self, questions_before: float) -> int:
        """Delete questions (with their votes) asked before ``questions_before``."""
        ...
