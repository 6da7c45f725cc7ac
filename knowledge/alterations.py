"""Synonym sets (alterations) and the country and place lists built from them.

An alterations file holds one set a line: ``a|b|c`` (all equivalent) or ``a|b => c|d``
(one-way). The shipped files are general synonyms (``alterations_de.syn``), entity
aliases (``aliases_de.syn``: Kremlchef ↔ Putin, Kreml ↔ Moskau) and countries with
their adjectives and inhabitants (``countries_de.syn``); a knowledge directory may add
its own ``alterations.syn``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

from knowledge.analysis import DATA_DIR, analyze
from knowledge.morphology import FuzzyLexicon


class Member(NamedTuple):
    """One member of a synonym set: its index terms, and all its words for a phrase."""

    terms: tuple[str, ...]  # the index terms (stop words dropped), as passages are searched
    words: tuple[str, ...]  # every word's term, stop words kept: how a question says it
    phrase: bool  # several words ("andere Länder"): matched as a whole in questions


class SynonymRule(NamedTuple):
    """One line of an alterations file: each source member meets the target members."""

    sources: tuple[Member, ...]
    targets: tuple[Member, ...]


def _members(text: str) -> tuple[Member, ...]:
    """Return the members of ``a|b|c`` (empty ones, e.g. only stop words, dropped)."""
    members = (
        Member(
            tuple(t.term for t in analyze(m)),
            tuple(t.term for t in analyze(m, keep_stop_words=True)),
            len(m.split()) > 1,
        )
        for m in text.split("|")
    )
    return tuple(m for m in members if m.terms)


@cache
def _synonym_rules(path: Path) -> tuple[SynonymRule, ...]:
    """Read an alterations file: ``a|b|c`` (all equivalent) or ``a|b => c|d`` (one-way).

    The one-way form is Solr's explicit mapping: a question saying ``a`` or ``b`` also
    searches for ``c`` and ``d``, not the other way round ("andere Länder =>
    Drittparteien": a passage is not about third parties for saying "Länder").
    """
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, arrow, right = line.partition("=>")
        sources = _members(left)
        rules.append(SynonymRule(sources, _members(right) if arrow else sources))
    return tuple(rules)


@cache
def _phrase_table(path: Path) -> tuple[tuple[Member, ...], ...]:
    """Read an alterations file: each line's members, sources and targets alike."""
    return tuple(
        tuple(dict.fromkeys((*rule.sources, *rule.targets))) for rule in _synonym_rules(path)
    )


class Alterations:
    """Synonym sets keyed by single index terms and by the phrases of several words."""

    def __init__(self, files: Iterable[Path]) -> None:
        """Load the sets of every file in ``files`` (later files add to earlier ones)."""
        self._by_term: dict[str, set[tuple[str, ...]]] = {}
        self._by_phrase: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for path in files:
            for sources, targets in _synonym_rules(path):
                for member in sources:
                    others = {m.terms for m in targets if m.terms != member.terms}
                    if member.phrase:
                        self._by_phrase.setdefault(member.words, set()).update(others)
                    elif len(member.terms) == 1:
                        self._by_term.setdefault(member.terms[0], set()).update(others)
        self._phrase_starts: dict[str, list[tuple[str, ...]]] = {}
        for words in self._by_phrase:
            self._phrase_starts.setdefault(words[0], []).append(words)
        self._keys = FuzzyLexicon(self._by_term)
        self._cache: dict[str, set[str]] = {}

    def alternatives(self, term: str) -> set[str]:
        """Return the terms of every member of every set ``term`` belongs to.

        A term not listed as such also finds the sets of a listed form that differs
        only in its last letters or by one edit ("unterschrieb" → "unterschreib").
        """
        cached = self._cache.get(term)
        if cached is not None:
            return cached
        keys = [term] if term in self._by_term else self._similar_keys(term)
        found = {t for key in keys for member in self._by_term[key] for t in member if t != term}
        if len(self._cache) < 100_000:
            self._cache[term] = found
        return found

    def listed(self, term: str) -> set[str]:
        """Return the alternatives of ``term`` only when it is listed itself (no near forms)."""
        return {t for member in self._by_term.get(term, ()) for t in member if t != term}

    def phrases(self, text: str) -> list[tuple[int, int, set[str]]]:
        """Return the listed phrases of ``text``: ``(start, end, alternatives' terms)``.

        A phrase member ("andere Länder", "in Kraft treten") is matched word by word,
        stop words included and inflection folded by the stemmer ("anderen Ländern"),
        so "andere" counts only as part of the phrase, never on its own.
        """
        if not self._by_phrase:
            return []
        tokens = analyze(text, keep_stop_words=True)
        words = [t.term for t in tokens]
        found = []
        for i, first in enumerate(words):
            for phrase in self._phrase_starts.get(first, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    alternatives = {t for member in self._by_phrase[phrase] for t in member}
                    found.append((tokens[i].start, tokens[i + len(phrase) - 1].end, alternatives))
        return found

    def _similar_keys(self, term: str) -> list[str]:
        """Return listed terms that are inflectional variants or one edit from ``term``."""
        if len(term) < 6:
            return []
        similar = self._keys.same_stem(term)
        if len(term) >= 7:
            similar += self._keys.near(term, 1)
        return list(dict.fromkeys(similar))


ALIASES_FILE = "aliases_de.syn"


def default_alteration_files(knowledge_dir: Path | None) -> list[Path]:
    """Return the shipped sets (general synonyms, entity aliases) plus the directory's own.

    ``knowledge_dir/alterations.syn`` is added when it exists.
    """
    files = [DATA_DIR / "alterations_de.syn", DATA_DIR / ALIASES_FILE]
    if knowledge_dir is not None and (knowledge_dir / "alterations.syn").is_file():
        files.append(knowledge_dir / "alterations.syn")
    return files


COUNTRIES_FILE = "countries_de.syn"


@cache
def countries() -> Mapping[str, frozenset[str]]:
    """Return each index term of a country, its adjective or inhabitants → its siblings."""
    table: dict[str, set[str]] = {}
    for members in _phrase_table(DATA_DIR / COUNTRIES_FILE):
        single = {m.terms[0] for m in members if len(m.terms) == 1}
        for term in single:
            table.setdefault(term, set()).update(single - {term})
    return {term: frozenset(siblings) for term, siblings in table.items()}


@cache
def country_names() -> frozenset[str]:
    """Return the index terms of the countries themselves (each line's first member)."""
    return frozenset(
        members[0].terms[0]
        for members in _phrase_table(DATA_DIR / COUNTRIES_FILE)
        if len(members[0].terms) == 1
    )


@cache
def places() -> frozenset[str]:
    """Return the index terms of known places: countries and the aliases' capitals."""
    aliases = {
        m.terms[0]
        for members in _phrase_table(DATA_DIR / ALIASES_FILE)
        for m in members
        if len(m.terms) == 1
    }
    return frozenset(countries()) | frozenset(aliases)


@cache
def general_terms() -> frozenset[str]:
    """Return the single-word index terms of the general synonym sets (no names)."""
    return frozenset(
        m.terms[0]
        for members in _phrase_table(DATA_DIR / "alterations_de.syn")
        for m in members
        if len(m.terms) == 1
    )
