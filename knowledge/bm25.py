"""An inverted BM25 index whose scores equal rank-bm25's ``get_scores``.

rank-bm25 scores every document of the corpus for every query. This index keeps,
per term, a compact postings list (document ids and the term's precomputed BM25
contribution), so a query touches only the documents that share a term with it:
its cost grows with the matches, not with the corpus. The formulas and their
parameters are exactly rank-bm25's (``BM25Okapi``, ``BM25Plus``, ``BM25L``), so for the
same tokens the scores are the same up to floating-point rounding.

BM25Plus gives every document a small score even for a query term it lacks
(``idf * delta``). That part is the same for all documents, so the index stores only
the excess over it per posting and adds the constant back: candidates' scores still
equal rank-bm25's, and documents that match nothing all score that constant.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

VARIANTS = ("okapi", "plus", "l")
DENSE_SHARE = 8
"""Merge postings in a dense array once they number at least 1/DENSE_SHARE of the corpus."""
DEFAULT_PARAMS = {
    "okapi": {"k1": 1.5, "b": 0.75, "epsilon": 0.25},
    "plus": {"k1": 1.5, "b": 0.75, "delta": 1.0},
    "l": {"k1": 1.5, "b": 0.75, "delta": 0.5},
}


class Hit(NamedTuple):
    """One scored document: its position in the corpus and its BM25 score."""

    doc: int
    score: float


def idf_okapi(n_docs: int, doc_freq: int) -> float:
    """Return Robertson–Spärck Jones idf ``log((N - n + 0.5) / (n + 0.5))``.

    Source: rank-bm25 ``BM25Okapi._calc_idf`` (Trotman et al. 2014, "Improvements to
    BM25 and Language Models Examined", eq. 1). Negative for terms in more than half
    of the documents; rank-bm25 then floors it to ``epsilon * mean idf``.
    """
    return math.log(n_docs - doc_freq + 0.5) - math.log(doc_freq + 0.5)


def idf_plus(n_docs: int, doc_freq: int) -> float:
    """Return BM25+ idf ``log((N + 1) / n)`` (rank-bm25 ``BM25Plus._calc_idf``)."""
    return math.log((n_docs + 1) / doc_freq)


def idf_l(n_docs: int, doc_freq: int) -> float:
    """Return BM25L idf ``log((N + 1) / (n + 0.5))`` (rank-bm25 ``BM25L._calc_idf``)."""
    return math.log(n_docs + 1) - math.log(doc_freq + 0.5)


def tf_okapi(tf: np.ndarray, norm: np.ndarray, k1: float) -> np.ndarray:
    """Return Okapi's saturated term frequency ``tf (k1 + 1) / (tf + k1 norm)``.

    ``norm = 1 - b + b * dl / avgdl`` (Robertson et al., Okapi at TREC-3; rank-bm25
    ``BM25Okapi.get_scores``).
    """
    return tf * (k1 + 1) / (tf + k1 * norm)


def tf_plus(tf: np.ndarray, norm: np.ndarray, k1: float, delta: float) -> np.ndarray:
    """Return BM25+'s term part ``delta + tf (k1 + 1) / (k1 norm + tf)``.

    Source: Lv & Zhai 2011, "Lower-bounding term frequency normalization";
    rank-bm25 ``BM25Plus.get_scores``.
    """
    return delta + (tf * (k1 + 1)) / (k1 * norm + tf)


def tf_l(tf: np.ndarray, norm: np.ndarray, k1: float, delta: float) -> np.ndarray:
    """Return BM25L's term part ``tf (k1 + 1)(c + delta) / (k1 + c + delta)``, ``c = tf / norm``.

    Source: Lv & Zhai 2011, "When documents are very long, BM25 fails!", as coded in
    rank-bm25 ``BM25L.get_scores`` (which multiplies by ``tf``, so an absent term adds 0).
    """
    ctd = tf / norm
    return tf * (k1 + 1) * (ctd + delta) / (k1 + ctd + delta)


@dataclass(frozen=True, slots=True, eq=False)
class BM25Index:
    """Postings in CSR form: term ``t`` owns ``docs[offsets[t]:offsets[t+1]]``.

    ``weights`` holds each posting's score contribution (idf times term part, minus
    the variant's per-term floor ``floors[t]`` that every document gets).
    """

    variant: str
    params: dict
    vocabulary: dict[str, int]
    offsets: np.ndarray
    docs: np.ndarray
    weights: np.ndarray
    floors: np.ndarray
    n_docs: int

    @classmethod
    def build(
        cls,
        tokenized_docs: Iterable[Sequence[str]],
        *,
        variant: str = "okapi",
        **params: float,
    ) -> BM25Index:
        """Index pre-tokenized documents with rank-bm25's formula for ``variant``.

        ``params`` override rank-bm25's defaults (``k1``, ``b``, and ``epsilon`` for
        okapi or ``delta`` for plus/l). Raises ``ValueError`` for an unknown variant or
        parameter, or an empty corpus.
        """
        if variant not in VARIANTS:
            raise ValueError(f"unknown BM25 variant {variant!r}; choose one of {VARIANTS}")
        unknown = set(params) - set(DEFAULT_PARAMS[variant])
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {sorted(unknown)} for {variant!r}; "
                f"valid: {sorted(DEFAULT_PARAMS[variant])}"
            )
        p = {**DEFAULT_PARAMS[variant], **params}
        vocabulary: dict[str, int] = {}
        post_term: list[int] = []
        post_doc: list[int] = []
        post_tf: list[int] = []
        doc_len: list[int] = []
        for doc_id, doc in enumerate(tokenized_docs):
            counts: dict[str, int] = {}
            for token in doc:
                counts[token] = counts.get(token, 0) + 1
            doc_len.append(len(doc))
            for token, tf in counts.items():
                term_id = vocabulary.setdefault(token, len(vocabulary))
                post_term.append(term_id)
                post_doc.append(doc_id)
                post_tf.append(tf)
        n_docs = len(doc_len)
        if n_docs == 0:
            raise ValueError("cannot build a BM25 index over an empty corpus")
        terms = np.asarray(post_term, dtype=np.int32)
        del post_term
        order = np.argsort(terms, kind="stable")  # stable: docs stay ascending per term
        terms = terms[order]
        docs = np.asarray(post_doc, dtype=np.int32)[order]
        del post_doc
        tf = np.asarray(post_tf, dtype=np.float64)[order]
        del post_tf, order
        df = np.bincount(terms, minlength=len(vocabulary))
        offsets = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(df, out=offsets[1:])
        lengths = np.asarray(doc_len, dtype=np.float64)
        avgdl = float(lengths.sum()) / n_docs
        norm = 1 - p["b"] + p["b"] * lengths[docs] / avgdl if avgdl else np.ones_like(tf)
        idf = _idf_vector(variant, n_docs, df, p)
        if variant == "okapi":
            weights = idf[terms] * tf_okapi(tf, norm, p["k1"])
            floors = np.zeros(len(vocabulary))
        elif variant == "plus":
            weights = idf[terms] * (tf_plus(tf, norm, p["k1"], p["delta"]) - p["delta"])
            floors = idf * p["delta"]
        else:
            weights = idf[terms] * tf_l(tf, norm, p["k1"], p["delta"])
            floors = np.zeros(len(vocabulary))
        return cls(variant, p, vocabulary, offsets, docs, weights, floors, n_docs)

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(doc ids, score contributions)`` of ``term`` (empty when unknown)."""
        term_id = self.vocabulary.get(term)
        if term_id is None:
            return self.docs[:0], self.weights[:0]
        lo, hi = self.offsets[term_id], self.offsets[term_id + 1]
        return self.docs[lo:hi], self.weights[lo:hi]

    def doc_freq(self, term: str) -> int:
        """Return how many documents contain ``term``."""
        term_id = self.vocabulary.get(term)
        return 0 if term_id is None else int(self.offsets[term_id + 1] - self.offsets[term_id])

    def idf(self, doc_freq: int) -> float:
        """Return the variant's idf for a term in ``doc_freq`` documents (okapi: unfloored)."""
        formula = {"plus": idf_plus, "l": idf_l}.get(self.variant, idf_okapi)
        return formula(self.n_docs, max(doc_freq, 1))

    def floor(self, query_tokens: Sequence[str]) -> float:
        """Return the score every document gets for ``query_tokens`` (0 for okapi)."""
        ids = [self.vocabulary[t] for t in query_tokens if t in self.vocabulary]
        return float(self.floors[ids].sum()) if ids else 0.0

    def candidate_scores(
        self, query_tokens: Sequence[str], weights: Sequence[float] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(doc ids, scores)`` of the documents sharing a term with the query.

        ``weights`` optionally scale each query token's contribution (default 1 each);
        with unit weights the scores equal rank-bm25's ``get_scores`` at those ids.
        """
        weights = [1.0] * len(query_tokens) if weights is None else weights
        acc: dict[int, tuple[np.ndarray, np.ndarray, float]] = {}
        for token, weight in zip(query_tokens, weights, strict=True):
            term_id = self.vocabulary.get(token)
            if term_id is None or weight == 0:
                continue
            if term_id in acc:
                docs, contrib, w = acc[term_id]
                acc[term_id] = (docs, contrib, w + weight)
            else:
                lo, hi = self.offsets[term_id], self.offsets[term_id + 1]
                acc[term_id] = (self.docs[lo:hi], self.weights[lo:hi], weight)
        if not acc:
            return self.docs[:0], self.weights[:0]
        if len(acc) == 1:
            ((docs, contrib, w),) = acc.values()
            scores = contrib * w if w != 1 else contrib.copy()
            return docs, scores + self._floor_of(acc)
        all_docs = np.concatenate([docs for docs, _, _ in acc.values()])
        all_scores = np.concatenate([contrib * w for _, contrib, w in acc.values()])
        if len(all_docs) * DENSE_SHARE >= self.n_docs:
            # Many postings: add into one dense array (O(N + P)) instead of sorting them.
            dense = np.bincount(all_docs, weights=all_scores, minlength=self.n_docs)
            unique = np.flatnonzero(np.bincount(all_docs, minlength=self.n_docs))
            scores = dense[unique]
        else:
            unique, inverse = np.unique(all_docs, return_inverse=True)
            scores = np.bincount(inverse, weights=all_scores, minlength=len(unique))
        return unique.astype(self.docs.dtype, copy=False), scores + self._floor_of(acc)

    def _floor_of(self, acc: dict[int, tuple[np.ndarray, np.ndarray, float]]) -> float:
        """Return the weighted sum of the per-term floors of the matched terms."""
        return float(sum(self.floors[t] * w for t, (_, _, w) in acc.items()))

    def search(self, query_tokens: Sequence[str], k: int = 10) -> list[Hit]:
        """Return the ``k`` best documents sharing a term with the query, best first.

        Ties keep corpus order (lower document id first).
        """
        if k <= 0:
            return []
        docs, scores = self.candidate_scores(query_tokens)
        if len(docs) == 0:
            return []
        if len(docs) > k:
            top = np.argpartition(-scores, k - 1)[:k]
            docs, scores = docs[top], scores[top]
        order = np.lexsort((docs, -scores))
        return [Hit(int(docs[i]), float(scores[i])) for i in order]

    def get_scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """Return every document's score, like rank-bm25's ``get_scores`` (a full scan)."""
        scores = np.full(self.n_docs, self.floor(query_tokens))
        docs, cand = self.candidate_scores(query_tokens)
        scores[docs] = cand
        return scores


def _idf_vector(variant: str, n_docs: int, df: np.ndarray, p: dict) -> np.ndarray:
    """Return the idf of every term, with rank-bm25's epsilon floor for okapi."""
    dff = df.astype(np.float64)
    if variant == "plus":
        return np.log((n_docs + 1) / dff)
    if variant == "l":
        return np.log(n_docs + 1) - np.log(dff + 0.5)
    idf = np.log(n_docs - dff + 0.5) - np.log(dff + 0.5)
    if len(idf):
        floor = p["epsilon"] * (idf.sum() / len(idf))
        idf = np.where(idf < 0, floor, idf)
    return idf


def rank_bm25_equivalent(
    tokenized_docs: Sequence[Sequence[str]], *, variant: str = "okapi", **params: float
):
    """Return the rank-bm25 object that scores like ``BM25Index.build`` with the same args."""
    import rank_bm25

    if variant not in VARIANTS:
        raise ValueError(f"unknown BM25 variant {variant!r}; choose one of {VARIANTS}")
    cls = {"okapi": rank_bm25.BM25Okapi, "plus": rank_bm25.BM25Plus, "l": rank_bm25.BM25L}
    p = {**DEFAULT_PARAMS[variant], **params}
    return cls[variant]([list(d) for d in tokenized_docs], **p)
