"""The knowledge base: load articles once, then answer ``search(question, k)``."""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.alterations import (
    ALIASES_FILE,
    Alterations,
    countries,
    country_names,
    default_alteration_files,
)
from knowledge.analysis import analyze, fold, stem, stop_words, terms
from knowledge.answer_types import (
    GENERIC_COUNTED,
    MEASURE_HEADS,
    AnswerType,
    expected_type,
    focus_word,
    passage_has_type,
    strip_type_words,
)
from knowledge.bm25 import BM25Index
from knowledge.english import Segment, detect_language, english_to_german
from knowledge.intents import SOURCE_LINE, SOURCE_SENTENCE, asks_for_source
from knowledge.morphology import (
    SEPARABLE_PREFIXES,
    is_adjective_form,
    strong_verb_family,
    strong_verb_infinitive,
    verb_bracket,
    weak_infinitives,
    weak_participle_root,
)
from knowledge.numbers import MIN_NUMBER_WORD, german_number
from knowledge.options import EngineOptions
from knowledge.parser import ArticleParseError, load_article
from knowledge.query import TermGroup, Vocabulary, claim_own_terms, is_filler, topic_spans
from knowledge.scoring import (
    combine,
    coverage,
    group_scores,
    inherit,
    passage_scores,
    rerank,
    term_weight,
)
from knowledge.types import Article, Confidence, Passage, SearchResult, Span
from knowledge.word_classes import (
    anaphoric_openers,
    is_common_noun,
    is_function_word_typo,
    light_words,
)

logger = logging.getLogger(__name__)

ARTICLES_DIR = Path(__file__).with_name("articles")
MAX_QUESTION_CHARS = 1000
"""Longer questions are cut to this many characters before analysis."""
LIGHT_UNKNOWN = 0.3
"""Weight factor of a general filler word (``light_words_de.txt``) the index lacks."""
MAX_EXPANSIONS = 100_000
"""Question words whose alternatives are remembered."""
MEMO_SIZE = 1024
"""Recent questions whose results :meth:`KnowledgeBase.search` keeps."""
_FIRST_WORD_RE = re.compile(r"[\W\d_]*([^\W\d_]+)")
NAME_UNKNOWN = 1.5
"""Weight factor of a name-like word (capitalised inside the question) the index lacks."""


