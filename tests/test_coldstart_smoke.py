"""The cold-start benchmark runs at a tiny size; the engine loads without all of nltk.

No timing is asserted: the goals live in ``python -m benchmarks.coldstart``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import coldstart
from knowledge import nltk_parts


def test_coldstart_benchmark_times_both_bots(tmp_path: Path) -> None:
    out = tmp_path / "coldstart.json"
    assert coldstart.main(["--repeat", "1", "--imports", "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    rows = {r["bot"]: r for r in document["rows"]}
    assert set(rows) == {"article", "echo"}
    for row in rows.values():
        assert 0 < row["first_call_s"] <= row["first_poll_s"] <= row["first_answer_s"]
        assert row["idle_rss_mb"] > 0
    assert document["imports"][0]["module"] == "bot.telegram"


def test_the_engine_loads_without_importing_all_of_nltk() -> None:
    script = (
        "import sys\n"
        "from knowledge import KnowledgeBase\n"
        "assert KnowledgeBase.load().search('Wer hat ratifiziert?', k=1).passages\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'nltk'], 'nltk left behind'\n"
        "import nltk\n"  # a later ordinary import is complete
        "from nltk.tokenize.punkt import PunktSentenceTokenizer\n"
        "assert nltk.word_tokenize and nltk.tokenize.punkt.PunktSentenceTokenizer\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=Path(__file__).parent.parent)


def test_nltk_parts_only_imports_nltk_modules() -> None:
    with pytest.raises(ValueError, match="not an nltk module"):
        nltk_parts.import_module("json")
    stemmer = nltk_parts.import_module("nltk.stem.snowball").GermanStemmer()
    assert stemmer.stem("Verträge") == "vertrag"
