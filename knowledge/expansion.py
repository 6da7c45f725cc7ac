"""Turn a question into weighted term groups the index can score (:class:`QueryBuilder`).

Each content word of the question becomes a :class:`TermGroup`: its own index term
plus alternatives, each with a factor ≤ 1:

* alterations: general synonym sets (``alterations_de.syn``), entity aliases
  (``aliases_de.syn``: Kremlchef ↔ Putin, Kreml ↔ Moskau), plus a knowledge base's
  own ``alterations.syn``, factor ``alteration_factor``;
* English questions: a bilingual glossary maps English words to German ones first
  (names and numbers pass unchanged);
* typos: a word unknown to the index matches vocabulary words within a small edit
  distance of its folded form, factor ``typo_factor``;
* compounds: a word matches index terms it begins or ends ("Pakt" → "Beistandspakts",
  "Minister" → "Verteidigungsminister"), factor ``compound_factor``;
* variants the Snowball stemmer leaves apart: participles ("gesagt" → "sagte"),
  stems that differ only in their last letters ("attackiert" / "attackieren") and
  country/demonym derivations ("Nordkorea" / "nordkoreanisch", "Russland" /
  "russisch"), factor ``variant_factor``.

A passage's score for a group is its best member's BM25 contribution times the
member's factor (a disjunction, as Lucene's synonym queries), so synonyms found
together do not count twice. The factors are :class:`~knowledge.options.EngineOptions`
fields; a group's weight for coverage depends on whether the index knows it and, if
not, on what kind of word it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from knowledge.alterations import ALIASES_FILE, Alterations, countries, country_names
from knowledge.analysis import HYPHENS, analyze, stem, stop_words
from knowledge.bm25 import BM25Index
from knowledge.english import Segment
from knowledge.morphology import (
    MIN_COMPOUND_PART,
    SEPARABLE_PREFIXES,
    VERB_PREFIXES,
    derived_infinitives,
    is_adjective_form,
    strong_verb_family,
    strong_verb_infinitive,
    verb_bracket,
    weak_infinitives,
    weak_participle_root,
)
from knowledge.numbers import MIN_NUMBER_WORD, german_number
from knowledge.options import EngineOptions
from knowledge.query import TermGroup, Vocabulary, is_filler, topic_spans
from knowledge.scoring import term_weight
from knowledge.thesaurus import Thesaurus
from knowledge.word_classes import is_common_noun, is_function_word_typo, light_words

LIGHT_UNKNOWN = 0.3
"""Weight factor of a general filler word (``light_words_de.txt``) the index lacks."""
MAX_EXPANSIONS = 100_000
"""Question words whose alternatives are remembered."""
NAME_UNKNOWN = 1.5
"""Weight factor of a name-like word (capitalised inside the question) the index lacks."""


class QueryBuilder:
    """Build a question's term groups against one index, its vocabulary and synonym sets."""

    def __init__(
        self,
        index: BM25Index,
        surfaces: Mapping[str, str],
        alteration_files: Sequence[Path],
        options: EngineOptions,
    ) -> None:
        """Keep ``index`` and its ``surfaces`` (folded word → term); load the synonym sets.

        The entity aliases are the files among ``alteration_files`` named
        :data:`~knowledge.alterations.ALIASES_FILE`.
        """
        self.options = options
        self._index = index
        self._vocabulary = Vocabulary(index.vocabulary, surfaces)
        self._alterations = Alterations(alteration_files)
        self._aliases = Alterations([f for f in alteration_files if f.name == ALIASES_FILE])
        self._expansions: dict[tuple[str, str, bool], dict[str, float]] = {}
        self._parts_known: dict[str, bool] = {}
        self._thesaurus: Thesaurus | None = None  # built on the first word it is needed for

    @property
    def thesaurus(self) -> Thesaurus:
        """Return the thesaurus as this index needs it, read on first use."""
        if self._thesaurus is None:
            vocabulary = self._vocabulary
            self._thesaurus = Thesaurus(vocabulary, vocabulary.compound_heads())
        return self._thesaurus

    @property
    def vocabulary(self) -> Vocabulary:
        """Return the index vocabulary the groups are built against."""
        return self._vocabulary

    def groups_of_segments(self, segments: Sequence[Segment]) -> list[TermGroup]:
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

    def groups(self, text: str) -> list[TermGroup]:
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
            parts = self.split(token.term, token.folded, noun=noun)
            new: list[TermGroup] = []
            for term, folded, unknown_head in parts:
                group = groups.get(term)
                if group is None:
                    group = groups[term] = TermGroup(folded, {}, token.start, token.end)
                    group.name_like = name_like and len(parts) == 1
                    group.noun = name_like
                    # the head of a hyphenated compound ("Militärhilfe-Klausel") weighs as
                    # the unknown head of a split one: a kind the article words otherwise
                    group.part = unknown_head or (
                        token.start > 0 and text[token.start - 1] in HYPHENS
                    )
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
                    elif group.noun and self.options.thesaurus and self.options.compounds:
                        self._thesaurus_compounds(group, term)
                    group.unsaid = any(  # its paraphrases are known and none is there
                        f <= self.options.alteration_factor for f in group.members.values()
                    ) and not self._indexed(group)
                    group.attested = self.attested(group, term, folded)
                new.append(group)
            last = [*[g for g in last if g.end + 1 >= token.start][-3:], *new]
        return list(groups.values())

    def _indexed(self, group: TermGroup) -> bool:
        """Tell whether the index holds the word of ``group`` or any alternative of it."""
        return any(t in self._vocabulary for t in group.members)

    def _thesaurus_compounds(self, group: TermGroup, term: str) -> None:
        """Let an unknown noun meet the index's compounds of its thesaurus synonyms.

        "Festmahl" → "Bankett" → "Staatsbankett" (a compound whose head is the synonym: a
        kind of it; "Leute" → "zusammen" is no "zusammen|arbeit"), at the thesaurus and
        compound factors; only for a noun (capitalised in the question, of four letters or
        more) none of whose alternatives is indexed: a verb's synonyms end too many
        compounds, and a verb's prefix makes none ("Mal" → "Zeichen" is no
        "unter|zeichnen").
        """
        if len(term) < MIN_COMPOUND_PART or self._indexed(group):
            return
        factor = self.options.thesaurus_factor * self.options.compound_factor
        for synonym in self.thesaurus.compound_synonyms(term):
            for compound in self._vocabulary.compounds(synonym):
                if compound.endswith(synonym) and compound[: -len(synonym)] not in VERB_PREFIXES:
                    group.add(compound, factor)  # a kind of it, no "unter|zeichn"

    def attested(self, group: TermGroup, term: str, folded: str) -> bool:
        """Tell whether a word nothing links to the index is a German word the thesaurus knows.

        Such a word ("Ausrüstung", "angedroht" → "androhen") is surely absent from the
        article, with all its thesaurus synonyms; a word the thesaurus does not know
        may be a typo, a rare compound or a name nobody listed.
        """
        if not self.options.thesaurus or self._indexed(group):
            return False
        candidates = [term, *weak_infinitives(folded)]
        infinitive = strong_verb_infinitive(folded)
        if infinitive is not None:
            candidates.append(stem(infinitive))
        return any(self.thesaurus.knows(c) for c in candidates)

    def split(self, term: str, folded: str, *, noun: bool = True) -> list[tuple[str, str, bool]]:
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
        ) or self._vocabulary.split_modifier(folded, self.strong_verb_known)
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

    def strong_verb_known(self, folded: str) -> bool:
        """Tell whether a form of the strong verb ``folded`` belongs to is indexed ("angriff")."""
        return any(stem(form) in self._vocabulary for form in strong_verb_family(folded))

    def _part_known(self, folded: str) -> bool:
        """Tell whether a compound part, or a derivation of it, is indexed."""
        found = self._parts_known.get(folded)
        if found is None:
            scratch = TermGroup(folded)
            self._alternatives(scratch, stem(folded), folded, derived_only=True)
            found = self._indexed(scratch)
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
            if opts.verbs and not known and folded[:1].isalpha():
                self._derived(group, folded, heads)
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
        if opts.compounds and opts.alterations and not (derived_only or known):
            for compound in self._synonym_compounds(folded):  # "Staats|essen" → "Staatsbankett"
                group.add(compound, opts.alteration_factor)
        if opts.compounds and not forms_only:
            for head in heads:
                for compound in self._vocabulary.compounds(head):
                    if not (opts.countries and compound in countries()):
                        group.add(compound, opts.compound_factor)  # "Russland" is no kind of "Land"
        if opts.thesaurus and not derived_only:
            self._thesaurus_alternatives(group, [*heads, *infinitives])

    def _thesaurus_alternatives(self, group: TermGroup, heads: Sequence[str]) -> None:
        """Add the index terms sharing a thesaurus synset with an otherwise unknown word.

        Only when nothing else (forms, typos, synonym sets, compounds) found the word in
        the index: the general thesaurus is polysemous, the hand-made sets are not.
        """
        if self._indexed(group):
            return
        factor = self.options.thesaurus_factor
        for head in heads:
            for alternative in self.thesaurus.alternatives(head):
                group.add(alternative, factor)

    def _derived(self, group: TermGroup, folded: str, heads: list[str]) -> None:
        """Add the verb a derived noun comes from ("Entsendung" → "entsandt", "Kritik").

        Each candidate infinitive (:func:`derived_infinitives`) meets its strong-verb
        forms and the index's inflections of its stem, as a derivation; a stem the index
        holds becomes a head for synonyms and compounds too.
        """
        factor = self.options.variant_factor
        for infinitive in derived_infinitives(folded):
            base = stem(infinitive)
            forms = [stem(f) for f in strong_verb_family(infinitive)]
            forms += [base, *self._vocabulary.inflections(base), *self._vocabulary.variants(base)]
            for form in forms:
                if form in self._vocabulary:
                    group.add(form, factor)
                    heads.append(form)

    def _synonym_compounds(self, folded: str) -> list[str]:
        """Return the index's compounds of the same modifier with a synonym of the head.

        "Staats|essen" and "Beistands|vertrag" are unknown, but their heads have synonyms
        ("Bankett", "Pakt") and the index holds "Staatsbankett" and "Beistandspakts": the
        same compound in other words, as a synonym. Both parts need
        :data:`~knowledge.morphology.MIN_COMPOUND_PART` letters; the modifier keeps its
        linking element.
        """
        found: list[str] = []
        for i in range(MIN_COMPOUND_PART, len(folded) - MIN_COMPOUND_PART + 1):
            for synonym in self._alterations.alternatives(stem(folded[i:])):
                for candidate in (folded[:i] + synonym, stem(folded[:i] + synonym)):
                    if " " not in candidate and candidate in self._vocabulary:
                        found.append(candidate)
        return found

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

    def weight(self, group: TermGroup, n_docs: int) -> float:
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
