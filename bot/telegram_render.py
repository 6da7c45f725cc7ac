"""Render the dialog's :class:`~handlers.messages.Reply` as Telegram HTML and keyboards.

Every piece of user and article text is escaped with :func:`html.escape`; the only tags
produced are ``<b>``, ``<i>``, ``<blockquote>`` and ``<a href>``, all accepted by
Telegram's HTML parse mode. A rendered text never exceeds Telegram's 4,096 characters:
long quotes and paragraphs are cut at a word boundary with "…", links are kept.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from telegram import ForceReply, InlineKeyboardMarkup

from handlers.messages import Block, Button, Link, Quote, Reply, Span, Text

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 4096
"""Telegram's limit for a message text (counted here on the HTML source, in UTF-16 units)."""
MAX_CALLBACK_DATA_BYTES = 64
BUTTONS_PER_ROW = 3
LINK_SCHEMES = ("http://", "https://", "tg://")
ELLIPSIS = "…"
_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class RenderedReply:
    """A reply ready for ``sendMessage``: HTML text and optional reply markup.

    ``markup`` is the reply markup as the Bot API takes it (JSON-ready), so that the hot
    path sends it without building python-telegram-bot objects (their construction and
    ``to_dict`` cost about 50 µs for a three-button keyboard); :attr:`reply_markup` is the
    same markup as PTB's object, for PTB's methods.
    """

    text: str
    markup: dict[str, Any] | None = None

    @property
    def reply_markup(self) -> InlineKeyboardMarkup | ForceReply | None:
        """The reply markup as python-telegram-bot's object (``None`` without markup)."""
        if self.markup is None:
            return None
        if "force_reply" in self.markup:
            return ForceReply.de_json(self.markup, None)
        return InlineKeyboardMarkup.de_json(self.markup, None)


def utf16_length(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def escape(text: str) -> str:
    """Escape ``text`` for Telegram HTML (``&``, ``<``, ``>`` and quotes)."""
    return html.escape(_clean(text), quote=True)


def _clean(text: str) -> str:
    """Drop characters Telegram cannot take: NUL and lone surrogates."""
    text = text.replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8")


def _merge_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """Clip spans to ``[0, length]``, drop empty ones and merge overlaps, in order."""
    clipped = sorted((max(0, s), min(length, e)) for s, e in spans if min(length, e) > max(0, s))
    merged: list[Span] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, spans: Iterable[Span]) -> str:
    """Escape ``text`` and wrap each span (Python indices into ``text``) in ``<b>``."""
    parts: list[str] = []
    pos = 0
    for start, end in _merge_spans(spans, len(text)):
        parts.append(escape(text[pos:start]))
        parts.append(f"<b>{escape(text[start:end])}</b>")
        pos = end
    parts.append(escape(text[pos:]))
    return "".join(parts)


def render_block(block: Block) -> str:
    """Render one block as Telegram HTML."""
    if isinstance(block, Quote):
        label = f"<i>{escape(block.label)}</i>\n" if block.label else ""
        return f"{label}<blockquote>{highlight(block.text, block.highlights)}</blockquote>"
    if isinstance(block, Link):
        label = escape(block.label or block.url)
        if not block.url.lower().startswith(LINK_SCHEMES):
            return label
        return f'<a href="{escape(block.url)}">{label}</a>'
    body = escape(block.text)
    return f"<b>{body}</b>" if block.bold and body else body


def _shorten(block: Text | Quote, budget: int) -> str | None:
    """Render ``block`` cut at a word boundary so that it fits ``budget``; ``None`` if it can't."""
    text = block.text
    low, high = 0, len(text)
    best: str | None = None
    while low <= high:  # binary search for the longest prefix that fits
        mid = (low + high) // 2
        cut = text[:mid]
        if mid < len(text) and " " in cut:
            cut = cut[: cut.rindex(" ")]
        cut = cut.rstrip() + ELLIPSIS
        if isinstance(block, Quote):
            candidate = render_block(Quote(cut, block.highlights, block.is_caption, block.label))
        else:
            candidate = render_block(Text(cut, block.bold))
        if utf16_length(candidate) <= budget:
            best, low = candidate, mid + 1
        else:
            high = mid - 1
    return best


def render_text(blocks: Iterable[Block], limit: int = MAX_TEXT_LENGTH) -> str:
    """Render blocks separated by blank lines, fitting ``limit`` UTF-16 units.

    Links always stay; the first text or quote that does not fit is shortened and the
    text and quotes after it are dropped.
    """
    blocks = [b for b in blocks if not isinstance(b, Text | Quote) or b.text.strip()]
    rendered = [render_block(b) for b in blocks]
    if utf16_length(_SEPARATOR.join(rendered)) <= limit:
        return _SEPARATOR.join(rendered)
    links = [r for b, r in zip(blocks, rendered, strict=True) if isinstance(b, Link)]
    budget = limit - sum(utf16_length(r) + len(_SEPARATOR) for r in links)
    if budget < 0:  # absurdly long links: fall back to shortened plain text
        return _shorten(Text(plain_text(blocks)), limit) or ""
    kept: dict[int, str] = {}
    for index, (block, html_text) in enumerate(zip(blocks, rendered, strict=True)):
        if isinstance(block, Link):
            continue
        cost = utf16_length(html_text) + len(_SEPARATOR)
        if cost <= budget:
            kept[index] = html_text
            budget -= cost
            continue
        if isinstance(block, Text | Quote):
            short = _shorten(block, budget - len(_SEPARATOR))
            if short is not None:
                kept[index] = short
        break
    out = [kept.get(i, r) for i, (b, r) in enumerate(zip(blocks, rendered, strict=True))
           if i in kept or isinstance(b, Link)]
    return _SEPARATOR.join(out)


def keyboard(buttons: Iterable[Button]) -> dict[str, Any] | None:
    """Lay out buttons in rows of three; drop (and log) buttons whose data is too long.

    Returns the Bot API's ``InlineKeyboardMarkup`` object as JSON-ready dict.
    """
    row: list[dict[str, str]] = []
    rows: list[list[dict[str, str]]] = []
    for button in buttons:
        if not button.data or len(button.data.encode()) > MAX_CALLBACK_DATA_BYTES:
            logger.warning("Dropping button %r: callback data must be 1-64 bytes", button.label)
            continue
        row.append({"text": _clean(button.label), "callback_data": button.data})
        if len(row) == BUTTONS_PER_ROW:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return {"inline_keyboard": rows} if rows else None


def render(reply: Reply) -> RenderedReply:
    """Render a reply: HTML text plus a ForceReply prompt (for the asker only) or the keyboard."""
    markup = ({"force_reply": True, "selective": True} if reply.force_reply
              else keyboard(reply.buttons))
    return RenderedReply(render_text(reply.blocks), markup)


def plain_text(blocks: Iterable[Block]) -> str:
    """Render blocks as plain text (for inline result titles and descriptions)."""
    parts = []
    for block in blocks:
        if isinstance(block, Link):
            parts.append(block.label or block.url)
        else:
            parts.append(_clean(block.text))
    return " ".join(" ".join(parts).split())
