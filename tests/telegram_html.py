"""A strict checker for Telegram's HTML parse mode, used by the suite's Bot API server.

It follows the Bot API's "HTML style" rules (https://core.telegram.org/bots/api#html-style):
only the listed tags and attributes, only the named entities ``&lt; &gt; &amp; &quot;``,
every ``<``, ``>`` and ``&`` outside tags and entities escaped, properly nested tags,
no nested blockquotes, nothing inside ``code``/``pre`` but ``pre > code``. It is stricter
than Telegram in two places on purpose: a raw ``>`` is an error, and links must use
``http``, ``https`` or ``tg`` URLs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MAX_MESSAGE_LENGTH = 4096
"""Telegram's limit on a message's text after entity parsing, in UTF-16 code units."""

NAMED_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "b": frozenset(),
    "strong": frozenset(),
    "i": frozenset(),
    "em": frozenset(),
    "u": frozenset(),
    "ins": frozenset(),
    "s": frozenset(),
    "strike": frozenset(),
    "del": frozenset(),
    "tg-spoiler": frozenset(),
    "span": frozenset({"class"}),
    "a": frozenset({"href"}),
    "tg-emoji": frozenset({"emoji-id"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
}
LINK_SCHEMES = ("http://", "https://", "tg://")

_TOKEN = re.compile(
    r"<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:\s+[^\s=>]+(?:\s*=\s*"
    r"(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
    r"|&(?P<entity>#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);"
)
_ATTR = re.compile(r"([^\s=>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")


class TelegramHtmlError(ValueError):
    """The text is not HTML that Telegram accepts (Telegram answers "can't parse entities")."""


@dataclass(frozen=True, slots=True)
class ParsedHtml:
    """The outcome of parsing: the plain text a user sees and the tags used."""

    plain_text: str
    tags: tuple[str, ...]

    @property
    def length(self) -> int:
        """Length of the plain text in UTF-16 code units, as Telegram counts it."""
        return utf16_length(self.plain_text)


def utf16_length(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _check_attributes(name: str, raw: str, stack: list[str]) -> None:
    """Raise :class:`TelegramHtmlError` unless ``raw`` holds valid attributes for ``name``."""
    attrs: dict[str, str | None] = {}
    for match in _ATTR.finditer(raw):
        key, value = match.group(1).lower(), match.group(2)
        if key not in ALLOWED_TAGS[name]:
            raise TelegramHtmlError(f"unsupported attribute {key!r} in <{name}>")
        attrs[key] = html.unescape(value[1:-1] if value and value[0] in "\"'" else value or "")
    if name == "a":
        href = attrs.get("href") or ""
        if not href.lower().startswith(LINK_SCHEMES):
            raise TelegramHtmlError(f"unsupported link {href!r}")
    elif name == "span" and attrs.get("class") != "tg-spoiler":
        raise TelegramHtmlError("<span> needs class=\"tg-spoiler\"")
    elif name == "code" and "class" in attrs and (
        not (attrs["class"] or "").startswith("language-") or stack[-1:] != ["pre"]
    ):
        raise TelegramHtmlError("<code class> needs language-… inside <pre>")


def parse_telegram_html(text: str) -> ParsedHtml:
    """Parse ``text`` like Telegram's HTML mode; raise :class:`TelegramHtmlError` on bad markup."""
    stack: list[str] = []
    tags: list[str] = []
    plain: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        _check_data(text[pos : match.start()])
        plain.append(text[pos : match.start()])
        pos = match.end()
        if match.group("entity") is not None:
            plain.append(_decode_entity(match.group("entity")))
            continue
        name = match.group("name").lower()
        if name not in ALLOWED_TAGS:
            raise TelegramHtmlError(f"unsupported start tag {name!r}")
        if match.group("close"):
            if match.group("attrs").strip():
                raise TelegramHtmlError(f"attributes in end tag </{name}>")
            if not stack or stack[-1] != name:
                raise TelegramHtmlError(f"unmatched end tag </{name}>")
            stack.pop()
            continue
        if stack and stack[-1] in ("code", "pre") and not (name == "code" and stack[-1] == "pre"):
            raise TelegramHtmlError(f"<{name}> inside <{stack[-1]}>")
        if name == "blockquote" and "blockquote" in stack:
            raise TelegramHtmlError("nested <blockquote>")
        _check_attributes(name, match.group("attrs"), stack)
        stack.append(name)
        tags.append(name)
    _check_data(text[pos:])
    plain.append(text[pos:])
    if stack:
        raise TelegramHtmlError(f"unclosed tag <{stack[-1]}>")
    return ParsedHtml("".join(plain), tuple(tags))


def _check_data(data: str) -> None:
    """Raise unless ``data`` (text between tags) is free of raw ``<``, ``>`` and ``&``."""
    for char in "<>&":
        if char in data:
            where = data.index(char)
            near = data[max(0, where - 20) : where + 20]
            raise TelegramHtmlError(f"unescaped {char!r} near {near!r}")


def _decode_entity(entity: str) -> str:
    """Decode one entity body (without ``&`` and ``;``)."""
    if entity.startswith("#"):
        code = int(entity[2:], 16) if entity[1:2] in ("x", "X") else int(entity[1:])
        if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise TelegramHtmlError(f"invalid character reference &{entity};")
        return chr(code)
    if entity not in NAMED_ENTITIES:
        raise TelegramHtmlError(f"unsupported entity &{entity};")
    return html.unescape(f"&{entity};")


def check_message_text(text: str, parse_mode: str | None) -> ParsedHtml:
    """Check a sendMessage/editMessageText text as Telegram would; raise on rejection."""
    parsed = (
        parse_telegram_html(text)
        if (parse_mode or "").upper() == "HTML"
        else ParsedHtml(text, ())
    )
    if not parsed.plain_text.strip():
        raise TelegramHtmlError("message text is empty")
    if parsed.length > MAX_MESSAGE_LENGTH:
        raise TelegramHtmlError("message is too long")
    return parsed
