"""English questions: tell the language, then map English words to German ones.

:func:`detect_language` counts function words of either language; :func:`english_to_german`
looks each English word or phrase up in the bilingual glossary (``glossary_en_de.tsv``),
undoing irregular forms (``irregular_en.tsv``) and plural/past/-ing endings first; names
and numbers pass unchanged, English number words become digits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import NamedTuple

from knowledge.analysis import DATA_DIR
from knowledge.numbers import MIN_NUMBER_WORD, english_number

_EN_SUFFIXES = ("ies", "es", "s", "ed", "d", "ing")


@cache
def glossary() -> Mapping[tuple[str, ...], str]:
    """Return the English → German glossary keyed by lowercase English word tuples."""
    table: dict[tuple[str, ...], str] = {}
    text = (DATA_DIR / "glossary_en_de.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        english, german = line.split("\t", 1)
        key = tuple(english.lower().split())
        table[key] = f"{table[key]} {german.strip()}" if key in table else german.strip()
    return table


_EN_MARKERS = frozenset(
    [
        "what",
        "when",
        "where",
        "who",
        "whom",
        "whose",
        "which",
        "why",
        "how",
        "did",
        "does",
        "do",
        "is",
        "are",
        "was",
        "were",
        "the",
        "of",
        "have",
        "has",
        "had",
        "been",
        "will",
        "would",
        "could",
        "should",
        "to",
        "and",
        "or",
        "a",
        "an",
        "in",
        "on",
        "about",
        "with",
        "from",
        "yet",
        "many",
        "much",
    ]
)
_DE_MARKERS = frozenset(
    [
        "was",
        "wann",
        "wo",
        "wer",
        "wen",
        "wem",
        "wie",
        "warum",
        "welche",
        "welcher",
        "welches",
        "welchen",
        "hat",
        "haben",
        "ist",
        "sind",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "und",
        "oder",
        "ein",
        "eine",
        "einen",
        "einem",
        "mit",
        "von",
        "zu",
        "zum",
        "zur",
        "im",
        "auf",
        "für",
        "nicht",
        "es",
        "gibt",
        "wird",
        "werden",
    ]
)


def detect_language(question: str) -> str:
    """Return ``"en"`` or ``"de"`` from function words and glossary hits (default ``de``)."""
    words = re.findall(r"[^\W\d_]+", question.casefold())
    if re.search(r"[äöüß]", question.casefold()):
        return "de"
    en = sum(w in _EN_MARKERS for w in words)
    de = sum(w in _DE_MARKERS for w in words)
    if en == de:
        en += sum((w,) in glossary() for w in words) > len(words) / 2
    return "en" if en > de else "de"


class Segment(NamedTuple):
    """One English word or phrase of a question and its German alternatives."""

    source: str  # the English words as written
    alternatives: list[str]
    translated: bool  # False: not in the glossary, kept as it is (a name, a number, ...)


def english_to_german(question: str) -> list[Segment]:
    """Map ``question``'s English words to the glossary's German alternatives.

    Returns one segment per English word or phrase (longest phrases first, up to
    three words; irregular forms and plural/past/-ing endings are undone for the
    lookup). Unknown words (names, numbers) stay as they are, untranslated.
    """
    table = glossary()
    words = re.findall(r"[\w'-]+", question)
    out: list[Segment] = []
    i = 0
    while i < len(words):
        number = english_number(words[i:])
        if number is not None and (number[0] >= MIN_NUMBER_WORD or number[1] > 1):
            out.append(Segment(" ".join(words[i : i + number[1]]), [str(number[0])], True))
            i += number[1]
            continue
        for size in (3, 2, 1):
            key = tuple(w.lower() for w in words[i : i + size])
            if len(key) == size and (german := _lookup_english(table, key)):
                out.append(Segment(" ".join(words[i : i + size]), german.split(), True))
                i += size
                break
        else:
            out.append(Segment(words[i], [words[i]], False))
            i += 1
    return out


@cache
def irregular_english() -> Mapping[str, str]:
    """Return irregular English verb forms mapped to their base form ("held" → "hold")."""
    text = (DATA_DIR / "irregular_en.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return {form.strip(): base.strip() for form, base in pairs if not form.startswith("#")}


def _lookup_english(table: Mapping[tuple[str, ...], str], key: tuple[str, ...]) -> str | None:
    """Look ``key`` up, also with its first or last word's inflection undone.

    Irregular forms and plural/past/-ing endings: "took part" finds "take part",
    "soldiers" finds "soldier".
    """
    if key in table:
        return table[key]
    for last in _english_bases(key[-1]):
        if (*key[:-1], last) in table:
            return table[(*key[:-1], last)]
    if len(key) > 1:
        for first in _english_bases(key[0]):
            if (first, *key[1:]) in table:
                return table[(first, *key[1:])]
    return None


def _english_bases(word: str) -> list[str]:
    """Return the base forms ``word`` may inflect (irregular form, then endings undone)."""
    bases = []
    irregular = irregular_english().get(word)
    if irregular is not None:
        bases.append(irregular)
    word = word.removesuffix("'s")
    bases.append(word)
    for suffix in _EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            bases += [base, base + "y"] if suffix == "ies" else [base, base + "e"]
    return bases
