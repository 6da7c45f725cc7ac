"""How sure an answer is: coverage, unknown words, answer type, focus and countries.

The best passage is a confident answer (:attr:`~knowledge.types.Confidence.HIGH`) only
when it covers enough of the question, the question's words are mostly known, the
expected answer type is there, and the passage neither misses the noun a quantity or
name question is about (:func:`misses_focus`) nor speaks of other countries than the
asked ones (:func:`missing_countries`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from knowledge.alterations import countries
from knowledge.answer_types import (
    GENERIC_COUNTED,
    MEASURE_HEADS,
    AnswerType,
    asked_noun,
    focus_word,
)
from knowledge.options import EngineOptions
from knowledge.query import TermGroup, is_filler
from knowledge.types import Confidence
from knowledge.word_classes import is_common_noun, light_words

_SOFT_TYPES = frozenset(
    {AnswerType.PERSON, AnswerType.CONTENT, AnswerType.CONDITION, AnswerType.REASON}
)
"""Answer types that only re-rank: too many forms to refuse a passage that lacks them."""
ROLE_REACH = 2
"""How many index terms before or after a role may name whose role it is."""


def misses_focus(
    question: str,
    text: str,
    groups: Sequence[TermGroup],
    scored: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]],
    doc: int,
    spans: Sequence[tuple[str, int, int]],
    expected: AnswerType | None,
    alteration_factor: float,
) -> bool:
    """Tell whether passage ``doc`` (its terms and offsets: ``spans``) misses the asked noun.

    "Wie viele Artikel hat der Vertrag?" and "Putin unterzeichnete den Vertrag am 9.
    November": the passage's number counts something else, so it is no answer. The
    noun's head (the last part of a split compound, "Militär|haushalt") must be in the
    passage, as itself or any of its alternatives; a measure head ("Migranten|anteil")
    leaves its modifier, and a generic count ("Personen") needs nothing. A name
    question's noun, when the passage has a synonym of it, must be there as itself, a
    form or an alias: "Wie heißt der Chef von KCNA?" is not answered by "Machthaber Kim
    Jong-un", another role (a passage without any of its words may describe it). The
    role of "Wer ist der <Präsident> von X?" must be there too, or any name in the
    passage holds another office (a role no passage names is left to the weight of
    unknown words: "Partner" is most likely a paraphrase, "Außenminister" is not).
    """
    own = _groups_of(focus_word(question), text, groups)
    while own and groups[own[-1]].word.endswith(MEASURE_HEADS):
        own.pop()
    if not own or groups[own[-1]].word in GENERIC_COUNTED:
        return False
    group = groups[own[-1]]
    strong = {t for t, f in group.members.items() if f > alteration_factor}
    said = {term for term, _, _ in spans}
    only_synonym = strong.isdisjoint(said) and not said.isdisjoint(group.members)
    if expected in (AnswerType.NAME, AnswerType.PERSON_NAME) and only_synonym:
        others = [g for g in groups if g is not group and not g.topic]
        return not _stands_beside_asked(group, others, spans)
    if expected is AnswerType.NAME:
        return False
    docs = scored[own[-1]][0]
    if expected is AnswerType.PERSON_NAME and not docs.size:
        return False  # a role the article never names weighs as an unknown word
    at = int(np.searchsorted(docs, doc))
    return not (at < len(docs) and docs[at] == doc)


def _groups_of(word: str | None, text: str, groups: Sequence[TermGroup]) -> list[int]:
    """Return the indexes of the non-topic term groups that ``word`` of ``text`` yields."""
    if word is None:
        return []
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    if found is None:
        return []
    span = range(found.start(), found.end())
    return [i for i, g in enumerate(groups) if g.start in span and not g.topic]


def asks_unknown(
    question: str, text: str, groups: Sequence[TermGroup], known: Sequence[bool]
) -> bool:
    """Tell whether the noun naming the asked thing is unknown to the whole knowledge base.

    "Welche *Ausrüstung* haben die Soldaten?", "Mit welcher *Mehrheit* …", "Wer ist der
    *Außenminister* …": when neither the noun nor any alternative of it (forms, synonym
    sets, the thesaurus, compounds) is indexed, and the thesaurus knows it as a German
    word (``attested``: no typo, no rare compound), the article does not speak of what
    is asked, however well it matches the rest. The unknown head of a split compound
    ("Beistands|klausel"), filler, generic nouns ("Personen") and the listed general
    nouns of ``common_nouns_de.txt`` do not count: "Welche *Quelle* …", "Welches
    *Dokument* …" ask for a kind whose instance the passage names ("KCNA", "Dekret").
    """
    own = _groups_of(asked_noun(question), text, groups)
    if not own:
        return False
    group = groups[own[-1]]
    return group.attested and not (
        known[own[-1]]
        or group.part
        or is_filler(group)
        or group.word in GENERIC_COUNTED
        or is_common_noun(group.word, listed_only=True)
    )


def _stands_beside_asked(
    group: TermGroup, others: Sequence[TermGroup], spans: Sequence[tuple[str, int, int]]
) -> bool:
    """Tell whether a synonym of ``group`` in the passage has another asked word beside it.

    "Wie heißt der Anführer Nordkoreas?" and "der nordkoreanische Machthaber Kim": the
    synonym is attributed to the asked country, so it is the asked role in other words;
    "Wer ist der Chef von KCNA?" and "KCNA meldete, dass der nordkoreanische Machthaber
    …": the synonym's neighbours are not asked, so it is someone else's role. Neighbours
    are the index terms up to :data:`ROLE_REACH` before or after it.
    """
    asked = {t for g in others for t in g.members}
    terms = [term for term, _, _ in spans]
    for i, term in enumerate(terms):
        if term in group.members:
            near = terms[max(0, i - ROLE_REACH) : i] + terms[i + 1 : i + 1 + ROLE_REACH]
            if not asked.isdisjoint(near):
                return True
    return False


def missing_countries(
    groups: Sequence[TermGroup],
    spans: Sequence[tuple[str, int, int]],
    *,
    names_two: bool = False,
) -> list[str]:
    """Return the countries the question names that a passage replaces by others.

    ``spans`` are the passage's index terms with their offsets.

    "Hat Südkorea Soldaten geschickt?" and "Nordkorea wirft Russland vor, ...
    Soldaten ... entsandt": the passage names other countries instead of the asked
    one, so it speaks of someone else and is no sure answer. A passage naming no
    country at all may still mean the asked one (the article's topic); its adjective
    or inhabitants count as naming it. A passage that speaks of "the two countries"
    (``names_two``: "die Zusammenarbeit zwischen den beiden Ländern") may mean two asked
    countries it does not name, when the question asks about two or more ("zwischen
    Russland und Nordkorea"); for one asked country the pair is anybody's.
    """
    table = countries()
    families = []
    for group in groups:
        own = {t for t, f in group.members.items() if f >= 1.0 and t in table}
        if own:
            families.append((group.word, own.union(*(table[t] for t in own))))
    if not families:
        return []
    named = {term for term, _, _ in spans if term in table}
    asked = set().union(*(family for _, family in families))
    if not named - asked:
        return []
    missed = [word for word, family in families if not family & named]
    two_asked = len(families) >= 2 and len(missed) <= 2
    return [] if names_two and two_asked else missed


def rate_confidence(
    cover: float,
    unknown: float,
    unknown_acronym: bool,
    expected: AnswerType | None,
    typed: bool,
    options: EngineOptions,
) -> Confidence:
    """Decide how sure the answer is from coverage, unknown words and the answer type.

    HIGH needs the expected answer type in the passage (a person's name is not
    checked: too many forms), less than ``max_unknown`` of the question's weight on
    words the knowledge base never mentions, no acronym or country it never mentions
    or the passage does not name (an organisation or country it does not talk about:
    "NATO", "EU", "China"), and coverage of at least ``high``.
    """
    if not options.coverage:
        return Confidence.HIGH if typed or expected is None else Confidence.LOW
    if cover < options.low:
        return Confidence.NONE
    type_ok = expected is None or typed or expected in _SOFT_TYPES
    if cover >= options.high and type_ok and unknown < options.max_unknown and not unknown_acronym:
        return Confidence.HIGH
    return Confidence.LOW


def says_what_is_counted(group: TermGroup, language: str) -> bool:
    """Tell whether an unknown question word restricts what a quantity question counts.

    In "How many soldiers have been *captured*?" or "Wie viele Soldaten wurden
    *gefangen genommen*?" the verb or adjective says which soldiers are counted; when
    the article never uses it, a number of soldiers in it counts others. German: a verb
    of the bracket or a lowercase word after the first (no filler); English: a past
    participle outside the glossary (other English gaps are mostly function words).
    """
    if set(group.members) & light_words():
        return False
    if language == "en":
        return group.light and group.word.endswith(("ed", "en"))
    return group.light or group.verb
