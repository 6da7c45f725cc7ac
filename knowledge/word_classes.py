"""Word classes from the shipped word lists: fillers, general and role nouns, openers.

They tell how much an unknown question word weighs (a filler such as "gerade" says
nothing the article lacks, a general noun such as "Ding" is likely a paraphrase, a name
is not), whether a slip is a typo of a function word ("eigntlich"), and which sentence
openers refer back to the previous sentence ("Darin", "Dies", "Er").
"""

from __future__ import annotations

from functools import cache

from knowledge.alterations import countries
from knowledge.analysis import analyze, load_word_list, stem, stop_words
from knowledge.morphology import MAX_FUZZY_LETTERS, MIN_COMPOUND_PART, FuzzyLexicon


@cache
def light_words() -> frozenset[str]:
    """Return general filler words that weigh little when the article lacks them."""
    return frozenset(t.term for w in load_word_list("light_words_de.txt") for t in analyze(w))


@cache
def _function_words() -> FuzzyLexicon:
    """Return the stop and filler words long enough to be recognised with a typo."""
    words = stop_words() | load_word_list("light_words_de.txt")
    return FuzzyLexicon(w for w in words if len(w) >= FUNCTION_TYPO_LETTERS)


FUNCTION_TYPO_LETTERS = 5
"""Shortest function word recognised with a typo: shorter ones make other words."""


def is_function_word_typo(folded: str) -> bool:
    """Tell whether ``folded`` is a stop or filler word lacking one letter ("eigntlich").

    A slip in a function word must not make it an unknown content word that the
    article seems to lack; callers check first that it is no typo of an index word.
    Only a dropped letter, the common slip: a changed one mostly makes another word
    ("wetter" is no "weiter").
    """
    if not FUNCTION_TYPO_LETTERS - 1 <= len(folded) < MAX_FUZZY_LETTERS:
        return False
    return any(len(w) == len(folded) + 1 for w in _function_words().near(folded, 1))


@cache
def anaphoric_openers() -> frozenset[str]:
    """Return the folded words that, opening a sentence, refer back to the previous one."""
    return load_word_list("anaphora_openers.txt")


COMMON_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "itat", "nis", "ismus", "tum")
"""Endings of German abstract nouns (folded): such a word is no name."""


@cache
def common_nouns() -> frozenset[str]:
    """Return the folded general nouns of ``common_nouns_de.txt``."""
    return load_word_list("common_nouns_de.txt")


@cache
def _common_noun_stems() -> frozenset[str]:
    """Return the stems of the general nouns, whose plurals and cases the list omits."""
    return frozenset(stem(noun) for noun in common_nouns() if len(noun) >= MIN_COMPOUND_PART)


@cache
def role_nouns() -> frozenset[str]:
    """Return the folded nouns of roles and offices of ``role_nouns_de.txt``."""
    return load_word_list("role_nouns_de.txt")


def is_common_noun(folded: str, *, roles: bool = False, listed_only: bool = False) -> bool:
    """Tell whether a capitalised word is a general noun rather than a name.

    True for a listed general noun or a form of one, and unless ``listed_only`` for a
    compound ending in one ("Vertragspartner") or a word with an abstract-noun ending
    ("Voraussetzung"); with ``roles`` also for a role ("Außenminister"); never for a
    country.
    """
    if folded in countries() or stem(folded) in countries():
        return False
    nouns = common_nouns() | role_nouns() if roles else common_nouns()
    if folded in nouns or stem(folded) in _common_noun_stems():  # plurals: "Männer", "Dinge"
        return True
    if listed_only:
        return False
    if len(folded) >= 6 and folded.endswith(COMMON_NOUN_SUFFIXES):
        return True
    return any(folded[i:] in nouns for i in range(MIN_COMPOUND_PART, len(folded) - 2))
