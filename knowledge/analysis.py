"""Text analysis shared by documents and questions: one tokenizer for both.

Pipeline for every word (the same for sentences and questions):

1. Unicode NFKC normalisation and case folding (``ß`` becomes ``ss``);
2. German normalisation after Lucene's ``GermanNormalizationFilter``: ``ä/ae → a``,
   ``ö/oe → o``, ``ü/ue → u`` so that "Suedkorea" meets "Südkorea"; other diacritics
   are dropped ("Erdoğan" meets "Erdogan");
3. stop words (German and English, question words included; shipped data files);
4. nltk's Snowball German stemmer.

Numbers keep their value: "10.000", "10 000" and "10000" become the term ``10000``;
an ordinal "12." becomes ``12``. Hyphenated words ("Jong-un", "US-Beamte") yield
their parts and the joined form, so "Jong-un", "jong un" and "jongun" all meet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from knowledge import nltk_parts

DATA_DIR = Path(__file__).with_name("data")

HYPHENS = "-‐‑"
"""Hyphen-minus, hyphen and non-breaking hyphen: they join a word's parts."""
# A word: letters/digits, optionally joined by hyphens or (inside numbers) dots;
# "10.000" and "10\u00a0000" (no-break space) are single numbers.
_WORD_RE = re.compile(
    rf"\d{{1,3}}(?:[.\u00a0\u202f]\d{{3}})+(?![\d])|[^\W_]+(?:[{HYPHENS}][^\W_]+)*"
)
_DIGITS_RE = re.compile(r"^\d[\d.\u00a0\u202f]*$")


@dataclass(frozen=True, slots=True)
class Token:
    """One analysed word: its index term, its folded surface form and its span in the text."""

    term: str
    folded: str
    start: int
    end: int
    joined: bool = False  # the joined form of a hyphenated word ("jongun")


_FOLD_CACHE: dict[str, str] = {}


def fold(word: str) -> str:
    """Return ``word`` NFKC-normalised, case-folded and umlaut-folded (memoised)."""
    try:
        return _FOLD_CACHE[word]
    except KeyError:
        pass
    result = _fold(word)
    if len(_FOLD_CACHE) < 500_000:
        _FOLD_CACHE[word] = result
    return result


def _fold(word: str) -> str:
    """Return ``word`` NFKC-normalised, case-folded and umlaut-folded.

    The umlaut rules follow Lucene's ``GermanNormalizationFilter``: ``ä ö ü`` lose
    their dots, and an ``e`` after ``a``/``o``/``u`` is dropped (``ue`` only when
    the ``u`` does not follow a vowel or ``q``), so "Suedkorea" = "Südkorea".
    """
    word = unicodedata.normalize("NFKC", word).casefold()
    out: list[str] = []
    state = "N"  # N: neutral, U: after a/o/u that may take an 'e', V: after a vowel
    for ch in word:
        if ch in "ao":
            state = "U"
        elif ch == "u":
            state = "U" if state == "N" else "V"
        elif ch == "e":
            if state == "U":
                state = "V"
                continue
            state = "V"
        elif ch in "iqy":
            state = "V"
        elif ch in "äöü":
            ch = {"ä": "a", "ö": "o", "ü": "u"}[ch]
            state = "V"
        else:
            state = "N"
        out.append(ch)
    folded = "".join(out)
    if not folded.isascii():
        folded = _strip_marks(folded)
    return folded


_LETTERS = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ð": "d"})


def _strip_marks(word: str) -> str:
    """Remove the remaining diacritics ("Hümâyûn" → "humayun", "Erdoğan" → "erdogan").

    As Lucene's ``ASCIIFoldingFilter`` for Latin letters: NFKD, drop combining marks,
    and map the few letters without a decomposition (ı, ø, æ, ł, …).
    """
    decomposed = unicodedata.normalize("NFKD", word.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def load_word_list(name: str) -> frozenset[str]:
    """Load a shipped word list (one word a line, ``#`` comments), folded."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(fold(w) for w in words if w)


@cache
def stop_words() -> frozenset[str]:
    """Return the German and English stop words (folded)."""
    return load_word_list("stopwords_de.txt") | load_word_list("stopwords_en.txt")


@cache
def _stemmer():
    """Return nltk's Snowball German stemmer (imported lazily, without all of nltk)."""
    return nltk_parts.import_module("nltk.stem.snowball").GermanStemmer()


_STEM_CACHE: dict[str, str] = {}


def stem(folded: str) -> str:
    """Return the Snowball German stem of an already folded word (memoised)."""
    try:
        return _STEM_CACHE[folded]
    except KeyError:
        pass
    result = folded if folded.isdigit() or len(folded) <= 3 else _stemmer().stem(folded)
    if len(_STEM_CACHE) < 500_000:
        _STEM_CACHE[folded] = result
    return result


def _number_term(text: str) -> str | None:
    """Return the digits of a number token ("10.000" → "10000"), else ``None``."""
    if _DIGITS_RE.match(text):
        return re.sub(r"\D", "", text)
    return None


def analyze(text: str, *, keep_stop_words: bool = False) -> list[Token]:
    """Split ``text`` into analysed tokens with character spans into ``text``.

    Stop words are dropped unless ``keep_stop_words``; a hyphenated word yields its
    parts and then the joined form (the latter spanning the whole word).
    """
    stops = stop_words()
    tokens: list[Token] = []
    for match in _WORD_RE.finditer(text):
        raw = match.group()
        number = _number_term(raw)
        if number is not None:
            tokens.append(Token(number, number, match.start(), match.end()))
            continue
        parts = re.split(f"[{HYPHENS}]", raw)
        offset = match.start()
        for part in parts:
            folded = fold(part)
            if folded and (keep_stop_words or folded not in stops):
                tokens.append(Token(stem(folded), folded, offset, offset + len(part)))
            offset += len(part) + 1
        if len(parts) > 1:
            joined = fold("".join(parts))
            tokens.append(Token(stem(joined), joined, match.start(), match.end(), True))
    return tokens


def terms(text: str) -> list[str]:
    """Return the index terms of ``text`` (what :func:`analyze` yields, terms only)."""
    return [token.term for token in analyze(text)]


def simple_tokens(text: str) -> list[str]:
    r"""Return lowercased ``\w+`` tokens: the plain baseline's tokenizer, nothing more."""
    return re.findall(r"\w+", text.lower())
