"""Generated German-like corpora and matching queries for the scale benchmark.

Words follow a Zipf–Mandelbrot law over a vocabulary whose most frequent ranks are the
shipped article's own words (in the article's frequency order, so ``der``, ``die``,
``und`` lead) and whose long tail is German-like inflections and compounds made from the
article's content words (``beistandspakts`` + ``s`` + ``soldaten`` + ``en``). Drawing
from a large Zipf vocabulary makes the number of distinct terms grow with the corpus as
in real text (Heaps' law). Sentence lengths are log-normal around the article's median
of 16 words. Documents are token lists (lower-case letters and digits only, so SQLite
FTS5's ``unicode61`` tokenizer reads ``" ".join(tokens)`` back into the same tokens).

Everything is a pure function of ``(size, seed)``: every benchmark worker regenerates
the same corpus instead of shipping it between processes.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

WORD = re.compile(r"[^\W_]+")
#: Ranks of the Zipf–Mandelbrot vocabulary (the law's tail is cut here).
VOCABULARY_RANKS = 2_000_000
#: Zipf–Mandelbrot exponent and offset: p(r) ∝ (r + q)^-s. s ≈ 1 and q ≈ 2.7 fit word
#: frequencies of natural-language text (Mandelbrot 1953; Piantadosi 2014, "Zipf's word
#: frequency law in natural language", Psychon Bull Rev 21:1112).
ZIPF_EXPONENT = 1.1
ZIPF_OFFSET = 2.7
#: Sentence length in words: log-normal, median 16 (the shipped article's), clipped.
MEDIAN_WORDS = 16
LENGTH_SIGMA = 0.45
MIN_WORDS, MAX_WORDS = 3, 80
#: The article's most frequent words, treated as function words when picking query terms.
FUNCTION_WORDS = 12
_LINKS = ("", "s", "en", "n", "e")
_SUFFIXES = ("", "e", "en", "er", "es", "n", "s", "ung", "ungen", "lich", "isch", "heit")


@dataclass(frozen=True, slots=True)
class Corpus:
    """A generated corpus: one token list per sentence."""

    documents: list[list[str]]
    seed: int
    distinct_terms: int
    total_tokens: int

    def __len__(self) -> int:
        return len(self.documents)

    def texts(self) -> Iterator[str]:
        """Yield each sentence as text (tokens joined by spaces), e.g. for SQLite FTS5."""
        for tokens in self.documents:
            yield " ".join(tokens)


def _article_lines() -> list[str]:
    """Return the body lines of the shipped article(s), without source and comment lines."""
    articles = resources.files("knowledge") / "articles"
    lines: list[str] = []
    for entry in sorted(articles.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith(("Quelle:", "Kommentar")):
                lines.append(line)
    return lines


@cache
def article_vocabulary() -> tuple[str, ...]:
    """Return the shipped article's distinct lower-cased words, most frequent first."""
    counts = Counter(w.lower() for line in _article_lines() for w in WORD.findall(line))
    # Counter.most_common keeps first-seen order among equal counts: deterministic.
    return tuple(word for word, _ in counts.most_common())


@cache
def _parts() -> tuple[str, ...]:
    """Return the article's content words that serve as compound parts and inflection stems."""
    head = set(article_vocabulary()[:FUNCTION_WORDS])
    return tuple(w for w in article_vocabulary() if w.isalpha() and len(w) >= 4 and w not in head)


@cache
def _coprime_multiplier(modulus: int, seed: int) -> int:
    """Return a multiplier coprime to ``modulus`` (so ``i * m % modulus`` permutes), from seed."""
    m = (seed * 2_654_435_761 + 40_503) % modulus or 1
    while math.gcd(m, modulus) != 1:
        m = m % (modulus - 1) + 1
    return m


