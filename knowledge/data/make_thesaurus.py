"""Derive ``thesaurus_de.txt.gz`` from OpenThesaurus (run by hand, never at run time).

OpenThesaurus (https://www.openthesaurus.de, LGPL-2.1, see ``OPENTHESAURUS.md``) ships
in Debian as ``openthesaurus-de-text``::

    cd /tmp && apt-get download openthesaurus-de-text && dpkg -x openthesaurus-de-text_*.deb ot
    python knowledge/data/make_thesaurus.py /tmp/ot/usr/share/openthesaurus-de/thesaurus.txt

The source holds one synset a line, members separated by ``;``, with annotations in
parentheses ("absegnen (ugs.)", "(sich) aussprechen für"). The derived file keeps,
per synset, the single-word members with their annotations stripped, as the index
terms the engine's analysis gives them (folded and stemmed, stop words dropped):
one synset a line, terms separated by spaces. A term that two words differing only in
their umlauts share is left out ("fördern" and "fordern", "zählen" and "zahlen" fold
alike, but mean different things), and synsets left with fewer than two distinct
terms are dropped. Rerun the script whenever ``knowledge/analysis.py`` changes how
words become terms.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

from knowledge.analysis import analyze

OUTPUT = Path(__file__).with_name("thesaurus_de.txt.gz")
ANNOTATION_RE = re.compile(r"\([^)]*\)")
WORD_RE = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")


UMLAUTS = str.maketrans("äöü", "aou")


def synset_words(line: str) -> list[tuple[str, str]]:
    """Return ``(word, index term)`` for a synset line's single-word members."""
    found: list[tuple[str, str]] = []
    for member in line.split(";"):
        word = ANNOTATION_RE.sub("", member).strip()
        if not WORD_RE.fullmatch(word):
            continue  # several words, hyphens, digits or abbreviations
        tokens = analyze(word)
        if len(tokens) == 1:
            found.append((word, tokens[0].term))
    return found


def umlaut_clashes(synsets: list[list[tuple[str, str]]]) -> set[str]:
    """Return the terms of two words that differ only in their umlauts ("fördern"/"fordern")."""
    words: dict[str, set[str]] = {}
    for synset in synsets:
        for word, term in synset:
            words.setdefault(term, set()).add(word.lower())
    clashes = set()
    for term, forms in words.items():
        plain = [form.translate(UMLAUTS) for form in forms]
        if len(set(plain)) < len(plain):
            clashes.add(term)
    return clashes


def derive(source: Path) -> list[str]:
    """Return the derived file's lines (a header, then one synset a line)."""
    lines = [
        "# Derived from OpenThesaurus (https://www.openthesaurus.de), LGPL-2.1;",
        "# see OPENTHESAURUS.md. One synset a line: index terms of its single words.",
    ]
    seen: set[tuple[str, ...]] = set()
    synsets = [
        synset_words(line)
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    clashes = umlaut_clashes(synsets)
    for synset in synsets:
        terms = list(dict.fromkeys(term for _, term in synset if term not in clashes))
        key = tuple(sorted(terms))
        if len(terms) >= 2 and key not in seen:
            seen.add(key)
            lines.append(" ".join(terms))
    return lines


def main(argv: list[str] | None = None) -> int:
    """Write :data:`OUTPUT` from the OpenThesaurus text file given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="OpenThesaurus thesaurus.txt")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    lines = derive(args.source)
    with gzip.open(args.output, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")
    print(f"{len(lines) - 2} synsets → {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
