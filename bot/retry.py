"""Bot API calls that survive transient faults: retries with backoff, one log line per fault.

:class:`RetryingRequest` is the bot's request object (:class:`bot.http.AiohttpRequest`)
with a retry loop around :meth:`do_request` (the documented extension point of PTB's
request layer). Transient faults are retried until the call succeeds or ``patience``
seconds have passed:

* HTTP 429: wait ``retry_after`` seconds, as the Bot API asks;
* HTTP 500, 502, 503 and 504, connection errors and resets, timeouts (also answers slower
  than the read timeout), and a 2xx answer whose body is not JSON: wait with exponential
  backoff (0.5 s doubling up to 30 s).

Every other answer (400, 401, 403, 404, 409, ...) is returned at once and PTB raises its
usual error: retrying cannot fix it. Each fault is logged once, as one WARNING line that
names the Bot API method, never the URL (which contains the token).

Retrying a call Telegram may already have carried out (a read timeout or a reset after the
request was sent) can repeat it; see "Guarantees" in the README.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

from bot.http import AiohttpRequest

logger = logging.getLogger(__name__)

TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})
FIRST_BACKOFF = 0.5
MAX_BACKOFF = 30.0
DEFAULT_PATIENCE = 120.0
"""Seconds one call keeps retrying before it gives up (and PTB raises the last error)."""
MAX_RETRY_AFTER = 3600.0
_TOKEN_IN_TEXT = re.compile(r"[0-9]{3,}:[A-Za-z0-9_-]{10,}")


def backoff(attempt: int, first: float = FIRST_BACKOFF, cap: float = MAX_BACKOFF) -> float:
    """Return the wait before retry ``attempt`` (1, 2, ...): ``first * 2**(attempt-1)``, capped.

    Truncated exponential backoff as in RFC 6298 §5.5 ("back off the timer").
    """
    return min(cap, first * 2 ** max(0, attempt - 1))


def endpoint_of(url: str) -> str:
    """Return the Bot API method of a request URL (the last path segment), never the token."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def classify(status: int, payload: bytes) -> tuple[str | None, float | None]:
    """Return (fault description, requested wait) for an error answer; (None, None) if final.

    Only 429 and :data:`TRANSIENT_STATUSES` are faults worth retrying.
    """
    if status == 429:
        retry_after = 1.0
        with contextlib.suppress(ValueError, KeyError, TypeError):
            retry_after = float(json.loads(payload)["parameters"]["retry_after"])
        return f"429 Too Many Requests, retry after {retry_after:g} s", retry_after
    if status in TRANSIENT_STATUSES:
        return f"HTTP {status}", None
    return None, None


class RetryingRequest(AiohttpRequest):
    """An :class:`AiohttpRequest` that retries transient Bot API faults (see the module doc).

    ``before_call`` (when set) is awaited with the method name before the first attempt of
    every call; ``after_call`` with the method name and the decoded answer of every call
    that succeeded, before PTB sees the answer; ``on_give_up`` is called with the method
    name when a call runs out of patience. The durable inbox uses them to store received
    updates and to track which update is being answered.
    ``keep_retrying`` (when set) is asked before each retry; ``False`` ends the call at
    once (e.g. the last ``getUpdates`` of a bot that is stopping).
    """

    def __init__(self, *args: Any, patience: float = DEFAULT_PATIENCE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patience = patience
        self.before_call: Callable[[str], Awaitable[None]] | None = None
        self.after_call: Callable[[str, Any], Awaitable[None]] | None = None
        self.on_give_up: Callable[[str], None] | None = None
        self.keep_retrying: Callable[[], bool] | None = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make the request, retrying transient faults for up to ``patience`` seconds."""
        name = endpoint_of(url)
        if self.before_call is not None:
            await self.before_call(name)
        deadline = time.monotonic() + self.patience
        attempt = 0
        while True:
            attempt += 1
            error: NetworkError | None = None
            try:
                status, payload = await super().do_request(
                    url, method, request_data, read_timeout, write_timeout, connect_timeout,
                    pool_timeout,
                )
            except NetworkError as exc:  # also TimedOut: resets, refused connections, timeouts
                error, status, payload = exc, 0, b""
                fault, wait = _describe(exc), None
            else:
                answer, fault, wait = _decode(status, payload)
                if fault is None:
                    if self.after_call is not None and answer is not None:
                        await self.after_call(name, answer)
                    return status, payload
            delay = min(wait, MAX_RETRY_AFTER) if wait is not None else backoff(attempt)
            stopping = self.keep_retrying is not None and not self.keep_retrying()
            if stopping or time.monotonic() + delay > deadline:
                if stopping:
                    logger.warning("Bot API %s failed (%s); not retried: the bot is stopping",
                                   name, fault)
                else:
                    logger.error("Bot API %s failed (%s); giving up after %s attempts",
                                 name, fault, attempt)
                if self.on_give_up is not None:
                    self.on_give_up(name)
                if error is not None:
                    raise error
                return status, payload
            logger.warning("Bot API %s failed (%s); retry %s in %.1f s", name, fault, attempt,
                           delay)
            await asyncio.sleep(delay)


def _decode(status: int, payload: bytes) -> tuple[Any, str | None, float | None]:
    """Return (decoded JSON of a 2xx answer, fault, requested wait) for an answer."""
    if 200 <= status <= 299:
        try:
            return json.loads(payload), None, None
        except ValueError:
            return None, "malformed JSON answer", None
    return None, *classify(status, payload)


def _describe(error: NetworkError) -> str:
    """Describe a network error in one short line (its class and message, no URL)."""
    cause = error.__cause__
    kind = type(cause).__name__ if cause is not None else type(error).__name__
    message = _TOKEN_IN_TEXT.sub("[REDACTED]", str(cause or error).split("\n", 1)[0][:200])
    return f"{kind}: {message}" if message else kind
