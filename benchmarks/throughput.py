"""Bot throughput: answers per second of ``article-bot run`` vs PTB's default echo bot.

    python -m benchmarks.throughput                      # suite's server, 0 and 50 ms, 3 runs
    python -m benchmarks.throughput --server tiny        # the independent tiny server
    python -m benchmarks.throughput --questions 200 --repeat 1 --latency-ms 0
    python -m benchmarks.throughput --requests          # send paths: CPU per answer

Each run starts a Bot API server on 127.0.0.1 in its own process (the test suite's
``tests.botapi_server`` or the independent stdlib one in ``benchmarks.tiny_botapi``), sets
its latency (added to every Bot API call, ``getUpdates`` included), queues the questions,
and only then starts the bot as a process: ``article-bot run`` (``RATE_LIMITER=off``, a
fresh SQLite file) or ``python -m benchmarks.echobot``. Questions are group messages
mentioning the bot (``@ArticleBot …``), so both bots answer each one quoting it; they go
round-robin over ``--chats`` groups, five users per group. The 60 dev questions repeat,
so from the second round on the engine's memo of recent questions answers them.
``--unique`` makes every question distinct by appending its number (``… in Russland? 312``):
the memo never answers, and the engine does its whole work for each question, as for
questions it has not seen. ``--unique word`` appends the German numeral instead
(``… dreihundertzwölf``): a long word the engine has never seen, which its typo
correction and compound splitting try to place.

The clock is the server's: from the arrival of the bot's first ``getUpdates`` (start-up
is not counted; cold start has its own benchmark) to the arrival of the last answer plus
the latency. A run counts only if every question was answered exactly once, each group's
answers arrive in the order asked, and (echo bot) each echo repeats its question.
Medians over ``--repeat`` runs; the two bots alternate so machine noise hits both.

``--requests`` compares send paths instead: the bot-side CPU time of sending one answer
(HTML, a three-button keyboard, quoting a message) through PTB's ``Bot.send_message``
(PTB's serialisation and parsing included) on httpx as PTB ships it and on
:class:`bot.http.AiohttpRequest`, and as the bot sends it (``do_api_request``, the sent
message not parsed), one at a time and 64 at once.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import REPO_ROOT, format_table, machine, machine_line, write_json
from benchmarks.latency import load_questions

SERVERS = {"suite": "tests.botapi_server", "tiny": "benchmarks.tiny_botapi"}
BOTS = ("article", "echo", "echo-aiohttp")
"""``echo-aiohttp`` (not run by default): the echo bot on the bot's request layer."""
TOKEN = "123456:BENCHMARK-token-not-real"
MENTION = "@ArticleBot"
USERS_PER_CHAT = 5
DEFAULT_QUESTIONS = {0: 2000}
"""Questions per run by latency (ms); other latencies use :data:`DEFAULT_SLOW_QUESTIONS`."""
DEFAULT_SLOW_QUESTIONS = 300
GOALS = {0: 1.5, 50: 5.0}
"""The issue's goals: article bot answers/s ÷ echo bot answers/s, by latency in ms."""


class BenchmarkError(Exception):
    """A run failed: a process died, answers were missing, or arrived out of order."""


@dataclass(frozen=True, slots=True)
class Question:
    """One queued question: its group, sender, text and message id there."""

    chat_id: int
    user_id: int
    text: str
    message_id: int = 0


@dataclass(frozen=True, slots=True)
class Run:
    """The outcome of one bot against one freshly started server."""

    server: str
    latency_ms: int
    bot: str
    questions: int
    answered: int
    seconds: float
    answers_per_s: float
    bot_cpu_s: float
    server_cpu_s: float


