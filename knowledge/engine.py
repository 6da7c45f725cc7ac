"""The knowledge base: load articles once, then answer ``search(question, k)``."""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.alterations import countries, default_alteration_files
from knowledge.analysis import analyze, fold, terms
from knowledge.answer_types import (
    CONDITION_RE,
    AnswerType,
    direct_question,
    expected_type,
    is_conditional,
    passage_has_type,
    strip_type_words,
)
from knowledge.bm25 import BM25Index
from knowledge.confidence import (
    asks_unknown,
    misses_focus,
    missing_countries,
    rate_confidence,
    says_what_is_counted,
)
from knowledge.english import detect_language, english_to_german
from knowledge.exclusion import (
    EXCLUDED_FACTOR,
    excluded_terms,
    exclusion_spans,
    names_excluded,
    only_excluded,
    split_excluded,
)
from knowledge.expansion import QueryBuilder
from knowledge.intents import SOURCE_LINE, SOURCE_SENTENCE, asks_for_source
from knowledge.options import EngineOptions
from knowledge.parser import ArticleParseError, load_article
from knowledge.query import TermGroup, claim_own_terms, is_filler, topic_spans
from knowledge.scoring import (
    combine,
    coverage,
    group_scores,
    inherit,
    passage_scores,
    rerank,
)
from knowledge.types import Article, Confidence, Passage, SearchResult, Span
from knowledge.word_classes import anaphoric_openers

logger = logging.getLogger(__name__)

