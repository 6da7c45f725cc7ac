"""The inverted BM25 index scores exactly like rank-bm25's ``get_scores``."""

from __future__ import annotations

import random

import numpy as np
import pytest

from knowledge.bm25 import VARIANTS, BM25Index, rank_bm25_equivalent


def _corpus(seed: int, n_docs: int = 300) -> list[list[str]]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(80)]
    weights = [1 / (i + 1) for i in range(len(vocab))]  # Zipf-like: some terms in most docs
    return [rng.choices(vocab, weights, k=rng.randint(0, 14)) for _ in range(n_docs)]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("params", [{}, {"k1": 0.9, "b": 0.5}])
def test_scores_equal_rank_bm25(variant: str, params: dict) -> None:
    docs = _corpus(7)
    index = BM25Index.build(docs, variant=variant, **params)
    reference = rank_bm25_equivalent(docs, variant=variant, **params)
    rng = random.Random(3)
    for _ in range(40):
        query = rng.choices([f"w{i}" for i in range(90)], k=rng.randint(1, 6))
        expected = reference.get_scores(query)
        np.testing.assert_allclose(index.get_scores(query), expected, rtol=1e-10, atol=1e-12)
        hits = index.search(query, 5)
        docs_hit, cand = index.candidate_scores(query)
        np.testing.assert_allclose(cand, expected[docs_hit], rtol=1e-10, atol=1e-12)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        if hits:
            assert hits[0].score == pytest.approx(expected.max())


def test_okapi_floors_words_in_most_sentences() -> None:
    docs = [["kim", "x"], ["kim", "y"], ["kim", "z"], ["w"]]
    index = BM25Index.build(docs, variant="okapi")
    reference = rank_bm25_equivalent(docs, variant="okapi")
    assert reference.idf["kim"] > 0  # floored to epsilon * mean idf, as rank-bm25 does
    np.testing.assert_allclose(index.get_scores(["kim"]), reference.get_scores(["kim"]))


def test_search_touches_only_matching_documents() -> None:
    index = BM25Index.build([["a", "b"], ["c"], ["b", "b"]], variant="plus")
    assert {h.doc for h in index.search(["b"], 10)} == {0, 2}
    assert index.search(["unknown"], 10) == []


def test_bad_arguments_list_valid_choices() -> None:
    with pytest.raises(ValueError, match="okapi"):
        BM25Index.build([["a"]], variant="bm42")
    with pytest.raises(ValueError, match="delta"):
        BM25Index.build([["a"]], variant="plus", epsilon=1)
    with pytest.raises(ValueError):
        BM25Index.build([])
