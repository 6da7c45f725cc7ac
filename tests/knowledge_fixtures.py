"""The shipped knowledge base, loaded once, and the two checks the engine tests share."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase
from knowledge.types import SearchResult


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """Return the knowledge base of the shipped article (read-only, shared by every test)."""
    return KnowledgeBase.load()


def answered_with(kb: KnowledgeBase, question: str, gold: str) -> SearchResult:
    """Ask ``question``; it must be answered, ``gold`` in the first passage."""
    result = kb.search(question, 1)
    assert result.answered, result.details
    assert gold in result.passages[0].text
    return result


def refused(kb: KnowledgeBase, question: str) -> None:
    """Ask ``question``; the engine must not claim an answer."""
    result = kb.search(question, 1)
    assert not result.answered, (result.details, result.passages[0].text[:80])
