"""The ``article-bot`` command: wires each sub-command to the module that runs it.

* ``article-bot ask``      answer questions from the command line (``bot.ask``)
* ``article-bot console``  chat on the terminal (``bot.console``)
* ``article-bot run``      run the Telegram bot (``bot.telegram``)
* ``article-bot``          ``run`` when TELEGRAM_BOT_TOKEN is set, else ``console``

Sub-command modules are imported lazily so that ``ask`` does not pay for
python-telegram-bot's import.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

BROKEN_PIPE = 141
"""Exit code when stdout's reader closed early: 128 + SIGPIPE, as shells report it."""

COMMANDS = {
    "ask": ("bot.ask", "answer questions about the article(s) and print the passages"),
    "console": ("bot.console", "chat with the bot on the terminal (no Telegram needed)"),
    "run": ("bot.telegram", "run the Telegram bot (needs TELEGRAM_BOT_TOKEN)"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Build the argument parser; only ``command``'s module is imported for its options."""
    parser = argparse.ArgumentParser(
        prog="article-bot",
        description="Answers questions about a news article by quoting its sentences.",
    )
    sub = parser.add_subparsers(dest="command", metavar="{ask,console,run}")
    for name, (module, help_text) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        sp.set_defaults(_module=module)
        if name == command:
            importlib.import_module(module).add_arguments(sp)
    return parser


def _default_command() -> str:
    """Pick ``run`` when a token is configured (environment or .env), else ``console``."""
    from dotenv import dotenv_values

    token = os.environ.get("TELEGRAM_BOT_TOKEN") or dotenv_values(".env").get("TELEGRAM_BOT_TOKEN")
    return "run" if token else "console"


def main(argv: list[str] | None = None) -> int:
    """Run the ``article-bot`` command line and return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help"):
        argv.insert(0, _default_command())
    command = argv[0] if argv[0] in COMMANDS else None
    args = build_parser(command).parse_args(argv)  # -h/--help prints and exits here
    module = importlib.import_module(args._module)
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``article-bot ask --jsonl … | head``): stop quietly, as
        # the Python docs advise, so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE


if __name__ == "__main__":
    raise SystemExit(main())
