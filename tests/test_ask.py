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


def test_jsonl_reads_evaluation_records_and_echoes_their_id() -> None:
    records = [
        {"id": "q-1", "question": "Wann hat Kim das Dekret unterzeichnet?", "gold": ["x"]},
        {"question": "Wo liegt Kursk?"},
        {"id": 3, "text": "not a question field"},
    ]
    stdin = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{broken\n"
    proc = _ask("--jsonl", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["q-1", None, None, None]
    assert [o["question"] for o in out[:2]] == [records[0]["question"], records[1]["question"]]
    assert out[2]["question"] == json.dumps(records[2]) and out[3]["question"] == "{broken"
    assert "am 12. November" in out[0]["passages"][0]["text"]
    assert out[0]["answered"] is True and out[0]["confidence"] == "high"
    assert out[0]["language"] == "de"


def test_jsonl_into_a_reader_that_stops_early_ends_without_a_traceback(tmp_path: Path) -> None:
    """``article-bot ask --jsonl < FILE | head -1`` stops quietly when head exits."""
    questions = tmp_path / "questions.txt"
    questions.write_text("Wo liegt Kursk?\n" * 20_000, encoding="utf-8")
    with questions.open("rb") as stdin, subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--jsonl"], stdin=stdin, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, cwd=ROOT,
    ) as proc:  # fmt: skip
        assert proc.stdout.readline().startswith(b"{")
        proc.stdout.close()  # the reader leaves, like head after its first line
        stderr = proc.stderr.read()
    assert (proc.returncode, stderr) == (141, b"")
