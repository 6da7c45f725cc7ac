"""The data carried by the reply's buttons: small, versionless, validated on the way back.

``more:<question id>`` asks for the next passages, ``vote:<question id>:up|down`` rates an
answer. Anything else (or an id that is too long) is rejected by :func:`parse`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DATA_BYTES = 64
_PATTERN = re.compile(r"(more):([0-9]{1,18})|(vote):([0-9]{1,18}):(up|down)")


@dataclass(frozen=True, slots=True)
class MorePress:
    """The "more" button of an answer."""

    question_id: int


@dataclass(frozen=True, slots=True)
class VotePress:
    """A 👍 (+1) or 👎 (-1) button of an answer."""

    question_id: int
    vote: int


def more_data(question_id: int) -> str:
    """Return the data of the "more" button for a question."""
    return f"more:{question_id}"


def vote_data(question_id: int, up: bool) -> str:
    """Return the data of the 👍 (``up``) or 👎 button for a question."""
    return f"vote:{question_id}:{'up' if up else 'down'}"


def parse(data: str) -> MorePress | VotePress | None:
    """Return what a button's data asks for, or ``None`` if it is malformed."""
    if len(data.encode("utf-8", "surrogatepass")) > MAX_DATA_BYTES:
        return None
    match = _PATTERN.fullmatch(data)
    if match is None:
        return None
    if match.group(1):
        return MorePress(int(match.group(2)))
    return VotePress(int(match.group(4)), 1 if match.group(5) == "up" else -1)
