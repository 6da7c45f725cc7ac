"""Parse article text files into :class:`~knowledge.types.Article` values.

An article file is plain text, one paragraph a line:

* body paragraphs are split into sentences with nltk's Punkt tokenizer, using
  parameters built here from a shipped abbreviation list and German
  "ordinal number + month" collocations (``am 12. November`` never ends a sentence);
* a line that ends with a photo credit such as ``(Foto: Reuters)`` is the photo
  caption, kept whole with its credit attached;
* a line ``Quelle: URL`` gives the source link;
* Wikipedia-style headings (``=== Abschnitt ===``), a leading title line without
  sentence punctuation, and page junk (``Kommentar (0)``, share buttons) are dropped.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from knowledge import nltk_parts
from knowledge.types import Article

DATA_DIR = Path(__file__).with_name("data")

MONTHS = (
    "januar", "jänner", "februar", "märz", "maerz", "april", "mai", "juni", "juli",
    "august", "september", "oktober", "november", "dezember",
    "jan", "feb", "febr", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez",
)  # fmt: skip
"""Words that follow an ordinal number ("12.") without starting a new sentence."""

ORDINAL_FOLLOWERS = (
    "jahrhundert", "jahrhunderts", "jh", "jahrtausend", "jahrtausends", "mal", "platz", "stock",
    "stelle", "klasse", "liga", "runde", "tag", "tages", "woche", "monat", "lebensjahr",
)  # fmt: skip
"""Further nouns that commonly follow an ordinal ("im 19. Jahrhundert", "am 3. Tag")."""

_CREDIT_RE = re.compile(
    r"\((?:Foto|Fotos|Bild|Bilder|Photo|Foto/Video|Grafik)\s*:[^()]*\)\s*$", re.I
)
_SOURCE_RE = re.compile(r"^\s*(?:Quelle|Source)\s*:\s*(\S+)\s*$", re.I)
_HEADING_RE = re.compile(r"^\s*=+[^=].*?=+\s*$")
_JUNK_RE = re.compile(
    r"^\s*(?:Kommentare?\s*\(\d+\)|Kommentieren|Teilen|Drucken|Mehr lesen|Weiterlesen"
    r"|Share|Tweet|Facebook|Twitter|E-Mail|Zum Seitenanfang|Anzeige|Werbung)\s*$",
    re.I,
)
_SENTENCE_END_RE = re.compile(r"[.!?…“”\"»«)]\s*$")


class ArticleParseError(ValueError):
    """Raised when a text holds no body sentence at all."""


@cache
def _abbreviations() -> frozenset[str]:
    """Return the shipped abbreviation list (lowercase, without the period)."""
    text = (DATA_DIR / "abbreviations_de.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def sentence_tokenizer():
    """Build nltk's ``PunktSentenceTokenizer`` with the project's German parameters.

    No training data and no ``nltk.download``: the parameters are the shipped
    abbreviation list plus ``("##number##", month)`` collocations, which is how
    Punkt represents "an ordinal number followed by this word is no sentence break".
    """
    punkt = nltk_parts.import_module("nltk.tokenize.punkt")  # not all of nltk

    params = punkt.PunktParameters()
    params.abbrev_types = set(_abbreviations())
    params.collocations = {("##number##", word) for word in (*MONTHS, *ORDINAL_FOLLOWERS)}
    return punkt.PunktSentenceTokenizer(params)


_ORDINAL_END_RE = re.compile(
    r"(?:^|\s)(?:der|die|das|dem|den|des|am|im|zum|zur|vom|beim|als|jede[mnrs]?|diese[mnrs]?"
    r"|(?:ihr|sein|unser|mein|dein)(?:e[mnrs]?)?)\s+\d{1,4}\.$",
    re.I,
)
"""A sentence that ends in "der 30." / "ihrem 60.": an ordinal, not a sentence end."""


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (whitespace-trimmed, empty ones dropped).

    A piece ending in a determiner or preposition plus a number and a period
    ("am 43.", "der 30.") is an ordinal whatever noun follows: it is joined to the
    next piece.
    """
    pieces = [s.strip() for s in sentence_tokenizer().tokenize(paragraph) if s.strip()]
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ORDINAL_END_RE.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


def _is_title(line: str, index: int) -> bool:
    """Tell whether ``line`` is a leading title: the first line, short, no end punctuation."""
    return index == 0 and len(line.split()) <= 12 and not _SENTENCE_END_RE.search(line)


def parse_article(text: str, article_id: str, *, source_url: str = "") -> Article:
    """Parse an article's text into body sentences, the caption and the source link.

    Raises :class:`ArticleParseError` when no body sentence remains.
    """
    sentences: list[str] = []
    caption: str | None = None
    title = ""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    content = [line for line in lines if line]
    for index, line in enumerate(content):
        if match := _SOURCE_RE.match(line):
            source_url = source_url or match.group(1)
        elif _JUNK_RE.match(line) or _HEADING_RE.match(line):
            continue
        elif _is_title(line, index) and len(content) > 1:
            title = line
        elif caption is None and _CREDIT_RE.search(line):
            caption = " ".join(line.split())
        else:
            sentences.extend(" ".join(s.split()) for s in split_sentences(line))
    if not sentences:
        raise ArticleParseError(f"article {article_id!r} has no body sentence")
    return Article(
        id=article_id,
        source_url=source_url,
        sentences=tuple(sentences),
        caption=caption,
        title=title,
    )


def load_article(path: Path) -> Article:
    """Read and parse one article file; its id is the file name without ``.txt``."""
    return parse_article(path.read_text(encoding="utf-8"), path.stem)
