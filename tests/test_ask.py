"""``article-bot ask`` as a user runs it: a real subprocess, JSON on stdout only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
SOURCE = "https://vtcnews.vn/trieu-tien-phe-chuan-hiep-uoc-phong-thu-chung-voi-nga-ar906862.html"


def _ask(*args: str, stdin: str | None = None, env: dict | None = None):
    environment = {k: v for k, v in os.environ.items() if k != "KNOWLEDGE_DIR"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, env=environment, timeout=60,
    )  # fmt: skip


def test_must_show_json_answer() -> None:
    proc = _ask("--json", "Wann hat Kim Jong-un das Dekret unterzeichnet?")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["question"] == "Wann hat Kim Jong-un das Dekret unterzeichnet?"
    assert data["answered"] is True
    first = data["passages"][0]
    assert "am 12. November ein Dekret" in first["text"]
    assert first["source_url"] == SOURCE
    assert set(first) == {"text", "score", "article", "sentence", "source_url", "is_caption",
                          "highlights"}  # fmt: skip


def test_jsonl_answers_every_line_in_order() -> None:
    questions = ["kursk", "", "Where did Putin and Kim attend a state banquet?", "putin?"]
    proc = _ask("--jsonl", stdin="\n".join(questions) + "\n")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert [json.loads(line)["question"] for line in lines] == questions


def test_knowledge_dir_and_setting(tmp_path: Path) -> None:
    (tmp_path / "zoo.txt").write_text(
        "Der Zoo öffnet täglich um 9 Uhr.\nQuelle: https://zoo.example/\n", encoding="utf-8"
    )
    proc = _ask("--json", "Wann öffnet der Zoo?", env={"KNOWLEDGE_DIR": str(tmp_path)})
    first = json.loads(proc.stdout)["passages"][0]
    assert (first["article"], first["source_url"]) == ("zoo", "https://zoo.example/")
    bad = _ask("--knowledge", str(tmp_path / "missing"), "x")
    assert bad.returncode != 0 and bad.stdout == "" and "missing" in bad.stderr
