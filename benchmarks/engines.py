"""The BM25 implementations the scale benchmark compares, behind one small interface.

Each engine indexes the same pre-tokenized sentences and answers ``search(tokens, k)``
with ``(document, score)`` pairs, best first:

- ``engine``: this project's :class:`knowledge.bm25.BM25Index` (inverted index);
- ``rank-bm25``: rank-bm25's ``get_scores``, a scan of every document per query term;
- ``rank-bm25-pruned``: rank-bm25's ``get_batch_scores`` on the documents that share a
  term with the query, found through a dict-of-lists inverted index built beside it;
- ``bm25s``: the bm25s library (sparse matrix of precomputed scores, numpy backend);
- ``sqlite-fts5``: SQLite's FTS5 full-text index and its ``bm25()`` rank, in memory.

All use the same BM25 variant and parameters, except FTS5, whose ``bm25()`` is Okapi
with fixed k1 = 1.2 and b = 0.75 and its own idf floor.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Protocol

import numpy as np

Docs = Sequence[Sequence[str]]
Results = list[tuple[int, float]]

#: rank-bm25 class and bm25s method for each of the engine's BM25 variants.
_BM25S_METHODS = {"okapi": "robertson", "plus": "bm25+", "l": "bm25l"}


class Engine(Protocol):
    """An index over tokenized documents that returns the ``k`` best (doc, score) pairs."""

    def search(self, query: Sequence[str], k: int) -> Results:
        """Return the ``k`` best-scoring documents for ``query``, best first."""
        ...


def _top_k(scores: np.ndarray, k: int, ids: np.ndarray | None = None) -> Results:
    """Return the ``k`` highest of ``scores`` (positions, or ``ids`` at them), best first."""
    if len(scores) == 0 or k <= 0:
        return []
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    docs = top if ids is None else ids[top]
    return [(int(d), float(scores[i])) for d, i in zip(docs, top, strict=True)]


class ProjectEngine:
    """This project's inverted BM25 index."""

    def __init__(self, docs: Docs, variant: str) -> None:
        from knowledge.bm25 import BM25Index

        self.index = BM25Index.build(docs, variant=variant)

    def search(self, query: Sequence[str], k: int) -> Results:
        """Return the index's top ``k``."""
        return [(hit.doc, hit.score) for hit in self.index.search(query, k)]


def rank_bm25_model(docs: Docs, variant: str):
    """Return rank-bm25's model for ``variant`` with the engine's default parameters."""
    import rank_bm25

    from knowledge.bm25 import DEFAULT_PARAMS

    classes = {"okapi": rank_bm25.BM25Okapi, "plus": rank_bm25.BM25Plus, "l": rank_bm25.BM25L}
    return classes[variant](docs, **DEFAULT_PARAMS[variant])


class RankBM25FullScan:
    """rank-bm25's ``get_scores`` over every document, then the top ``k``."""

    def __init__(self, docs: Docs, variant: str) -> None:
        self.model = rank_bm25_model(docs, variant)

    def search(self, query: Sequence[str], k: int) -> Results:
        """Score every document, keep the ``k`` best."""
        return _top_k(self.model.get_scores(list(query)), k)


class RankBM25Pruned:
    """rank-bm25's ``get_batch_scores`` on the candidates of a dict-of-lists inverted index."""

    def __init__(self, docs: Docs, variant: str) -> None:
        self.model = rank_bm25_model(docs, variant)
        postings: dict[str, list[int]] = {}
        for doc_id, frequencies in enumerate(self.model.doc_freqs):
            for term in frequencies:
                postings.setdefault(term, []).append(doc_id)
        self.postings = postings

    def search(self, query: Sequence[str], k: int) -> Results:
        """Score only the documents sharing a term with ``query``, keep the ``k`` best."""
        candidates: set[int] = set()
        for term in query:
            candidates.update(self.postings.get(term, ()))
        if not candidates:
            return []
        ids = np.fromiter(sorted(candidates), dtype=np.int64, count=len(candidates))
        scores = np.asarray(self.model.get_batch_scores(list(query), ids.tolist()))
        return _top_k(scores, k, ids)


class BM25S:
    """The bm25s library with the matching BM25 method (numpy backend, no threads)."""

    def __init__(self, docs: Docs, variant: str) -> None:
        import bm25s

        from knowledge.bm25 import DEFAULT_PARAMS

        params = {k: v for k, v in DEFAULT_PARAMS[variant].items() if k in ("k1", "b", "delta")}
        self.model = bm25s.BM25(method=_BM25S_METHODS[variant], **params)
        self.model.index([list(d) for d in docs], show_progress=False)
        self.n_docs = len(docs)

    def search(self, query: Sequence[str], k: int) -> Results:
        """Return bm25s's ``retrieve`` for one query."""
        docs, scores = self.model.retrieve(
            [list(query)], k=min(k, self.n_docs), show_progress=False
        )
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True)]


class SQLiteFTS5:
    """An in-memory SQLite FTS5 table of the sentences, ranked by its ``bm25()``.

    The tokenizer is ``unicode61`` without diacritics removal, so it reads the joined
    tokens back as exactly the same terms. The query ORs the quoted terms.
    """

    def __init__(self, docs: Docs, variant: str) -> None:
        del variant  # FTS5 has one built-in bm25()
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE sentences"
            " USING fts5(text, tokenize='unicode61 remove_diacritics 0')"
        )
        with self.db:
            self.db.executemany(
                "INSERT INTO sentences(rowid, text) VALUES (?, ?)",
                ((i, " ".join(doc)) for i, doc in enumerate(docs)),
            )
            self.db.execute("INSERT INTO sentences(sentences) VALUES ('optimize')")

    def search(self, query: Sequence[str], k: int) -> Results:
        """Return FTS5's best ``k`` (its bm25() is negative; the score returned is its negation)."""
        if not query:
            return []
        match = " OR ".join(f'"{term}"' for term in dict.fromkeys(query))
        rows = self.db.execute(
            "SELECT rowid, bm25(sentences) FROM sentences WHERE sentences MATCH ? "
            "ORDER BY rank LIMIT ?",
            (match, k),
        ).fetchall()
        return [(rowid, -score) for rowid, score in rows]


ENGINES: dict[str, type] = {
    "engine": ProjectEngine,
    "rank-bm25": RankBM25FullScan,
    "rank-bm25-pruned": RankBM25Pruned,
    "bm25s": BM25S,
    "sqlite-fts5": SQLiteFTS5,
}


def make_engine(name: str, docs: Docs, variant: str) -> Engine:
    """Build engine ``name`` over ``docs``; ``ValueError`` names the valid engines."""
    try:
        cls = ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}") from None
    return cls(docs, variant)
