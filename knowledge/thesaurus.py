"""A general German thesaurus (OpenThesaurus) for question words the index lacks.

The hand-made alteration sets (``alterations_de.syn``) cover the news vocabulary they
were written for; a question in other everyday words ("Herrscher", "absegnen",
"Ausfälle", "Etappe") needs a general thesaurus. ``data/thesaurus_de.txt.gz`` holds
OpenThesaurus's synsets (LGPL-2.1, see ``data/OPENTHESAURUS.md``) as index terms, derived
by ``data/make_thesaurus.py``. It is read once per process, and each knowledge base keeps
only the synsets that touch its vocabulary: a question word the index lacks meets the
index terms it shares a synset with, at a reduced factor (see
:meth:`knowledge.expansion.QueryBuilder`). Polysemy makes it noisy ("Gebieter" and
"Gebiet" share a stem), so it is used only for words nothing else explains.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Container
from functools import cache

from knowledge.analysis import DATA_DIR

logger = logging.getLogger(__name__)

THESAURUS_FILE = DATA_DIR / "thesaurus_de.txt.gz"
MAX_SYNSET = 12
"""Synsets with more index terms than this are left out: the larger, the vaguer."""


@cache
def synsets() -> tuple[tuple[str, ...], ...]:
    """Return the shipped synsets (index terms), read once per process.

    A missing file yields no synsets (the engine then works as without the thesaurus).
    """
    try:
        with gzip.open(THESAURUS_FILE, "rt", encoding="utf-8") as source:
            text = source.read()
    except OSError as exc:
        logger.warning("thesaurus not loaded: %s", exc)
        return ()
    return tuple(
        tuple(line.split()) for line in text.splitlines() if line and not line.startswith("#")
    )


@cache
def lexicon() -> frozenset[str]:
    """Return every term of the shipped synsets: the words the thesaurus knows as German."""
    return frozenset(term for synset in synsets() for term in synset)


@cache
def _synonym_index(max_synset: int) -> dict[str, tuple[str, ...]]:
    """Return every term → the other terms of its synsets of at most ``max_synset`` terms."""
    found: dict[str, dict[str, None]] = {}
    for synset in synsets():
        if len(synset) <= max_synset:
            for term in synset:
                found.setdefault(term, {}).update(dict.fromkeys(t for t in synset if t != term))
    return {term: tuple(others) for term, others in found.items()}


class Thesaurus:
    """The synsets that touch one index's vocabulary: any term → the index terms it meets."""

    def __init__(self, vocabulary: Container[str], max_synset: int = MAX_SYNSET) -> None:
        """Keep, for every term of a synset with an index term, that synset's index terms."""
        links: dict[str, set[str]] = {}
        for synset in synsets():
            if len(synset) > max_synset:
                continue
            inside = [term for term in synset if term in vocabulary]
            if not inside:
                continue
            for term in synset:
                links.setdefault(term, set()).update(t for t in inside if t != term)
        self._links = {term: frozenset(found) for term, found in links.items() if found}
        self._max_synset = max_synset
        logger.debug("thesaurus: %s terms meet the index", len(self._links))

    def alternatives(self, term: str) -> frozenset[str]:
        """Return the index terms sharing a synset with ``term`` (empty when none)."""
        return self._links.get(term, frozenset())

    def synonyms(self, term: str) -> tuple[str, ...]:
        """Return every term sharing a synset with ``term``, indexed or not."""
        return _synonym_index(self._max_synset).get(term, ())
