"""German word forms: edit distance, stems, compounds' parts, verb forms.

What the Snowball stemmer leaves apart and the question side joins again: stems that
differ only in their last letters (:func:`same_stem`), typos (:func:`damerau_levenshtein`,
:class:`FuzzyLexicon`), strong and weak verb forms and participles, separable prefixes
and the verbal bracket of a German question, adjective endings and the consonant
clusters a word (or a compound's head) may begin with.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from functools import cache

from knowledge.analysis import DATA_DIR, fold, stem

MIN_COMPOUND_PART = 4
"""A compound match needs the question word and the rest of the compound to be this long."""
MAX_FUZZY_LETTERS = 40
"""Longer words get no typo correction: its two-edit lookup costs O(letters³)."""
INFLECTION_ENDINGS = ("t", "et", "te", "ete", "en", "st", "est", "e", "n", "s", "er", "es", "em",
                      "ert", "iert", "ung")  # fmt: skip
"""Endings Snowball may leave on a German word form (verb person/tense, noun/adjective case)."""
LINKING_ELEMENTS = ("", "s", "es", "n", "en", "e", "er", "ns")
"""German linking elements (Fugenelemente) between a compound's parts, tried in order."""

SEPARABLE_PREFIXES = (
    "ab", "an", "auf", "aus", "bei", "ein", "fest", "mit", "nach", "teil", "vor", "weg", "zu",
    "zuruck", "statt", "heraus", "hinzu",
)  # fmt: skip
"""Separable verb prefixes: their participles put "ge" after them ("ausgetauscht")."""
VERB_PREFIXES = frozenset(
    (*SEPARABLE_PREFIXES, "unter", "uber", "durch", "hinter", "wider", "wieder", "miss", "voll",
     "zer", "ver", "ent", "emp", "herab", "heran", "herauf", "hinab", "hinauf", "zusammen")
)  # fmt: skip
"""Verb prefixes: a word is not split after one of them ("unter|schrieben" is a verb)."""
INSEPARABLE_PREFIXES = frozenset(("be", "er", "ge", "emp"))
"""Short inseparable prefixes (the longer ones are in :data:`VERB_PREFIXES`)."""


class FuzzyLexicon:
    """Words found by edit distance (a symmetric-delete index, as in SymSpell) or stem."""

    def __init__(self, words: Iterable[str]) -> None:
        """Index every word under itself and its one-letter deletions."""
        self._set = frozenset(words) if not isinstance(words, frozenset) else words
        self._words = sorted(self._set)
        self._deletes: dict[str, list[str]] = {}
        for word in self._words:
            for key in {word, *_deletes(word)}:
                self._deletes.setdefault(key, []).append(word)

    def near(self, word: str, limit: int) -> list[str]:
        """Return indexed words within ``limit`` (1 or 2) edits of ``word``.

        Symmetric delete: two words within one edit share a one-deletion form; with
        ``limit`` 2 the query's two-deletion forms are looked up too (this finds most,
        not all, two-edit neighbours). Candidates are verified with
        :func:`damerau_levenshtein`.
        """
        keys = {word, *_deletes(word)}
        if limit >= 2:
            keys |= {d2 for d1 in list(keys) for d2 in _deletes(d1)}
        candidates = {w for key in keys for w in self._deletes.get(key, ())}
        return sorted(w for w in candidates if damerau_levenshtein(word, w, limit) <= limit)

    def same_stem(self, term: str) -> list[str]:
        """Return indexed words that :func:`same_stem` ``term``."""
        if len(term) < 6:
            return []
        prefix = term[: len(term) - 3]
        candidates = with_prefix(self._words, prefix)
        if prefix in self._set:
            candidates.append(prefix)
        return [w for w in candidates if same_stem(w, term)]


def _deletes(word: str) -> set[str]:
    """Return the forms of ``word`` with one letter deleted."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def with_prefix(sorted_terms: list[str], prefix: str) -> list[str]:
    """Return the members of ``sorted_terms`` that start with ``prefix`` (not equal)."""
    lo = bisect.bisect_right(sorted_terms, prefix)
    hi = bisect.bisect_left(sorted_terms, prefix + "\uffff")
    return sorted_terms[lo:hi][:50]


def same_stem(a: str, b: str) -> bool:
    """Tell whether two stems differ only in their last letters (at most 3 each, 5+ shared).

    Catches what Snowball leaves apart, e.g. "attackiert" / "attacki". A shared verb
    prefix does not count towards the five letters ("ver|letzt" and "ver|leg" share
    only "le" of their roots).
    """
    shared = _common_prefix(a, b)
    if shared < 5 or len(a) - shared > 3 or len(b) - shared > 3:
        return False
    prefix = max((p for p in _ALL_PREFIXES if a.startswith(p)), key=len, default="")
    return shared - len(prefix) >= MIN_ROOT_SHARED


MIN_ROOT_SHARED = 4
"""Letters of the root (after a verb prefix) two stems must share to be variants."""
_ALL_PREFIXES = tuple(sorted(VERB_PREFIXES | INSEPARABLE_PREFIXES, key=len, reverse=True))


def _common_prefix(a: str, b: str) -> int:
    """Return the length of the common prefix of ``a`` and ``b``."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Return the optimal-string-alignment distance of ``a`` and ``b`` (``limit + 1`` if more).

    Source: Damerau 1964 / Levenshtein 1966, restricted edit distance with adjacent
    transpositions (Wagner–Fischer dynamic programme with early exit).
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[len(b)]


