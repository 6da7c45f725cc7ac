"""German and English number words and their values ("zehntausend" → 10000)."""

from __future__ import annotations

from collections.abc import Sequence

_DE_UNITS = {
    "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12, "dreizehn": 13,
    "vierzehn": 14, "funfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
    "neunzehn": 19, "zwanzig": 20, "dreissig": 30, "vierzig": 40, "funfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90,
}  # fmt: skip
_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
MIN_NUMBER_WORD = 13
"""Smallest number that a number word also stands for as digits: news write the small
ones as words ("zwei Staaten"), larger ones mostly in digits ("10.000 Soldaten")."""


def german_number(folded: str) -> int | None:
    """Return the value of a German number word ("zehntausend" → 10000), else ``None``."""
    if "tausend" in folded:
        high, low = folded.split("tausend", 1)
        factor = 1 if high in ("", "ein") else _german_below_1000(high)
        rest = 0 if low == "" else _german_below_1000(low)
        return None if factor is None or rest is None else factor * 1000 + rest
    return _german_below_1000(folded)


def _german_below_1000(folded: str) -> int | None:
    """Return the value of a German number word below 1000, else ``None``."""
    if "hundert" in folded:
        high, low = folded.split("hundert", 1)
        factor = 1 if high in ("", "ein") else _DE_UNITS.get(high)
        rest = 0 if low == "" else _german_below_100(low)
        return None if factor is None or factor > 9 or rest is None else factor * 100 + rest
    return _german_below_100(folded)


def _german_below_100(folded: str) -> int | None:
    """Return the value of a German number word below 100 ("einundzwanzig"), else ``None``."""
    if folded in _DE_UNITS:
        return _DE_UNITS[folded]
    unit, _, ten = folded.partition("und")
    if _DE_UNITS.get(unit, 10) < 10 and _DE_UNITS.get(ten, 0) >= 20 and ten.endswith("zig"):
        return _DE_UNITS[unit] + _DE_UNITS[ten]
    return None


def english_number(words: Sequence[str]) -> tuple[int, int] | None:
    """Return the value and length of the English number words ``words`` begins with."""
    total = current = used = 0
    for i, word in enumerate(words):
        word = word.lower()
        if word in _EN_UNITS:
            current += _EN_UNITS[word]
        elif word in _EN_SCALES and used:
            if _EN_SCALES[word] == 100:
                current *= 100
            else:
                total, current = total + current * _EN_SCALES[word], 0
        elif not (word == "and" and used):
            break
        if word != "and":
            used = i + 1
    return (total + current, used) if used else None
