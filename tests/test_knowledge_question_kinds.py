"""Entity aliases, place answers, content descriptions and conditions."""

from __future__ import annotations

import pytest

from knowledge import Confidence, KnowledgeBase
from knowledge.answer_types import AnswerType, passage_has_type
from knowledge.query import weak_participle_root


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    "question",
    ["Wann hat der Kremlherr den Vertrag unterschrieben?", "Was unterzeichnete der Kremlchef?"],
)
def test_an_alias_finds_the_entity_s_name(kb: KnowledgeBase, question: str) -> None:
    result = kb.search(question, 1)
    assert result.confidence is Confidence.HIGH
    assert "Putin" in result.passages[0].text


def test_an_alias_weighs_like_a_synonym(kb: KnowledgeBase) -> None:
    (group,) = kb._groups("Kremlherr")
    assert group.members["putin"] == kb.options.alteration_factor


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