@cache
def _strong_verbs() -> tuple[Mapping[str, str], Mapping[str, tuple[str, ...]]]:
    """Return folded strong-verb forms → infinitive, and infinitive → all its forms."""
    infinitive_of: dict[str, str] = {}
    forms_of: dict[str, tuple[str, ...]] = {}
    text = (DATA_DIR / "strong_verbs_de.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        infinitive, forms = line.split("\t", 1)
        folded = tuple(fold(f) for f in (infinitive, *forms.split()))
        forms_of[folded[0]] = folded
        for form in folded[1:]:
            infinitive_of.setdefault(form, folded[0])
    return infinitive_of, forms_of


def _strong_verb(folded: str) -> tuple[str, str] | None:
    """Return ``(prefix, infinitive)`` of a strong verb form ("angriff" → ("an", "greifen")).

    Looks the word (any form, the infinitive too) up whole, then after a verb prefix
    (separable or not).
    """
    table, forms = _strong_verbs()
    if folded in table or folded in forms:
        return "", table.get(folded, folded)
    for prefix in VERB_PREFIXES | INSEPARABLE_PREFIXES:
        rest = folded[len(prefix) :]
        if folded.startswith(prefix) and len(rest) >= 3 and (rest in table or rest in forms):
            return prefix, table.get(rest, rest)
    return None


def weak_participle_root(term: str) -> str:
    """Return the stem of a weak verb's participle ("gekampft" → "kampf"), else "".

    ``ge`` + stem + ``t``/``et``: the stem is also the index term of the verb's other
    forms and of its noun ("kämpfen", "Kämpfe"), which the stemmer leaves apart.
    """
    if not (term.startswith("ge") and term.endswith("t") and len(term) >= 7):
        return ""
    root = term[2:-2] if term.endswith("et") else term[2:-1]
    return root if len(root) >= 4 else ""


def strong_verb_infinitive(folded: str) -> str | None:
    """Return a strong verb form's infinitive, prefix kept ("abgeschlossen" → "abschliessen")."""
    found = _strong_verb(folded)
    return found[0] + found[1] if found else None


def strong_verb_family(folded: str) -> list[str]:
    """Return every form of the strong verb ``folded`` belongs to, with its prefix.

    German nouns of strong verbs are often their preterite stem, so the family links
    noun, verb and participle: "angriff" → "angreifen", "angegriffen", "greift an" ...;
    "teilnahm" → "teilgenommen". After an inseparable prefix the participle drops
    "ge" ("unterschrieben").
    """
    found = _strong_verb(folded)
    if found is None:
        return []
    prefix, infinitive = found
    forms = [prefix + f for f in _strong_verbs()[1].get(infinitive, (infinitive,))]
    if prefix and prefix not in SEPARABLE_PREFIXES:
        forms += [prefix + f[2:] for f in _strong_verbs()[1].get(infinitive, ()) if f[:2] == "ge"]
    return forms


SEPARABLE_PARTICLES = frozenset((*SEPARABLE_PREFIXES, "fort", "her", "hin", "los", "dar", "frei"))
"""Particles a German question may end with, split off its finite verb ("fand ... statt")."""


_WORD_SPAN_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def verb_bracket(question: str, stops: frozenset[str]) -> tuple[str, tuple[int, ...]]:
    """Find a German question's verbs; join a split-off particle back onto its verb.

    German puts the finite verb first in a yes/no question ("Nahm ... teil?") and
    second after a one-word question word ("Wann fand das Bankett statt?"), and closes
    the verbal bracket with a participle, infinitive or separable particle as the last
    word. Returns the question with a final particle moved onto its finite verb
    ("Wann stattfand das Bankett?", so the verb meets "stattfinden"/"teilgenommen") and
    the start offsets (in the returned text) of the verb words: the finite verb when it
    is no stop word, and the lowercase last word before any final auxiliaries ("verletzt"
    in "... verletzt werden"). Only for askers who capitalise: in
    all-lowercase text a lowercase word says nothing.
    """
    spans = [(m.group(), m.start(), m.end()) for m in _WORD_SPAN_RE.finditer(question)]
    if len(spans) < 3 or not any(w[:1].isupper() for w, _, _ in spans[1:]):
        return question, ()
    finite: tuple[str, int, int] | None = None
    if fold(spans[0][0]) not in stops and question.rstrip().endswith("?"):
        finite = spans[0]
    else:  # after a question word or phrase of stop words: "Wann fand", "Von wem stammt"
        for span in spans[1:3]:
            if fold(span[0]) not in stops:
                finite = span if span[0].islower() else None
                break
    last = spans[-1] if spans[-1][0].islower() and spans[-1] is not finite else None
    if last and fold(last[0]) not in SEPARABLE_PARTICLES:
        end = len(spans) - 1  # the verb cluster: "verletzt werden", "geschickt haben"
        while end > 1 and spans[end][0].islower() and fold(spans[end][0]) in stops:
            end -= 1
        last = spans[end] if spans[end][0].islower() and spans[end] is not finite else None
    if finite and last and fold(last[0]) in SEPARABLE_PARTICLES:
        word, start, end = finite
        joined = last[0] + word.lower()
        joined = joined[:1].upper() + joined[1:] if word[:1].isupper() else joined
        text = question[:start] + joined + question[end : last[1]] + question[last[2] :]
        return text, (start,)
    starts = tuple(s[1] for s in (finite, last) if s is not None)
    return question, starts


def weak_infinitives(folded: str) -> list[str]:
    """Return the terms of the infinitives a weak verb form may belong to.

    The stemmer leaves "veröffentlicht" and "veröffentlichen" apart, so a synonym set
    listing the infinitive would miss the asked form; a separable participle puts "ge"
    after its particle ("zugesagt" → "zusagen").
    """
    found = [
        stem(prefix + folded[len(prefix) + 2 :].removesuffix("t") + "en")
        for prefix in SEPARABLE_PREFIXES
        if folded.startswith(prefix + "ge") and len(folded) > len(prefix) + 5
    ]
    weak = folded.removesuffix("e")
    if weak.endswith("t") and len(weak) >= 6:
        weak = weak[2:] if weak.startswith("ge") else weak
        found.append(stem(weak[:-1] + "en"))
    return found


DERIVATIONS = (
    ("ikation", "izieren", 3),  # Ratifikation → ratifizieren
    ("uktion", "uzieren", 3),  # Produktion → produzieren
    ("aktion", "agieren", 2),  # Reaktion → reagieren
    ("ation", "ieren", 3),  # Kooperation → kooperieren
    ("ierung", "ieren", 3),  # Stationierung → stationieren
    ("ung", "en", 3),  # Entsendung → entsenden
    ("ik", "isieren", 4),  # Kritik → kritisieren
    ("er", "en", 4),  # Angreifer → angreifen
)
"""Noun endings, the verb endings they derive from, and the shortest root (German word
formation: action nouns in -ung/-ation/-ion, agent nouns in -er, -ik nouns beside
-isieren verbs)."""


def derived_infinitives(folded: str) -> list[str]:
    """Return the infinitives a derived noun may come from ("entsendung" → "entsenden").

    The stemmer leaves "Entsendung" and "entsandt", "Kritik" and "kritisiert",
    "Angreifer" and "angegriffen" apart; with the infinitive, its strong forms, its
    inflections and its synonyms meet ("St|ation" has too short a root).
    """
    found = []
    for noun_end, verb_end, shortest in DERIVATIONS:
        root = folded.removesuffix(noun_end)
        if root != folded and len(root) >= shortest:
            found.append(root + verb_end)
    return found


ADJECTIVE_SUFFIXES = ("ig", "lich", "isch", "bar", "sam", "haft", "los")
"""Endings of German adjectives and adverbs ("gegenseitig", "eigentlich", "militärisch")."""


def is_adjective_form(folded: str) -> bool:
    """Tell whether a lowercase word looks like an adjective or adverb by its ending.

    For an asker who writes everything lowercase, capitals cannot tell nouns from
    adjectives; "gegenseitig" then still says how, not what about.
    """
    return len(folded) >= 6 and folded.endswith(ADJECTIVE_SUFFIXES)


_VOWELS = frozenset("aeiouy")
ONSETS = frozenset((
    "b", "bl", "br", "c", "ch", "chr", "d", "dr", "f", "fl", "fr", "g", "gl", "gn", "gr", "h", "j",
    "k", "kl", "kn", "kr", "l", "m", "n", "p", "pf", "pfl", "pfr", "pl", "pr", "ph", "q", "r", "s",
    "sch", "schl", "schm", "schn", "schr", "schw", "sk", "sl", "sm", "sn", "sp", "spl", "spr", "st",
    "str", "sz", "t", "th", "tr", "ts", "tsch", "v", "w", "wr", "x", "z", "zw",
))  # fmt: skip
"""Consonant clusters a German word may begin with."""


def has_onset(folded: str) -> bool:
    """Tell whether ``folded`` may begin a German word (a vowel or a known onset).

    "klausel" may, "rstromung" and "tfand" may not: a split there is no compound's head.
    """
    cluster = ""
    for letter in folded:
        if letter in _VOWELS:
            break
        cluster += letter
    return cluster == "" or cluster in ONSETS


SUFFIX_STARTS = ("heit", "keit", "schaft", "lich", "igung", "ierung")
"""Derivational suffixes that end a word and never begin a compound's head: "Mehr|heit"
and "Sicher|heitsrat" are no compounds of "mehr" or "sicher"."""


def is_head(folded: str) -> bool:
    """Tell whether ``folded`` may be the head of a compound: no derivational suffix."""
    return not folded.startswith(SUFFIX_STARTS)
