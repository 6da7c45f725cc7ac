"""The engine's switches and parameters (:class:`EngineOptions`)."""

from __future__ import annotations

from dataclasses import dataclass

ALTERATION = 0.65
TYPO = 0.9
VARIANT = 0.85
COMPOUND = 0.75
THESAURUS = 0.55


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Switches and parameters of the engine (each means can be turned off for ablation)."""

    answer_types: bool = True
    coverage: bool = True
    alterations: bool = True
    english: bool = True
    typos: bool = True
    compounds: bool = True
    paragraphs: bool = True
    titles: bool = True
    anaphora: bool = True
    blend_idf: bool = True
    verbs: bool = True
    claims: bool = True
    countries: bool = True
    decompose: bool = True
    """Compound parts match through derivations, strong verbs and synonyms; unknown heads."""
    topics: bool = True
    """A phrase for the two main actors ("die beiden Länder", "beide Seiten") weighs little."""
    cover_whole: bool = True
    """Any alternative covers its whole question word; the factors only rank (see group_scores)."""
    focus: bool = True
    """A quantity question's counted noun ("Wie viele <Artikel>") must be in the answer, and
    no verb or adjective restricting what it counts may be unknown ("captured"); a verb of
    the verbal bracket that is listed in a synonym set must be there, itself or a synonym
    ("Wer hat den Vertrag ausgehandelt?": the article says no kind of negotiating)."""
    thesaurus: bool = True
    """A question word nothing else finds in the index meets the index terms it shares an
    OpenThesaurus synset with ("Herrscher" → "Machthaber"), at ``thesaurus_factor``."""
    exclusion: bool = True
    """"Welche Regionen außer Kursk …", "other than X": X does not search, and a best
    passage naming X is no sure answer."""
    variant: str = "plus"
    k1: float = 0.9
    b: float = 0.5
    type_bonus: float = 0.4
    topic_factor: float = 0.15
    """Factor of a topic phrase's words ("die beiden Länder") in weight and BM25."""
    paragraph_weight: float = 1.0
    title_factor: float = 0.5
    """Inside an article, a question word of its title counts this much of its BM25."""
    cover_offset: float = 0.5
    """A passage's BM25 score is multiplied by ``cover_offset + coverage``."""
    high: float = 0.2
    """Coverage at or above which the best passage can be a confident answer."""
    low: float = 0.1
    """Coverage below which nothing is offered, not even as "not sure"."""
    light_unknown: float = 0.5
    """Weight factor of an unknown verb/adjective or English word outside the glossary."""
    max_unknown: float = 0.3
    """Share of the question's weight on words unknown to the index that makes it unsure."""
    verb_unknown: float = 0.25
    """Weight factor of an unknown verb of the question's verbal bracket ("abgehalten")."""
    common_unknown: float = 0.3
    """Weight factor of an unknown general noun ("Ding", "Voraussetzung"): a paraphrase."""
    context_share: float = 0.3
    """Share of its predecessor's BM25 a sentence opening with "Darin", "Dies", "Er", ... gets."""
    context_cover: float = 1.0
    """Share of its predecessor's coverage such a sentence gets ("Darin" = in the treaty)."""
    alteration_factor: float = ALTERATION
    """Factor of a synonym from the alteration sets (the asked word itself has 1)."""
    typo_factor: float = TYPO
    """Factor of a vocabulary word within a small edit distance of an unknown word."""
    variant_factor: float = VARIANT
    """Factor of an inflection or derivation the stemmer leaves apart ("gesagt" → "sagte")."""
    alias_factor: float = 0.85
    """Factor of another name of the same entity ("Moskau" → "Russland", entity aliases)."""
    compound_factor: float = COMPOUND
    """Factor of an index compound the word begins or ends ("Pakt" → "Beistandspakts")."""
    thesaurus_factor: float = THESAURUS
    """Factor of an index term sharing a general thesaurus synset with an unknown word."""
