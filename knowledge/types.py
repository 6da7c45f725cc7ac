"""Typed values that the knowledge engine hands to its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

Span = tuple[int, int]


class Confidence(str, Enum):  # noqa: UP042 - str() stays "Confidence.HIGH" for callers
    """How sure the engine is that the best passage answers the question."""

    HIGH = "high"  # quote it as the answer
    LOW = "low"  # "not sure, the closest passage is ..."
    NONE = "none"  # the article does not say


@dataclass(frozen=True, slots=True)
class Article:
    """One parsed article: its id (file name without .txt), source link and passages."""

    id: str
    source_url: str
    sentences: tuple[str, ...]
    caption: str | None = None
    title: str = ""  # a leading title line (e.g. a Wikipedia page name), not a passage

    @property
    def lead(self) -> str:
        """Return the article's first body sentence."""
        return self.sentences[0] if self.sentences else ""


@dataclass(frozen=True, slots=True)
class Passage:
    """One retrieved sentence (or photo caption) with its score and highlight spans.

    ``highlights`` are ``(start, end)`` character offsets into ``text`` of the words
    that matched the question. ``context_before``/``context_after`` hold neighbouring
    sentences when the caller asked for context. ``sentence`` is the sentence's number,
    ``len(sentences)`` for the photo caption and ``-1`` for the article's source line
    ("Quelle: URL", the answer to "Woher stammt der Artikel?").
    """

    article: str
    sentence: int
    text: str
    score: float
    source_url: str
    is_caption: bool = False
    highlights: tuple[Span, ...] = ()
    context_before: tuple[str, ...] = ()
    context_after: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """Return the JSON shape used by ``article-bot ask --json``."""
        return {
            "text": self.text,
            "score": round(float(self.score), 6),
            "article": self.article,
            "sentence": self.sentence,
            "source_url": self.source_url,
            "is_caption": self.is_caption,
            "highlights": [list(s) for s in self.highlights],
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The engine's answer to one question: passages best first, and whether they answer it."""

    question: str
    answered: bool
    confidence: Confidence
    passages: tuple[Passage, ...] = ()
    language: str = "de"
    details: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        """Return the JSON object printed by ``article-bot ask --json``."""
        return {
            "question": self.question,
            "answered": self.answered,
            "passages": [p.to_json() for p in self.passages],
            "confidence": self.confidence.value,
            "language": self.language,
        }