_SOFT_TYPES = frozenset(
    {AnswerType.PERSON, AnswerType.CONTENT, AnswerType.CONDITION, AnswerType.REASON}
)
"""Answer types that only re-rank: too many forms to refuse a passage that lacks them."""


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
        self._vocabulary = Vocabulary(self._index.vocabulary, surfaces)
        files = alteration_files if alteration_files is not None else default_alteration_files(None)
        self._alterations = Alterations(files)
        self._aliases = Alterations([f for f in files if f.name == ALIASES_FILE])
        self._expansions: dict[tuple[str, str, bool], dict[str, float]] = {}
        self._parts_known: dict[str, bool] = {}
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
        expected = expected_type(question) if opts.answer_types else None
        text = strip_type_words(question) if opts.answer_types else question
        if language == "en":
            segments = english_to_german(text)
            groups = self._groups_of_segments(segments)
            text = " ".join(segment.source for segment in segments)  # group spans refer to it
        else:
            groups = self._groups(text)
        if opts.claims:
            groups = claim_own_terms(groups)
        details: dict = {"expected": expected.value if expected else None}
        if not groups or k <= 0:
            return SearchResult(question, False, Confidence.NONE, (), language, details)
        n = self._index.n_docs
        weights = [self._group_weight(g, n) for g in groups]
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
        final = rerank(
            base,
            typed,
            self._paragraph_scores(groups, docs),
            type_bonus=opts.type_bonus,
            paragraph_weight=opts.paragraph_weight if opts.paragraphs else 0.0,
        )
        order = np.lexsort((docs, -final))[:k]
        best = order[0]
        unknown_acronym = any(
            g.acronym or (opts.countries and not countries().keys().isdisjoint(g.members))
            for g, k_ in zip(groups, known, strict=True)
            if not k_
        )
        verb_missed = opts.focus and any(  # "ausgehandelt": nor any of its synonyms is there
            g.verb and g.unsaid and not (k_ or is_filler(g))
            for g, k_ in zip(groups, known, strict=True)
        )
        focus_missed = opts.focus and self._focus_missed(
            question, text, groups, scored, int(docs[best]), expected
        )
        unknown_event = (
            opts.focus
            and expected is AnswerType.NUMBER
            and any(
                not k_ and _says_what_is_counted(g, language)
                for g, k_ in zip(groups, known, strict=True)
            )
        )
        missed: list[str] = []
        if opts.countries and expected not in (AnswerType.PERSON, AnswerType.PERSON_NAME):
            missed = self._missed_countries(groups, int(docs[best]))
        confidence = self._confidence(
            float(cover[best]),
            unknown,
            unknown_acronym or bool(missed) or focus_missed or unknown_event or verb_missed,
            expected,
            bool(typed[best]),
        )
        details.update(
            coverage=round(float(cover[best]), 3),
            typed=bool(typed[best]),
            unknown=round(unknown, 3),
            unknown_names=[g.word for g, k_ in zip(groups, known, strict=True)
                           if not k_ and g.name_like],
            missed_countries=missed,
            focus_missed=focus_missed,
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

    def _groups_of_segments(self, segments: Sequence[Segment]) -> list[TermGroup]:
        """Build one group per English word or phrase from its German alternatives.

        A word capitalised after the first is a name (English capitalises names only);
        an untranslated lowercase word is a glossary gap that weighs little when unknown.
        """
        groups: dict[str, TermGroup] = {}
        sources = [segment.source for segment in segments]
        topics = topic_spans(" ".join(sources)) if self.options.topics else []
        starts = [sum(len(s) + 1 for s in sources[:i]) for i in range(len(sources))]
        for position, (source, alternatives, translated) in enumerate(segments):
            tokens = [t for word in alternatives for t in analyze(word) if not t.joined]
            if not tokens:
                continue
            anchor = tokens[0]
            group = groups.get(anchor.term)
            if group is None:
                group = groups[anchor.term] = TermGroup(
                    anchor.folded, {}, starts[position], starts[position] + len(source)
                )
                group.name_like = position > 0 and source[:1].isupper()
                group.light = not translated and source.islower()
                group.acronym = len(source) >= 2 and source.isupper()
                group.topic = any(a <= starts[position] < b for a, b in topics)
            for token in tokens:
                self._expand(group, token.term, token.folded)
        return list(groups.values())

    def _groups(self, text: str) -> list[TermGroup]:
        """Analyse the question into term groups with their alternatives.

        When the asker capitalises (German nouns and names are), a lowercase word
        after the first is a verb, adjective or adverb: it says what happened rather
        than what about, so it weighs less when the knowledge base lacks it.
        """
        groups: dict[str, TermGroup] = {}
        last: list[TermGroup] = []
        capitalises = any(w[:1].isupper() for w in text.split()[1:])
        verbs: tuple[int, ...] = ()
        if self.options.verbs:
            text, verbs = verb_bracket(text, stop_words())
        topics = topic_spans(text) if self.options.topics else []
        phrases = self._alterations.phrases(text) if self.options.alterations else []
        for token in analyze(text):
            if token.joined:
                for group in last:
                    group.add(token.term, 1.0)
                continue
            surface = text[token.start : token.end]
            name_like = token.start > 0 and surface[:1].isupper()
            if not name_like and self._function_typo(token.term, token.folded):
                continue  # "eigntlich" is a slip of a stop word, not an unknown word
            noun = surface[:1].isupper() or not capitalises
            parts = self._split(token.term, token.folded, noun=noun)
            new: list[TermGroup] = []
            for term, folded, unknown_head in parts:
                group = groups.get(term)
                if group is None:
                    group = groups[term] = TermGroup(folded, {}, token.start, token.end)
                    group.name_like = name_like and len(parts) == 1
                    group.noun = name_like
                    group.part = unknown_head
                    group.light = surface.islower() and (
                        (capitalises and token.start > 0) or is_adjective_form(token.folded)
                    )
                    group.acronym = len(surface) >= 2 and surface.isupper()
                    group.verb = token.start in verbs
                    group.topic = any(a <= token.start < b for a, b in topics)
                    phrase = [alts for a, b, alts in phrases if a <= token.start < b]
                    if phrase:  # the phrase's synonyms, not the word's: "anderen Staaten"
                        self._alternatives(group, term, folded, forms_only=True)
                        self._add_alternatives(group, set().union(*phrase))
                    else:
                        self._expand(group, term, folded, typos=len(parts) == 1)
                    if group.verb:
                        self._prefixed_verbs(group, term)
                    group.unsaid = any(  # its paraphrases are known and none is there
                        f <= self.options.alteration_factor for f in group.members.values()
                    ) and not any(t in self._vocabulary for t in group.members)
                new.append(group)
            last = [*[g for g in last if g.end + 1 >= token.start][-3:], *new]
        return list(groups.values())

    def _split(self, term: str, folded: str, *, noun: bool = True) -> list[tuple[str, str, bool]]:
        """Return ``[(term, folded, False)]``, or a compound's parts when the index lacks it.

        A part is known when it or its derivations, strong-verb forms or synonyms are
        indexed ("Urkunden|austausch" meets "Ratifikationsurkunden ... ausgetauscht"); a
        modifier may itself split ("Dritt|staaten|abkommen"). Failing that, a known
        modifier (the modifier of an indexed compound, or a strong verb's noun such as
        "Angriff") is split off an unknown head that may begin a word,
        flagged ``True`` ("Beistands|klausel"). Both only for nouns (capitalised, when
        the asker capitalises) that are no typo of an indexed word.
        """
        opts = self.options
        if (
            not opts.compounds
            or term in self._vocabulary
            or (opts.alterations and self._alterations.alternatives(term))
        ):
            return [(term, folded, False)]
        parts = self._vocabulary.decompose(folded)
        if parts is not None:
            return [(p.term, p.folded, False) for p in parts]
        if not (opts.decompose and noun) or (opts.typos and self._vocabulary.near(folded)):
            return [(term, folded, False)]
        known = self._part_known
        parts = self._vocabulary.decompose(folded, known)
        if parts is not None:
            modifier, head = parts
            inner = None
            if not (known(modifier.folded) or self._listed_known(modifier.term)):
                inner = self._vocabulary.decompose(modifier.folded, known)
            return [(p.term, p.folded, False) for p in (*(inner or (modifier,)), head)]
        partial = self._vocabulary.split_modifier(
            folded, self._vocabulary.is_modifier
        ) or self._vocabulary.split_modifier(folded, self._strong_verb_known)
        if partial is None:
            return [(term, folded, False)]
        return [(partial[0].term, partial[0].folded, False), (*partial[1], True)]

    def _function_typo(self, term: str, folded: str) -> bool:
        """Tell whether an unknown word is a typo of a stop or filler word, not of an index word."""
        return (
            self.options.typos
            and term not in self._vocabulary
            and not self._vocabulary.near(folded)
            and not (self.options.alterations and self._alterations.alternatives(term))
            and is_function_word_typo(folded)
        )

    def _prefixed_verbs(self, group: TermGroup, term: str) -> None:
        """Let an unknown bracket verb meet its separable-prefix verbs ("zielen" → "abzielen").

        German often says the same with or without the particle ("auf … zielen" = "auf …
        abzielen"); the prefix changes the meaning too often to count as the word itself,
        so they weigh like a compound.
        """
        if not self.options.compounds or any(self._index.doc_freq(t) for t in group.members):
            return
        for prefix in SEPARABLE_PREFIXES:
            if prefix + term in self._vocabulary:
                group.add(prefix + term, self.options.compound_factor)

    def _listed_known(self, term: str) -> bool:
        """Tell whether ``term`` is listed in a synonym set with an indexed member.

        Such a compound modifier stays whole ("Drittstaaten|abkommen" meets
        "Drittparteien"; split again, "Staaten" would meet any "Staatschef").
        """
        if not self.options.alterations:
            return False
        return any(t in self._vocabulary for t in self._alterations.listed(term))

    def _strong_verb_known(self, folded: str) -> bool:
        """Tell whether a form of the strong verb ``folded`` belongs to is indexed ("angriff")."""
        return any(stem(form) in self._vocabulary for form in strong_verb_family(folded))

    def _part_known(self, folded: str) -> bool:
        """Tell whether a compound part, or a derivation of it, is indexed."""
        found = self._parts_known.get(folded)
        if found is None:
            scratch = TermGroup(folded)
            self._alternatives(scratch, stem(folded), folded, derived_only=True)
            found = any(t in self._vocabulary for t in scratch.members)
            if len(self._parts_known) < MAX_EXPANSIONS:
                self._parts_known[folded] = found
        return found

    def _expand(self, group: TermGroup, term: str, folded: str, *, typos: bool = True) -> None:
        """Fill ``group`` with ``term`` and its alterations, typo fixes and compounds.

        ``typos`` is off for the parts of a split compound: a part is an index word or
        deliberately unknown ("dritt" is no typo of "tritt"). The alternatives of a word
        depend only on the word and the index, so they are computed once per word and
        remembered (bounded, like the stemmer's memo).
        """
        key = (term, folded, typos)
        members = self._expansions.get(key)
        if members is None:
            scratch = TermGroup(folded)
            self._alternatives(scratch, term, folded, typos=typos)
            members = scratch.members
            if len(self._expansions) < MAX_EXPANSIONS:
                self._expansions[key] = members
        for alternative, factor in members.items():
            group.add(alternative, factor)

    def _alternatives(
        self,
        group: TermGroup,
        term: str,
        folded: str,
        *,
        derived_only: bool = False,
        typos: bool = True,
        forms_only: bool = False,
    ) -> None:
        """Add ``term``, its variants, typo fixes, alterations and compounds to ``group``.

        With ``derived_only`` no typo fixes nor alterations, only what derives from the
        word (to tell whether a compound's part is known); with ``forms_only`` not even
        compounds: only the word's own forms (a word of a listed phrase, whose meaning
        the phrase's synonyms carry).
        """
        derived_only = derived_only or forms_only
        opts = self.options
        group.add(term, 1.0)
        known = term in self._vocabulary
        heads = [term]
        infinitives: list[str] = []  # looked up in the synonym sets only
        # a word listed as such is a real word, no typo ("regiert" is no "reagiert"); a near
        # form of a listed word may be a typo of it ("verlsute"), so only exact listing counts
        listed = opts.alterations and bool(self._alterations.listed(term))
        if opts.typos and typos and not (derived_only or known or listed or term in light_words()):
            for near in self._vocabulary.near(folded):
                group.add(near, opts.typo_factor)
                heads.append(near)
        value = None if derived_only else german_number(folded)
        if value is not None and value >= MIN_NUMBER_WORD:  # "zehntausend" = "10.000"
            group.add(str(value), 1.0)
        if opts.countries and not known:
            for sibling in countries().get(term, ()):
                if sibling in self._vocabulary:
                    group.add(sibling, opts.variant_factor)
        if opts.compounds:
            for variant in self._vocabulary.variants(term):
                group.add(variant, opts.variant_factor)
                heads.append(variant)
            if not (known or (opts.alterations and self._alterations.alternatives(term))):
                infinitives = weak_infinitives(folded)  # a fallback: the form is not listed
            if not known and term.startswith("ge") and len(term) >= 6:
                heads.append(term[2:])  # a participle's compounds: "getauscht" → "ausgetauscht"
                root = weak_participle_root(term)
                if root in self._vocabulary:  # "gekämpft" → "kämpf" (Kämpfen, kämpfen)
                    group.add(root, opts.variant_factor)
                    heads.append(root)
            if opts.verbs and not known and folded.startswith("mit") and len(folded) >= 7:
                base = stem(folded[3:])  # "mitkämpfen" is taking part in "kämpfen"
                heads.append(base)
                if base in self._vocabulary:
                    group.add(base, opts.variant_factor)
            if opts.verbs and not known:
                for form in strong_verb_family(folded) or strong_verb_family(term):
                    if stem(form) in self._vocabulary:
                        group.add(stem(form), opts.variant_factor)
            infinitive = None if known else strong_verb_infinitive(folded)
            if infinitive is not None:
                base = stem(infinitive)
                group.add(base, opts.variant_factor)
                heads.append(base)
                for variant in self._vocabulary.variants(base):
                    group.add(variant, opts.variant_factor)
        if opts.alterations and not derived_only:
            for head in heads + infinitives:
                self._add_alternatives(group, self._alterations.alternatives(head))
            aliases = self._aliases.alternatives(term)
            self._add_alternatives(group, aliases, opts.alias_factor)
            if opts.countries:  # a capital's country also by its adjective: "Moskau" → "russisch"
                for country in aliases & country_names():
                    for sibling in countries()[country]:
                        if sibling in self._vocabulary:
                            group.add(sibling, opts.alias_factor * opts.variant_factor)
        if opts.compounds and not forms_only:
            for head in heads:
                for compound in self._vocabulary.compounds(head):
                    if not (opts.countries and compound in countries()):
                        group.add(compound, opts.compound_factor)  # "Russland" is no kind of "Land"

    def _add_alternatives(
        self, group: TermGroup, alternatives: Iterable[str], factor: float | None = None
    ) -> None:
        """Add synonyms to ``group``; one listed in base form also meets its inflections.

        ``factor`` defaults to ``alteration_factor``.
        """
        opts = self.options
        factor = opts.alteration_factor if factor is None else factor
        for alternative in alternatives:
            group.add(alternative, factor)
            if opts.compounds and alternative not in self._vocabulary:
                for form in self._vocabulary.inflections(alternative):
                    group.add(form, factor * opts.variant_factor)

    def _group_weight(self, group: TermGroup, n_docs: int) -> float:
        """Return a group's weight for coverage (see :func:`term_weight`)."""
        dfs = [self._index.doc_freq(t) for t in group.members]
        known = [df for df in dfs if df]
        if known:
            return term_weight(n_docs, min(known))
        weight = term_weight(n_docs, 1)
        if group.part or is_filler(group):
            return weight * LIGHT_UNKNOWN
        if group.verb:
            return weight * self.options.verb_unknown
        if group.light:
            return weight * self.options.light_unknown
        common = not group.acronym and is_common_noun(group.word)
        if common and (group.name_like or not group.light):  # lowercase askers too: 'ding'
            return weight * self.options.common_unknown
        return weight * NAME_UNKNOWN if group.name_like else weight

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

    def _focus_missed(
        self,
        question: str,
        text: str,
        groups: Sequence[TermGroup],
        scored: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]],
        doc: int,
        expected: AnswerType | None,
    ) -> bool:
        """Tell whether passage ``doc`` misses the noun a quantity question counts.

        "Wie viele Artikel hat der Vertrag?" and "Putin unterzeichnete den Vertrag am 9.
        November": the passage's number counts something else, so it is no answer. The
        noun's head (the last part of a split compound, "Militär|haushalt") must be in the
        passage, as itself or any of its alternatives; a measure head ("Migranten|anteil")
        leaves its modifier, and a generic count ("Personen") needs nothing. A name
        question's noun, when the passage has a synonym of it, must be there as itself, a
        form or an alias: "Wie heißt der Chef von KCNA?" is not answered by "Machthaber Kim
        Jong-un", another role (a passage without any of its words may describe it). The
        role of "Wer ist der <Präsident> von X?" must be there too, or any name in the
        passage holds another office (a role no passage names is left to the weight of
        unknown words: "Partner" is most likely a paraphrase, "Außenminister" is not).
        """
        word = focus_word(question)
        if word is None:
            return False
        found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
        if found is None:
            return False
        span = range(found.start(), found.end())
        own = [i for i, g in enumerate(groups) if g.start in span and not g.topic]
        while own and groups[own[-1]].word.endswith(MEASURE_HEADS):
            own.pop()
        if not own or groups[own[-1]].word in GENERIC_COUNTED:
            return False
        if expected is AnswerType.NAME:  # the named thing itself, no mere synonym
            group = groups[own[-1]]
            strong = {t for t, f in group.members.items() if f > self.options.alteration_factor}
            said = {term for term, _, _ in self._spans[doc]}
            return strong.isdisjoint(said) and not said.isdisjoint(group.members)
        docs = scored[own[-1]][0]
        if expected is AnswerType.PERSON_NAME and not docs.size:
            return False  # a role the article never names weighs as an unknown word
        at = int(np.searchsorted(docs, doc))
        return not (at < len(docs) and docs[at] == doc)

    def _missed_countries(
        self,
        groups: Sequence[TermGroup],
        doc: int,
    ) -> list[str]:
        """Return the countries the question names that passage ``doc`` replaces by others.

        "Hat Südkorea Soldaten geschickt?" and "Nordkorea wirft Russland vor, ...
        Soldaten ... entsandt": the passage names other countries instead of the asked
        one, so it speaks of someone else and is no sure answer. A passage naming no
        country at all may still mean the asked one (the article's topic); its adjective
        or inhabitants count as naming it.
        """
        table = countries()
        families = []
        for group in groups:
            own = {t for t, f in group.members.items() if f >= 1.0 and t in table}
            if own:
                families.append((group.word, own.union(*(table[t] for t in own))))
        if not families:
            return []
        named = {term for term, _, _ in self._spans[doc] if term in table}
        asked = set().union(*(family for _, family in families))
        if not named - asked:
            return []
        return [word for word, family in families if not family & named]

    def _confidence(
        self,
        cover: float,
        unknown: float,
        unknown_acronym: bool,
        expected: AnswerType | None,
        typed: bool,
    ) -> Confidence:
        """Decide how sure the answer is from coverage, unknown words and the answer type.

        HIGH needs the expected answer type in the passage (a person's name is not
        checked: too many forms), less than ``max_unknown`` of the question's weight on
        words the knowledge base never mentions, no acronym or country it never mentions
        or the passage does not name (an organisation or country it does not talk about:
        "NATO", "EU", "China"), and coverage of at least ``high``.
        """
        opts = self.options
        if not opts.coverage:
            return Confidence.HIGH if typed or expected is None else Confidence.LOW
        if cover < opts.low:
            return Confidence.NONE
        type_ok = expected is None or typed or expected in _SOFT_TYPES
        if cover >= opts.high and type_ok and unknown < opts.max_unknown and not unknown_acronym:
            return Confidence.HIGH
        return Confidence.LOW

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


def _says_what_is_counted(group: TermGroup, language: str) -> bool:
    """Tell whether an unknown question word restricts what a quantity question counts.

    In "How many soldiers have been *captured*?" or "Wie viele Soldaten wurden
    *gefangen genommen*?" the verb or adjective says which soldiers are counted; when
    the article never uses it, a number of soldiers in it counts others. German: a verb
    of the bracket or a lowercase word after the first (no filler); English: a past
    participle outside the glossary (other English gaps are mostly function words).
    """
    if set(group.members) & light_words():
        return False
    if language == "en":
        return group.light and group.word.endswith(("ed", "en"))
    return group.light or group.verb


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
