"""The console adapter: chat with the bot on the terminal, no Telegram needed.

``article-bot console`` (and plain ``article-bot`` without a token) reads one message
per line and prints the replies. On a terminal it greets, offers readline editing and
history, indents quotes and emphasises the matched words; with piped input it prints
only the replies and exits with 0 at the end of input, so it can be scripted. Blank
lines are skipped. ``/good`` and ``/bad`` press the 👍/👎 button of the last answer.

The console user is the operator: a fixed user and private chat id (0, which Telegram
never uses), an admin, and not subject to flood control.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from bot.config import ConfigError, Settings, load_settings
from bot.logs import setup_logging
from bot.store import SqliteStore
from handlers.dialog import Dialog, DialogSettings
from handlers.messages import ButtonPress, IncomingMessage, Link, Quote, Reply, Span, Text
from handlers.store import StoreError
from handlers.texts import LANGUAGES
from knowledge import KnowledgeBase, KnowledgeError

CONSOLE_ID = 0
"""User and chat id of the console user (Telegram ids are never 0)."""
FEEDBACK_COMMANDS = {"/good": "up", "/bad": "down", "/gut": "up", "/schlecht": "down"}
HISTORY_FILE = Path("~/.article_bot_history")
HISTORY_LENGTH = 1000
PROMPT = "> "
QUOTE_INDENT = "    "

BOLD, EMPHASIS, DIM, RESET = "\x1b[1m", "\x1b[1;33m", "\x1b[2m", "\x1b[0m"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the console's options."""
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        type=Path,
        help="load every *.txt in DIR as an article (default: KNOWLEDGE_DIR or the shipped one)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="interface language (default: DEFAULT_LANGUAGE); quotes stay German",
    )


@dataclass
class ConsoleSession:
    """Turns console lines into dialog events; remembers the last answer's vote buttons."""

    dialog: Dialog
    language_code: str | None = None
    _votes: dict[str, str] = field(default_factory=dict)

    async def send(self, line: str) -> Reply | None:
        """Hand one line to the dialog and return its reply."""
        command = line.strip().split(maxsplit=1)[0].casefold() if line.strip() else ""
        if command in FEEDBACK_COMMANDS:
            # No answer to rate yet: empty data, which the dialog answers with a notice.
            data = self._votes.get(FEEDBACK_COMMANDS[command], "")
            event: IncomingMessage | ButtonPress = ButtonPress(
                data=data,
                user_id=CONSOLE_ID,
                chat_id=CONSOLE_ID,
                user_name="console",
                language_code=self.language_code,
            )
        else:
            event = IncomingMessage(
                text=line,
                user_id=CONSOLE_ID,
                chat_id=CONSOLE_ID,
                user_name="",
                language_code=self.language_code,
            )
        reply = await self.dialog.handle(event)
        buttons = reply.buttons if reply else ()
        votes = {b.data.rsplit(":", 1)[1]: b.data for b in buttons if b.data.startswith("vote:")}
        if votes:
            self._votes = votes
        return reply


@dataclass(frozen=True)
class ConsoleStyle:
    """How to print: with ANSI emphasis and a hint line (terminal) or plain (pipe)."""

    ansi: bool = False
    width: int = 80

    def paint(self, text: str, code: str) -> str:
        """Wrap ``text`` in an ANSI ``code`` when styling is on."""
        return f"{code}{text}{RESET}" if self.ansi and text else text


def _clean(text: str) -> str:
    """Remove control characters (terminal escapes included) from text to be printed."""
    return _CONTROL.sub("", text)


def _quote_lines(text: str, spans: tuple[Span, ...], style: ConsoleStyle) -> list[str]:
    """Wrap a quote to the terminal width, emphasising the matched words."""
    words: list[tuple[int, str]] = []
    for match in re.finditer(r"\S+", text):
        start, end = match.span()
        styled, pos = [], start
        for s, e in spans:
            s, e = max(s, pos), min(e, end)
            if s < e:
                styled += [_clean(text[pos:s]), style.paint(_clean(text[s:e]), EMPHASIS)]
                pos = e
        styled.append(_clean(text[pos:end]))
        words.append((len(_clean(text[start:end])), "".join(styled)))
    room = max(style.width - len(QUOTE_INDENT), 20) if style.ansi else 10**9
    lines: list[list[str]] = [[]]
    used = 0
    for size, word in words:
        if lines[-1] and used + 1 + size > room:
            lines.append([])
            used = 0
        used += size + (1 if lines[-1] else 0)
        lines[-1].append(word)
    return [QUOTE_INDENT + " ".join(line) for line in lines if line]


