"""The failure classes of the lead's fifth blind set, fixed by general means (not its words).

The questions here are fresh wordings of each class, not the blind set's own.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge import KnowledgeBase
from knowledge.answer_types import asked_noun, strip_type_words
from knowledge.exclusion import exclusion_spans
from knowledge.thesaurus import Thesaurus, synsets
from tests.knowledge_fixtures import answered_with, refused


@pytest.fixture(scope="module")
def kb_without_thesaurus(kb: KnowledgeBase) -> KnowledgeBase:
    """Return the shipped article's knowledge base with the thesaurus switched off."""
    return KnowledgeBase(kb.articles, options=replace(kb.options, thesaurus=False))


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Wann hat der Potentat in Pjöngjang das Dekret unterzeichnet?", "12. November"),
        ("Welche Niederlagen erlitten die nordkoreanischen Truppen?", "Verluste"),
        ("Haben die Ukrainer dem Gegner Niederlagen beigebracht?", "Verluste"),
    ],
)
def test_a_general_thesaurus_brings_everyday_words_the_sets_lack(
    kb: KnowledgeBase, kb_without_thesaurus: KnowledgeBase, question: str, gold: str
) -> None:
    answered_with(kb, question, gold)
    refused(kb_without_thesaurus, question)


def test_the_thesaurus_keeps_only_synsets_touching_the_vocabulary() -> None:
    assert sum(1 for _ in synsets()) > 20_000
    thesaurus = Thesaurus({"machthab", "verlust"}, {"bankett"})
    assert "machthab" in thesaurus.alternatives("potentat")
    assert "verlust" in thesaurus.alternatives("niederlag")
    assert "bankett" in thesaurus.compound_synonyms("festmahl")
    assert not thesaurus.alternatives("fission")  # its synset touches no index term
    assert thesaurus.knows("fission") and not thesaurus.knows("xqzt")
    assert not thesaurus.knows("ford")  # fördern and fordern fold alike: left out


@pytest.mark.parametrize("word", ["mehrheiten", "mehrheitsbeschluss", "kundigungsfrist"])
def test_a_derivational_suffix_begins_no_compound_head(kb: KnowledgeBase, word: str) -> None:
    parts = kb.query_builder.split(word, word)
    assert [folded for _, folded, _ in parts] == [word]  # not "mehr" + "heit(en)"


def test_an_unknown_noun_meets_the_compounds_of_its_thesaurus_synonyms(
    kb: KnowledgeBase, kb_without_thesaurus: KnowledgeBase
) -> None:
    question = "Wo fand das Festmahl von Putin und Kim statt?"  # Bankett → Staatsbankett
    answered_with(kb, question, "Staatsbankett in Pjöngjang")
    refused(kb_without_thesaurus, question)
    refused(kb, "Welche Kündigungsfrist hat der Vertrag?")


@pytest.mark.parametrize(
    "question",
    [
        "Welche Verpflegung bekommen die nordkoreanischen Soldaten in Russland?",
        "Mit welcher Begründung hat Kim das Dekret unterzeichnet?",
        "Welche Amtszeit hat Putin noch?",  # a compound of a listed general noun is specific
        "Welchen Kaufpreis zahlte Russland für die Soldaten?",
    ],
)
def test_an_asked_thing_the_article_never_names_is_refused(
    kb: KnowledgeBase, question: str
) -> None:
    refused(kb, question)
    assert kb.search(question, 1).details["focus_unknown"]


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Welche Quelle meldete die Ratifizierung?", "KCNA"),  # a kind, its instance named
        ("Welches Dokument hat Putin unterzeichnet?", "Vertrag"),
    ],
)
def test_a_general_kind_noun_is_answered_by_its_instance(
    kb: KnowledgeBase, question: str, gold: str
) -> None:
    answered_with(kb, question, gold)


def test_the_asked_noun_and_date_positions() -> None:
    assert asked_noun("Mit welcher Begründung hat Kim unterzeichnet?") == "Begründung"
    assert asked_noun("was für eine uniform tragen sie") == "uniform"
    assert asked_noun("Welche russischen Regionen …?") == "Regionen"
    assert "Anfang" not in strip_type_words("Was hat Putin Anfang November unterzeichnet?")
    assert "Ende" not in strip_type_words("Was geschah Ende des Jahres?")
    assert "Ende" in strip_type_words("Wann war das Ende des Krieges?")


@pytest.mark.parametrize(
    "question",
    [
        "In welchen Gebieten außer der Region Kursk sind nordkoreanische Soldaten im Einsatz?",
        "Welche Nachrichtenagenturen außer KCNA berichten über das Dekret?",
    ],
)
def test_a_passage_naming_only_the_excluded_thing_does_not_answer(
    kb: KnowledgeBase, question: str
) -> None:
    refused(kb, question)


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Welche Länder außer den USA kritisieren die Zusammenarbeit?", "Südkorea"),
        ("Which countries other than the USA criticised the cooperation?", "Südkorea"),
        ("Wer hat neben Kim noch am Staatsbankett teilgenommen?", "Putin"),
        ("Wer außer Putin hat einen Vertrag unterzeichnet?", "Die beiden Staatschefs"),
    ],
)
def test_an_exclusion_is_answered_by_others_of_its_kind(
    kb: KnowledgeBase, question: str, gold: str
) -> None:
    answered_with(kb, question, gold)


def test_exclusion_phrases() -> None:
    text = "Welche Länder außer den USA und Südkorea kritisieren?"
    spans = exclusion_spans(text)
    assert spans is not None
    assert text[slice(*spans[1])] == "USA und Südkorea"
    assert exclusion_spans("Wer saß neben Putin?") is None  # a place, not an exclusion
    assert exclusion_spans("Wer saß neben Putin noch am Tisch?") is not None


@pytest.mark.parametrize(
    "question",
    ["Hat die UN-Generalversammlung den Pakt verurteilt?", "Wie reagierte die UN auf den Pakt?"],
)
def test_an_acronym_met_only_by_a_lowercase_word_is_unknown(
    kb: KnowledgeBase, question: str
) -> None:
    refused(kb, question)  # "UN" is no "Jong-un"


def test_an_acronym_the_article_writes_in_capitals_is_known(kb: KnowledgeBase) -> None:
    answered_with(kb, "Was sagen US-Beamte über die nordkoreanischen Soldaten?", "US-Beamte")


def test_the_unknown_head_of_a_hyphenated_compound_weighs_as_a_split_ones(
    kb: KnowledgeBase,
) -> None:
    answered_with(kb, "Kennt der Vertrag eine Hilfe-Automatik?", "unverzüglich")


def test_chat_shortenings_of_stop_words_are_stop_words(kb: KnowledgeBase) -> None:
    answered_with(kb, "wer hat den vertrag eigtl unterschrieben", "Putin")