def synthetic_word(index: int, seed: int) -> str:
    """Return the German-like tail word number ``index`` (inflection or compound).

    A mixed-radix decoding of a permuted index: the first block is stem + suffix
    (``soldaten`` + ``s``), the rest stem + link + stem + suffix.
    """
    parts = _parts()
    p, nl, ns = len(parts), len(_LINKS), len(_SUFFIXES)
    singles = p * ns
    if index < singles:
        i = index * _coprime_multiplier(singles, seed) % singles
        return parts[i // ns] + _SUFFIXES[i % ns]
    compounds = p * nl * p * ns
    i = (index - singles) % compounds * _coprime_multiplier(compounds, seed) % compounds
    i, suffix = divmod(i, ns)
    i, second = divmod(i, p)
    first, link = divmod(i, nl)
    return parts[first] + _LINKS[link] + parts[second] + _SUFFIXES[suffix]


def word(rank: int, seed: int) -> str:
    """Return the word at Zipf rank ``rank`` (0-based): the article's words, then the tail."""
    head = article_vocabulary()
    return head[rank] if rank < len(head) else synthetic_word(rank - len(head), seed)


@cache
def _zipf_cdf(ranks: int, exponent: float, offset: float) -> np.ndarray:
    weights = (np.arange(1, ranks + 1, dtype=np.float64) + offset) ** -exponent
    cdf = np.cumsum(weights)
    cdf /= cdf[-1]
    return cdf


def sentence_lengths(n: int, rng: np.random.Generator) -> np.ndarray:
    """Return ``n`` sentence lengths in words: log-normal around ``MEDIAN_WORDS``, clipped."""
    lengths = rng.lognormal(math.log(MEDIAN_WORDS), LENGTH_SIGMA, size=n)
    return np.clip(np.rint(lengths), MIN_WORDS, MAX_WORDS).astype(np.int64)


def generate(size: int, seed: int = 42) -> Corpus:
    """Return a German-like corpus of ``size`` sentences, the same for the same arguments."""
    if size < 1:
        raise ValueError(f"corpus size must be at least 1, got {size}")
    rng = np.random.default_rng(seed)
    lengths = sentence_lengths(size, rng)
    cdf = _zipf_cdf(VOCABULARY_RANKS, ZIPF_EXPONENT, ZIPF_OFFSET)
    ranks = np.searchsorted(cdf, rng.random(int(lengths.sum())), side="right")
    ranks = np.minimum(ranks, VOCABULARY_RANKS - 1)
    used, inverse = np.unique(ranks, return_inverse=True)
    words = np.array([word(int(r), seed) for r in used], dtype=object)
    flat = words[inverse].tolist()
    ends = np.cumsum(lengths).tolist()
    starts = [0, *ends[:-1]]
    # A million new lists would trigger hundreds of pointless cyclic-GC passes.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        documents = [flat[a:b] for a, b in zip(starts, ends, strict=True)]
    finally:
        if was_enabled:
            gc.enable()
    distinct = len(set(words.tolist()))  # a tail word may coincide with another rank's word
    return Corpus(documents=documents, seed=seed, distinct_terms=distinct, total_tokens=len(flat))


def queries(corpus: Corpus, n: int, seed: int = 7) -> list[list[str]]:
    """Return ``n`` query token lists that match documents of ``corpus``, the same per seed.

    Like an analysed question: 2–6 content words of one random sentence (function
    words, the article's most frequent, are left out). Some queries also carry a
    frequent function word (10 %), a typo that matches no term (10 %) or a repeated term
    (5 %), the cases where BM25 implementations tend to differ.
    """
    if not corpus.documents:
        raise ValueError("cannot draw queries from an empty corpus")
    rng = np.random.default_rng(seed)
    function_words = article_vocabulary()[:FUNCTION_WORDS]
    result: list[list[str]] = []
    while len(result) < n:
        doc = corpus.documents[int(rng.integers(len(corpus.documents)))]
        content = sorted(set(doc) - set(function_words))
        if not content:
            continue
        picked = rng.choice(len(content), size=min(len(content), int(rng.integers(2, 7))),
                            replace=False)
        query = [content[int(i)] for i in picked]
        if rng.random() < 0.10:
            query.append(function_words[int(rng.integers(len(function_words)))])
        if rng.random() < 0.10:
            typo = query[0]
            cut = int(rng.integers(1, len(typo))) if len(typo) > 1 else 0
            query.append(typo[:cut] + "q" + typo[cut + 1 :])
        if rng.random() < 0.05:
            query.append(query[0])
        result.append(query)
    return result
