"""The failure classes of the lead's fourth blind set, fixed by general rules (not its words).

The questions here are fresh paraphrases of each class, not the blind set's own wording.
"""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase
from knowledge.answer_types import AnswerType, direct_question, expected_type, is_conditional
from knowledge.morphology import derived_infinitives
from tests.knowledge_fixtures import answered_with, refused


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Wann hat der Kreml den Pakt gebilligt?", "9. November"),
        ("Hat Russland dem Vertrag zugestimmt?", "9. November"),
        ("Hat der Kreml den Vertrag schon abgenickt?", "9. November"),
        ("Ab wann ist die Absprache wirksam?", "sobald beide Seiten"),
        ("Welche Pflicht haben die Staaten bei einem Angriff auf den anderen?", "unverzüglich"),
        ("Haben sich Moskau und Pjöngjang geäußert?", "Bislang haben weder"),
        ("Gibt es zu den Anschuldigungen nur Schweigen aus Moskau?", "Bislang haben weder"),
        ("Von wem stammt die Information über das Dekret?", "KCNA"),
    ],
)
def test_everyday_words_meet_the_articles_terms(
    kb: KnowledgeBase, question: str, gold: str
) -> None:
    answered_with(kb, question, gold)


def test_a_promise_under_a_condition_finds_what_the_treaty_lays_down_for_it(
    kb: KnowledgeBase,
) -> None:
    assert expected_type("Was garantiert der Vertrag?") is AnswerType.CONTENT
    assert is_conditional("Was verspricht der Pakt im Kriegsfall?")
    assert not is_conditional("Was verspricht der Pakt?")
    answered_with(kb, "Was garantiert der Pakt im Falle eines Angriffs?", "Darin ist festgelegt")
    answered_with(kb, "Was verspricht der Pakt im Kriegsfall?", "Darin ist festgelegt")


def test_on_someones_side_names_no_side(kb: KnowledgeBase) -> None:
    answered_with(kb, "Wer hat das Abkommen auf nordkoreanischer Seite gebilligt?", "Kim Jong-un")


def test_an_unknown_compound_meets_the_same_modifier_with_a_synonym_head(
    kb: KnowledgeBase,
) -> None:
    answered_with(kb, "Wann gab es das Staatsessen?", "19. Juni")


@pytest.mark.parametrize(
    ("noun", "verb"),
    [("entsendung", "entsenden"), ("kritik", "kritisieren"), ("reaktion", "reagieren"),
     ("angreifer", "angreifen"), ("ratifikation", "ratifizieren"), ("kooperation", "kooperieren")],
)  # fmt: skip
def test_a_derived_noun_names_its_verb(noun: str, verb: str) -> None:
    assert verb in derived_infinitives(noun)


def test_short_roots_derive_nothing() -> None:
    assert derived_infinitives("station") == []
    assert derived_infinitives("nation") == []


def test_a_derived_noun_meets_the_articles_verb_form(kb: KnowledgeBase) -> None:
    answered_with(kb, "Von wem kam die Entsendung der Soldaten?", "entsandt")


@pytest.mark.parametrize(
    ("framed", "direct"),
    [
        ("Weißt du, wie der Präsident heißt?", "wie heißt der Präsident?"),
        ("Kannst du mir sagen, wann Putin unterschrieben hat?", "wann hat Putin unterschrieben?"),
        ("Ich möchte wissen, ob der Pakt schon gilt.", "gilt der Pakt schon."),
        ("weisst du wie viele soldaten da sind", "wie viele soldaten sind da"),
        ("Wann hat Kim unterschrieben?", "Wann hat Kim unterschrieben?"),
    ],
)
def test_a_framed_indirect_question_is_read_as_the_direct_one(framed: str, direct: str) -> None:
    assert direct_question(framed) == direct


def test_an_indirect_name_question_checks_the_name_like_a_direct_one(kb: KnowledgeBase) -> None:
    refused(kb, "Weißt du, wie der japanische Präsident heißt?")
    answered_with(kb, "Weißt du, wie der russische Präsident heißt?", "Wladimir Putin")


def test_a_role_met_by_a_synonym_must_belong_to_the_asked_one(kb: KnowledgeBase) -> None:
    refused(kb, "Wer ist der Chef der Nachrichtenagentur?")
    answered_with(kb, "Wer ist der Anführer von Nordkorea?", "Kim Jong-un")


def test_the_two_countries_may_stand_for_two_asked_ones(kb: KnowledgeBase) -> None:
    answered_with(
        kb,
        "Hat die Ukraine die Kooperation zwischen Moskau und Pjöngjang kritisiert?",
        "kritisiert",
    )


def test_an_indefinite_number_is_no_exact_one(kb: KnowledgeBase) -> None:
    answered_with(kb, "Hat Nordkorea mehrere tausend Soldaten entsandt?", "Zehntausende")


def test_where_a_report_comes_from_asks_for_its_source_not_a_place(kb: KnowledgeBase) -> None:
    assert expected_type("Woher kommt die Zahl von 10.000 Soldaten?") is AnswerType.PERSON
    assert expected_type("Woher kommen die Soldaten?") is AnswerType.PLACE
    answered_with(kb, "Woher kommt die Info, dass Kim das Dekret unterzeichnet hat?", "KCNA")


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("When did the Kremlin endorse the treaty?", "9. November"),
        ("Are Moscow and Pyongyang silent about the accusations?", "Bislang haben weder"),
        ("Where does the information about Kim's signature come from?", "KCNA"),
        ("What happens in case of an attack?", "Darin ist festgelegt"),
    ],
)
def test_english_questions_of_the_same_classes(kb: KnowledgeBase, question: str, gold: str) -> None:
    answered_with(kb, question, gold)
