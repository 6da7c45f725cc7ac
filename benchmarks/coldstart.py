"""Cold start: process start → first answer sent, and the idle bot's memory.

    python -m benchmarks.coldstart                # 5 starts of each bot, medians
    python -m benchmarks.coldstart --repeat 1 --bots article

Each start gets a fresh Bot API server on 127.0.0.1 (the independent stdlib one,
``benchmarks.tiny_botapi``, in its own process) with one question already waiting, and a
fresh database. The clock starts right before the bot's process is spawned and stops when
the server receives the answer (``sendMessage``); the server's call log (same monotonic
clock) splits that into: until the first Bot API call (interpreter, imports, building the
Application), until the first ``getUpdates`` (``post_init``: knowledge base, store, inbox,
command menus), until the answer. Two seconds after the answer, the process's resident set
(VmRSS) is read as the idle RSS. PTB's echo bot (``benchmarks.echobot``) runs alongside
as the floor: what python-telegram-bot alone costs. ``--imports`` adds the slowest imports
of ``bot.telegram`` (``python -X importtime``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import REPO_ROOT, format_table, machine, machine_line, write_json
from benchmarks.throughput import BenchmarkError, Server, start_bot, stop

QUESTION = "Wer hat den Vertrag ratifiziert?"
IDLE_WAIT = 2.0
GOALS = {"first_answer_s": 1.0, "idle_rss_mb": 80.0}


def _rss_mb(pid: int) -> float:
    """Return the resident set of process ``pid`` in MiB (Linux)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise BenchmarkError("no VmRSS in /proc (Linux only)")


def start_once(bot: str, timeout: float = 30.0) -> dict[str, float]:
    """Start ``bot`` against a fresh server with one waiting question; return the timings."""
    server = Server("tiny")
    workdir = Path(tempfile.mkdtemp(prefix=f"coldstart-{bot}-"))
    process = None
    try:
        server.control("message", {"text": QUESTION, "user_id": 4242})
        started = time.monotonic()
        process = start_bot(bot, server.base_url, workdir)
        deadline = started + timeout
        while not server.control("stats")["calls"].get("sendMessage"):
            if process.poll() is not None or time.monotonic() > deadline:
                log = (workdir / f"{bot}.log").read_text(errors="replace")[-2000:]
                raise BenchmarkError(f"{bot} did not answer within {timeout:.0f} s:\n{log}")
            time.sleep(0.002)
        calls = server.control("calls")["calls"]
        first_call = min(c["at"] for c in calls)
        first_poll = min(c["at"] for c in calls if c["method"] == "getUpdates")
        answer = min(c["at"] for c in calls if c["method"] == "sendMessage")
        time.sleep(IDLE_WAIT)
        return {
            "first_answer_s": answer - started,
            "first_call_s": first_call - started,
            "first_poll_s": first_poll - started,
            "idle_rss_mb": _rss_mb(process.pid),
        }
    finally:
        if process is not None:
            stop(process)
        server.close()
        shutil.rmtree(workdir, ignore_errors=True)


def slowest_imports(module: str = "bot.telegram", top: int = 12) -> list[dict[str, Any]]:
    """Return the ``top`` imports of ``module`` by cumulative time (``-X importtime``)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                            cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if match:
            rows.append({"module": match[4], "depth": len(match[3]) // 2,
                         "self_ms": int(match[1]) / 1000, "cumulative_ms": int(match[2]) / 1000})
    return sorted(rows, key=lambda r: -r["cumulative_ms"])[:top]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the benchmark's options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="starts per bot (default 5)")
    parser.add_argument("--bots", nargs="+", choices=("article", "echo"),
                        default=["article", "echo"])
    parser.add_argument("--imports", action="store_true",
                        help="also list the slowest imports of bot.telegram")
    parser.add_argument("--out", type=Path, default=None, help="JSON file to write")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table and write the JSON; 1 if a start failed."""
    args = parse_args(argv)
    print(machine_line(machine()))
    runs: dict[str, list[dict[str, float]]] = {bot: [] for bot in args.bots}
    try:
        for _ in range(args.repeat):
            for bot in args.bots:
                runs[bot].append(start_once(bot))
    except BenchmarkError as error:
        print(f"coldstart: {error}", file=sys.stderr)
        return 1
    rows = []
    for bot, samples in runs.items():
        row: dict[str, Any] = {"bot": bot, "starts": len(samples)}
        for key in ("first_call_s", "first_poll_s", "first_answer_s", "idle_rss_mb"):
            row[key] = statistics.median(s[key] for s in samples)
        row["first_answer_s_all"] = [round(s["first_answer_s"], 3) for s in samples]
        rows.append(row)
    print(format_table(
        ["bot", "starts", "first API call s", "first getUpdates s", "first answer s",
         "idle RSS MB"],
        [[r["bot"], r["starts"], r["first_call_s"], r["first_poll_s"], r["first_answer_s"],
          r["idle_rss_mb"]] for r in rows],
    ))
    print(f"goal (article bot): first answer ≤ {GOALS['first_answer_s']} s, "
          f"idle RSS ≤ {GOALS['idle_rss_mb']:.0f} MB")
    imports = slowest_imports() if args.imports else []
    if imports:
        print(format_table(["import (bot.telegram)", "cumulative ms", "self ms"],
                           [["  " * r["depth"] + r["module"], r["cumulative_ms"], r["self_ms"]]
                            for r in imports]))
    path = write_json("coldstart", {"rows": rows, "goals": GOALS, "imports": imports,
                                    "runs": runs}, args.out)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
