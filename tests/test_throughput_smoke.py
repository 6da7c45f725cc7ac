"""The throughput benchmark runs at a tiny size, and the bot's aiohttp request layer works.

No timing is asserted: speed goals live in ``python -m benchmarks.throughput``.
"""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from benchmarks import throughput
from bot.http import AiohttpRequest
from tests.botapi_server import BotApiServer, Fault


@pytest.mark.parametrize("server", ["tiny", "suite"])
def test_throughput_benchmark_answers_every_question_in_order(server: str, tmp_path: Path) -> None:
    out = tmp_path / "throughput.json"
    assert throughput.main(["--server", server, "--questions", "6", "--chats", "2",
                            "--repeat", "1", "--latency-ms", "0", "--out", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert {r["bot"] for r in rows} == {"article", "echo"}
    assert all(r["questions"] == 6 and r["answers_per_s"] > 0 for r in rows)


def test_unique_questions_never_repeat(tmp_path: Path) -> None:
    texts = ["Wer?", "Wann?"]
    for unique in throughput.UNIQUE_SUFFIXES:
        questions = throughput.make_questions(texts, 50, 3, unique)
        assert len({q.text for q in questions}) == 50
    assert throughput.make_questions(texts, 2, 1, "number")[1].text.endswith("Wann? 2")
    with pytest.raises(ValueError, match="number, word"):
        throughput.make_questions(texts, 2, 1, "letters")
    out = tmp_path / "throughput.json"
    assert throughput.main(["--server", "tiny", "--questions", "4", "--chats", "2", "--unique",
                            "--repeat", "1", "--latency-ms", "0", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["unique"] == "number"


@pytest.mark.parametrize(("n", "word"), [
    (1, "eins"), (11, "elf"), (17, "siebzehn"), (19, "neunzehn"), (21, "einundzwanzig"),
    (30, "dreißig"), (101, "einhunderteins"), (312, "dreihundertzwölf"),
    (1234, "eintausendzweihundertvierunddreißig"), (21021, "einundzwanzigtausendeinundzwanzig"),
])
def test_number_word_spells_german_numerals(n: int, word: str) -> None:
    assert throughput.number_word(n) == word


def test_check_answers_rejects_answers_out_of_order() -> None:
    questions = [throughput.Question(-1, 1, "a", 1), throughput.Question(-1, 1, "b", 2)]
    calls = [{"params": {"chat_id": -1, "text": t, "reply_parameters": {"message_id": m}}}
             for t, m in (("b", 2), ("a", 1))]
    with pytest.raises(throughput.BenchmarkError, match="chat -1"):
        throughput.check_answers("echo", questions, calls)
    assert throughput.check_answers("echo", questions, calls[::-1]) == 2


def _data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


async def test_aiohttp_request_sends_forms_and_files_and_maps_errors() -> None:
    async with BotApiServer() as server:
        request = AiohttpRequest(connection_pool_size=2, read_timeout=0.5)
        await request.initialize()
        url = f"{server.base_url}123:ABC"
        try:
            status, body = await request.do_request(
                f"{url}/sendMessage", "POST", _data(chat_id=5, text="<b>hi</b>",
                                                    parse_mode="HTML"))
            assert status == 200 and json.loads(body)["result"]["text"] == "<b>hi</b>"
            document = InputFile(BytesIO(b"data"), filename="a.txt", attach=True)
            await request.do_request(f"{url}/setMyName", "POST",
                                     _data(name="Bot", document=document))
            assert server.calls[-1].params["name"] == "Bot"
            assert "<file>" in server.calls[-1].params.values()
            server.config.faults.append(Fault("delay", "getMe", delay=2.0))
            with pytest.raises(TimedOut):
                await request.do_request(f"{url}/getMe", "POST")
            server.config.faults.append(Fault("reset", "getMe"))
            with pytest.raises(NetworkError):
                await request.do_request(f"{url}/getMe", "POST")
        finally:
            await request.shutdown()


async def test_aiohttp_request_errors_never_show_the_token() -> None:
    request = AiohttpRequest()
    await request.initialize()
    try:
        for url in ("http://127.0.0.1:99999/bot123456:SECRET-token/getMe",
                    "htp://host/bot123456:SECRET-token/getMe"):
            with pytest.raises(NetworkError) as caught:
                await request.do_request(url, "POST")
            assert "SECRET" not in str(caught.value) and caught.value.__cause__ is None
    finally:
        await request.shutdown()


def test_request_layer_comparison_runs(tmp_path: Path) -> None:
    out = tmp_path / "requests.json"
    assert throughput.main(["--requests", "--sends", "5", "--out", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert [r["request"] for r in rows] == list(throughput.request_options())
    assert all(r["cpu_us_at_1"] > 0 and r["cpu_us_at_64"] > 0 for r in rows)
