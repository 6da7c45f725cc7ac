"""Logging set-up for the whole bot: stderr, level from LOG_LEVEL, secrets redacted.

Call :func:`setup_logging` once from an entry point (never from library code). Every
record passes :class:`RedactingFilter` as it is created (through the log record factory,
so that no handler, whatever its order, sees the secret), which removes the bot token
(and the webhook secret) from the message, its arguments, the exception text and the
stack text. Bot API URLs contain the token: the bot's Bot API client (aiohttp, see
:mod:`bot.http`) logs no URLs, and PTB's default client, httpx with httpcore, which logs
every request URL at INFO, is held at WARNING in case anything in the process uses it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO
from urllib.parse import quote

REDACTED = "[REDACTED]"
QUIET_LOGGERS = ("httpx", "httpcore")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Replace every occurrence of the given secrets in a record with ``[REDACTED]``."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        forms: set[str] = set()
        for secret in secrets:
            if secret:
                forms.update({secret, quote(secret, safe=""), quote(secret)})
        # Longest first, so that an encoded form is not half-replaced by a shorter one.
        self._forms = sorted(forms, key=len, reverse=True)
        self._formatter = logging.Formatter()

    def redact(self, text: str) -> str:
        """Return ``text`` with every secret replaced."""
        for form in self._forms:
            text = text.replace(form, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place; never drop it."""
        if not self._forms:
            return True
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_base_factory: Callable[..., logging.LogRecord] | None = None


def _install_record_factory(redactor: RedactingFilter) -> None:
    """Make every new log record pass ``redactor`` (replacing an earlier redactor)."""
    global _base_factory
    if _base_factory is None:
        _base_factory = logging.getLogRecordFactory()
    base = _base_factory

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = base(*args, **kwargs)
        redactor.filter(record)
        return record

    logging.setLogRecordFactory(factory)


def setup_logging(
    level: str | None = "INFO", secrets: Iterable[str | None] = (), stream: TextIO | None = None
) -> logging.Handler:
    """Send all logging to ``stream`` (stderr) at ``level`` (``None``: INFO), ``secrets`` redacted.

    Replaces handlers that an earlier call installed, so it is safe to call twice.
    Returns the installed handler.
    """
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_article_bot", False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler._article_bot = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    redactor = RedactingFilter(secrets)
    handler.addFilter(redactor)
    _install_record_factory(redactor)
    root.addHandler(handler)
    root.setLevel(level or "INFO")
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
    return handler
