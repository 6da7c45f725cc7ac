"""The failure classes of the lead's third blind set, fixed by general rules (not its words)."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase
from knowledge.analysis import fold
from knowledge.answer_types import focus_word
from knowledge.numbers import german_number
from knowledge.word_classes import is_function_word_typo
from tests.knowledge_fixtures import answered_with


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Wie heißt der russische Präsident?", "Wladimir Putin"),
        ("Wie heißt der nordkoreanische Machthaber?", "Kim Jong-un"),
    ],
)
def test_a_name_that_is_only_a_synonym_of_the_asked_noun_answers(
    kb: KnowledgeBase, question: str, name: str
) -> None:
    answered_with(kb, question, name)


@pytest.mark.parametrize(
    "question",
    [
        "Warum kommt der Schritt gerade jetzt?",
        "Wieso passiert dieser Schritt eigentlich gerade?",
    ],
)
def test_filler_words_the_article_lacks_are_no_unknown_content(
    kb: KnowledgeBase, question: str
) -> None:
    result = kb.search(question, 1)
    assert result.answered
    assert "vor dem Hintergrund" in result.passages[0].text


@pytest.mark.parametrize(
    ("word", "typo"),
    [("eigntlich", True), ("eigentlch", True), ("ueberhapt", True), ("wetter", False),
     ("kritik", False), ("wird", False)],
)  # fmt: skip
def test_a_function_word_lacking_a_letter_is_recognised(word: str, typo: bool) -> None:
    assert is_function_word_typo(fold(word)) is typo


def test_a_typo_in_a_function_word_does_not_refuse(kb: KnowledgeBase) -> None:
    result = kb.search("wer hat das eigntlich kritisiert", 1)
    assert result.answered
    assert result.details["unknown"] == 0
    assert not kb.search("wetter pjoengjang morgen", 1).answered


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("zehntausend soldaten geschickt stimmt das", "Zehntausende Soldaten"),
        ("Stimmt es, dass der Pakt in Kraft tritt, sobald die Urkunden getauscht sind?", "sobald"),
        ("abkommen mit drittstaaten untersagt oder wie", "Drittparteien"),
        ("Is it true that Kim signed a decree?", "Dekret"),
    ],
)
def test_a_confirmation_tag_is_no_content(kb: KnowledgeBase, question: str, gold: str) -> None:
    answered_with(kb, question, gold)


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Wie rasch muss man dem Verbündeten helfen?", "unverzüglich"),
        ("Is military help to be given immediately?", "unverzüglich"),
        ("Are the two states allowed to sign deals aimed at each other?", "Drittparteien"),
        ("Haben Kims Leute schon gegen die Ukrainer gekämpft?", "Kämpfen"),
    ],
)
def test_general_paraphrases_are_answered(kb: KnowledgeBase, question: str, gold: str) -> None:
    answered_with(kb, question, gold)


@pytest.mark.parametrize(
    "question",
    [
        "Kann Russland den Vertrag wieder kündigen?",
        "Wer hat den Beistandspakt ausgehandelt?",
        "Hat Nordkorea lange über den Pakt verhandelt?",
    ],
)
def test_a_listed_verb_with_no_synonym_in_the_article_is_no_answer(
    kb: KnowledgeBase, question: str
) -> None:
    result = kb.search(question, 1)
    assert not result.answered
    assert result.details["verb_missed"]


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Worauf dürfen die Abkommen mit Dritten nicht zielen?", "abzielen"),
        ("Wer hat den Vertrag unterschrieben?", "unterzeichnete"),
        ("Wer hat das Abkommen ratifiziert?", "Ratifizierung"),
    ],
)
def test_a_listed_verb_met_by_itself_a_synonym_or_a_prefix_verb_answers(
    kb: KnowledgeBase, question: str, gold: str
) -> None:
    assert not answered_with(kb, question, gold).details["verb_missed"]


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("Wer ist der Präsident von Südkorea?", "Präsident"),
        ("Who is the president of South Korea?", "president"),
        ("Wer ist Russlands Präsident?", None),
    ],
)
def test_a_who_is_the_role_question_names_its_role(question: str, focus: str | None) -> None:
    assert focus_word(question) == focus


def test_a_passage_without_the_asked_role_names_no_one_for_it(kb: KnowledgeBase) -> None:
    assert not kb.search("Wer ist der Präsident von Südkorea?", 1).answered
    assert not kb.search("Who is the president of South Korea?", 1).answered
    result = kb.search("Wer ist der ukrainische Präsident?", 1)
    assert result.answered
    assert "Selenskyj" in result.passages[0].text


@pytest.mark.parametrize(
    ("word", "value"),
    [("zehntausend", 10000), ("einundzwanzig", 21), ("dreihundertfunfzig", 350),
     ("zweitausendvierundzwanzig", 2024), ("tausend", 1000), ("achten", None), ("und", None),
     ("zehntausende", None)],
)  # fmt: skip
def test_german_number_words_have_values(word: str, value: int | None) -> None:
    assert german_number(word) == value


@pytest.mark.parametrize(
    "question",
    [
        "Sind über zehntausend nordkoreanische Soldaten in Russland?",
        "Are there more than ten thousand North Korean soldiers in Russia?",
    ],
)
def test_a_number_in_words_meets_the_article_digits(kb: KnowledgeBase, question: str) -> None:
    result = kb.search(question, 1)
    assert result.answered
    assert "10.000" in result.passages[0].text


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Hat Moskau zugesichert, keine Abkommen gegen Pjöngjang zu schließen?", "Drittparteien"),
        ("Hat Nordkorea zugesagt, keine Bündnisse gegen Russland einzugehen?", "Drittparteien"),
        ("Wer regiert in Nordkorea?", "Machthaber Kim Jong-un"),
        ("Wer ist in Nordkorea an der Macht?", "Machthaber Kim Jong-un"),
        ("Müssen die Länder sich im Ernstfall helfen?", "angegriffen"),
        ("Was gilt im Verteidigungsfall?", "angegriffen"),
    ],
)
def test_separable_participles_power_and_the_case_of_war(
    kb: KnowledgeBase, question: str, gold: str
) -> None:
    answered_with(kb, question, gold)


def test_a_name_after_a_copula_answers_a_name_question() -> None:
    from knowledge.parser import parse_article

    text = (
        "Die drei Musikschulen der Stadt sind das Royal College und zwei kleinere Häuser.\n"
        "Im 19. Jahrhundert wuchs die Stadt rasch.\n"
    )
    kb = KnowledgeBase([parse_article(text, "musik")])
    assert kb.search("Wie heißen die drei Musikschulen der Stadt?", 1).answered
    result = kb.search("Was geschah im 19. Jhd in der Stadt?", 1)
    assert result.answered
    assert "Jahrhundert" in result.passages[0].text


def test_a_capital_meets_its_country_adjective_but_a_leader_does_not(kb: KnowledgeBase) -> None:
    result = kb.search("Hat Moskau den Vertrag schon unterschrieben?", 1)
    assert result.answered
    assert "Der russische Präsident" in result.passages[0].text
    groups = kb.query_builder.groups("Kremlchef")
    assert "russland" not in groups[0].members  # no chain Kremlchef → Kreml → Russland


@pytest.mark.parametrize(
    "question",
    [
        "Wer hat das Dekret erlassen?",  # erlassen ~ Erlass ~ Dekret: the noun says it
        "Wer hat das Foto aufgenommen?",
        "Wer hat die Meldung veröffentlicht?",  # veröffentlicht → veröffentlichen ~ melden
        "Von wem stammt das Foto?",
        "Wann wurde das Bankett abgehalten?",
    ],
)
def test_a_verb_whose_meaning_the_question_or_article_carries_is_answered(
    kb: KnowledgeBase, question: str
) -> None:
    result = kb.search(question, 1)
    assert result.answered
    assert not result.details["verb_missed"]


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("What did Zelensky say?", "Selenskyj"),
        ("What does the treaty say?", "verpflichteten"),
        ("muss russland nordkorea helfen wenn es angegriffen wird", "falls"),
        ("Hilft Nordkorea, wenn Russland angegriffen wird?", "falls"),
    ],
)
def test_saying_persons_and_conditional_clauses(
    kb: KnowledgeBase, question: str, gold: str
) -> None:
    answered_with(kb, question, gold)


@pytest.mark.parametrize(
    "question",
    [
        "Wann wurde Kim Jong-un geboren?",  # "zur Welt kommen" no longer lends "Welt"
        "Was hat der Pakt gekostet?",
        "Was kostete das Staatsbankett?",
    ],
)
def test_idioms_lend_no_words_and_past_costs_ask_for_money(
    kb: KnowledgeBase, question: str
) -> None:
    assert not kb.search(question, 1).answered


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Wann wurde der Pakt besiegelt?", "unterzeichnete den Vertrag"),
        ("Wer hat die Truppen mobilisiert?", "Soldaten"),
        ("Wer hat den Bericht herausgegeben?", "KCNA meldete"),
        ("Wer hat die Behauptung aufgestellt?", "behaupten"),
    ],
)
def test_news_verbs_meet_the_articles_words(kb: KnowledgeBase, question: str, gold: str) -> None:
    answered_with(kb, question, gold)


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("What must both countries do before the pact becomes valid?", "Ratifikationsurkunden"),
        ("Are the partners allowed to conclude agreements with other states?", "Drittparteien"),
        ("Which countries are worried about the military ties?", "kritisiert"),
        ("What are the two nations obliged to do if one of them is invaded?", "Hilfe"),
    ],
)
def test_general_english_words_are_in_the_glossary(
    kb: KnowledgeBase, question: str, gold: str
) -> None:
    answered_with(kb, question, gold)


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("haben die nordkoreaner verlsute erlitten", "Verluste"),  # a typo of a listed word
        ("wann war das stattsbankett", "Staatsbankett"),
        ("muss man sich gegenseitig helfen", "Hilfe"),  # mutual → both sides
    ],
)
def test_noisy_typos_of_listed_words_and_mutual_help(
    kb: KnowledgeBase, question: str, gold: str
) -> None:
    answered_with(kb, question, gold)
