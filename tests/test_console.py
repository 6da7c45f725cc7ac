"""The console adapter: scripted through a pipe, interactive on a pseudo-terminal."""

from __future__ import annotations

import os
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.console import (
    CONSOLE_ID,
    EMPHASIS,
    QUOTE_INDENT,
    ConsoleSession,
    ConsoleStyle,
    render_console,
)
from handlers.messages import Button, Link, Quote, Reply, Text
from tests.dialog_fixtures import KIM_QUESTION, DialogTester

SOURCE = "https://vtcnews.vn/trieu-tien-phe-chuan-hiep-uoc-phong-thu-chung-voi-nga-ar906862.html"
SCRIPT = f"{KIM_QUESTION}\n/more\n/source\nWer hat das Fußballspiel gewonnen?\n"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Return an environment without a token, with the database and HOME in ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "LOG_LEVEL")}
    env.update(DATABASE_PATH=str(tmp_path / "console.sqlite3"), HOME=str(tmp_path), **extra)
    return env


def _pipe(args: list[str], stdin: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run ``article-bot ARGS`` with ``stdin`` piped in."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        cwd=tmp_path,
        env=_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_piped_script_answers_pages_links_refuses_and_logs(tmp_path: Path) -> None:
    done = _pipe(["console"], SCRIPT, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    answer, more, source, refusal = done.stdout.strip("\n").split("\n\n")
    assert "12. November" in answer and answer.startswith("Laut Artikel:\n" + QUOTE_INDENT)
    assert SOURCE in answer
    assert more.startswith("Weitere Stellen zu „Wann hat Kim das Dekret unterzeichnet?“:")
    assert more.count("\n" + QUOTE_INDENT) >= 1
    assert source == f"Quelle des Artikels:\n{SOURCE}"
    assert "steht im Artikel leider nichts" in refusal
    assert "\x1b[" not in done.stdout and "> " not in done.stdout  # nothing interactive
    with sqlite3.connect(tmp_path / "console.sqlite3") as conn:
        rows = conn.execute("SELECT text, answered FROM questions ORDER BY id").fetchall()
    assert rows == [(KIM_QUESTION, 1), ("Wer hat das Fußballspiel gewonnen?", 0)]


def test_plain_article_bot_without_token_is_the_console(tmp_path: Path) -> None:
    done = _pipe([], "\n   \n/lang en\n" + KIM_QUESTION + "\n", tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("I'll answer in English from now on.\n\n")
    assert "The article says (quoted in German):" in done.stdout


def test_english_option_and_empty_input(tmp_path: Path) -> None:
    assert _pipe(["console"], "", tmp_path).stdout == ""
    done = _pipe(["console", "--lang", "en"], "/about\n", tmp_path)
    assert done.stdout.startswith("About the article\n")


def test_broken_input_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input=b"Kim \xff\xfe Dekret\x00\n\x1b[31m/help\n",
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr == b""
    assert b"12. November" in done.stdout and b"\x1b" not in done.stdout


async def test_good_and_bad_vote_on_the_last_answer(dialog_bot: DialogTester) -> None:
    session = ConsoleSession(dialog_bot.dialog)
    assert (await session.send("/good")).toast == "Diese Schaltfläche ist nicht mehr gültig."
    await session.send(KIM_QUESTION)
    await session.send("/source")  # votes still go to the last answer
    assert (await session.send("/good")).toast == "Danke für die Bewertung!"
    assert (await session.send("/bad")).toast == "Bewertung geändert."
    assert (await session.send("/GUT")).toast == "Bewertung geändert."
    stats = await dialog_bot.store.stats()
    assert (stats.votes_up, stats.votes_down) == (1, 0)
    question = await dialog_bot.store.get_question(1)
    assert question is not None and question.user_id == CONSOLE_ID


async def test_console_user_is_an_admin(dialog_bot: DialogTester, tmp_path: Path) -> None:
    done = _pipe(["console"], "/stats\n", tmp_path)
    assert done.stdout.startswith("Statistik\nFragen: 0")


def test_terminal_rendering_indents_wraps_and_emphasises() -> None:
    text = "Kim Jong-un hat am 12. November ein Dekret unterzeichnet, sagt KCNA."
    reply = Reply(
        blocks=(
            Text("Laut Artikel:"),
            Quote(
                text,
                ((0, 3), (text.index("Dekret"), text.index(" unter"))),
                True,
                "Bildunterschrift",
            ),
            Link(SOURCE, "Quelle: vtcnews.vn"),
        ),
        buttons=(Button("Mehr", "more:1"), Button("👍", "vote:1:up"), Button("👎", "vote:1:down")),
    )
    shown = render_console(reply, ConsoleStyle(ansi=True, width=40))
    lines = shown.split("\n")
    assert lines[0] == "Laut Artikel:"
    assert lines[1] == QUOTE_INDENT + "\x1b[2m[Bildunterschrift]\x1b[0m"
    quote_lines = [line for line in lines[2:] if line.startswith(QUOTE_INDENT)]
    assert len(quote_lines) >= 2
    assert f"{EMPHASIS}Kim\x1b[0m" in quote_lines[0]
    assert f"{EMPHASIS}Dekret\x1b[0m" in shown
    assert f"Quelle: vtcnews.vn <{SOURCE}>" in shown
    assert "/more" in lines[-1] and "/good" in lines[-1] and "/bad" in lines[-1]
    plain = render_console(reply, ConsoleStyle(ansi=False))
    assert "\x1b" not in plain and f"{QUOTE_INDENT}{text}" in plain and "/good" not in plain


def test_control_characters_never_reach_the_terminal() -> None:
    reply = Reply(blocks=(Text("a\x1b[2Jb\nc"), Quote("x\x07y")), toast="t\x1bo")
    assert render_console(reply, ConsoleStyle()) == f"a[2Jb\nc\n{QUOTE_INDENT}xy\n(to)"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_interactive_terminal_session(tmp_path: Path) -> None:
    controller, terminal = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=tmp_path,
        env=_env(tmp_path, TERM="xterm", COLUMNS="100"),
        close_fds=True,
    )
    os.close(terminal)
    output = b""

    def read_until(marker: bytes, start: int = 0) -> None:
        nonlocal output
        deadline = time.monotonic() + 30
        while marker not in output[start:] and time.monotonic() < deadline:
            if select.select([controller], [], [], 0.5)[0]:
                try:
                    output += os.read(controller, 65536)
                except OSError:
                    break

    try:
        read_until(b"> ")
        assert b"Hallo" in output  # greeted with /start
        os.write(controller, KIM_QUESTION.encode() + b"\n")
        read_until(b"/good")
        read_until(b"\n> ", start=output.index(b"/good"))  # the next prompt: ready for more input
        os.write(controller, b"\x04")  # Ctrl-D: end of input
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)
    text = output.decode("utf-8", "replace")
    assert f"{EMPHASIS}Dekret\x1b[0m" in text and QUOTE_INDENT in text
    assert (tmp_path / ".article_bot_history").exists()
