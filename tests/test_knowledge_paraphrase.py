"""Questions worded unlike the article: photo credits, compound parts, paraphrase, answer types."""

from __future__ import annotations

import pytest

from knowledge import Article, KnowledgeBase


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


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Wann erfolgt der Urkundenaustausch?", "Ratifikationsurkunden ausgetauscht"),
        ("Welche Hilfeleistung ist vereinbart?", "Hilfe mit allen verfügbaren Mitteln leisten"),
        ("Was gilt im Angriffsfall?", "bewaffnet angegriffen"),
        ("Wann ist das Inkrafttreten des Paktes?", "tritt in Kraft"),
    ],
)
def test_compound_parts_meet_other_word_classes(
    kb: KnowledgeBase, question: str, expected: str
) -> None:
    result = kb.search(question)
    assert expected in result.passages[0].text
    assert result.answered


def test_unknown_compound_head_weighs_little(kb: KnowledgeBase) -> None:
    groups = kb.query_builder.groups("Was regelt die Beistandsklausel?")
    parts = {g.word: g.part for g in groups}
    assert parts == {"regelt": False, "beistands": False, "klausel": True}


def test_decompose_uses_derivations_and_splits_modifiers(kb: KnowledgeBase) -> None:
    builder = kb.query_builder
    split = builder.split("truppenstaatenabkommen", "truppenstaatenabkommen")
    assert [term for term, _, _ in split] == ["trupp", "staat", "abkomm"]
    split = builder.split("drittstaatenabkommen", "drittstaatenabkommen")  # a listed synonym
    assert [term for term, _, _ in split] == ["drittstaat", "abkomm"]
    assert builder.vocabulary.split("kartoffelsalat") is None
    assert builder.split("literaturstromung", "literaturstromung", noun=False)[0][0] == (
        "literaturstromung"
    )


@pytest.mark.parametrize(
    "question",
    [
        "Wer ist der Partner Nordkoreas?",
        "Wo ist der Einsatz der Soldaten?",
        "Was ist die Voraussetzung für das Inkrafttreten?",
    ],
)
def test_unknown_general_nouns_are_paraphrase_not_refusal(kb: KnowledgeBase, question: str) -> None:
    assert kb.search(question).answered


@pytest.mark.parametrize(
    "question",
    [
        "Hat das nordkoreanische Parlament dem Pakt zugestimmt?",
        "Hat Frankreich Soldaten geschickt?",
    ],
)
def test_unknown_institutions_and_countries_still_refuse(kb: KnowledgeBase, question: str) -> None:
    assert not kb.search(question).answered


def test_common_noun_rule() -> None:
    from knowledge.word_classes import is_common_noun

    assert is_common_noun("ding") and is_common_noun("vertragspartner")
    assert is_common_noun("voraussetzung")
    assert not is_common_noun("frankreich") and not is_common_noun("parlament")
    assert not is_common_noun("stoltenberg")


@pytest.mark.parametrize(
    "question",
    [
        "Who is the Ukrainian defence minister?",  # the role, no name
        "Wie weit ist Kursk von der Grenze entfernt?",  # a place, no distance
        "Wann genau haben die Kämpfe begonnen?",  # "letzte Woche", no date
        "Wieviel Geld zahlt Russland an Nordkorea?",  # a number, no money
    ],
)
def test_near_miss_unanswerables_are_not_answered(kb: KnowledgeBase, question: str) -> None:
    assert not kb.search(question).answered


