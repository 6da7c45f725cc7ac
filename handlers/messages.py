"""The dialog's input and output values, independent of any chat network.

Adapters turn their native input into an :class:`IncomingMessage` (or a
:class:`ButtonPress`), call :meth:`handlers.dialog.Dialog.handle`, and render the
returned :class:`Reply`; ``None`` means "say nothing".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ChatKind = Literal["private", "group", "supergroup", "channel"]
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """A text message as the dialog sees it.

    ``addressed`` is set by the adapter when the message is meant for the bot in a
    group: a command for this bot, a mention of it (already stripped from ``text``),
    or a reply to one of its messages. In private chats every message is addressed.
    ``media`` names what a message without text carried (``"sticker"``, ``"photo"``, ...).
    """

    text: str
    user_id: int
    chat_id: int
    user_name: str = ""
    chat_kind: ChatKind = "private"
    language_code: str | None = None
    addressed: bool = True
    reply_to_bot: bool = False
    message_id: int | None = None
    update_id: int | None = None
    media: str | None = None


@dataclass(frozen=True, slots=True)
class ButtonPress:
    """A press on one of the reply's buttons; ``data`` is the button's opaque data."""

    data: str
    user_id: int
    chat_id: int
    user_name: str = ""
    chat_kind: ChatKind = "private"
    language_code: str | None = None
    message_id: int | None = None
    update_id: int | None = None


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph of plain text (never markup); ``bold`` marks a heading-like line."""

    text: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage of the article; ``highlights`` index into ``text``."""

    text: str
    highlights: tuple[Span, ...] = ()
    is_caption: bool = False
    label: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """A link, shown as ``label`` pointing at ``url``."""

    url: str
    label: str


Block = Text | Quote | Link


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button; ``data`` comes back in a :class:`ButtonPress` (at most 64 bytes)."""

    label: str
    data: str


@dataclass(frozen=True, slots=True)
class Reply:
    """What the bot says back: blocks of text, buttons under them, and delivery hints.

    ``toast`` is a short notice for a button press (Telegram's answerCallbackQuery);
    ``force_reply`` asks the client to answer this message (group ``/ask`` without text);
    ``quote_message`` asks the adapter to reply to the incoming message.
    """

    blocks: tuple[Block, ...] = ()
    buttons: tuple[Button, ...] = ()
    toast: str | None = None
    force_reply: bool = False
    quote_message: bool = False
