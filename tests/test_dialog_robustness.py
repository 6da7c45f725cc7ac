"""The dialog never raises: any text or button data gives a well-formed reply or silence."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.store import SqliteStore
from bot.telegram_render import render
from handlers.dialog import Dialog, DialogSettings
from handlers.limits import MAX_MESSAGE_LENGTH, utf16_length
from handlers.messages import ButtonPress, IncomingMessage
from knowledge import KnowledgeBase
from tests.dialog_fixtures import DialogTester, reply_text
from tests.telegram_html import check_message_text

surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
texts = st.one_of(
    st.text(max_size=300),
    st.builds(lambda a, b: a + b, st.text(max_size=20), st.text(surrogates, max_size=3)),
    st.builds(
        lambda cmd, rest: f"/{cmd} {rest}",
        st.sampled_from(["ask", "more", "lang", "passages", "frage", "stats", "x", "", "ask@"]),
        st.text(max_size=80),
    ),
    st.sampled_from(["<b>", "</blockquote>", "&amp;", "\x00", "\u200b", "مرحبا", "🙂" * 50]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    events=st.lists(
        st.one_of(
            st.builds(
                IncomingMessage,
                text=texts,
                user_id=st.sampled_from([1, 2, 42]),
                chat_id=st.sampled_from([1, 2, -100]),
                chat_kind=st.sampled_from(["private", "group", "supergroup", "channel"]),
                language_code=st.sampled_from([None, "de", "en", "en-US", "xx", ""]),
                addressed=st.booleans(),
                reply_to_bot=st.booleans(),
            ),
            st.builds(
                ButtonPress,
                data=st.one_of(
                    st.text(max_size=70),
                    st.from_regex(r"(more|vote):[0-9]{1,3}(:up|:down)?", fullmatch=True),
                ),
                user_id=st.sampled_from([1, 2]),
                chat_id=st.sampled_from([1, 2, -100]),
            ),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_event_sequence_gets_a_valid_reply_or_silence(
    shipped_kb: KnowledgeBase, tmp_path: Path, events: list
) -> None:
    async def run() -> None:
        async with SqliteStore.open(tmp_path / "fuzz.sqlite3") as store:
            dialog = Dialog(shipped_kb, store, DialogSettings(admin_ids=frozenset({42})))
            for event in events:
                reply = await dialog.handle(event)
                if reply is None:
                    continue
                assert reply_text(reply) != "Entschuldigung, da ist etwas schiefgegangen."
                html = render(reply).text
                if html:
                    check_message_text(html, "HTML")
                assert utf16_length(html) <= MAX_MESSAGE_LENGTH
                assert reply.blocks or reply.toast

    asyncio.run(run())


async def test_a_failing_store_gets_an_apology_not_a_traceback(
    dialog_bot: DialogTester, caplog: pytest.LogCaptureFixture
) -> None:
    await dialog_bot.close()  # every store call now fails
    with caplog.at_level(logging.ERROR, logger="handlers.dialog"):
        reply = await dialog_bot.ask("Wann hat Kim das Dekret unterzeichnet?")
        press = await dialog_bot.click("vote:1:up")
    assert reply_text(reply).startswith("Entschuldigung, da ist etwas schiefgegangen.")
    assert press.toast.startswith("Entschuldigung") and not press.blocks
    assert "Failed to handle IncomingMessage" in caplog.text
    await dialog_bot.open()


async def test_a_failing_store_never_answers_ignored_group_chatter(
    dialog_bot: DialogTester,
) -> None:
    await dialog_bot.close()
    assert (
        await dialog_bot.ask("Hallo zusammen", chat_id=-100, chat_kind="group", addressed=False)
        is None
    )
    await dialog_bot.open()
