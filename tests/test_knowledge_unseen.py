"""The failure classes of the lead's blind set, fixed by general rules (not its words)."""

from __future__ import annotations

import pytest

from knowledge import Confidence, KnowledgeBase
from knowledge.answer_types import AnswerType, expected_type, passage_has_type, strip_type_words


@pytest.mark.parametrize(
    "question",
    [
        "Welche Voraussetzungen müssen erfüllt sein, damit der Pakt gilt?",
        "Was ist die Voraussetzung für das Inkrafttreten des Pakts?",
        "Was sind die Bedingungen für das Inkrafttreten?",
        "What are the conditions for the treaty to take effect?",
    ],
)
def test_a_condition_noun_names_the_type_not_the_content(kb: KnowledgeBase, question: str) -> None:
    assert expected_type(question) is AnswerType.CONDITION
    assert "oraussetzung" not in strip_type_words(question)
    result = kb.search(question, 1)
    assert result.confidence is Confidence.HIGH
    assert "sobald" in result.passages[0].text


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Woher weiß man, dass Kim das Abkommen gebilligt hat?", AnswerType.PERSON),
        ("How do we know that Kim signed?", AnswerType.PERSON),
        ("Woher kommt der Begriff?", AnswerType.PLACE),
        ("Who is Ukraine's defense minister?", AnswerType.PERSON_NAME),
        ("Wer ist Russlands Außenminister?", AnswerType.PERSON_NAME),
        ("Wer ist alles beteiligt?", AnswerType.PERSON),
    ],
)
def test_question_phrases_ask_for_their_type(question: str, asked: AnswerType) -> None:
    assert expected_type(question) is asked


def test_a_name_beside_the_noun_is_not_the_noun_s_own_modifier() -> None:
    # "Region" stands before the asked "Kursk": no name of someone beside it
    text = "einige Soldaten haben an Kämpfen in der russischen Region Kursk teilgenommen"
    assert not passage_has_type(text, AnswerType.NAME, {"kursk", "beamt"})
    assert passage_has_type(
        "der Verteidigungsminister Rustem Umerow", AnswerType.NAME, {"verteidigungsminist"}
    )


@pytest.mark.parametrize(
    "question",
    [
        "Wie heißen die US-Beamten, die über Kursk gesprochen haben?",
        "Who is Ukraine's defense minister?",
    ],
)
def test_a_name_the_article_does_not_give_is_not_answered(kb: KnowledgeBase, question: str) -> None:
    assert not kb.search(question, 1).answered


def test_an_english_hedge_word_does_not_count_against_the_answer(kb: KnowledgeBase) -> None:
    result = kb.search("is this basically an alliance?", 1)
    assert result.answered
    assert "Allianz" in result.passages[0].text


def test_a_phrase_of_a_synonym_set_is_matched_as_a_whole(tmp_path) -> None:
    from knowledge.alterations import Alterations

    path = tmp_path / "alterations.syn"
    path.write_text("Drittstaaten|Drittparteien|andere Länder\n", encoding="utf-8")
    alterations = Alterations([path])
    ((start, end, alternatives),) = alterations.phrases("Verträge mit anderen Ländern schließen")
    assert "Verträge mit anderen Ländern schließen"[start:end] == "anderen Ländern"
    assert "drittpartei" in alternatives
    assert alterations.phrases("Welche Länder kritisieren das?") == []  # "Länder" alone is none
    assert "drittpartei" not in alterations.alternatives("land")
    assert "land" in alterations.alternatives("drittpartei")  # searched word by word


def test_a_one_way_rule_maps_its_sources_only(tmp_path) -> None:
    from knowledge.alterations import Alterations

    path = tmp_path / "alterations.syn"
    path.write_text("Dritte|andere Länder => Drittparteien|Drittstaaten\n", encoding="utf-8")
    alterations = Alterations([path])
    assert alterations.alternatives("dritt") == {"drittpartei", "drittstaat"}
    assert alterations.alternatives("drittpartei") == set()
    ((_, _, alternatives),) = alterations.phrases("mit anderen Ländern")
    assert alternatives == {"drittpartei", "drittstaat"}


@pytest.mark.parametrize(
    "question",
    [
        "Dürfen die zwei Staaten Verträge mit anderen Ländern schließen, die dem Partner schaden?",
        "Are the two countries allowed to sign deals with other nations?",
    ],
)
def test_other_countries_are_third_parties(kb: KnowledgeBase, question: str) -> None:
    assert "Drittparteien" in kb.search(question, 1).passages[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Wie bewerteten Putin und Kim ihr Abkommen aus dem Juni?", "Allianz"),
        ("Hat Russland die Anschuldigungen kommentiert?", "Bislang"),
    ],
)
def test_general_verbs_meet_their_synonyms(kb: KnowledgeBase, question: str, expected: str) -> None:
    assert expected in kb.search(question, 1).passages[0].text


