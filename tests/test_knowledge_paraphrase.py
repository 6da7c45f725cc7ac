"""Questions worded unlike the article: photo credits, compound parts, paraphrase, answer types."""

from __future__ import annotations

import pytest

from knowledge import Article, KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    "question",
    [
        "Welche Agentur hat das Bild gemacht?",
        "Who took the picture?",
        "Wer hat die Aufnahme gemacht?",
    ],
)
def test_photo_questions_find_the_caption(kb: KnowledgeBase, question: str) -> None:
    assert kb.search(question).passages[0].is_caption


def test_caption_carries_the_photo_word_whatever_its_credit_says() -> None:
    article = Article(
        "a", "", ("Der Zoo öffnet um 9 Uhr.",), caption="Ein Elefant im Gehege. (Bild: dpa)"
    )
    result = KnowledgeBase([article]).search("Von welcher Agentur ist das Foto?")
    assert result.passages[0].is_caption
