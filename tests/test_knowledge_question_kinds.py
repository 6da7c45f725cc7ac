"""Entity aliases, place answers, content descriptions and conditions."""

from __future__ import annotations

import pytest

from knowledge import Confidence, KnowledgeBase
from knowledge.answer_types import AnswerType, expected_type, passage_has_type
from knowledge.morphology import weak_participle_root
from knowledge.options import EngineOptions
from knowledge.query import topic_spans


@pytest.mark.parametrize(
    "question",
    ["Wann hat der Kremlherr den Vertrag unterschrieben?", "Was unterzeichnete der Kremlchef?"],
)
def test_an_alias_finds_the_entity_s_name(kb: KnowledgeBase, question: str) -> None:
    result = kb.search(question, 1)
    assert result.confidence is Confidence.HIGH
    assert "Putin" in result.passages[0].text


def test_an_alias_weighs_more_than_a_synonym(kb: KnowledgeBase) -> None:
    # another name of the same entity, not a word of related meaning
    (group,) = kb.query_builder.groups("Kremlherr")
    assert group.members["putin"] == kb.options.alias_factor > kb.options.alteration_factor


@pytest.mark.parametrize(
    ("text", "is_place"),
    [
        ("an Kämpfen in der russischen Region Kursk teilgenommen", True),
        ("ein Staatsbankett in Pjöngjang", True),
        ("Soldaten in Russland", True),
        ("auf einem Gipfeltreffen ein Abkommen", True),
        ("ein neues Kapitel in der instabilen Lage der Welt", False),
        ("Verluste bei Zusammenstößen mit ukrainischen Streitkräften", False),
    ],
)
def test_a_place_is_a_known_place_or_a_name(text: str, is_place: bool) -> None:
    assert passage_has_type(text, AnswerType.PLACE) is is_place


def test_a_weak_participle_meets_its_verb_and_noun(kb: KnowledgeBase) -> None:
    assert weak_participle_root("gekampft") == "kampf"
    assert weak_participle_root("gesagt") == ""  # too short a stem to be told from noise
    result = kb.search("Wo haben nordkoreanische Soldaten gekämpft?", 1)
    assert "Region Kursk" in result.passages[0].text


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Was steht im Vertrag?", AnswerType.CONTENT),
        ("Was besagt das Abkommen?", AnswerType.CONTENT),
        ("Was regelt der Pakt?", AnswerType.CONTENT),
        ("Was sieht der Vertrag vor?", AnswerType.CONTENT),
        ("What does the treaty say?", AnswerType.CONTENT),
        ("Was sieht man auf dem Foto?", None),
        ("Wann steht das Treffen an?", AnswerType.TIME),
    ],
)
def test_a_content_question_asks_for_what_a_text_lays_down(
    question: str, asked: AnswerType | None
) -> None:
    assert expected_type(question) is asked


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Darin ist festgelegt, dass beide helfen.", True),
        ("Beide Staaten verpflichteten sich, keine Abkommen zu schließen.", True),
        ("Das Gesetz sieht eine Strafe vor.", True),
        ("Putin unterzeichnete den Vertrag am 9. November.", False),
    ],
)
def test_a_content_passage_states_what_is_laid_down(text: str, states: bool) -> None:
    assert passage_has_type(text, AnswerType.CONTENT) is states


@pytest.mark.parametrize(
    "question",
    ["Was steht im Vertrag?", "Was besagt der Vertrag?", "What does the treaty say?"],
)
def test_a_content_question_finds_the_stated_content_not_the_signing(
    kb: KnowledgeBase, question: str
) -> None:
    result = kb.search(question, 1)
    assert result.confidence is Confidence.HIGH
    assert "unterzeichnete den Vertrag" not in result.passages[0].text
    assert passage_has_type(result.passages[0].text, AnswerType.CONTENT)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Was muss passieren, bis der Vertrag gilt?", AnswerType.CONDITION),
        ("Unter welcher Bedingung tritt der Pakt in Kraft?", AnswerType.CONDITION),
        ("What has to happen before the treaty takes effect?", AnswerType.CONDITION),
        ("Was ist passiert?", None),
    ],
)
def test_a_condition_question_asks_for_a_condition(question: str, asked: AnswerType | None) -> None:
    assert expected_type(question) is asked


def test_a_condition_question_prefers_the_conditional_clause(kb: KnowledgeBase) -> None:
    assert passage_has_type("Er hilft, falls sie angegriffen wird.", AnswerType.CONDITION)
    assert not passage_has_type("Putin setzte den Vertrag in Kraft.", AnswerType.CONDITION)
    result = kb.search("Was muss passieren, bis der Vertrag gilt?", 1)
    assert "sobald" in result.passages[0].text


@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ("Wozu haben sich beide Seiten verpflichtet?", ["beide Seiten"]),
        ("Was haben die beiden Länder vereinbart?", ["beiden Länder"]),
        ("What did the two countries agree?", ["two countries"]),
        ("Was wollen die beiden?", ["die beiden"]),
        ("Haben die zwei Soldaten geschickt?", []),  # a number of soldiers, not the actors
    ],
)
def test_a_topic_phrase_names_the_two_actors(question: str, phrases: list[str]) -> None:
    assert [question[a:b] for a, b in topic_spans(question)] == phrases


def test_a_topic_phrase_does_not_pull_in_a_sentence_that_repeats_it(kb: KnowledgeBase) -> None:
    question = "Welche Beziehungen streben die beiden Länder an?"
    assert "Beziehungen" in kb.search(question, 1).passages[0].text
    off = KnowledgeBase(kb.articles, options=EngineOptions(topics=False))
    assert "zwischen den beiden Ländern" in off.search(question, 1).passages[0].text