ARTICLES_DIR = Path(__file__).with_name("articles")
MAX_QUESTION_CHARS = 1000
"""Longer questions are cut to this many characters before analysis."""
MEMO_SIZE = 1024
"""Recent questions whose results :meth:`KnowledgeBase.search` keeps."""
_FIRST_WORD_RE = re.compile(r"[\W\d_]*([^\W\d_]+)")


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

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        options: EngineOptions | None = None,
        alteration_files: Sequence[Path] | None = None,
        memo_size: int = MEMO_SIZE,
    ) -> None:
        """Index the body sentences and captions of ``articles``.

        ``alteration_files`` default to the shipped general synonym sets.
        ``memo_size`` is how many recent questions' results :meth:`search` keeps
        (0 turns the memo off). Raises :class:`KnowledgeError` when there is no
        article or two share an id.
        """
        if not articles:
            raise KnowledgeError("no article to index")
        ids = [a.id for a in articles]
        if len(set(ids)) != len(ids):
            raise KnowledgeError(f"duplicate article ids in {ids}")
        self.options = options or EngineOptions()
        self._articles = tuple(articles)
        self._passages = tuple(_passages_of(self._articles))
        analysed = [analyze(p.text) for p in self._passages]
        self._spans = tuple(tuple((t.term, t.start, t.end) for t in ts) for ts in analysed)
        docs = [
            _with_caption_term([t.term for t in tokens], p.is_caption)
            for tokens, p in zip(analysed, self._passages, strict=True)
        ]
        self._index = BM25Index.build(
            docs, variant=self.options.variant, k1=self.options.k1, b=self.options.b
        )
        self._article_of = np.fromiter((p.article for p in self._passages), dtype=np.int64)
        self._heirs = _heirs(self._passages) if self.options.anaphora else None
        self._title_articles: dict[str, list[int]] = {}
        for a_index, article in enumerate(self._articles):
            for term in dict.fromkeys(terms(article.title)):
                self._title_articles.setdefault(term, []).append(a_index)
        self._article_index: BM25Index | None = None
        if len(self._articles) > 1:
            per_article: list[list[str]] = [terms(a.title) for a in self._articles]
            for passage, doc in zip(self._passages, docs, strict=True):
                per_article[passage.article].extend(doc)
            self._article_index = BM25Index.build(per_article, variant=self.options.variant)
        surfaces = {t.folded: t.term for tokens in analysed for t in tokens}
        self._capitals = frozenset(  # with capitals after the first letter: "USA", "MiNT"
            t.term
            for tokens, p in zip(analysed, self._passages, strict=True)
            for t in tokens
            if any(c.isupper() for c in p.text[t.start + 1 : t.end])
        )
        files = alteration_files if alteration_files is not None else default_alteration_files(None)
        self._query_builder = QueryBuilder(self._index, surfaces, files, self.options)
        self._memo_size = max(0, memo_size)
        self._memo: OrderedDict[tuple[str, int, int], SearchResult] = OrderedDict()
        logger.debug("indexed %s passages of %s articles", len(self._passages), len(self._articles))

    @classmethod
    def load(cls, directory: Path | str | None = None, **kwargs) -> KnowledgeBase:
        """Load every ``*.txt`` article of ``directory`` (default: the shipped articles).

        The directory's own ``alterations.syn`` (synonym sets, one per line) adds to
        the shipped ones. Raises :class:`KnowledgeError` for a missing directory, one
        without ``*.txt`` files, or an article without any body sentence.
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
        kwargs.setdefault("alteration_files", default_alteration_files(folder))
        return cls(articles, **kwargs)

    @property
    def articles(self) -> tuple[Article, ...]:
        """Return the loaded articles in load order."""
        return self._articles

    @property
    def index(self) -> BM25Index:
        """Return the sentence-level BM25 index (read-only; for benchmarks and tools)."""
        return self._index

    @property
    def query_builder(self) -> QueryBuilder:
        """Return what turns questions into term groups (read-only; for tests and tools)."""
        return self._query_builder

    def search(self, question: str, k: int = 3, *, context: int = 0) -> SearchResult:
        """Return the ``k`` passages that best answer ``question``, best first.

        ``context`` adds that many neighbouring sentences before and after each
        passage. Never raises for any string; an empty question yields no passage.
        The index never changes after it is built, so the results of the last
        ``memo_size`` questions are kept and shared: treat them as read-only.
        """
        question = _clean(question)
        key = (question, k, context)
        result = self._memo.get(key)
        if result is not None:
            self._memo.move_to_end(key)
            return result
        result = self._search(question, k, context)
        if self._memo_size:
            self._memo[key] = result
            if len(self._memo) > self._memo_size:
                self._memo.popitem(last=False)
        return result

    def _search(self, question: str, k: int, context: int) -> SearchResult:
        """Answer an already cleaned ``question`` (see :meth:`search`)."""
        opts = self.options
        language = detect_language(question) if opts.english else "de"
        if asks_for_source(question):
            return self._source_result(question, k, language)
        direct = direct_question(question) if opts.answer_types else question
        expected = expected_type(direct) if opts.answer_types else None
        text = strip_type_words(direct) if opts.answer_types else direct
        if language == "en":
            segments = english_to_german(text)
            groups = self._query_builder.groups_of_segments(segments)
            text = " ".join(segment.source for segment in segments)  # group spans refer to it
        else:
            groups = self._query_builder.groups(text)
        if opts.claims:
            groups = claim_own_terms(groups)
        groups, excluded = split_excluded(groups, exclusion_spans(text) if opts.exclusion else None)
        details: dict = {"expected": expected.value if expected else None}
        if not groups or k <= 0:
            return SearchResult(question, False, Confidence.NONE, (), language, details)
        n = self._index.n_docs
        weights = [self._query_builder.weight(g, n) for g in groups]
        scored = [
            group_scores(self._index, g.members, blend=opts.blend_idf, cover_whole=opts.cover_whole)
            for g in groups
        ]
        if any(g.topic for g in groups):
            weights, scored = self._topic_scaled(groups, weights, scored)
        if self._heirs is not None:
            scored = [
                inherit(s, self._heirs, opts.context_share, opts.context_cover) for s in scored
            ]
        if opts.titles and self._title_articles:
            scored = [self._title_scored(g, s) for g, s in zip(groups, scored, strict=True)]
        docs, bm25, covered = combine(scored, weights)
        if len(docs) == 0:
            return SearchResult(question, False, Confidence.NONE, (), language, details)
        cover = coverage(covered, sum(weights))
        known = [bool(s[0].size) for s in scored]
        unknown = sum(  # a filler word ("gerade", "kommt") says nothing the article lacks
            w for g, w, k_ in zip(groups, weights, known, strict=True) if not (k_ or is_filler(g))
        ) / sum(weights)
        asked = {t for g in groups for t in g.members}
        nouns = {  # a synonym standing as a name ("Präsident" ~ "Putin") is the answer
            t
            for g in groups
            if g.name_like or g.noun
            for t, f in g.members.items()
            if f > opts.alteration_factor
        }
        typed = np.zeros(len(docs))
        if expected is not None:
            typed = np.array(
                [passage_has_type(self._passages[d].text, expected, nouns) for d in docs],
                dtype=float,
            )
        if not opts.coverage:
            cover = np.full(len(docs), 0.5)
        base = passage_scores(bm25, cover, opts.cover_offset)
        if expected not in (None, AnswerType.CONDITION) and is_conditional(direct):
            conditional = [bool(CONDITION_RE.search(self._passages[d].text)) for d in docs]
            base = base * (1.0 + opts.type_bonus * np.array(conditional, dtype=float))
        final = rerank(
            base,
            typed,
            self._paragraph_scores(groups, docs),
            type_bonus=opts.type_bonus,
            paragraph_weight=opts.paragraph_weight if opts.paragraphs else 0.0,
        )
        x_terms = excluded_terms(excluded, opts.variant_factor)
        if x_terms:  # a passage about the excluded thing comes after the others
            named = [names_excluded(x_terms, self._spans[d]) for d in docs]
            final = final * np.where(named, EXCLUDED_FACTOR, 1.0)
        order = np.lexsort((docs, -final))[:k]
        best = order[0]
        unknown_acronym = any(
            g.acronym or (opts.countries and not countries().keys().isdisjoint(g.members))
            for g, k_ in zip(groups, known, strict=True)
            if not k_
        ) or any(g.acronym and self._lowercase_only(g) for g in groups)
        verb_missed = opts.focus and any(  # "ausgehandelt": nor any of its synonyms is there
            g.verb and g.unsaid and not (k_ or is_filler(g))
            for g, k_ in zip(groups, known, strict=True)
        )
        focus_missed = opts.focus and misses_focus(
            direct,
            text,
            groups,
            scored,
            int(docs[best]),
            self._spans[int(docs[best])],
            expected,
            opts.alteration_factor,
        )
        unknown_focus = opts.focus and asks_unknown(direct, text, groups, known)
        best_doc = int(docs[best])
        excluded_named = bool(x_terms) and only_excluded(
            excluded, x_terms, self._spans[best_doc], self._passages[best_doc].text, nouns
        )
        unknown_event = (
            opts.focus
            and expected is AnswerType.NUMBER
            and any(
                not k_ and says_what_is_counted(g, language)
                for g, k_ in zip(groups, known, strict=True)
            )
        )
        missed: list[str] = []
        if opts.countries and expected not in (AnswerType.PERSON, AnswerType.PERSON_NAME):
            best_doc = int(docs[best])
            missed = missing_countries(
                groups,
                self._spans[best_doc],
                names_two=bool(topic_spans(self._passages[best_doc].text)),
            )
        confidence = rate_confidence(
            float(cover[best]),
            unknown,
            unknown_acronym
            or bool(missed)
            or focus_missed
            or unknown_focus
            or excluded_named
            or unknown_event
            or verb_missed,
            expected,
            bool(typed[best]),
            opts,
        )
        details.update(
            coverage=round(float(cover[best]), 3),
            typed=bool(typed[best]),
            unknown=round(unknown, 3),
            unknown_names=[g.word for g, k_ in zip(groups, known, strict=True)
                           if not k_ and g.name_like],
            missed_countries=missed,
            focus_missed=focus_missed,
            focus_unknown=unknown_focus,
            excluded_named=excluded_named,
            verb_missed=verb_missed,
        )  # fmt: skip
        passages = tuple(
            self._passage(int(docs[i]), float(final[i]), asked, context) for i in order
        )
        return SearchResult(
            question=question,
            answered=confidence is Confidence.HIGH,
            confidence=confidence,
            passages=passages,
            language=language,
            details=details,
        )

    def _lowercase_only(self, group: TermGroup) -> bool:
        """Tell whether an acronym is indexed only as a lowercase word ("UN" ↔ "Jong-un").

        An acronym the articles never write with capitals after its first letter ("USA",
        "MiNT") is another word that folds alike,
        so the organisation it names is unknown; a synonym or alias (factor below 1) of
        it that the index holds still counts.
        """
        exact = [t for t, f in group.members.items() if f >= 1.0 and t in self._index.vocabulary]
        others = [t for t, f in group.members.items() if f < 1.0 and t in self._index.vocabulary]
        return bool(exact) and not others and self._capitals.isdisjoint(exact)

    def _source_result(self, question: str, k: int, language: str) -> SearchResult:
        """Answer a question about the article's origin with its source line(s).

        The link is no sentence that a search could find, so each article with a source
        gives the passage "Quelle: URL" (``sentence`` :data:`SOURCE_SENTENCE`).
        """
        passages = tuple(
            Passage(a.id, SOURCE_SENTENCE, SOURCE_LINE.format(url=a.source_url), 1.0, a.source_url)
            for a in self._articles
            if a.source_url
        )[: max(k, 0)]
        confidence = Confidence.HIGH if passages else Confidence.NONE
        details = {"expected": "source"}
        return SearchResult(question, bool(passages), confidence, passages, language, details)

    def _topic_scaled(
        self,
        groups: Sequence[TermGroup],
        weights: list[float],
        scored: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    ) -> tuple[list[float], list[tuple[np.ndarray, np.ndarray, np.ndarray]]]:
        """Scale the weight and BM25 of a topic phrase's words by ``topic_factor``.

        "die beiden Länder" names the article's two actors, which nearly every passage
        is about; a passage that repeats "beiden Ländern" is no better an answer.
        """
        f = self.options.topic_factor
        weights = [w * f if g.topic else w for g, w in zip(groups, weights, strict=True)]
        scored = [
            (s[0], s[1] * f, s[2]) if g.topic else s for g, s in zip(groups, scored, strict=True)
        ]
        return weights, scored

    def _title_scored(
        self, group: TermGroup, scored: tuple[np.ndarray, np.ndarray, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Count a word of an article's title as covered by all of that article's passages.

        The title says what every sentence of the article is about ("Das Haus" of the
        article "Museo Frida Kahlo"), so the word picks the article, not the sentence:
        inside it the word's BM25 part is scaled by ``title_factor``, and passages that
        lack it still cover it.
        """
        owners = {a for t in group.members for a in self._title_articles.get(t, ())}
        if not owners:
            return scored
        docs, scores, factors = scored
        in_titled = np.isin(self._article_of[docs], list(owners))
        scores = np.where(in_titled, scores * self.options.title_factor, scores)
        implicit = np.flatnonzero(np.isin(self._article_of, list(owners)))
        implicit = np.setdiff1d(implicit, docs, assume_unique=True)
        if len(implicit) == 0:
            return docs, scores, factors
        docs = np.concatenate([docs, implicit.astype(docs.dtype)])
        order = np.argsort(docs, kind="stable")
        return (
            docs[order],
            np.concatenate([scores, np.zeros(len(implicit))])[order],
            np.concatenate([factors, np.ones(len(implicit))])[order],
        )

    def _paragraph_scores(self, groups: Sequence[TermGroup], docs: np.ndarray) -> np.ndarray:
        """Return each passage's article score scaled to the best article's (0..1)."""
        if self._article_index is None or not self.options.paragraphs:
            return np.zeros(len(docs))
        weights = [1.0] * len(groups)
        a_docs, a_scores, _ = combine(
            [group_scores(self._article_index, g.members) for g in groups], weights
        )
        per_article = np.zeros(self._article_index.n_docs)
        if len(a_docs):
            per_article[a_docs] = a_scores / a_scores.max()
        return per_article[self._article_of[docs]]

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
            highlights=merge_spans(
                (start, end) for term, start, end in self._spans[doc] if term in matched
            ),
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


