"""Render a :class:`Reply` as Telegram HTML, and keep replies within Telegram's size limit.

The HTML uses only tags Telegram's HTML parse mode accepts (``b``, ``i``,
``blockquote``, ``a``) and escapes every piece of user and article text, so any adapter
that sends ``parse_mode="HTML"`` can use :func:`render_html` as is. :func:`fit_reply`
shortens a reply until its HTML is at most 4,096 UTF-16 code units long (Telegram's
limit counts the parsed text; the markup is longer, so this bound is safe).
"""

from __future__ import annotations

import html
from dataclasses import replace

from handlers.messages import Block, Quote, Reply, Span, Text

MAX_MESSAGE_LENGTH = 4096
MAX_QUOTE_CHARS = 700
"""A quoted passage longer than this is cut with an ellipsis."""
ELLIPSIS = "…"
LINK_SCHEMES = ("http://", "https://")


def utf16_length(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def escape(text: str, *, quote: bool = False) -> str:
    """Escape ``<``, ``>`` and ``&`` (with ``quote``, also quotes) for Telegram HTML."""
    return html.escape(text, quote=quote)


def highlight_html(text: str, spans: tuple[Span, ...]) -> str:
    """Return ``text`` escaped, with the ``spans`` wrapped in ``<b>``."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(escape(text[pos:start]))
        out.append(f"<b>{escape(text[start:end])}</b>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def block_html(block: Block) -> str:
    """Render one block as Telegram HTML."""
    if isinstance(block, Text):
        return f"<b>{escape(block.text)}</b>" if block.bold else escape(block.text)
    if isinstance(block, Quote):
        label = f"<i>{escape(block.label)}</i>\n" if block.label else ""
        return f"{label}<blockquote>{highlight_html(block.text, block.highlights)}</blockquote>"
    if block.url.lower().startswith(LINK_SCHEMES):
        return f'<a href="{escape(block.url, quote=True)}">{escape(block.label)}</a>'
    return escape(f"{block.label}: {block.url}")


def render_html(reply: Reply) -> str:
    """Render the reply's blocks as one Telegram HTML message (buttons are separate)."""
    return "\n".join(block_html(block) for block in reply.blocks)


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, at a word boundary, ending in ``…``."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def shorten_quote(quote: Quote, limit: int) -> Quote:
    """Cut a quote's text to ``limit`` characters, clipping its highlight spans."""
    text = shorten(quote.text, limit)
    if text == quote.text:
        return quote
    end = len(text) - len(ELLIPSIS)
    spans = tuple((s, min(e, end)) for s, e in quote.highlights if s < end)
    return replace(quote, text=text, highlights=spans)


def _shorten_block(block: Block, limit: int) -> Block:
    """Cut a block's visible text to ``limit`` characters."""
    if isinstance(block, Quote):
        return shorten_quote(block, limit)
    if isinstance(block, Text):
        return replace(block, text=shorten(block.text, limit))
    return replace(block, label=shorten(block.label, limit))


def _block_size(block: Block) -> int:
    """Return how many characters of visible text a block carries."""
    if isinstance(block, Quote | Text):
        return len(block.text)
    return len(block.label)


def fit_reply(reply: Reply, limit: int = MAX_MESSAGE_LENGTH) -> Reply:
    """Return ``reply`` shortened so that :func:`render_html` stays within ``limit``.

    Long quotes are cut to :data:`MAX_QUOTE_CHARS`; then, while too long, the last quote
    is dropped (one always stays), and finally the longest block is halved.
    """
    blocks = [
        shorten_quote(b, MAX_QUOTE_CHARS) if isinstance(b, Quote) else b for b in reply.blocks
    ]
    while utf16_length("\n".join(block_html(b) for b in blocks)) > limit:
        quotes = [i for i, b in enumerate(blocks) if isinstance(b, Quote)]
        if len(quotes) > 1:
            del blocks[quotes[-1]]
            continue
        longest = max(range(len(blocks)), key=lambda i: _block_size(blocks[i]))
        size = _block_size(blocks[longest])
        if size <= 1:
            del blocks[longest]
            continue
        blocks[longest] = _shorten_block(blocks[longest], size // 2)
    return replace(reply, blocks=tuple(blocks))
