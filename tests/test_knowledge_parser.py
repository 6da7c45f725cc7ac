"""The article parser: the seed yields 12 body sentences plus the caption."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, KnowledgeError
from knowledge.parser import load_article, parse_article

SEED = Path(__file__).parents[1] / "knowledge" / "articles" / "000_b244c663cbdd2908.txt"
SOURCE = "https://vtcnews.vn/trieu-tien-phe-chuan-hiep-uoc-phong-thu-chung-voi-nga-ar906862.html"


def test_seed_parses_into_twelve_sentences_and_the_caption() -> None:
    article = load_article(SEED)
    assert article.id == "000_b244c663cbdd2908"
    assert article.source_url == SOURCE
    assert len(article.sentences) == 12
    assert article.caption is not None
    assert article.caption.endswith("teil. (Foto: Reuters)")
    assert not any("Foto: Reuters" in s or "Kommentar" in s for s in article.sentences)


@pytest.mark.parametrize(
    "fragment", ["am 12. November ein Dekret", "am 9. November und", "mehr als 10.000 nordkor"]
)
def test_ordinals_and_numbers_never_split_a_sentence(fragment: str) -> None:
    article = load_article(SEED)
    assert sum(fragment in s for s in article.sentences) == 1


def test_headings_titles_and_junk_are_dropped() -> None:
    text = (
        "Aufzugsanlage\n\n=== Seilloser Aufzug ===\n"
        "Der Aufzug fährt z. B. im 19. Jahrhundert schneller. Er hält am 3. Mai.\n"
        "Teilen\nKommentar (3)\nQuelle: https://example.org/a\n"
    )
    article = parse_article(text, "a1")
    assert article.title == "Aufzugsanlage"
    assert article.sentences == (
        "Der Aufzug fährt z. B. im 19. Jahrhundert schneller.",
        "Er hält am 3. Mai.",
    )
    assert article.source_url == "https://example.org/a"
    assert article.caption is None


def test_missing_or_empty_knowledge_dir_raises(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError):
        KnowledgeBase.load(tmp_path / "missing")
    with pytest.raises(KnowledgeError):
        KnowledgeBase.load(tmp_path)


def test_several_articles_keep_their_ids_and_sources(tmp_path: Path) -> None:
    (tmp_path / "alpha.txt").write_text(
        "Der Bäcker backt jeden Morgen Brot.\nQuelle: https://a.example/x\n", encoding="utf-8"
    )
    (tmp_path / "beta.txt").write_text(
        "Die Fähre fährt stündlich nach Sylt.\nQuelle: https://b.example/y\n", encoding="utf-8"
    )
    kb = KnowledgeBase.load(tmp_path)
    assert [a.id for a in kb.articles] == ["alpha", "beta"]
    best = kb.search("Wohin fährt die Fähre?").passages[0]
    assert (best.article, best.source_url) == ("beta", "https://b.example/y")


def test_ordinal_before_any_noun_is_no_sentence_end() -> None:
    article = parse_article("Er feierte sein 60. Thronjubiläum. Dann ging er.", "a")
    assert article.sentences == ("Er feierte sein 60. Thronjubiläum.", "Dann ging er.")