# --------------------------------------------------------------------------- processes
def _cpu_seconds(pid: int) -> float:
    """Return the user+system CPU time of process ``pid`` so far (Linux; 0.0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    """A Bot API server process on 127.0.0.1 and a keep-alive client of its control API."""

    def __init__(self, kind: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", SERVERS[kind], "--port", "0"], cwd=REPO_ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        line = self.process.stdout.readline() if self.process.stdout else ""
        if "TELEGRAM_API_BASE_URL=" not in line:
            self.close()
            raise BenchmarkError(f"the {kind} Bot API server did not start: {line!r}")
        self.base_url = line.strip().split("TELEGRAM_API_BASE_URL=", 1)[1]
        port = int(self.base_url.rsplit(":", 1)[1].split("/", 1)[0])
        self._conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def control(self, action: str, body: Any = None, query: str = "") -> dict[str, Any]:
        """Call ``/_control/<action>`` and return the decoded answer."""
        data = json.dumps(body).encode() if body is not None else None
        self._conn.request("POST" if data else "GET", f"/_control/{action}{query}", body=data,
                           headers={"Content-Type": "application/json"})
        return json.loads(self._conn.getresponse().read())

    def close(self) -> None:
        """Stop the server process."""
        self._conn_close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _conn_close(self) -> None:
        conn = getattr(self, "_conn", None)
        if conn is not None:
            conn.close()


def bot_command(bot: str, profile: Path | None = None,
                echo_python: str | None = None) -> list[str]:
    """Return the command line that starts ``bot`` (under cProfile writing ``profile``).

    ``echo_python``: the interpreter for the echo bots (default: this one).
    """
    interpreter = (echo_python or sys.executable) if bot.startswith("echo") else sys.executable
    python = [interpreter, "-m", "cProfile", "-o", str(profile)] if profile else [interpreter]
    if bot.startswith("echo"):
        return [*python, "-m", "benchmarks.echobot"]
    script = Path(sys.executable).with_name("article-bot")
    if script.exists() and profile is None:
        return [str(script), "run"]
    return [*python, "-m", "bot", "run"]


def start_bot(bot: str, base_url: str, workdir: Path, profile: Path | None = None,
              echo_python: str | None = None) -> subprocess.Popen[bytes]:
    """Start ``bot`` against ``base_url``; the article bot keeps its database in ``workdir``."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": base_url,
           "ECHOBOT_REQUEST": "aiohttp" if bot == "echo-aiohttp" else "",
           "RATE_LIMITER": "off", "DATABASE_PATH": str(workdir / "bot.sqlite3"),
           "LOG_LEVEL": "WARNING",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT),
                                                       os.environ.get("PYTHONPATH")]))}
    with open(workdir / f"{bot}.log", "wb") as log:  # the child keeps its own copy
        return subprocess.Popen(bot_command(bot, profile, echo_python), env=env,
                                stdout=subprocess.DEVNULL,
                                stderr=log, cwd=workdir if bot == "article" else REPO_ROOT)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a bot like Ctrl-C would (SIGINT), killing it if it does not end in 15 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --------------------------------------------------------------------------- one run
