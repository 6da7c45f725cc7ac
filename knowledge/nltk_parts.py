"""Import the two nltk modules the engine uses without importing all of nltk.

``from nltk.tokenize.punkt import …`` first runs ``nltk/__init__.py``, which imports
nearly all of nltk (corpus readers, parsers, translation metrics, a downloader): about
0.15 s and 12 MB of the bot's start-up, for two modules of a few hundred lines (Punkt and
the Snowball stemmer). :func:`import_module` runs the wanted module with the ``__init__``
of nltk's packages skipped: while it imports, each package on the way is an empty
package object (right ``__path__``, nothing executed). Afterwards every ``nltk`` entry
this import added to ``sys.modules`` is removed again, so the caller keeps the module it
asked for, and a later ``import nltk`` elsewhere in the process is a normal, complete one.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from types import ModuleType

SKIPPED_PACKAGES = ("nltk", "nltk.tokenize", "nltk.stem", "nltk.corpus")
"""Packages whose ``__init__`` is not run. ``nltk.corpus`` only lends ``stopwords`` to the
stemmer module, which uses it for ``ignore_stopwords=True`` only (never used here)."""
_PLACEHOLDERS: dict[str, dict[str, object]] = {"nltk.corpus": {"stopwords": None}}
_LOCK = threading.Lock()


def import_module(name: str) -> ModuleType:
    """Return nltk's module ``name`` (e.g. ``nltk.stem.snowball``), skipping package inits.

    If nltk is already imported the ordinary way, that import is used as it is.
    """
    if not name.startswith("nltk."):
        raise ValueError(f"not an nltk module: {name!r}")
    with _LOCK:
        if "nltk" in sys.modules:
            return importlib.import_module(name)
        before = set(sys.modules)
        try:
            for package in SKIPPED_PACKAGES:
                spec = importlib.util.find_spec(package)
                if spec is None:
                    raise ModuleNotFoundError(f"No module named {package!r}", name=package)
                stub = importlib.util.module_from_spec(spec)  # not executed
                stub.__dict__.update(_PLACEHOLDERS.get(package, {}))
                sys.modules[package] = stub
            return importlib.import_module(name)
        finally:
            for added in set(sys.modules) - before:
                if added == "nltk" or added.startswith("nltk."):
                    del sys.modules[added]
