"""KnowledgeBase.search: answers, confidence, highlights, context, robustness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import Confidence, KnowledgeBase, SearchResult


def test_must_show_question(kb: KnowledgeBase) -> None:
    result = kb.search("Wann hat Kim Jong-un das Dekret unterzeichnet?")
    assert result.answered and result.confidence is Confidence.HIGH
    assert "am 12. November ein Dekret" in result.passages[0].text
    assert result.language == "de"


def test_english_question_is_detected_and_answered(kb: KnowledgeBase) -> None:
    result = kb.search("Where did Putin and Kim attend a state banquet?")
    assert result.language == "en"
    assert result.passages[0].is_caption
    assert "(Foto: Reuters)" in result.passages[0].text


@pytest.mark.parametrize(
    "question", ["Wie ist das Wetter morgen in Berlin?", "Wer hat das Pokalfinale gewonnen?"]
)
def test_off_topic_questions_are_not_answered(kb: KnowledgeBase, question: str) -> None:
    result = kb.search(question)
    assert not result.answered
    assert result.confidence is not Confidence.HIGH


def test_how_many_needs_a_number(kb: KnowledgeBase) -> None:
    result = kb.search("Wie viele Panzer hat Nordkorea geliefert?")
    assert not result.answered


def test_highlights_are_spans_of_matched_words(kb: KnowledgeBase) -> None:
    passage = kb.search("Wann unterzeichnete Putin den Vertrag?").passages[0]
    words = [passage.text[s:e] for s, e in passage.highlights]
    assert {"Putin", "unterzeichnete", "Vertrag"} <= set(words)
    assert all(0 <= s < e <= len(passage.text) for s, e in passage.highlights)


def test_context_adds_neighbouring_sentences(kb: KnowledgeBase) -> None:
    article = kb.articles[0]
    passage = kb.search("Ratifikationsurkunden ausgetauscht", context=1).passages[0]
    assert passage.sentence == 1
    assert passage.context_before == (article.sentences[0],)
    assert passage.context_after == (article.sentences[2],)


def test_k_limits_the_passages(kb: KnowledgeBase) -> None:
    assert len(kb.search("Russland Nordkorea", k=5).passages) == 5
    assert kb.search("Russland", k=0).passages == ()


NASTY = ["", " ", "\x00", "\ud800", "\udfff lone", "🤔" * 50, "x" * 10_000, "?" * 500,
         "ß" * 300, "\u202e\u200b\ufeff", "Kim\x00Jong-un", "<b>Putin</b>", "١٢٣", "Ǆ ǅ ǆ",
         "-" * 100, "Jong-" * 200, "a-b-c-d-e-f-g", "10.000.000.000.000"]  # fmt: skip


@pytest.mark.parametrize("question", NASTY)
def test_search_never_raises_on_nasty_strings(kb: KnowledgeBase, question: str) -> None:
    result = kb.search(question)
    assert isinstance(result, SearchResult)
    result.to_json()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_search_never_raises_on_any_text(question: str) -> None:
    kb = _shared_kb()
    result = kb.search(question, 3, context=1)
    assert len(result.passages) <= 3
    assert result.answered == (result.confidence is Confidence.HIGH)


_KB: list[KnowledgeBase] = []


def _shared_kb() -> KnowledgeBase:
    if not _KB:
        _KB.append(KnowledgeBase.load())
    return _KB[0]


@pytest.mark.parametrize(
    "question",
    ["Was sagt die OSZE zu dem Abkommen?", "What did the OSCE say about the treaty?"],
)
def test_unknown_acronym_is_not_answered(kb: KnowledgeBase, question: str) -> None:
    assert not kb.search(question).answered


def test_english_irregular_verbs_and_glossary(kb: KnowledgeBase) -> None:
    result = kb.search("Where was the state banquet held?")
    assert result.language == "en" and result.passages[0].is_caption


def test_title_word_picks_the_article_not_the_sentence() -> None:
    from knowledge import Article

    articles = [
        Article("zoo", "", ("Der Zoo liegt am Fluss.", "Er öffnet um 9 Uhr."), title="Zoo Berlin"),
        Article("bad", "", ("Das Bad öffnet um 10 Uhr.",), title="Stadtbad"),
    ]
    result = KnowledgeBase(articles).search("Wann öffnet der Zoo?")
    assert result.passages[0].text == "Er öffnet um 9 Uhr."
    assert result.answered


def test_memo_returns_the_same_result_as_a_fresh_search(kb: KnowledgeBase) -> None:
    fresh = KnowledgeBase(kb.articles, memo_size=0)
    small = KnowledgeBase(kb.articles, memo_size=2)
    questions = ["Wann hat Kim das Dekret unterzeichnet?", "Wie viele Soldaten?", "Wer ist Putin?"]
    for question in questions * 2:
        assert small.search(question, 3) == fresh.search(question, 3)
    assert small.search(questions[2], 3) is small.search(questions[2], 3)
    assert small.search(questions[2], 2) != small.search(questions[2], 3)
