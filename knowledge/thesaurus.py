"""A general German thesaurus (OpenThesaurus) for question words the index lacks.

The hand-made alteration sets (``alterations_de.syn``) cover the news vocabulary they
were written for; a question in other everyday words ("Herrscher", "absegnen",
"Niederlagen", "Festmahl") needs a general thesaurus. ``data/thesaurus_de.txt.gz`` holds
OpenThesaurus's synsets (LGPL-2.1, see ``data/OPENTHESAURUS.md``) as index terms, derived
by ``data/make_thesaurus.py``. A knowledge base reads it on the first question word that
needs it and keeps only what touches its own vocabulary: the index terms each word
shares a synset with, the synonyms that are heads of its compounds, and a compact set of
hashes telling which words the thesaurus knows at all. Polysemy makes it noisy
("Gebieter" and "Gebiet" share a stem), so the engine uses it only for words nothing else
explains (see :class:`knowledge.expansion.QueryBuilder`).
"""

from __future__ import annotations

import gzip
import logging
from array import array
from collections.abc import Container, Iterator

import numpy as np

from knowledge.analysis import DATA_DIR

logger = logging.getLogger(__name__)

THESAURUS_FILE = DATA_DIR / "thesaurus_de.txt.gz"
MAX_SYNSET = 12
"""Synsets with more index terms than this are left out: the larger, the vaguer."""


def synsets() -> Iterator[tuple[str, ...]]:
    """Yield the shipped synsets (index terms); none when the file cannot be read."""
    try:
        with gzip.open(THESAURUS_FILE, "rt", encoding="utf-8") as source:
            for line in source:  # one line at a time: the whole text would double the peak
                if line.strip() and not line.startswith("#"):
                    yield tuple(line.split())
    except OSError as exc:
        logger.warning("thesaurus not read: %s", exc)


class Thesaurus:
    """The thesaurus as one knowledge base needs it (see the module docstring)."""

    def __init__(
        self,
        vocabulary: Container[str],
        heads: Container[str] = frozenset(),
        max_synset: int = MAX_SYNSET,
    ) -> None:
        """Read the synsets and keep what touches ``vocabulary`` and its compound ``heads``.

        ``heads`` are the strings that end an index compound ("bankett" of
        "staatsbankett"): a synonym among them leads to that compound.
        """
        links: dict[str, set[str]] = {}
        via_parts: dict[str, set[str]] = {}
        known = array("q")  # the hashes of every term: a compact set, valid in this process
        for synset in synsets():
            known.extend(hash(term) for term in synset)
            if len(synset) > max_synset:
                continue
            inside = [term for term in synset if term in vocabulary]
            for term in synset if inside else ():
                links.setdefault(term, set()).update(t for t in inside if t != term)
            ends = [term for term in synset if term in heads]
            for term in synset if ends else ():
                via_parts.setdefault(term, set()).update(t for t in ends if t != term)
        self._links = {term: frozenset(found) for term, found in links.items() if found}
        self._via_parts = {term: frozenset(found) for term, found in via_parts.items() if found}
        self._known = np.sort(np.frombuffer(known, dtype=np.int64))  # np.unique imports numpy.ma
        logger.debug("thesaurus: %s terms meet the index", len(self._links))

    def alternatives(self, term: str) -> frozenset[str]:
        """Return the index terms sharing a synset with ``term`` (empty when none)."""
        return self._links.get(term, frozenset())

    def compound_synonyms(self, term: str) -> frozenset[str]:
        """Return the synonyms of ``term`` that end an index compound."""
        return self._via_parts.get(term, frozenset())

    def knows(self, term: str) -> bool:
        """Tell whether ``term`` is a word of the thesaurus (any synset, indexed or not)."""
        at = int(np.searchsorted(self._known, hash(term)))
        return at < len(self._known) and int(self._known[at]) == hash(term)