def test_answer_type_rules() -> None:
    from knowledge.answer_types import AnswerType, expected_type, passage_has_type

    assert expected_type("Wie weit ist Kursk von Moskau entfernt?") is AnswerType.DISTANCE
    assert expected_type("Wie weit sollen die Beziehungen gehen?") is not AnswerType.DISTANCE
    assert expected_type("Wieviel Geld bekam Zypern?") is AnswerType.MONEY
    assert expected_type("Wann genau wurde er gewählt?") is AnswerType.EXACT_DATE
    assert expected_type("Wer ist der Präsident Russlands?") is AnswerType.PERSON_NAME
    assert passage_has_type("Kursk liegt 450 km von Moskau.", AnswerType.DISTANCE)
    assert not passage_has_type("Kursk liegt nahe der Grenze.", AnswerType.DISTANCE)
    assert passage_has_type("Zypern erhielt 10 Milliarden Euro.", AnswerType.MONEY)
    assert not passage_has_type("Zypern erhielt 10 Panzer.", AnswerType.MONEY)
    assert passage_has_type("Er wurde am 3. März gewählt.", AnswerType.EXACT_DATE)
    assert not passage_has_type("Er wurde letzte Woche gewählt.", AnswerType.EXACT_DATE)
    assert passage_has_type(
        "Der Präsident Wladimir Putin sprach.", AnswerType.PERSON_NAME, {"prasident"}
    )
    assert not passage_has_type(
        "Der Präsident sprach in der Region Kursk.", AnswerType.PERSON_NAME, {"prasident"}
    )


def test_finite_verb_after_a_prepositional_question_word() -> None:
    from knowledge.analysis import stop_words
    from knowledge.morphology import verb_bracket

    text, starts = verb_bracket("Von wem stammt das Foto?", stop_words())
    assert [text[s : s + 6] for s in starts] == ["stammt"]


def test_photo_credit_question_with_an_unknown_verb_is_answered(kb: KnowledgeBase) -> None:
    result = kb.search("Von wem stammt das Foto?")
    assert result.answered and result.passages[0].is_caption


def test_onsets_and_head_preference(kb: KnowledgeBase) -> None:
    from knowledge.morphology import has_onset

    assert has_onset("klausel") and has_onset("austausch") and has_onset("schwur")
    assert not has_onset("rstromung") and not has_onset("tfand")
    # a part known only through a typo-like variant is no modifier of an unknown head
    builder = kb.query_builder
    split = builder.vocabulary.split_modifier("literautursammlung", builder.strong_verb_known)
    assert split is None


def test_compound_parts_get_no_typo_correction(kb: KnowledgeBase) -> None:
    groups = {
        g.word: g.members for g in kb.query_builder.groups("Was besagt das Drittweltabkommen?")
    }
    assert "tritt" not in groups["dritt"]  # "dritt" is a part, no typo of "tritt"
    result = kb.search("Was besagt das Drittstaatenabkommen?")
    assert "Abkommen mit Drittparteien" in result.passages[0].text


def test_modifier_must_be_a_part_of_an_indexed_compound(kb: KnowledgeBase) -> None:
    vocabulary = kb.query_builder.vocabulary
    assert vocabulary.is_modifier("beistands")  # Beistands|pakts
    assert vocabulary.is_modifier("urkunden")  # Ratifikations|urkunden
    assert not vocabulary.is_modifier("aussen")  # only the start of "außerdem", "Aussage"
    assert "Ratifikationsurkunden" in kb.search("Wann war der Urkundentausch?").passages[0].text


@pytest.mark.parametrize(
    "question",
    ["Wer ist der Außenminister Nordkoreas?", "Who is the spokesperson of the Kremlin?"],
)
def test_a_role_the_article_never_mentions_is_no_paraphrase(
    kb: KnowledgeBase, question: str
) -> None:
    assert not kb.search(question).answered


def test_name_check_counts_the_parts_of_an_asked_compound(kb: KnowledgeBase) -> None:
    result = kb.search("Wie lautet die Fotoquelle?")  # Foto|quelle: "(Foto: Reuters)"
    assert result.answered and result.passages[0].is_caption


def test_asked_word_outranks_its_synonyms(kb: KnowledgeBase) -> None:
    result = kb.search("Allianz", 3)
    first, second = result.passages[:2]
    assert "Allianz" in first.text
    assert second.score < 0.8 * first.score


def test_filler_words_are_no_typos(kb: KnowledgeBase) -> None:
    result = kb.search("Ist das jetzt eine richtige Allianz zwischen den beiden?", 1)
    assert "Allianz" in result.passages[0].text
