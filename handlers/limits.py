"""Keep replies within a chat message's size, whatever network renders them.

:func:`fit_reply` bounds the *visible* text of a reply (what a chat client shows, which
is what Telegram's 4,096-character limit counts), so the dialog can drop surplus quotes
and cut long ones itself instead of leaving it to an adapter's last-resort truncation.
Rendering to a network's markup is the adapters' job (``bot.telegram_render``).
"""

from __future__ import annotations

from dataclasses import replace

from handlers.messages import Block, Quote, Reply, Text

MAX_MESSAGE_LENGTH = 4096
MAX_QUOTE_CHARS = 700
"""A quoted passage longer than this is cut with an ellipsis."""
ELLIPSIS = "…"
BLOCK_SEPARATOR_CHARS = 2
"""Room counted between blocks (adapters separate blocks with at most a blank line)."""


def utf16_length(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def visible_length(blocks: list[Block] | tuple[Block, ...]) -> int:
    """Return the UTF-16 length of the blocks' visible text, separators included."""
    size = 0
    for block in blocks:
        if isinstance(block, Quote):
            size += utf16_length(block.text) + (utf16_length(block.label) + 1 if block.label else 0)
        elif isinstance(block, Text):
            size += utf16_length(block.text)
        else:
            size += utf16_length(block.label or block.url)
    return size + BLOCK_SEPARATOR_CHARS * max(len(blocks) - 1, 0)


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
    """Return ``reply`` shortened so that its visible text stays within ``limit``.

    Long quotes are cut to :data:`MAX_QUOTE_CHARS`; then, while too long, the last quote
    is dropped (one always stays), and finally the longest block is halved.
    """
    blocks = [
        shorten_quote(b, MAX_QUOTE_CHARS) if isinstance(b, Quote) else b for b in reply.blocks
    ]
    while visible_length(blocks) > limit:
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
