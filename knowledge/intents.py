"""Questions about the article itself rather than its content.

"Woher stammt der Artikel?" or "what's the source of this article" asks for the
article's source line ("Quelle: URL"), which is no sentence of the article; the engine
answers it with that line instead of searching the sentences.
"""

from __future__ import annotations

import re

_DOCUMENT = (
    r"(?:artikel|artikels|text|textes|bericht|berichts|meldung|nachricht|beitrag|"
    r"beitrags|article|story|report|piece)"
)
_SOURCE_PATTERNS = (
    # a bare request for the link or source
    r"^(?:die |the )?(?:quelle|quellen|source|link|url|webseite|website)\W*$",
    # "Quelle/Link/Website des Artikels", "source/link of/to this article"
    rf"\b(?:quelle|link|url|webseite|website|internetseite|source|origin)\b"
    rf"(?:\s+\w+){{0,2}}\s+(?:des|der|dieses|zum|zu|von|of|for|to)\s+(?:\w+\s+)?{_DOCUMENT}\b",
    # "Woher stammt/kommt der Artikel?", "where is this article from"
    rf"\bwoher\s+(?:stammt|kommt|ist)\s+(?:der|die|das|dieser|diese|dieses)\s+{_DOCUMENT}\b",
    rf"\bwhere\s+(?:is|does)\s+(?:the|this)\s+{_DOCUMENT}\s+(?:from|come from)\b",
    # "Von welcher Website/Quelle/Zeitung stammt der Artikel?", "which website is it from"
    rf"\b(?:von |aus |from |which )?(?:welcher|welchem|which)\s+(?:webseite|website|seite|"
    rf"internetseite|quelle|zeitung|site|source|newspaper)\b.*\b(?:stammt|kommt|{_DOCUMENT})\b",
    # "Wo kann ich den Artikel lesen?", "where can I read the article"
    rf"\b(?:wo|where)\s+(?:kann|can)\s+(?:ich|man|i)\s+(?:den|the|this)\s+{_DOCUMENT}\s+"
    r"(?:lesen|finden|read|find)\b",
)
_SOURCE = re.compile("|".join(f"(?:{p})" for p in _SOURCE_PATTERNS), re.IGNORECASE)

SOURCE_LINE = "Quelle: {url}"
"""How an article states its source (the line the parser reads the link from)."""
SOURCE_SENTENCE = -1
"""``Passage.sentence`` of an article's source line: no sentence of its body."""


def asks_for_source(question: str) -> bool:
    """Return whether ``question`` asks where the article comes from (its link)."""
    return _SOURCE.search(" ".join(question.casefold().split())) is not None