CAPTION_WORDS = ("Foto", "Fotoagentur")
"""Words every caption is indexed with: a credit names the photo's source (an agency or
a photographer), so a question about the photo or who supplied it finds the caption."""


def _with_caption_term(doc: list[str], is_caption: bool) -> list[str]:
    """Return a caption's terms with :data:`CAPTION_WORDS` added where the text lacks them.

    A caption is recognised by its credit ("(Bild: dpa)", "(Grafik: ...)"), so it is
    about a picture whatever the credit's word; questions say "Foto", "Bild", "Aufnahme".
    """
    if not is_caption:
        return doc
    return doc + [t for t in terms(" ".join(CAPTION_WORDS)) if t not in doc]


def _heirs(passages: Sequence[IndexedPassage]) -> np.ndarray:
    """Return for each passage the next one when that opens by referring back, else ``-1``.

    A body sentence whose first word is an anaphoric opener (``anaphora_openers.txt``:
    "Darin", "Dabei", "Dies", "Er", ...) is about what its predecessor named.
    """
    openers = anaphoric_openers()
    heirs = np.full(len(passages), -1, dtype=np.int64)
    for d in range(len(passages) - 1):
        this, after = passages[d], passages[d + 1]
        if (
            after.article == this.article
            and not this.is_caption
            and not after.is_caption
            and _first_word(after.text) in openers
        ):
            heirs[d] = d + 1
    return heirs


def _first_word(text: str) -> str:
    """Return the folded first word of ``text`` ("" when it opens with no letter)."""
    match = _FIRST_WORD_RE.match(text)
    return fold(match.group(1)) if match else ""


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Return ``spans`` sorted, overlapping or touching ones merged."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
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
