"""The knowledge base: load articles once, then answer ``search(question, k)``."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.analysis import analyze
from knowledge.bm25 import BM25Index
from knowledge.parser import ArticleParseError, load_article
from knowledge.types import Article, Confidence, Passage, SearchResult, Span

logger = logging.getLogger(__name__)

ARTICLES_DIR = Path(__file__).with_name("articles")
MAX_QUESTION_CHARS = 1000
"""Longer questions are cut to this many characters before analysis."""


class KnowledgeError(Exception):
    """Raised when a knowledge base cannot be loaded (missing or empty directory, bad file)."""


@dataclass(frozen=True, slots=True)
class IndexedPassage:
    """Where an indexed passage comes from: article position, sentence number, text."""

    article: int
    sentence: int
    text: str
    is_caption: bool


class KnowledgeBase:
    """Articles and their sentence index; build once, then call :meth:`search`."""

    def __init__(self, articles: Sequence[Article]) -> None:
        """Index the body sentences and captions of ``articles``.

        Raises :class:`KnowledgeError` when there is no article or two share an id.
        """
        if not articles:
            raise KnowledgeError("no article to index")
        ids = [a.id for a in articles]
        if len(set(ids)) != len(ids):
            raise KnowledgeError(f"duplicate article ids in {ids}")
        self._articles = tuple(articles)
        self._passages = tuple(_passages_of(self._articles))
        self._index = BM25Index.build(
            [[t.term for t in analyze(p.text)] for p in self._passages], variant="plus"
        )
        logger.debug("indexed %s passages of %s articles", len(self._passages), len(self._articles))

    @classmethod
    def load(cls, directory: Path | str | None = None) -> KnowledgeBase:
        """Load every ``*.txt`` article of ``directory`` (default: the shipped articles).

        Raises :class:`KnowledgeError` for a missing directory, one without ``*.txt``
        files, or an article without any body sentence.
        """
        folder = Path(directory) if directory is not None else ARTICLES_DIR
        if not folder.is_dir():
            raise KnowledgeError(f"knowledge directory {str(folder)!r} does not exist")
        files = sorted(folder.glob("*.txt"))
        if not files:
            raise KnowledgeError(f"knowledge directory {str(folder)!r} holds no *.txt article")
        try:
            articles = [load_article(path) for path in files]
        except (ArticleParseError, OSError, UnicodeDecodeError) as exc:
            raise KnowledgeError(f"cannot load an article of {str(folder)!r}: {exc}") from exc
        logger.info("loaded %s article(s) from %s", len(articles), folder)
        return cls(articles)

    @property
    def articles(self) -> tuple[Article, ...]:
        """Return the loaded articles in load order."""
        return self._articles

    def search(self, question: str, k: int = 3, *, context: int = 0) -> SearchResult:
        """Return the ``k`` passages that best answer ``question``, best first.

        ``context`` adds that many neighbouring sentences before and after each
        passage. Never raises for any string; an empty question yields no passage.
        """
        question = _clean(question)
        tokens = analyze(question)
        query = [t.term for t in tokens]
        hits = self._index.search(query, max(k, 0))
        matched = set(query)
        passages = tuple(self._passage(h.doc, h.score, matched, context) for h in hits)
        confidence = Confidence.HIGH if passages else Confidence.NONE
        return SearchResult(
            question=question,
            answered=confidence is Confidence.HIGH,
            confidence=confidence,
            passages=passages,
            language="de",
        )

    def _passage(self, doc: int, score: float, matched: set[str], context: int) -> Passage:
        """Build the :class:`Passage` for indexed passage ``doc``."""
        p = self._passages[doc]
        article = self._articles[p.article]
        before: tuple[str, ...] = ()
        after: tuple[str, ...] = ()
        if context > 0 and not p.is_caption:
            before = article.sentences[max(0, p.sentence - context) : p.sentence]
            after = article.sentences[p.sentence + 1 : p.sentence + 1 + context]
        return Passage(
            article=article.id,
            sentence=p.sentence,
            text=p.text,
            score=score,
            source_url=article.source_url,
            is_caption=p.is_caption,
            highlights=highlight_spans(p.text, matched),
            context_before=before,
            context_after=after,
        )


def _passages_of(articles: Iterable[Article]) -> Iterable[IndexedPassage]:
    """Yield every body sentence and caption; a caption's number is ``len(sentences)``."""
    for a_index, article in enumerate(articles):
        for s_index, sentence in enumerate(article.sentences):
            yield IndexedPassage(a_index, s_index, sentence, False)
        if article.caption:
            yield IndexedPassage(a_index, len(article.sentences), article.caption, True)


def highlight_spans(text: str, matched: set[str]) -> tuple[Span, ...]:
    """Return the merged character spans of the words of ``text`` whose term is matched."""
    spans = sorted((t.start, t.end) for t in analyze(text) if t.term in matched)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def _clean(question: str) -> str:
    """Return ``question`` safe to analyse: no lone surrogates or NULs, bounded length."""
    if not isinstance(question, str):
        question = str(question)
    question = question.encode("utf-8", "replace").decode("utf-8")
    question = question.replace("\x00", " ")
    return " ".join(question[:MAX_QUESTION_CHARS].split())
