"""The dialog's settings and the per-message context every command receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from handlers.messages import ChatKind
from handlers.store import ChatState, Store
from handlers.texts import LANGUAGES

if TYPE_CHECKING:  # the settings module imports this one and must stay light
    from knowledge import KnowledgeBase

MAX_PASSAGES_LIMIT = 10


@dataclass(frozen=True, slots=True)
class DialogSettings:
    """What the dialog needs to know about its deployment.

    ``flood_limit_per_minute`` 0 switches flood control off; questions and votes older
    than ``retention_days`` are deleted.
    """

    admin_ids: frozenset[int] = frozenset()
    default_language: str = "de"
    max_passages: int = 3
    flood_limit_per_minute: int = 20
    retention_days: int = 90

    def __post_init__(self) -> None:
        """Reject values the dialog cannot work with."""
        if self.default_language not in LANGUAGES:
            raise ValueError(
                f"default_language {self.default_language!r} is not valid;"
                f" choose one of: {', '.join(LANGUAGES)}"
            )
        if not 1 <= self.max_passages <= MAX_PASSAGES_LIMIT:
            raise ValueError(f"max_passages must be 1-{MAX_PASSAGES_LIMIT}")
        if self.flood_limit_per_minute < 0 or self.retention_days < 1:
            raise ValueError("flood_limit_per_minute must be >= 0 and retention_days >= 1")


@dataclass(frozen=True, slots=True)
class Turn:
    """One message (or button press) being handled: who, where, in which language."""

    kb: KnowledgeBase
    store: Store
    settings: DialogSettings
    chat_id: int
    chat_kind: ChatKind
    user_id: int
    user_name: str
    chat: ChatState | None
    lang: str
    args: str = ""
    update_id: int | None = None

    @property
    def in_group(self) -> bool:
        """Whether the chat is a group or supergroup."""
        return self.chat_kind in ("group", "supergroup")

    @property
    def is_admin(self) -> bool:
        """Whether the user is one of the configured admins."""
        return self.user_id in self.settings.admin_ids

    @property
    def passages_per_answer(self) -> int:
        """How many passages an answer shows in this chat."""
        if self.chat is not None and self.chat.passages:
            return self.chat.passages
        return self.settings.max_passages


def choose_language(chat: ChatState | None, language_code: str | None, default: str) -> str:
    """Pick the interface language: the chat's choice, else the user's client, else default."""
    if chat is not None and chat.language in LANGUAGES:
        return chat.language
    code = (language_code or "").lower().replace("_", "-")
    for lang in LANGUAGES:
        if code == lang or code.startswith(f"{lang}-"):
            return lang
    return default
