"""Knowledge engine: parse articles, analyse German text, index with BM25, search.

>>> from knowledge import KnowledgeBase
>>> kb = KnowledgeBase.load()            # the shipped articles (knowledge/articles/*.txt)
>>> result = kb.search("Wann hat Kim das Dekret unterzeichnet?", k=3)
>>> result.answered, result.passages[0].sentence
(True, 0)
"""

from knowledge.engine import KnowledgeBase, KnowledgeError
from knowledge.types import Article, Confidence, Passage, SearchResult, Span

__all__ = [
    "Article",
    "Confidence",
    "KnowledgeBase",
    "KnowledgeError",
    "Passage",
    "SearchResult",
    "Span",
]
