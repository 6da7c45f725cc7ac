"""The failure classes of the lead's second blind set, fixed by general rules (not its words)."""

from __future__ import annotations

import pytest

from knowledge import Confidence, KnowledgeBase
from knowledge.answer_types import focus_word


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("Wie viele Artikel hat der Vertrag?", "Artikel"),
        ("Wie viele nordkoreanische Soldaten sind gefallen?", "Soldaten"),
        ("Wie hoch ist der Militärhaushalt Nordkoreas?", "Militärhaushalt"),
        ("wie viele soldaten hat nordkorea geschickt?", "soldaten"),
        ("Wie viel kostet das?", None),
        ("Wann wurde der Vertrag unterschrieben?", None),
    ],
)
def test_a_quantity_question_names_what_it_counts(question: str, focus: str | None) -> None:
    assert focus_word(question) == focus


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Artikel hat der Vertrag?",
        "Wie viele Paragraphen umfasst der Pakt?",
        "Wie hoch ist der Militärhaushalt Nordkoreas?",
        "Wie viele Raketen hat Nordkorea geliefert?",
    ],
)
def test_a_number_about_something_else_is_no_answer(kb: KnowledgeBase, question: str) -> None:
    result = kb.search(question, 1)
    assert result.confidence is not Confidence.HIGH
    assert result.details["focus_missed"] or result.details["unknown"] >= 0.3


@pytest.mark.parametrize(
    "question",
    [
        "Wie viele Soldaten soll Nordkorea entsandt haben?",
        "Wie viele Nordkorea-Soldaten sind in Russland stationiert?",
        "wie viele soldaten hat nordkorea geschickt?",
        "Wie viele Kämpfer aus Nordkorea sollen Moskau helfen?",
    ],
)
def test_a_number_of_the_asked_thing_is_answered(kb: KnowledgeBase, question: str) -> None:
    result = kb.search(question, 1)
    assert result.answered
    assert not result.details["focus_missed"]


def test_a_measure_head_or_generic_count_leaves_the_focus_elsewhere() -> None:
    from knowledge.parser import parse_article

    article = parse_article(
        "Zypern hat viele Einwohner. Im Jahre 2017 waren 16 % der Bevölkerung Migranten. "
        "Am 21. Dezember 1988 geschah der Anschlag mit 270 Toten.",
        "zypern",
    )
    kb = KnowledgeBase([article])
    assert kb.search("Wie hoch ist der Migrantenanteil in Zypern?", 1).answered
    assert not kb.search("Wie viele Personen starben bei dem Anschlag?", 1).details["focus_missed"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hatten die Nordkoreaner schon Tote oder Verletzte?", "Verluste erlitten"),
        ("Gab es verwundete nordkoreanische Soldaten?", "Verluste erlitten"),
        ("Wie eng wollen die beiden Staaten zusammenrücken?", "Niveau nahe einer"),
        ("Wollen Russland und Nordkorea sich annähern?", "bilateralen Beziehungen"),
        ("Haben Moskau und Pjöngjang die Berichte dementiert?", "weder Russland noch Nordkorea"),
        ("Hat Nordkorea die Vorwürfe bestritten?", "weder Russland noch Nordkorea"),
        ("How close did the leaders want their relations to become?", "Niveau nahe einer"),
        ("According to Zelensky, what did the first battles open?", "neues Kapitel"),
    ],
)
def test_general_paraphrases_of_verbs_and_nouns(
    kb: KnowledgeBase, question: str, expected: str
) -> None:
    result = kb.search(question, 1)
    assert result.answered
    assert expected in result.passages[0].text


def test_a_denial_is_a_reaction_but_a_reaction_no_denial() -> None:
    from knowledge.alterations import Alterations, default_alteration_files

    alterations = Alterations(default_alteration_files(None))
    assert "reagi" in alterations.alternatives("dementiert")
    assert "bestreit" not in alterations.alternatives("reagiert")


@pytest.mark.parametrize(
    "question",
    [
        "ab wann gilt das ding eigentlich",
        "seit wann gilt der vertrag",
        "was verspricht man sich gegenseitig wenn jemand überfallen wird",
    ],
)
def test_lowercase_askers_fillers_and_adjectives_weigh_little(
    kb: KnowledgeBase, question: str
) -> None:
    assert kb.search(question, 1).answered


def test_a_lowercase_adjective_is_light_but_a_noun_is_not() -> None:
    from knowledge.morphology import is_adjective_form

    assert is_adjective_form("gegenseitig") and is_adjective_form("eigentlich")
    assert not is_adjective_form("vertrag") and not is_adjective_form("ding")


