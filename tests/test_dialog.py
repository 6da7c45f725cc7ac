"""The dialog through the test adapter: every command, languages, answers, paging, votes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.telegram_render import render
from handlers.callbacks import parse
from handlers.commands import COMMANDS, command_menu
from handlers.limits import MAX_MESSAGE_LENGTH, fit_reply, utf16_length
from handlers.messages import IncomingMessage, Link, Quote, Reply, Text
from knowledge import Confidence
from tests.dialog_fixtures import (
    ADMIN,
    OTHER_USER,
    DialogTester,
    button_data,
    quotes,
    reply_text,
)
from tests.telegram_html import check_message_text, parse_telegram_html

SOURCE = "https://vtcnews.vn/trieu-tien-phe-chuan-hiep-uoc-phong-thu-chung-voi-nga-ar906862.html"
KIM = "Wann hat Kim das Dekret unterzeichnet?"
FOOTBALL = "Wer hat das Fußballspiel gewonnen?"


def assert_telegram_ready(reply: Reply | None) -> None:
    """The reply renders as well-formed Telegram HTML within the size limit."""
    assert reply is not None
    html = render(reply).text
    if html:
        check_message_text(html, "HTML")
    assert utf16_length(html) <= MAX_MESSAGE_LENGTH
    assert all(len(b.data.encode()) <= 64 for b in reply.buttons)


async def test_question_is_answered_with_quote_highlights_link_and_buttons(
    dialog_bot: DialogTester,
) -> None:
    reply = await dialog_bot.ask(KIM)
    first = quotes(reply)[0]
    assert "12. November" in first.text
    marked = {first.text[s:e] for s, e in first.highlights}
    assert {"Kim", "Dekret"} <= marked
    assert any(isinstance(b, Link) and b.url == SOURCE for b in reply.blocks)
    assert [b.label for b in reply.buttons] == ["Mehr", "👍", "👎"]
    assert reply.blocks[0] == Text("Laut Artikel:")
    assert_telegram_ready(reply)


async def test_caption_is_labelled(dialog_bot: DialogTester) -> None:
    reply = await dialog_bot.ask("Wer nahm am Staatsbankett in Pjöngjang teil?")
    caption = next(q for q in quotes(reply) if q.is_caption)
    assert caption.label == "Bildunterschrift" and "(Foto: Reuters)" in caption.text


@pytest.mark.parametrize(
    "question",
    [KIM, FOOTBALL, "Wann fand das Staatsbankett in Pjöngjang statt?", "Was zeigt das Foto?"],
)
async def test_reply_follows_the_engines_confidence(
    dialog_bot: DialogTester, shipped_kb, question: str
) -> None:
    result = shipped_kb.search(question, k=4)
    reply = await dialog_bot.ask(question)
    text = reply_text(reply)
    if result.answered:
        assert quotes(reply)[0].text == result.passages[0].text
        assert "Am nächsten" not in text and "leider nichts" not in text
    elif result.confidence is Confidence.LOW:
        assert text.startswith("Darauf gibt der Artikel keine klare Antwort. Am nächsten kommt:")
        assert [q.text for q in quotes(reply)] == [result.passages[0].text]
        assert "anderen Worten" in text
    else:
        assert "leider nichts" in text and not quotes(reply)
    stored = await dialog_bot.store.get_question(1)
    assert stored is not None and stored.answered is result.answered


async def test_no_answer_is_honest_and_stored_as_unanswered(dialog_bot: DialogTester) -> None:
    reply = await dialog_bot.ask(FOOTBALL)
    text = reply_text(reply)
    assert "steht im Artikel leider nichts" in text and "anderen Worten" in text
    assert quotes(reply) == [] and reply.buttons == ()
    stats = await dialog_bot.store.stats()
    assert (stats.questions, stats.answered) == (1, 0)


async def test_english_user_gets_english_interface_and_german_quotes(
    dialog_bot: DialogTester,
) -> None:
    reply = await dialog_bot.ask(KIM, language_code="en-GB")
    assert reply.blocks[0] == Text("The article says (quoted in German):")
    assert "12. November" in quotes(reply)[0].text
    assert [b.label for b in reply.buttons] == ["More", "👍", "👎"]
    assert "does not say" in reply_text(await dialog_bot.ask(FOOTBALL, language_code="en"))


async def test_lang_command_switches_and_validates(dialog_bot: DialogTester) -> None:
    assert "Deutsch" in reply_text(await dialog_bot.ask("/lang"))
    assert reply_text(await dialog_bot.ask("/lang en")) == "I'll answer in English from now on."
    assert "does not say" in reply_text(await dialog_bot.ask(FOOTBALL))
    invalid = reply_text(await dialog_bot.ask("/lang xx"))
    assert "xx" in invalid and "de, en" in invalid
    assert reply_text(await dialog_bot.ask("/sprache DE")) == "Ich antworte jetzt auf Deutsch."
    # The chat's choice beats the client's language.
    assert "leider nichts" in reply_text(await dialog_bot.ask(FOOTBALL, language_code="en"))


async def test_more_pages_to_the_end(dialog_bot: DialogTester) -> None:
    await dialog_bot.push("/passages 1")
    dialog_bot.pop()
    answer = await dialog_bot.ask(KIM)
    seen = [q.text for q in quotes(answer)]
    assert len(seen) == 1
    for _ in range(20):
        reply = await dialog_bot.ask("/more")
        if not quotes(reply):
            break
        assert reply_text(reply).startswith("Weitere Stellen zu „Wann hat Kim")
        assert_telegram_ready(reply)
        seen += [q.text for q in quotes(reply)]
    else:
        pytest.fail("/more never reached the end")
    assert "keine weiteren Stellen" in reply_text(reply)
    assert len(seen) == len(set(seen)) >= 3
    # At the end it stays at the end.
    assert "keine weiteren Stellen" in reply_text(await dialog_bot.ask("/mehr"))


async def test_more_button_continues_from_the_answer(dialog_bot: DialogTester) -> None:
    answer = await dialog_bot.ask(KIM)
    more = await dialog_bot.click(button_data(answer, "more:"))
    first_page = {q.text for q in quotes(answer)}
    assert quotes(more) and not first_page & {q.text for q in quotes(more)}


async def test_more_without_question(dialog_bot: DialogTester) -> None:
    assert "Stell zuerst eine Frage" in reply_text(await dialog_bot.ask("/more"))


async def test_vote_changed_twice_keeps_one_vote(dialog_bot: DialogTester) -> None:
    answer = await dialog_bot.ask(KIM)
    up, down = button_data(answer, "vote:"), button_data(answer, "vote:").replace(":up", ":down")
    assert up.endswith(":up")
    assert (await dialog_bot.click(up)).toast == "Danke für die Bewertung!"
    assert (await dialog_bot.click(down)).toast == "Bewertung geändert."
    assert (await dialog_bot.click(up)).toast == "Bewertung geändert."
    assert (await dialog_bot.click(up)).toast == "Diese Bewertung hattest du schon abgegeben."
    stats = await dialog_bot.store.stats()
    assert (stats.votes_up, stats.votes_down) == (1, 0)


@pytest.mark.parametrize(
    "data",
    [
        "",
        "vote",
        "more:",
        "more:abc",
        "vote:1:sideways",
        "vote:1",
        "more:1:2",
        "x" * 200,
        "more:99999999",
        "vote:-1:up",
        "more:1\n",
        "drop table;",
    ],
)
async def test_malformed_or_unknown_button_data_gets_a_notice(
    dialog_bot: DialogTester, data: str
) -> None:
    reply = await dialog_bot.click(data)
    assert reply == Reply(toast="Diese Schaltfläche ist nicht mehr gültig.")


async def test_button_of_another_chat_is_refused(dialog_bot: DialogTester) -> None:
    answer = await dialog_bot.ask(KIM)
    for data in (button_data(answer, "more:"), button_data(answer, "vote:")):
        reply = await dialog_bot.click(data, user_id=OTHER_USER)
        assert reply.toast == "Diese Schaltfläche ist nicht mehr gültig." and not reply.blocks
    assert (await dialog_bot.store.stats()).votes_up == 0


async def test_forget_deletes_questions_and_votes(dialog_bot: DialogTester) -> None:
    answer = await dialog_bot.ask(KIM)
    await dialog_bot.click(button_data(answer, "vote:"))
    await dialog_bot.ask(FOOTBALL)
    other = await dialog_bot.ask(KIM, user_id=OTHER_USER)
    assert (
        reply_text(await dialog_bot.ask("/forget"))
        == "Gelöscht: 2 Fragen und 1 Bewertungen von dir."
    )
    stats = await dialog_bot.store.stats()
    assert (stats.questions, stats.votes_up) == (1, 0)
    # The old buttons are stale now; the other user's question survives.
    assert "nicht mehr gültig" in reply_text(await dialog_bot.click(button_data(answer, "more:")))
    assert await dialog_bot.store.get_question(parse(button_data(other, "more:")).question_id)
    assert "Stell zuerst eine Frage" in reply_text(await dialog_bot.ask("/more"))


async def test_start_help_source_about_privacy(dialog_bot: DialogTester) -> None:
    start = await dialog_bot.ask("/start")
    assert "Hallo, Anna!" in reply_text(start)
    assert "12. November" in quotes(start)[0].text and "/help" in reply_text(start)
    help_text = reply_text(await dialog_bot.ask("/help@ArticleBot"))
    for command in ("/ask", "/source", "/about", "/more", "/lang", "/privacy", "/forget"):
        assert command in help_text
    assert "/stats" not in help_text
    for command in ("/source", "/quelle"):
        source = await dialog_bot.ask(command)
        assert [b.url for b in source.blocks if isinstance(b, Link)] == [SOURCE]
    about = reply_text(await dialog_bot.ask("/about"))
    assert "13 Stellen" in about and SOURCE in about and "12. November" in about
    privacy = reply_text(await dialog_bot.ask("/privacy"))
    assert "90 Tagen" in privacy and "/forget" in privacy
    assert "90 days" in reply_text(await dialog_bot.ask("/privacy", language_code="en"))


async def test_ask_and_alias_answer_questions(dialog_bot: DialogTester) -> None:
    for command in ("/ask", "/frage", "/ASK@ArticleBot"):
        reply = await dialog_bot.ask(f"{command} {KIM}")
        assert "12. November" in quotes(reply)[0].text
    assert "Schreib deine Frage" in reply_text(await dialog_bot.ask("/ask"))


async def test_unknown_command_empty_text_and_junk(dialog_bot: DialogTester) -> None:
    assert "/foo kenne ich nicht" in reply_text(await dialog_bot.ask("/foo bar"))
    assert "keine Frage" in reply_text(await dialog_bot.ask("   "))
    assert "/help" in reply_text(await dialog_bot.ask("/"))
    assert "1 bis 10" in reply_text(await dialog_bot.ask("/passages 99"))
    assert "bis zu 2 Stellen" in reply_text(await dialog_bot.ask("/stellen 2"))
    assert "keine weiteren" not in reply_text(await dialog_bot.ask("/more 999999"))


async def test_admin_commands_refuse_others(dialog_bot: DialogTester) -> None:
    await dialog_bot.ask(FOOTBALL)
    await dialog_bot.ask(FOOTBALL.lower())
    answer = await dialog_bot.ask(KIM)
    await dialog_bot.click(button_data(answer, "vote:").replace(":up", ":down"))
    for command in ("/stats", "/unanswered"):
        assert reply_text(await dialog_bot.ask(command)) == "Dieser Befehl ist nur für Admins."
    stats = reply_text(await dialog_bot.ask("/stats", user_id=ADMIN))
    assert "Fragen: 3 von 1 Nutzern" in stats and "Beantwortet: 1 (33%)" in stats
    assert "1. Wer hat das Fußballspiel gewonnen? (2×)" in stats
    assert "/stats" in reply_text(await dialog_bot.ask("/help", user_id=ADMIN))
    unanswered = reply_text(await dialog_bot.ask("/unanswered", user_id=ADMIN))
    assert "1. Wer hat das Fußballspiel gewonnen? (2×)" in unanswered
    assert f"2. {KIM} (1×)" in unanswered


async def test_group_rules(dialog_bot: DialogTester) -> None:
    group = {"chat_id": -100123, "chat_kind": "supergroup"}
    assert await dialog_bot.ask(KIM, addressed=False, **group) is None
    assert await dialog_bot.ask("/help", addressed=False, **group) is None
    answer = await dialog_bot.ask(f"/ask {KIM}", **group)
    assert answer.quote_message and "12. November" in quotes(answer)[0].text
    prompt = await dialog_bot.ask("/ask", **group)
    assert (
        prompt.force_reply and prompt.quote_message and "Antworte auf diese" in reply_text(prompt)
    )
    follow_up = await dialog_bot.ask(KIM, reply_to_bot=True, **group)
    assert "12. November" in quotes(follow_up)[0].text
    # A bare mention (text empty after stripping it) is treated like /ask.
    assert (await dialog_bot.ask("", **group)).force_reply
    assert await dialog_bot.ask(KIM, chat_id=-5, chat_kind="channel") is None


async def test_flood_control_notifies_once_then_recovers(dialog_bot_factory, clock) -> None:
    bot = await dialog_bot_factory(flood_limit_per_minute=3)
    for _ in range(3):
        assert quotes(await bot.ask(KIM))
    assert "zu viele Nachrichten" in reply_text(await bot.ask(KIM))
    assert await bot.ask(KIM) is None
    assert await bot.ask("/help") is None
    assert quotes(await bot.ask(KIM, user_id=OTHER_USER))  # others are unaffected
    clock.now += 61
    assert quotes(await bot.ask(KIM))
    assert (await bot.store.stats()).questions == 5


@pytest.mark.parametrize(
    "question",
    [
        "<b>Kim</b> & </blockquote> Dekret?",
        'Wer & was </blockquote><a href="javascript:x">?',
        "Fußball <i>&amp;</i> </blockquote>",
    ],
)
async def test_hostile_markup_is_escaped_in_telegram_html(
    dialog_bot: DialogTester, question: str
) -> None:
    reply = await dialog_bot.ask(question)
    html = render(reply).text
    parsed = check_message_text(html, "HTML")
    assert "<b>Kim</b>" not in parsed.plain_text or "&lt;b&gt;" in html
    no_answer = await dialog_bot.ask("</blockquote> & <b>Fußballspiel</b>?")
    html = render(no_answer).text
    assert "&lt;/blockquote&gt; &amp; &lt;b&gt;Fußballspiel&lt;/b&gt;" in html
    assert parse_telegram_html(html).tags == ()


async def test_long_questions_and_passages_fit_telegram(dialog_bot: DialogTester) -> None:
    reply = await dialog_bot.ask("Kim " * 3000)
    assert_telegram_ready(reply)
    reply = await dialog_bot.ask("&" * 5000)
    assert_telegram_ready(reply)
    huge = Reply(
        blocks=(Text("<&>" * 3000), *(Quote("Wort & " * 800, ((0, 4),)) for _ in range(5)))
    )
    fitted = fit_reply(huge)
    assert_telegram_ready(fitted)
    assert any(isinstance(b, Quote) for b in fitted.blocks)


async def test_command_menu_lists_public_commands() -> None:
    names = [name for name, _ in command_menu("de")]
    assert names[:3] == ["start", "help", "ask"] and "stats" not in names
    assert len(command_menu("en", admin=True)) == len(COMMANDS)


async def test_media_gets_text_only_in_private_and_silence_in_groups(
    dialog_bot: DialogTester,
) -> None:
    private = IncomingMessage(text="", user_id=7, chat_id=7, media="sticker")
    reply = await dialog_bot.dialog.handle(private)
    assert reply is not None and reply_text(reply).startswith("Ich verstehe nur Fragen als Text.")
    english = replace(private, language_code="en")
    reply = await dialog_bot.dialog.handle(english)
    assert reply is not None and reply_text(reply).startswith("I only understand questions")
    group = replace(private, chat_id=-100, chat_kind="group", addressed=True)
    assert await dialog_bot.dialog.handle(group) is None


async def test_english_question_gets_an_english_frame_unless_the_chat_chose(
    dialog_bot: DialogTester,
) -> None:
    reply = await dialog_bot.ask("When did Putin sign the treaty?", language_code="de")
    assert reply_text(reply).startswith("The article says (quoted in German):")
    assert "9. November" in reply_text(reply)
    no = await dialog_bot.ask("Who won the football match yesterday?", language_code="de")
    assert reply_text(no).startswith("Sorry, the article does not say")
    await dialog_bot.ask("/lang de")
    reply = await dialog_bot.ask("When did Putin sign the treaty?", language_code="de")
    assert reply_text(reply).startswith("Laut Artikel:")


@pytest.mark.parametrize(
    ("question", "intro"),
    [
        ("Woher stammt der Artikel?", "Quelle des Artikels"),
        ("/ask Von welcher Website stammt der Artikel?", "Quelle des Artikels"),
        ("what's the source of this article", "The article's source"),
    ],
)
async def test_question_about_the_articles_origin_gets_its_link(
    dialog_bot: DialogTester, question: str, intro: str
) -> None:
    reply = await dialog_bot.ask(question)
    assert reply_text(reply).startswith(intro)
    assert any(isinstance(b, Link) and b.url == SOURCE for b in reply.blocks)
    assert not quotes(reply)


async def test_question_about_a_source_inside_the_article_is_searched(
    dialog_bot: DialogTester,
) -> None:
    reply = await dialog_bot.ask("Laut welcher Quelle sind 10.000 Soldaten in Russland?")
    assert any("10.000" in q.text for q in quotes(reply))


def test_inline_source_question_offers_the_link_alone() -> None:
    from handlers.inline import inline_answers
    from knowledge import KnowledgeBase

    answers = inline_answers(KnowledgeBase.load(), "Woher stammt der Artikel?")
    assert answers, "a source question gets the source line"
    blocks = answers[0].reply.blocks
    assert not any(isinstance(b, Quote) for b in blocks)
    assert any(isinstance(b, Link) and "vtcnews.vn" in b.url for b in blocks)
    assert_telegram_ready(answers[0].reply)
