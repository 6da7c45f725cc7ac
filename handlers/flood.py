"""Per-user flood control: a sliding one-minute window of accepted messages per user."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum

WINDOW_SECONDS = 60.0


class Verdict(Enum):
    """What to do with a user's message."""

    ACCEPT = "accept"
    NOTIFY = "notify"  # the first message over the limit: say so once
    SILENT = "silent"  # further messages over the limit: say nothing


class FloodGate:
    """Accept at most ``limit`` messages per user in any 60 seconds (``limit`` 0: no limit).

    Messages over the limit are not counted, so a user gets through again as soon as
    the oldest accepted message leaves the window; the notice is given once per episode.
    Memory stays bounded: users whose window is empty are forgotten.
    """

    def __init__(self, limit: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._clock = clock
        self._windows: dict[int, deque[float]] = {}
        self._notified: set[int] = set()
        self._next_sweep = 0.0

    def check(self, user_id: int) -> Verdict:
        """Count a message of ``user_id`` and return whether to handle it."""
        if self._limit <= 0:
            return Verdict.ACCEPT
        now = self._clock()
        self._sweep(now)
        window = self._windows.setdefault(user_id, deque())
        while window and window[0] <= now - WINDOW_SECONDS:
            window.popleft()
        if len(window) < self._limit:
            window.append(now)
            self._notified.discard(user_id)
            return Verdict.ACCEPT
        if user_id in self._notified:
            return Verdict.SILENT
        self._notified.add(user_id)
        return Verdict.NOTIFY

    def _sweep(self, now: float) -> None:
        """Forget users whose newest message left the window (at most once a minute)."""
        if now < self._next_sweep:
            return
        self._next_sweep = now + WINDOW_SECONDS
        horizon = now - WINDOW_SECONDS
        for user_id in [u for u, w in self._windows.items() if not w or w[-1] <= horizon]:
            del self._windows[user_id]
            self._notified.discard(user_id)