def test_a_word_of_a_phrase_keeps_its_forms_but_not_its_compounds(kb: KnowledgeBase) -> None:
    builder = kb.query_builder
    groups = {
        g.word: g.members for g in builder.groups("Was dürfen sie mit anderen Staaten vereinbaren?")
    }
    assert "drittpartei" in groups["staaten"]
    assert "staatschef" not in groups["staaten"]  # "Staat" is only the modifier of "Staatschef"
    groups = {g.word: g.members for g in builder.groups("Wann wird der Pakt in Kraft treten?")}
    assert "tritt" in groups["treten"]  # a strong verb's forms stay
    assert "sobald" in kb.search("Wann wird der Pakt in Kraft treten?", 1).passages[0].text


def test_a_mit_verb_takes_part_in_its_base_verb(kb: KnowledgeBase) -> None:
    groups = kb.query_builder.groups("Kämpfen nordkoreanische Soldaten mit?")
    (group,) = [g for g in groups if g.verb]
    assert group.members.get("kampf") == kb.options.variant_factor
    result = kb.search("Kämpfen nordkoreanische Soldaten an der Seite Russlands mit?", 1)
    assert "Kämpfen" in result.passages[0].text


@pytest.mark.parametrize(
    "question",
    ["Von welcher Website stammt der Artikel?", "what's the source of this article"],
)
def test_a_question_about_the_article_s_origin_gets_its_source_line(
    kb: KnowledgeBase, question: str
) -> None:
    result = kb.search(question, 3)
    assert result.answered
    (passage,) = result.passages
    assert passage.text == f"Quelle: {kb.articles[0].source_url}"
    assert passage.sentence == -1


def test_a_question_about_a_source_inside_the_article_is_searched(kb: KnowledgeBase) -> None:
    result = kb.search("Laut welcher Quelle sind Soldaten in Russland?", 1)
    assert result.passages[0].sentence >= 0


def test_a_compound_modifier_with_listed_synonyms_stays_whole(kb: KnowledgeBase) -> None:
    words = [g.word for g in kb.query_builder.groups("Dürfen sie Drittstaatenabkommen schließen?")]
    assert "drittstaaten" in words and "abkommen" in words and "staaten" not in words
    result = kb.search("Dürfen Russland und Nordkorea Drittstaatenabkommen schließen?", 1)
    assert "Drittparteien" in result.passages[0].text


@pytest.mark.parametrize(
    "question", ["Was legt der Vertrag fest?", "Was ist in dem Vertrag festgelegt?"]
)
def test_an_anaphor_covers_its_antecedent_s_words(kb: KnowledgeBase, question: str) -> None:
    # "Darin ist festgelegt" follows "Putin unterzeichnete den Vertrag": "Darin" is the treaty
    assert kb.search(question, 1).passages[0].text.startswith("Darin ist festgelegt")


def test_an_anaphor_inherits_a_share_of_the_score_but_all_of_the_coverage() -> None:
    import numpy as np

    from knowledge.scoring import inherit

    scored = (np.array([0]), np.array([2.0]), np.array([1.0]))
    docs, scores, factors = inherit(scored, np.array([1, -1]), 0.3, 1.0)
    assert (
        docs.tolist() == [0, 1] and scores.tolist() == [2.0, 0.6] and factors.tolist() == [1.0, 1.0]
    )


@pytest.mark.parametrize(
    ("text", "is_place"),
    [
        ("spielt in der fiktiven Kleinstadt Maycomb im Bundesstaat Alabama", True),
        ("In Nordindien regierten die Shunga.", True),
        ("die Flucht ins österreichisch regierte Galizien", True),
        ("Kämpfe in der russischen Grenzregion Kursk", True),
        ("ein neues Kapitel in der instabilen Lage der Welt", False),
        ("Selenskyj sagte, dass nordkoreanische Truppen Verluste erlitten hätten", False),
    ],
)
def test_a_place_may_follow_a_compound_place_noun_or_a_capitalised_preposition(
    text: str, is_place: bool
) -> None:
    assert passage_has_type(text, AnswerType.PLACE) is is_place


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Unterhalb dieser Linie im sogenannten Zehrgebiet ist der Verlust größer.", True),
        ("Als Holocaust wird das Vorhaben der Nationalsozialisten bezeichnet.", True),
        ("US-Beamte und der ukrainische Verteidigungsminister geben an, dass …", False),
    ],
)
def test_a_passage_that_gives_a_name_answers_wie_heisst(text: str, names: bool) -> None:
    assert passage_has_type(text, AnswerType.NAME, {"verteidigungsminist"}) is names


def test_a_four_letter_word_gets_only_a_missing_letter(kb: KnowledgeBase) -> None:
    vocabulary = kb.query_builder.vocabulary
    assert vocabulary.near("putn") == ["putin"]
    assert vocabulary.near("pakr") == []  # a changed letter on a short word: no guess
    assert kb.search("putn vertrag unterschrieben wann", 1).answered