def render_console(reply: Reply, style: ConsoleStyle) -> str:
    """Render a reply for the terminal (or a pipe)."""
    out: list[str] = []
    for block in reply.blocks:
        if isinstance(block, Text):
            lines = [_clean(line) for line in block.text.split("\n")]
            if style.ansi:  # on a terminal, wrap paragraphs at words like the quotes
                lines = [textwrap.fill(line, style.width) or line for line in lines]
            text = "\n".join(lines)
            out.append(style.paint(text, BOLD) if block.bold else text)
        elif isinstance(block, Quote):
            if style.ansi and out and out[-1].startswith(QUOTE_INDENT):
                out.append("")  # on a terminal, wrapped quotes need a gap between them
            if block.label:
                out.append(QUOTE_INDENT + style.paint(f"[{_clean(block.label)}]", DIM))
            out.extend(_quote_lines(block.text, block.highlights, style))
        elif isinstance(block, Link):
            label, url = _clean(block.label), _clean(block.url)
            out.append(url if label == url else f"{label} <{url}>")
    if reply.toast:
        out.append(f"({_clean(reply.toast)})")
    if reply.buttons and style.ansi:
        hints = {"more": "/more", "up": "/good 👍", "down": "/bad 👎"}
        keys = [
            b.data.split(":")[0] if b.data.startswith("more:") else b.data.rsplit(":", 1)[1]
            for b in reply.buttons
        ]
        out.append(style.paint("  ↳ " + " · ".join(hints[k] for k in keys if k in hints), DIM))
    return "\n".join(out)


def _dialog_settings(settings: Settings) -> DialogSettings:
    """Return the dialog settings for the console user: admin, no flood control."""
    bot = settings.dialog_settings()
    return replace(bot, admin_ids=bot.admin_ids | {CONSOLE_ID}, flood_limit_per_minute=0)


async def chat(
    kb: KnowledgeBase,
    settings: Settings,
    read_line: Callable[[], str | None],
    output: TextIO,
    *,
    style: ConsoleStyle,
    language_code: str | None = None,
    greet: bool = False,
) -> int:
    """Run the conversation until ``read_line`` returns ``None``; return the exit status."""
    async with SqliteStore.open(settings.database_path) as store:
        session = ConsoleSession(Dialog(kb, store, _dialog_settings(settings)), language_code)
        line = "/start" if greet else read_line()
        while line is not None:
            reply = await session.send(line) if line.strip() else None
            if reply is not None:
                output.write(render_console(reply, style) + "\n\n")
                output.flush()
            line = read_line()
    return 0


def _terminal_reader() -> Callable[[], str | None]:
    """Return a line reader with readline editing and a history file, if available."""
    history = HISTORY_FILE.expanduser()
    try:
        import readline
    except ImportError:
        readline = None
    if readline is not None:
        readline.set_history_length(HISTORY_LENGTH)
        with contextlib.suppress(OSError):
            readline.read_history_file(history)

    def read() -> str | None:
        try:
            return input(PROMPT)
        except (EOFError, KeyboardInterrupt):
            print()
            if readline is not None:
                with contextlib.suppress(OSError):
                    readline.write_history_file(history)
            return None

    return read


def _pipe_reader(stream: TextIO) -> Callable[[], str | None]:
    """Return a reader of one line per call from a pipe; ``None`` at the end."""

    def read() -> str | None:
        line = stream.readline()
        return line.rstrip("\r\n") if line else None

    return read


def run(args: argparse.Namespace) -> int:
    """Run the console chat; return 0 at the end of input, 2 on a configuration error."""
    try:
        settings = load_settings()
        kb = KnowledgeBase.load(args.knowledge or settings.knowledge_dir)
    except (ConfigError, KnowledgeError) as exc:
        print(f"article-bot: {exc}", file=sys.stderr)
        return 2
    setup_logging(
        settings.log_level or "WARNING",
        secrets=(settings.telegram_bot_token, settings.webhook_secret_token),
    )
    for stream in (sys.stdin, sys.stdout):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    interactive = sys.stdin.isatty()
    style = ConsoleStyle(
        ansi=sys.stdout.isatty() and not os.environ.get("NO_COLOR"),
        width=shutil.get_terminal_size().columns,
    )
    reader = _terminal_reader() if interactive else _pipe_reader(sys.stdin)
    try:
        return asyncio.run(
            chat(
                kb,
                settings,
                reader,
                sys.stdout,
                style=style,
                language_code=args.lang,
                greet=interactive,
            )
        )
    except StoreError as exc:
        print(f"article-bot: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
