"""Scoring maths on top of the BM25 postings: term groups, coverage, re-ranking.

All functions are small and pure; arrays are aligned by position.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from knowledge.bm25 import BM25Index


def group_scores(
    index: BM25Index,
    members: Mapping[str, float],
    *,
    blend: bool = False,
    cover_whole: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(docs, scores, factors)`` of a disjunction of alternative terms.

    A document's score is ``max_m factor_m * bm25_m(doc)`` over the members it holds
    (the "dis-max" of Lucene's DisjunctionMaxQuery with tie-breaker 0, so synonyms
    found together do not add up); ``factors`` is the factor of that best member, or
    1 with ``cover_whole``: any alternative then covers the whole question word for
    :func:`coverage`, while the score still ranks the asked word above a synonym.

    With ``blend`` every member is scored with one shared idf, as if all were the same
    term (Lucene's ``SynonymQuery``): the idf of the word the asker used, or when the
    index lacks it that of the group's most frequent member. A rare synonym or
    compound does not outweigh the asked word.
    """
    parts = []
    postings = {term: index.postings(term) for term in members}
    shared = 0.0
    if blend:
        asked = [len(postings[t][0]) for t, f in members.items() if f >= 1.0]
        every = [len(docs) for docs, _ in postings.values()]
        shared = blended_idf(index, asked) or blended_idf(index, every)
    for term, factor in members.items():
        docs, contrib = postings[term]
        if len(docs):
            if shared > 0.0 and len(postings) > 1:
                own = index.idf(len(docs))
                if own > 0.0:
                    contrib = contrib * (shared / own)
            covers = 1.0 if cover_whole else factor
            parts.append((docs, contrib * factor, np.full(len(docs), covers)))
    if not parts:
        empty = np.empty(0)
        return empty.astype(np.int32), empty, empty
    if len(parts) == 1:
        return parts[0]
    docs = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    factors = np.concatenate([p[2] for p in parts])
    order = np.lexsort((-scores, docs))
    docs, scores, factors = docs[order], scores[order], factors[order]
    first = np.ones(len(docs), dtype=bool)
    first[1:] = docs[1:] != docs[:-1]
    return docs[first], scores[first], factors[first]


def inherit(
    scored: tuple[np.ndarray, np.ndarray, np.ndarray],
    heirs: np.ndarray,
    share: float,
    cover_share: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Give each document that refers back ``share`` of its predecessor's group score.

    ``heirs[d]`` names the document that refers back to document ``d`` (``-1``: none;
    heirs ascend with ``d``). An heir's score for the group is the larger of its own
    and ``share`` times its predecessor's, with factor ``cover_share`` (default
    ``share``) times the predecessor's: the referring word ("Darin") brings its
    antecedent into the sentence, so it may cover the question word fully while its
    score stays a share (a fixed-share local-context model as in Fernández, Losada and
    Azzopardi 2011, "Extending the language modeling framework for sentence retrieval
    to include local context"). Both inputs are sorted by document, so the merge is
    linear.
    """
    docs, scores, factors = scored
    if share <= 0.0 or len(docs) == 0:
        return scored
    heir = heirs[docs]
    found = heir >= 0
    if not found.any():
        return scored
    h_docs = heir[found].astype(docs.dtype)
    h_scores = scores[found] * share
    h_factors = factors[found] * (share if cover_share is None else cover_share)
    at = np.searchsorted(docs, h_docs)
    clipped = np.minimum(at, len(docs) - 1)
    present = docs[clipped] == h_docs
    scores = scores.copy()
    factors = factors.copy()
    better = present & (h_scores > scores[clipped])
    scores[clipped[better]] = h_scores[better]
    factors[clipped[better]] = h_factors[better]
    new = ~present
    if not new.any():
        return docs, scores, factors
    all_docs = np.concatenate([docs, h_docs[new]])
    order = np.argsort(all_docs, kind="stable")  # two sorted runs: linear for timsort
    return (
        all_docs[order],
        np.concatenate([scores, h_scores[new]])[order],
        np.concatenate([factors, h_factors[new]])[order],
    )


def blended_idf(index: BM25Index, doc_freqs: Sequence[int]) -> float:
    """Return the idf of the most frequent of some terms (0 when none is indexed).

    Source: Lucene ``SynonymQuery``, which scores synonyms with ``docFreq = max`` over
    its terms.
    """
    known = [df for df in doc_freqs if df]
    return index.idf(max(known)) if known else 0.0


def combine(
    groups: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]], weights: Sequence[float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sum group scores per document; return ``(docs, bm25, covered weight)``.

    The covered weight of a document is ``sum_g weight_g * factor_g(doc)`` over the
    groups it matches (see :func:`coverage`).
    """
    live = [(g, w) for g, w in zip(groups, weights, strict=True) if len(g[0])]
    if not live:
        empty = np.empty(0)
        return empty.astype(np.int32), empty, empty
    docs = np.concatenate([g[0] for g, _ in live])
    scores = np.concatenate([g[1] for g, _ in live])
    covered = np.concatenate([g[2] * w for g, w in live])
    unique, inverse = np.unique(docs, return_inverse=True)
    return (
        unique,
        np.bincount(inverse, weights=scores, minlength=len(unique)),
        np.bincount(inverse, weights=covered, minlength=len(unique)),
    )


def term_weight(n_docs: int, doc_freq: int) -> float:
    """Return a word's importance for coverage: ``log((N + 1) / df)``, the BM25+ idf.

    A word absent from the index gets ``df = 1`` (as rare as the rarest word): words
    the article does not know count against an answer. Source: Lv & Zhai 2011 (BM25+).
    """
    return math.log((n_docs + 1) / max(doc_freq, 1))


def coverage(covered: np.ndarray, total: float) -> np.ndarray:
    """Return the share of the question's weight a passage covers, ``covered / total``.

    Like the "coord" factor of Lucene's classic similarity, but idf-weighted.
    """
    if total <= 0:
        return np.zeros_like(covered)
    return np.minimum(covered / total, 1.0)


def passage_scores(bm25: np.ndarray, cover: np.ndarray, offset: float) -> np.ndarray:
    """Return ``bm25 * (offset + cover)``: BM25 scaled by the question's covered share.

    Like the coordination factor of Lucene's classic similarity (``coord``), softened
    by ``offset`` so a strong partial match is not wiped out.
    """
    return bm25 * (offset + cover)


def rerank(
    base: np.ndarray,
    typed: np.ndarray,
    paragraph: np.ndarray,
    *,
    type_bonus: float,
    paragraph_weight: float,
) -> np.ndarray:
    """Return ``base * (1 + type_bonus * typed) + paragraph``.

    ``paragraph`` is the passage's article score scaled to the
    best article (0..1) times ``paragraph_weight`` times the best ``base``, so a passage
    of the article that matches the question best overall is preferred (a two-level
    ranking as in passage retrieval with document priors, e.g. Callan 1994,
    "Passage-level evidence in document retrieval").
    """
    score = base * (1.0 + type_bonus * typed)
    top = float(base.max()) if len(base) else 0.0
    return score + paragraph * paragraph_weight * top