_ONES = ("", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")
_TENS = ("", "zehn", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig",
         "achtzig", "neunzig")
_TEENS = {11: "elf", 12: "zwölf", 16: "sechzehn", 17: "siebzehn"}


def number_word(n: int) -> str:
    """Return the German numeral for ``1 ≤ n < 1,000,000`` as one word (1234 → eintausend…)."""
    if not 1 <= n < 1_000_000:
        raise ValueError(f"number_word takes 1 to 999,999, not {n}")
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, ones = divmod(rest, 10)
    word = f"{number_word(thousands) if thousands > 1 else 'ein'}tausend" if thousands else ""
    word += f"{_ONES[hundreds]}hundert" if hundreds else ""
    if rest == 1:
        word += "eins"
    elif rest in _TEENS:
        word += _TEENS[rest]
    elif tens == 1:
        word += f"{_ONES[ones]}zehn"
    elif ones and tens:
        word += f"{_ONES[ones]}und{_TENS[tens]}"
    elif rest:
        word += _TENS[tens] or _ONES[ones]
    return word


UNIQUE_SUFFIXES = ("number", "word")
"""How ``--unique`` makes questions distinct: their number in digits, or as a German word."""


def make_questions(texts: Sequence[str], count: int, chats: int,
                   unique: str | None = None) -> list[Question]:
    """Return ``count`` questions going round-robin over ``chats`` groups.

    ``unique`` (one of :data:`UNIQUE_SUFFIXES`): each question ends with its own number,
    in digits or as a word, so none repeats.
    """
    if unique is not None and unique not in UNIQUE_SUFFIXES:
        raise ValueError(f"unique must be one of {', '.join(UNIQUE_SUFFIXES)}, not {unique!r}")
    questions = []
    for i in range(count):
        chat = i % chats
        text = texts[(i * 7 + chat) % len(texts)]
        if unique is not None:
            text = f"{text} {number_word(i + 1) if unique == 'word' else i + 1}"
        questions.append(Question(
            chat_id=-1_000_000_000_000 - chat,
            user_id=10_000 + chat * USERS_PER_CHAT + (i // chats) % USERS_PER_CHAT,
            text=f"{MENTION} {text}",
        ))
    return questions


def check_answers(bot: str, questions: Sequence[Question], sent: Sequence[dict[str, Any]]) -> int:
    """Check that every question got one answer, in order per chat; return the answers."""
    asked: dict[int, list[Question]] = defaultdict(list)
    for question in questions:
        asked[question.chat_id].append(question)
    answered: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for call in sent:
        answered[int(call["params"]["chat_id"])].append(call)
    for chat_id, chat_questions in asked.items():
        calls = answered.get(chat_id, [])
        quoted = [int((c["params"].get("reply_parameters") or {}).get("message_id", 0))
                  for c in calls]
        expected = [q.message_id for q in chat_questions]
        if quoted != expected:
            missing = sorted(set(expected) - set(quoted))
            raise BenchmarkError(
                f"{bot}: chat {chat_id} answered {quoted[:12]}…, asked {expected[:12]}… "
                f"(missing {missing[:12]})"
            )
        if bot.startswith("echo") and any(c["params"]["text"] != q.text
                                 for c, q in zip(calls, chat_questions, strict=True)):
            raise BenchmarkError(f"echo: chat {chat_id} echoed another text")
    return sum(len(calls) for calls in answered.values())


def run_once(kind: str, bot: str, latency_ms: int, texts: Sequence[str], count: int,
             chats: int, timeout: float, profile: Path | None = None,
             echo_python: str | None = None, unique: str | None = None) -> Run:
    """Start a server and ``bot``, let it answer ``count`` questions, and measure."""
    server = Server(kind)
    workdir = Path(tempfile.mkdtemp(prefix=f"throughput-{bot}-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        server.control("config", {"latency": latency_ms / 1000})
        questions = []
        per_chat: dict[int, int] = defaultdict(int)
        for question in make_questions(texts, count, chats, unique):
            server.control("message", {
                "text": question.text, "chat_id": question.chat_id,
                "user_id": question.user_id, "chat_type": "supergroup"})
            per_chat[question.chat_id] += 1  # a fresh server numbers each group's messages 1, 2…
            questions.append(Question(question.chat_id, question.user_id, question.text,
                                      per_chat[question.chat_id]))
        if profile is not None:
            profile = profile.resolve() / f"{bot}-{kind}-{latency_ms}ms.prof"
        process = start_bot(bot, server.base_url, workdir, profile, echo_python)
        deadline = time.monotonic() + timeout
        while not server.control("stats")["calls"].get("getUpdates"):
            _check_alive(bot, process, workdir, deadline, timeout)
            time.sleep(0.005)
        bot_cpu = _cpu_seconds(process.pid)  # start-up is not counted
        server_cpu = _cpu_seconds(server.process.pid)
        while server.control("stats")["calls"].get("sendMessage", 0) < count:
            _check_alive(bot, process, workdir, deadline, timeout)
            time.sleep(0.1)
        bot_cpu = _cpu_seconds(process.pid) - bot_cpu
        server_cpu = _cpu_seconds(server.process.pid) - server_cpu
        calls = server.control("calls", query="?method=sendMessage")["calls"]
        polls = server.control("calls", query="?method=getUpdates")["calls"]
        sent = [c for c in calls if c.get("status", 200) == 200]
        answered = check_answers(bot, questions, sent)
        started = min(c["at"] for c in polls)
        seconds = max(c["at"] for c in sent) + latency_ms / 1000 - started
        return Run(kind, latency_ms, bot, count, answered, seconds, answered / seconds,
                   bot_cpu, server_cpu)
    finally:
        if process is not None:
            stop(process)
        server.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _check_alive(bot: str, process: subprocess.Popen[bytes], workdir: Path, deadline: float,
                 timeout: float) -> None:
    """Raise if the bot died or the run took longer than ``timeout``."""
    if process.poll() is not None:
        log = (workdir / f"{bot}.log").read_text(errors="replace")[-2000:]
        raise BenchmarkError(f"{bot} exited with {process.returncode}:\n{log}")
    if time.monotonic() > deadline:
        raise BenchmarkError(f"{bot}: not every question answered in {timeout:.0f} s")


# --------------------------------------------------------------------------- request layers
def request_options() -> dict[str, tuple[Any, bool]]:
    """Return the send paths compared by ``--requests``: name → (request factory, lean).

    ``lean``: the answer goes out as the bot sends it (``do_api_request`` with JSON-ready
    parameters, the sent message not parsed); otherwise through PTB's ``send_message``.
    """
    from telegram.request import HTTPXRequest

    from bot.http import AiohttpRequest

    return {
        "httpx, pool 256 (PTB default)": (lambda: HTTPXRequest(connection_pool_size=256), False),
        "httpx, pool 8": (lambda: HTTPXRequest(connection_pool_size=8), False),
        "aiohttp, pool 256": (lambda: AiohttpRequest(256), False),
        "aiohttp, pool 256, do_api_request (the bot's)": (lambda: AiohttpRequest(256), True),
    }


_KEYBOARD = {"inline_keyboard": [[{"text": "Mehr", "callback_data": "more:1"},
                                  {"text": "👍", "callback_data": "vote:1:up"},
                                  {"text": "👎", "callback_data": "vote:1:down"}]]}
"""An answer's keyboard, as the Bot API takes it."""


async def _time_sends(make: Any, lean: bool, base_url: str, count: int,
                      concurrency: int) -> float:
    """Send ``count`` answers through a Bot on request layer ``make()``; return CPU µs each."""
    from telegram import Bot, InlineKeyboardMarkup, ReplyParameters

    markup = InlineKeyboardMarkup.de_json(_KEYBOARD, None)
    async with Bot(TOKEN, base_url=base_url, request=make()) as bot:
        slots = asyncio.Semaphore(concurrency)

        async def send(i: int) -> None:
            chat_id, text = -1_000_000_000_000 - i % 50, f"<b>Antwort</b> {i} " * 20
            async with slots:
                if lean:
                    await bot.do_api_request("sendMessage", {
                        "chat_id": chat_id, "text": text, "parse_mode": "HTML",
                        "reply_markup": _KEYBOARD,
                        "reply_parameters": {"message_id": i + 1,
                                             "allow_sending_without_reply": True}})
                else:
                    await bot.send_message(chat_id, text, parse_mode="HTML", reply_markup=markup,
                                           reply_parameters=ReplyParameters(
                                               i + 1, allow_sending_without_reply=True))

        with warnings.catch_warnings():  # PTB advises send_message for do_api_request
            warnings.simplefilter("ignore")
            await asyncio.gather(*(send(i) for i in range(50)))  # warm up the pool
            started = time.process_time()
            await asyncio.gather(*(send(i) for i in range(count)))
            return (time.process_time() - started) / count * 1e6


def compare_requests(count: int, concurrencies: Sequence[int] = (1, 64)) -> list[dict[str, Any]]:
    """Measure the bot-side CPU per answer sent on each send path (tiny server)."""
    server = Server("tiny")
    try:
        rows = []
        for name, (make, lean) in request_options().items():
            row: dict[str, Any] = {"request": name}
            for concurrency in concurrencies:
                row[f"cpu_us_at_{concurrency}"] = asyncio.run(
                    _time_sends(make, lean, server.base_url, count, concurrency))
            rows.append(row)
        return rows
    finally:
        server.close()


# --------------------------------------------------------------------------- command line
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the benchmark's options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", choices=(*SERVERS, "both"), default="suite",
                        help="which Bot API server to run against (default: suite)")
    parser.add_argument("--latency-ms", type=int, nargs="+", default=[0, 50],
                        help="simulated Bot API latency per call (default: 0 50)")
    parser.add_argument("--questions", type=int, default=None,
                        help="questions per run (default: 2000 at 0 ms, 300 otherwise)")
    parser.add_argument("--chats", type=int, default=100, help="groups asking (default 100)")
    parser.add_argument("--unique", nargs="?", const="number", choices=UNIQUE_SUFFIXES,
                        help="make every question distinct, its number appended in digits"
                        " (default) or as a German word, so the engine's memo of recent"
                        " questions never answers one")
    parser.add_argument("--repeat", type=int, default=3, help="runs per bot (default 3)")
    parser.add_argument("--bots", nargs="+", choices=BOTS, default=["article", "echo"])
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--out", type=Path, default=None, help="JSON file to write")
    parser.add_argument("--requests", action="store_true",
                        help="instead: compare send paths (CPU per answer sent)")
    parser.add_argument("--sends", type=int, default=3000,
                        help="with --requests: messages sent per layer (default 3000)")
    parser.add_argument("--echo-python", default=None, metavar="PYTHON",
                        help="interpreter for the echo bots, e.g. of a venv with only"
                        " `pip install python-telegram-bot` (default: this one)")
    parser.add_argument("--profile", type=Path, default=None, metavar="DIR",
                        help="run the bots under cProfile, writing DIR/<bot>-<server>-<ms>.prof")
    return parser.parse_args(argv)


def summarize(runs: Sequence[Run]) -> list[dict[str, Any]]:
    """Return one row per (server, latency, bot): medians over the runs, ratio vs echo."""
    groups: dict[tuple[str, int, str], list[Run]] = defaultdict(list)
    for run in runs:
        groups[(run.server, run.latency_ms, run.bot)].append(run)
    rows = []
    for (kind, latency_ms, bot), group in groups.items():
        rate = statistics.median(r.answers_per_s for r in group)
        rows.append({
            "server": kind, "latency_ms": latency_ms, "bot": bot, "runs": len(group),
            "questions": group[0].questions,
            "answers_per_s": rate,
            "answers_per_s_all": [round(r.answers_per_s, 1) for r in group],
            "bot_cpu_ms_per_answer": statistics.median(
                1000 * r.bot_cpu_s / r.answered for r in group),
            "server_cpu_ms_per_answer": statistics.median(
                1000 * r.server_cpu_s / r.answered for r in group),
        })
    for row in rows:
        echo = next((r for r in rows if r["bot"] == "echo" and r["server"] == row["server"]
                     and r["latency_ms"] == row["latency_ms"]), None)
        row["vs_echo"] = row["answers_per_s"] / echo["answers_per_s"] if echo else None
        row["goal"] = GOALS.get(row["latency_ms"]) if row["bot"] == "article" else None
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table and write the JSON; 1 if a run failed."""
    args = parse_args(argv)
    if args.requests:
        return print_request_comparison(args.sends, args.out)
    texts, source = load_questions(None)
    kinds = list(SERVERS) if args.server == "both" else [args.server]
    print(machine_line(machine()))
    variant = f"each made unique ({args.unique})" if args.unique else "repeated"
    print(f"questions: {source}, {variant};"
          f" {args.chats} groups, {args.repeat} run(s) per bot")
    if args.echo_python:
        print(f"echo bots run on {args.echo_python}")
    runs: list[Run] = []
    try:
        for kind in kinds:
            for latency_ms in args.latency_ms:
                count = args.questions or DEFAULT_QUESTIONS.get(latency_ms, DEFAULT_SLOW_QUESTIONS)
                for repeat in range(args.repeat):
                    order = args.bots if repeat % 2 == 0 else list(reversed(args.bots))
                    for bot in order:
                        run = run_once(kind, bot, latency_ms, texts, count, args.chats,
                                       args.timeout, args.profile, args.echo_python,
                                       args.unique)
                        runs.append(run)
                        print(f"  {kind} {latency_ms} ms {bot}: {run.answers_per_s:,.0f}/s "
                              f"({run.answered} answers in {run.seconds:.2f} s)", flush=True)
    except BenchmarkError as error:
        print(f"throughput: {error}", file=sys.stderr)
        return 1
    rows = summarize(runs)
    print(format_table(
        ["server", "latency ms", "bot", "questions", "answers/s", "× echo", "goal",
         "bot CPU ms/answer", "server CPU ms/answer"],
        [[r["server"], r["latency_ms"], r["bot"], r["questions"], r["answers_per_s"],
          r["vs_echo"], f"≥ {r['goal']}×" if r["goal"] else None, r["bot_cpu_ms_per_answer"],
          r["server_cpu_ms_per_answer"]] for r in rows],
    ))
    path = write_json("throughput", {"source": source, "unique": args.unique,
                                     "chats": args.chats,
                                     "echo_python": args.echo_python or sys.executable,
                                     "rows": rows,
                                     "runs": [vars(r) if hasattr(r, "__dict__") else
                                              {f: getattr(r, f) for f in r.__slots__}
                                              for r in runs]}, args.out)
    print(f"wrote {path}")
    return 0


def print_request_comparison(count: int, out: Path | None) -> int:
    """Run :func:`compare_requests`, print its table and write the JSON."""
    print(machine_line(machine()))
    rows = compare_requests(count)
    print(format_table(["send path", "CPU µs/send, 1 at a time", "CPU µs/send, 64 at once"],
                       [[r["request"], r["cpu_us_at_1"], r["cpu_us_at_64"]] for r in rows]))
    path = write_json("throughput_requests", {"sends": count, "rows": rows}, out)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