def test_an_entity_named_by_its_capital_meets_the_sentence_that_says_what_was_asked(
    kb: KnowledgeBase,
) -> None:
    # "Washington, Seoul und Kiew" = "die USA, Südkorea und die Ukraine", who criticised
    result = kb.search("Warum gibt es Kritik aus Washington, Seoul und Kiew?", 1)
    assert "kritisiert" in result.passages[0].text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Was sagt der Kreml zu den Berichten über die Truppen?", "reagiert"),
        ("hat moskau schon was dazu gesagt", "reagiert"),
        ("Was meint Nordkorea zu den Vorwürfen?", "reagiert"),
        ("Was hat Selenskyj zu den Verlusten gesagt?", "Selenskyj"),
        ("Was sagte Selenskyj?", "Selenskyj"),
    ],
)
def test_saying_something_about_something_is_a_reaction(
    kb: KnowledgeBase, question: str, expected: str
) -> None:
    assert expected in kb.search(question, 1).passages[0].text


@pytest.mark.parametrize(
    "question",
    ["Warum gibt es Kritik?", "Wieso?", "Aus welchem Grund wurde das gemacht?", "Why was it done?"],
)
def test_why_questions_ask_for_a_reason(question: str) -> None:
    from knowledge.answer_types import AnswerType, expected_type

    assert expected_type(question) is AnswerType.REASON


@pytest.mark.parametrize(
    ("text", "is_reason"),
    [
        ("Dieser Schritt erfolgt vor dem Hintergrund, dass …", True),
        ("Soldaten zur Unterstützung seines Krieges entsandt", True),
        ("Er kam nicht, weil er krank war.", True),
        ("Sie reisten an, um den Vertrag zu unterzeichnen.", True),
        ("Putin unterzeichnete den Vertrag am 9. November.", False),
    ],
)
def test_a_reason_is_a_causal_or_final_expression(text: str, is_reason: bool) -> None:
    from knowledge.answer_types import AnswerType, passage_has_type

    assert passage_has_type(text, AnswerType.REASON) is is_reason


def test_a_why_question_is_never_refused_for_lacking_a_reason(kb: KnowledgeBase) -> None:
    assert kb.search("Warum wurde der Vertrag ratifiziert?", 1).answered


@pytest.mark.parametrize(
    "question",
    [
        "How many North Korean soldiers have been captured by Ukraine?",
        "Wie viele Soldaten wurden von der Ukraine gefangen genommen?",
        "Wie viele verwaiste Soldaten gibt es?",
    ],
)
def test_a_count_restricted_by_an_unknown_word_is_not_answered(
    kb: KnowledgeBase, question: str
) -> None:
    assert not kb.search(question, 1).answered


@pytest.mark.parametrize(
    "question",
    [
        "How many North Korean troops are in Russia according to Seoul, Washington and Kyiv?",
        "Wie viele Soldaten sind eigentlich in Russland?",
    ],
)
def test_a_count_with_a_known_or_filler_word_is_answered(kb: KnowledgeBase, question: str) -> None:
    assert kb.search(question, 1).answered


@pytest.mark.parametrize(
    ("phrase", "german"),
    [("took part", "teilnehmen"), ("takes part", "teilnehmen"), ("took effect", "in Kraft treten")],
)
def test_an_english_phrase_verb_is_found_in_any_form(phrase: str, german: str) -> None:
    from knowledge.english import english_to_german

    (segment,) = english_to_german(phrase)
    assert segment.translated and " ".join(segment.alternatives) == german


def test_who_says_they_took_part(kb: KnowledgeBase) -> None:
    result = kb.search("Who says North Korean soldiers took part in combat?", 1)
    assert "teilgenommen" in result.passages[0].text


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("Wie heißt der Chef von KCNA?", False),  # "Machthaber" is another role
        ("Wie heißt der Direktor der Nachrichtenagentur?", True),  # no word of it: unchecked
        ("Wie heißt der Kremlchef?", True),  # an alias is the entity itself
        ("Wie heißt der nordkoreanische Machthaber?", True),
    ],
)
def test_a_name_question_s_noun_met_only_by_a_synonym_is_another_role(
    kb: KnowledgeBase, question: str, answered: bool
) -> None:
    result = kb.search(question, 1)
    assert result.details["focus_missed"] is not answered


def test_the_noun_after_an_asked_adjective_is_no_name(kb: KnowledgeBase) -> None:
    from knowledge.answer_types import AnswerType, passage_has_type

    # "Ukraine" asked: "der ukrainischen Grenze" names no one, "Minister Umerow" does
    assert not passage_has_type("nahe der ukrainischen Grenze", AnswerType.NAME, {"ukrain"})
    assert passage_has_type("der Minister Umerow sagte", AnswerType.NAME, {"minist"})
    assert not kb.search("Wie heißt der Verteidigungsminister der Ukraine?", 1).answered


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("How many journalists reported on the treaty?", False),
        ("How many North Korean soldiers are in Russia?", True),
        ("How many troops did North Korea send?", True),
    ],
)
def test_an_english_count_needs_its_counted_noun(
    kb: KnowledgeBase, question: str, answered: bool
) -> None:
    from knowledge.answer_types import focus_word

    assert focus_word(question) in ("journalists", "soldiers", "troops")
    assert kb.search(question, 1).answered is answered
