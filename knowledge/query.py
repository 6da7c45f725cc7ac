"""A question's term groups and the index vocabulary they are built against.

A :class:`TermGroup` is one question word with its alternatives (index term → factor);
:class:`Vocabulary` finds an index's terms by prefix, suffix, stem and edit distance,
and splits compounds into their parts. How a question becomes groups is in
:mod:`knowledge.expansion`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from knowledge.analysis import stem
from knowledge.morphology import (
    INFLECTION_ENDINGS,
    LINKING_ELEMENTS,
    MAX_FUZZY_LETTERS,
    MIN_COMPOUND_PART,
    SEPARABLE_PREFIXES,
    VERB_PREFIXES,
    FuzzyLexicon,
    has_onset,
    is_head,
    same_stem,
    with_prefix,
)
from knowledge.word_classes import light_words


class Part(NamedTuple):
    """One part of a split compound: its index term and its folded letters."""

    term: str
    folded: str


@dataclass(slots=True)
class TermGroup:
    """One question word: its alternatives (term → factor) and where it stands."""

    word: str
    members: dict[str, float] = field(default_factory=dict)
    start: int = 0
    end: int = 0
    name_like: bool = False  # capitalised inside the question: likely a name
    light: bool = False  # a verb/adjective, or an English word outside the glossary
    acronym: bool = False  # written in capitals ("NATO", "EU"): surely a name
    verb: bool = False  # a verb of the question's verbal bracket (German word order)
    part: bool = False  # the unknown head of a split compound ("-klausel"): weighs little
    noun: bool = False  # capitalised inside the question, or a part of such a compound
    topic: bool = False  # "die beiden Länder", "beide Seiten": the article's two actors
    unsaid: bool = False  # has synonyms, yet neither it nor any of them is indexed
    attested: bool = False  # unknown to the index, yet a German word the thesaurus knows

    def add(self, term: str, factor: float) -> None:
        """Add ``term`` with ``factor`` unless it is already there with a higher one."""
        if factor > self.members.get(term, 0.0):
            self.members[term] = factor


TOPIC_RE = re.compile(
    r"\b(?:beide[nrs]?|zwei|both|two)\s+(?:(?:the|anderen?|genannten|betroffenen)\s+)?"
    r"(?:Länder\w*|Staaten|Seiten|Parteien|Nationen|Regierungen"
    r"|countries|sides|states|nations|parties|governments)\b"
    r"|\b(?:beide[nrs]?|both)\b(?=\s*[?.!,]|\s+(?-i:[a-zäöüß]+)\b)"
    r"|\b(?:die|der|den)\s+(?:zwei|beiden)\b(?=\s*[?.!,]|\s+(?-i:[a-zäöüß]+)\b)",
    re.I,
)
"""A phrase for the two main actors of a text ("die beiden Länder", "beide Seiten", "the
two countries", "die zwei"): it refers back to the topic rather than asking for a
sentence that says "beiden Ländern", so its words weigh little."""


def topic_spans(text: str) -> list[tuple[int, int]]:
    """Return the character spans of the phrases of ``text`` that name the two actors."""
    return [m.span() for m in TOPIC_RE.finditer(text)]


def claim_own_terms(groups: list[TermGroup]) -> list[TermGroup]:
    """Drop from each group the alternatives that another question word is itself.

    In "Wo kämpften die Soldaten?" the alternatives of "kämpften" (via "Kämpfer")
    include "Soldaten", which the question names on its own: a passage word answers
    one question word, so a passage with "Soldaten" alone must not cover both.
    """
    own = {term for g in groups for term, factor in g.members.items() if factor >= 1.0}
    for group in groups:
        if any(term in own for term, factor in group.members.items() if factor < 1.0):
            group.members = {t: f for t, f in group.members.items() if f >= 1.0 or t not in own}
    return groups


def is_filler(group: TermGroup) -> bool:
    """Tell whether ``group`` is a general filler word of questions (``light_words_de.txt``)."""
    return not set(group.members).isdisjoint(light_words())


class Vocabulary:
    """The index's vocabulary, searchable by prefix, suffix and edit distance."""

    def __init__(self, terms: Iterable[str], surfaces: Mapping[str, str]) -> None:
        """Keep the sorted terms, their reversals, and folded surface word → term."""
        self._set = frozenset(terms)
        self._terms = sorted(self._set)
        self._reversed = sorted(t[::-1] for t in self._terms)
        self._surfaces = dict(surfaces)
        self._fuzzy: FuzzyLexicon | None = None  # built on the first typo

    def __contains__(self, term: str) -> bool:
        """Tell whether ``term`` is an index term."""
        return term in self._set

    def variants(self, term: str) -> list[str]:
        """Return index terms that are inflectional or derivational variants of ``term``.

        Participles lose ``ge`` ("gesagt" → "sagt"); stems sharing all but their last
        three letters meet; country names meet their adjectives ("russland" → "russisch",
        "nordkorea" → "nordkorean").
        """
        found: list[str] = []
        candidates = [term]
        if term.startswith("ge") and len(term) >= 6:
            candidates.append(term[2:])
        base = term.removesuffix("land") if term.endswith("land") else term
        candidates += [term + "n", term + "isch", base + "isch", term + "er"]
        if term.endswith("isch"):
            candidates += [term[:-4], term[:-4] + "land", term[:-4] + "e"]
        if term.endswith("n") and len(term) > 5:
            candidates.append(term[:-1])
        for prefix in SEPARABLE_PREFIXES:
            if term.startswith(prefix + "ge") and len(term) > len(prefix) + 4:
                candidates.append(prefix + term[len(prefix) + 2 :])
            elif term.startswith(prefix) and len(term) > len(prefix) + 3:
                participle = prefix + "ge" + term[len(prefix) :]
                found += [
                    t for t in with_prefix(self._terms, participle[:-2]) if same_stem(t, participle)
                ]
        for candidate in candidates:
            if candidate != term and candidate in self:
                found.append(candidate)
        if len(term) >= 6:
            stem_prefix = term[: len(term) - 3]
            shorter = [stem_prefix] if stem_prefix in self else []
            found += [
                t for t in shorter + with_prefix(self._terms, stem_prefix) if same_stem(t, term)
            ]
        return [t for t in dict.fromkeys(found) if t != term]

    def inflections(self, term: str) -> list[str]:
        """Return index terms that are ``term`` plus a German inflection ending.

        A synonym listed in its base form meets the article's inflected form
        ("melden" → "meldet(e)", "kritisieren" → "kritisiert"), the stemmer having
        left some endings on.
        """
        return [term + end for end in INFLECTION_ENDINGS if term + end in self]

    def compounds(self, term: str) -> list[str]:
        """Return index terms that begin or end with ``term`` and are compounds of it."""
        if len(term) < MIN_COMPOUND_PART or term.isdigit():
            return []
        found = with_prefix(self._terms, term)
        found += [t[::-1] for t in with_prefix(self._reversed, term[::-1])]
        return [t for t in found if len(t) - len(term) >= MIN_COMPOUND_PART]

    def compound_heads(self) -> frozenset[str]:
        """Return the ends of index terms that may be a compound's head ("bankett").

        Every end leaving at least :data:`MIN_COMPOUND_PART` letters before it, of at
        least as many letters itself: what :meth:`compounds` finds a compound ending in.
        """
        return frozenset(
            term[i:]
            for term in self._terms
            for i in range(MIN_COMPOUND_PART, len(term) - MIN_COMPOUND_PART + 1)
        )

    def split(self, folded: str) -> tuple[str, str] | None:
        """Split an unknown compound into two index terms ("truppenverluste" → trupp, verlust).

        The terms of :meth:`decompose`'s parts, with only index terms and their
        variants as known parts.
        """
        parts = self.decompose(folded)
        return (parts[0].term, parts[1].term) if parts else None

    def decompose(
        self, folded: str, known: Callable[[str], bool] | None = None
    ) -> tuple[Part, Part] | None:
        """Split an unknown compound into its modifier and head.

        The head (right part) must be an index term or a variant of one; the modifier
        (left part, less a linking element such as "s" or "en") an index term or the
        start of one ("beistands|vertrag" meets "Beistandspakts"). ``known`` (called
        with a part's folded letters) widens both: a part whose derivations,
        strong-verb forms or synonyms are indexed ("austausch" meets "ausgetauscht",
        "treten" meets "tritt"). Both parts need :data:`MIN_COMPOUND_PART` letters; the
        most balanced split wins. ``None`` when no split fits. Decompounding against
        the corpus vocabulary, as in Lucene's ``DictionaryCompoundWordTokenFilter``.
        """
        if len(folded) < 2 * MIN_COMPOUND_PART or not folded.isalpha():
            return None
        best: tuple[int, tuple[Part, Part]] | None = None
        for i in range(MIN_COMPOUND_PART, len(folded) - MIN_COMPOUND_PART + 1):
            head = stem(folded[i:])
            if not is_head(folded[i:]) or (head not in self and not (known and known(folded[i:]))):
                continue
            left = folded[:i]
            for link in LINKING_ELEMENTS:
                base = left[: len(left) - len(link)] if link else left
                if len(base) < MIN_COMPOUND_PART or not left.endswith(link):
                    continue
                modifier = stem(base) if self.is_modifier(base) else self._variant(stem(base))
                if modifier is None and known and (known(base) or self.decompose(base, known)):
                    modifier = stem(base)  # known, or itself a compound of known parts
                if modifier is not None and base not in VERB_PREFIXES:
                    # the dictionary's parts: the most balanced split; derived parts: the
                    # longest head ("radio|stationen", not "radiost|ationen")
                    balance = len(folded) - i if known else min(len(base), len(folded) - i)
                    if best is None or balance > best[0]:
                        best = (balance, (Part(modifier, base), Part(head, folded[i:])))
                    break
        return best[1] if best else None

    def split_modifier(self, folded: str, known: Callable[[str], bool]) -> tuple[Part, Part] | None:
        """Split a known modifier off an unknown head ("beistands|klausel").

        The modifier (less a linking element) is ``known``; the head, at least
        :data:`MIN_COMPOUND_PART` letters, is not: it names a kind ("-klausel", "-fall")
        that the article words otherwise. The most balanced split wins; ``None`` when
        none fits.
        """
        if len(folded) < 2 * MIN_COMPOUND_PART or not folded.isalpha():
            return None
        ends: dict[str, tuple[str, int]] = {}  # modifier term → its letters, where it ends
        for i in range(MIN_COMPOUND_PART, len(folded) - MIN_COMPOUND_PART + 1):
            left = folded[:i]
            for link in LINKING_ELEMENTS:
                base = left[: len(left) - len(link)] if link else left
                if len(base) < MIN_COMPOUND_PART or not left.endswith(link):
                    continue
                if (
                    base not in VERB_PREFIXES
                    and known(base)
                    and has_onset(folded[i:])
                    and is_head(folded[i:])
                ):
                    ends[stem(base)] = (base, i)  # the linking element goes with the modifier
                    break
        if not ends:
            return None
        base, i = max(ends.values(), key=lambda found: min(len(found[0]), len(folded) - found[1]))
        return Part(stem(base), base), Part(stem(folded[i:]), folded[i:])

    def is_modifier(self, folded: str) -> bool:
        """Tell whether ``folded`` is an index term, or a part of an indexed compound.

        "beistand" is the modifier of "beistandspakts": after it come a linking
        element and an index term ("pakt"); "urkunden" is the head of
        "Ratifikationsurkunden"; "litera" of "literatur" is neither.
        """
        term = stem(folded)
        if len(term) < MIN_COMPOUND_PART:
            return False
        if term in self:
            return True
        if self._modifies(folded):
            return True
        heads = with_prefix(self._reversed, term[::-1])  # "urkund" heads "ratifikationsurkund"
        return any(len(h) - len(term) >= MIN_COMPOUND_PART for h in heads)

    def _modifies(self, start: str) -> bool:
        """Tell whether an index term is ``start`` + linking element + index term."""
        for compound in with_prefix(self._terms, start):
            rest = compound[len(start) :]
            for link in LINKING_ELEMENTS:
                head = rest[len(link) :]
                if rest.startswith(link) and len(head) >= MIN_COMPOUND_PART and head in self:
                    return True
        return False

    def _variant(self, term: str) -> str | None:
        """Return an index term that is a variant of ``term``, if any."""
        variants = self.variants(term)
        return variants[0] if variants else None

    def near(self, folded: str) -> list[str]:
        """Return the terms of surface words within the allowed edit distance of ``folded``.

        Distance 1 for words of 5 to 7 letters, 2 from 8 letters; a word of 4 letters
        only gets a letter it lacks ("putn" → "Putin": on short words a dropped letter is
        the common slip, while a changed one mostly makes another word); shorter words,
        words longer than :data:`MAX_FUZZY_LETTERS` and numbers get no correction.
        """
        if not 4 <= len(folded) <= MAX_FUZZY_LETTERS or folded.isdigit():
            return []
        if self._fuzzy is None:
            self._fuzzy = FuzzyLexicon(w for w in self._surfaces if len(w) >= 4)
        limit = 1 if len(folded) < 8 else 2
        found = self._fuzzy.near(folded, limit)
        if len(folded) == 4:
            found = [w for w in found if len(w) == 5]
        return list(dict.fromkeys(self._surfaces[w] for w in found))
