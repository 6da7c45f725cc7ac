"""The shared analysis of sentences and questions."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase
from knowledge.analysis import analyze, fold, terms
from knowledge.morphology import strong_verb_infinitive


@pytest.mark.parametrize(
    ("a", "b"),
    [("Suedkorea", "Südkorea"), ("ausserdem", "außerdem"), ("Pjoengjang", "Pjöngjang"),
     ("Truppen", "truppen"), ("Ｋｉｍ", "Kim")],
)  # fmt: skip
def test_spelling_variants_meet(a: str, b: str) -> None:
    assert terms(a) == terms(b)


def test_fold_keeps_vowel_pairs_that_are_no_umlaut() -> None:
    assert fold("Frauen") == "frauen"
    assert fold("Steuer") == "steuer"


def test_numbers_keep_their_value() -> None:
    assert terms("10.000 Soldaten")[0] == terms("10000")[0] == "10000"
    assert terms("am 12. November")[0] == "12"


def test_hyphenated_names_yield_parts_and_joined_form() -> None:
    tokens = analyze("Kim Jong-un")
    assert [t.term for t in tokens] == ["kim", "jong", "un", "jongun"]
    text = "Kim Jong-un"
    assert text[tokens[-1].start : tokens[-1].end] == "Jong-un"


def test_stop_words_and_question_words_are_dropped() -> None:
    assert terms("Wann hat er das gemacht, und wer war es?") == terms("gemacht")
    assert terms("What did they say about the treaty?") == terms("say treaty")


def test_stemming_meets_inflections() -> None:
    assert terms("Soldaten")[0] == terms("Soldat")[0]
    assert terms("Kämpfen")[0] == terms("Kampf")[0]



@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Pakt zum Beistand", "Beistandspakts"),
        ("Urkunden", "Ratifikationsurkunden"),
        ("ukrainischer Minister", "Verteidigungsminister"),
        ("Bankett", "Staatsbankett"),
        ("selenskij", "Selenskyj"),
        ("10000 Soldaten", "10.000"),
    ],
)
def test_compounds_and_typos_find_the_sentence(kb: KnowledgeBase, question: str, expected: str):
    passage = kb.search(question).passages[0]
    assert expected in passage.text
    assert any(expected in passage.text[s:e] or passage.text[s:e] in expected
               for s, e in passage.highlights)  # fmt: skip


def test_other_diacritics_are_folded() -> None:
    assert terms("Erdoğan Hümâyûn Coyoacán") == terms("Erdogan Humayun Coyoacan")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Welche Truppenverluste gab es?", "Verluste erlitten"),  # compound split into index words
        ("Wann wurde der Beistandsvertrag ratifiziert?", "Beistandspakts"),
        ("Wer hat die Zusammenarbeit bemängelt?", "kritisiert"),  # synonym in base form
    ],
)
def test_question_words_meet_article_forms(kb: KnowledgeBase, question: str, expected: str):
    assert expected in kb.search(question).passages[0].text


def test_strong_verb_forms_find_their_infinitive() -> None:
    assert strong_verb_infinitive("getroffen") == "treffen"
    assert strong_verb_infinitive("abgeschlossen") == "abschliessen"  # prefix kept, folded
    assert strong_verb_infinitive("haus") is None


def test_vocabulary_splits_only_real_compounds(kb: KnowledgeBase) -> None:
    vocabulary = kb.query_builder.vocabulary
    assert vocabulary.split("truppenverluste") == ("trupp", "verlust")
    assert vocabulary.split("unterschrieben") is None  # a verb prefix, not a compound
    assert vocabulary.split("kartoffelsalat") is None  # parts unknown to the article
