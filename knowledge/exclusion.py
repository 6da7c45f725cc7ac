"""Exclusion questions: "Welche anderen Regionen außer Kursk …", "Who else besides Kim …".

The excluded thing is what the asker already knows; a passage about it does not answer.
So the excluded words do not search (they would pull in exactly that passage), and a best
passage that still names them is no sure answer: the article may speak of nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.alterations import places
from knowledge.analysis import fold, stem
from knowledge.answer_types import AnswerType, passage_has_type
from knowledge.query import TermGroup

EXCLUDED_FACTOR = 0.5
"""A passage naming an excluded word keeps this share of its score (others come first)."""

_SKIP = r"(?:(?:der|die|das|den|dem|des|in|im|von|vom|the|in|at|of)\s+)*"
EXCLUSION_RE = re.compile(
    rf"\b(?:außer|ausser|ausgenommen|abgesehen\s+von|neben|other\s+than|besides|apart\s+from"
    rf"|except(?:\s+for)?)\s+{_SKIP}((?:[^\W\d_][\w-]*)(?:\s+(?:und|and)\s+[^\W\d_][\w-]*)?)",
    re.I,
)
"""An exclusion and the words it excludes ("außer Kursk", "außer in der Region Kursk",
"abgesehen von den USA und Südkorea", "other than Putin"). "neben" counts only after
"noch"/"sonst"/"andere" in the question (see :func:`exclusion_spans`): alone it is a place."""
_OTHER_RE = re.compile(r"\b(?:andere\w*|sonst|noch|weitere\w*|else|other)\b", re.I)


def exclusion_spans(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Return the span of the exclusion phrase and of the excluded words in ``text``.

    ``None`` when the question excludes nothing. "neben" ("beside") excludes only when
    the question also asks for others ("Welche Länder *neben* Russland *noch* …").
    """
    match = EXCLUSION_RE.search(text)
    if match is None:
        return None
    if match.group(0).lower().startswith("neben") and not _OTHER_RE.search(text):
        return None
    return match.span(), match.span(1)


def split_excluded(
    groups: Sequence[TermGroup], spans: tuple[tuple[int, int], tuple[int, int]] | None
) -> tuple[list[TermGroup], list[TermGroup]]:
    """Return the groups that search and the groups of the excluded words.

    The exclusion word itself ("außer") neither searches nor is excluded. When nothing
    else would be left to search, every group searches and none is excluded.
    """
    if spans is None:
        return list(groups), []
    (start, end), (x_start, x_end) = spans
    kept = [g for g in groups if not start <= g.start < end]
    excluded = [g for g in groups if x_start <= g.start < x_end]
    if not kept:
        return list(groups), []
    return kept, excluded


def excluded_terms(excluded: Sequence[TermGroup], factor: float) -> set[str]:
    """Return the index terms of the excluded words: themselves and their forms.

    Members of at least ``factor`` count; a synonym does not ("außer Kursk" does not
    exclude every "Region").
    """
    return {t for g in excluded for t, f in g.members.items() if f >= factor}


def names_excluded(terms: set[str], spans: Sequence[tuple[str, int, int]]) -> bool:
    """Tell whether a passage (its index terms: ``spans``) names an excluded word."""
    return any(term in terms for term, _, _ in spans)


def only_excluded(
    excluded: Sequence[TermGroup],
    terms: set[str],
    spans: Sequence[tuple[str, int, int]],
    text: str,
    asked: set[str],
) -> bool:
    """Tell whether a passage names an excluded word and nothing else of its kind.

    "Welche Länder außer Südkorea …" is answered by "die USA, Südkorea und die Ukraine …"
    (other countries beside it), "In welchen Regionen außer Kursk …" not by "in der
    russischen Region Kursk" alone. Besides the excluded and the ``asked`` words the
    passage must name another of the same kind: another place for a place, another
    acronym for an acronym ("außer KCNA"), else someone or something (a person's name,
    a country or an acronym).
    """
    if not names_excluded(terms, spans):
        return False
    others = {term for term, _, _ in spans} - asked - terms
    if not terms.isdisjoint(places()):
        return others.isdisjoint(places())
    if any(g.acronym for g in excluded):
        acronyms = (w for w in re.findall(r"\w+", text) if len(w) > 1 and w.isupper())
        return all(stem(fold(w)) in terms | asked for w in acronyms)
    return not passage_has_type(text, AnswerType.PERSON_NAME, asked | terms)
