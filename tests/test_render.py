"""Rendering replies as Telegram HTML: escaping, highlights, limits, keyboards."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import ForceReply, InlineKeyboardMarkup

from bot.telegram_render import MAX_TEXT_LENGTH, highlight, plain_text, render, render_text
from handlers.messages import Button, Link, Quote, Reply, Text
from tests.telegram_html import TelegramHtmlError, check_message_text, parse_telegram_html


def test_quote_becomes_blockquote_with_bold_highlights_and_link() -> None:
    reply = Reply(blocks=(
        Quote("Nordkorea hat den Vertrag ratifiziert.", highlights=((18, 25),)),
        Link("https://example.org/a?x=1&y=2", "Quelle"),
    ))
    text = render(reply).text
    assert text == (
        "<blockquote>Nordkorea hat den <b>Vertrag</b> ratifiziert.</blockquote>\n\n"
        '<a href="https://example.org/a?x=1&amp;y=2">Quelle</a>'
    )
    assert parse_telegram_html(text).tags == ("blockquote", "b", "a")


@pytest.mark.parametrize(
    "hostile",
    ["<b>fett</b>", "Tom & Jerry", "</blockquote><i>", '<a href="javascript:alert(1)">x</a>',
     "&amp; &lt; &#0; &bogus;", "a > b < c", "\x00NUL", "\ud800 surrogate"],
)
def test_user_and_article_text_is_escaped(hostile: str) -> None:
    reply = Reply(blocks=(Text(hostile), Text(hostile, bold=True), Quote(hostile, ((0, 3),)),
                          Link("https://x.example/", hostile)))
    parsed = check_message_text(render(reply).text, "HTML")
    visible = hostile.replace("\x00", "").replace("\ud800", "?")
    assert parsed.plain_text.startswith(f"{visible}\n\n{visible}\n\n{visible}")


def test_unsafe_link_schemes_render_as_plain_label() -> None:
    text = render_text([Link("javascript:alert(1)", "klick")])
    assert text == "klick"


def test_highlights_are_clipped_merged_and_sorted() -> None:
    assert highlight("abcdef", [(4, 99), (0, 2), (1, 3), (5, 5), (-4, -1)]) == (
        "<b>abc</b>d<b>ef</b>"
    )
    assert highlight("a<b", [(1, 2)]) == "a<b>&lt;</b>b"


def test_long_reply_is_cut_below_the_limit_and_keeps_the_link() -> None:
    words = " ".join(["Wort&<>"] * 2000)
    reply = Reply(blocks=(Text("Kopf", bold=True), Quote(words, ((0, 4),)), Quote(words),
                          Link("https://example.org/", "Quelle")))
    text = render(reply).text
    assert len(text) <= MAX_TEXT_LENGTH
    parsed = check_message_text(text, "HTML")
    assert parsed.tags.count("blockquote") == 1
    assert text.endswith('<a href="https://example.org/">Quelle</a>')
    assert "…</blockquote>" in text


def test_absurdly_long_link_label_still_fits() -> None:
    text = render_text([Link("https://example.org/", "x" * 5000)])
    assert 0 < len(text) <= MAX_TEXT_LENGTH
    check_message_text(text, "HTML")


def test_buttons_are_laid_out_in_rows_and_bad_data_dropped() -> None:
    markup = render(Reply(blocks=(Text("a"),), buttons=(
        Button("Mehr", "more:1"), Button("👍", "vote:1:1"), Button("👎", "vote:1:-1"),
        Button("zu lang", "x" * 65), Button("Vier", "four"),
    ))).reply_markup
    assert isinstance(markup, InlineKeyboardMarkup)
    assert [[b.text for b in row] for row in markup.inline_keyboard] == [
        ["Mehr", "👍", "👎"], ["Vier"]]


def test_force_reply_wins_over_buttons() -> None:
    rendered = render(Reply(blocks=(Text("Frage?"),), buttons=(Button("x", "y"),),
                            force_reply=True))
    assert isinstance(rendered.reply_markup, ForceReply)
    assert rendered.reply_markup.selective


def test_no_blocks_render_empty_text() -> None:
    assert render(Reply(toast="ok")).text == ""
    assert render(Reply(blocks=(Text("  "),))).text == ""


def test_plain_text_joins_blocks() -> None:
    assert plain_text([Quote("a  b\n"), Link("https://e/", "L")]) == "a b L"


def test_checker_rejects_what_telegram_rejects() -> None:
    for bad in ["<b>x", "<b>x</i>", "<div>x</div>", "a & b", "&nbsp;",
                "<blockquote><blockquote>x</blockquote></blockquote>", "<a>x</a>",
                "<code><b>x</b></code>", ""]:
        with pytest.raises(TelegramHtmlError):
            check_message_text(bad, "HTML")
    assert check_message_text("<pre><code class=\"language-py\">x</code></pre>", "HTML")


_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
_spans = st.lists(st.tuples(st.integers(-5, 320), st.integers(-5, 320)), max_size=4)
_blocks = st.one_of(
    st.builds(Text, _texts, st.booleans()),
    st.builds(Quote, _texts, _spans.map(tuple), st.booleans(), _texts),
    st.builds(Link, st.sampled_from(["https://e.org/?a=1&b=<2>", "javascript:x", "tg://u"]),
              _texts),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_blocks, max_size=30), st.integers(200, MAX_TEXT_LENGTH))
def test_any_reply_renders_as_valid_html_within_the_limit(blocks: list, limit: int) -> None:
    text = render_text(blocks, limit)
    assert len(text.encode("utf-16-le")) // 2 <= limit
    parse_telegram_html(text)
