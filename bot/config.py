"""Settings: read once from the environment and a ``.env`` file, validated, token redacted.

``load_settings()`` merges ``.env`` (python-dotenv, without touching ``os.environ``) with
the process environment, which wins. Every invalid value raises :class:`ConfigError`
with one line that names the setting; callers print that line and exit with status 2.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from dotenv import dotenv_values

from handlers.texts import LANGUAGES
from handlers.turn import MAX_PASSAGES_LIMIT, DialogSettings

DEFAULT_DATABASE_PATH = Path("data/bot.sqlite3")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
SWITCH_VALUES = {"on": True, "off": False, "true": True, "false": False, "1": True, "0": False}

_TOKEN_SHAPE = re.compile(r"^[0-9]+:[A-Za-z0-9_-]+$")
_SECRET_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_REDACTED = "***"

T = TypeVar("T")


class ConfigError(ValueError):
    """A setting is missing or invalid; ``str()`` is one line naming the setting."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The bot's validated settings; ``repr``/``str`` never show the token or webhook secret.

    ``log_level`` is ``None`` when LOG_LEVEL is unset: each entry point picks its own
    default (INFO for the Telegram bot, WARNING for the console chat).
    """

    telegram_bot_token: str | None = field(default=None, repr=False)
    database_path: Path = DEFAULT_DATABASE_PATH
    knowledge_dir: Path | None = None
    admin_ids: frozenset[int] = frozenset()
    default_language: str = "de"
    max_passages: int = 3
    flood_limit_per_minute: int = 20
    retention_days: int = 90
    log_level: str | None = None
    telegram_api_base_url: str | None = None
    rate_limiter: bool = True
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret_token: str | None = field(default=None, repr=False)

    def dialog_settings(self) -> DialogSettings:
        """Pick the dialog's settings out of the bot's."""
        return DialogSettings(
            admin_ids=self.admin_ids,
            default_language=self.default_language,
            max_passages=self.max_passages,
            flood_limit_per_minute=self.flood_limit_per_minute,
            retention_days=self.retention_days,
        )

    def __repr__(self) -> str:
        """Show every setting, with the token and the webhook secret redacted."""
        shown = {
            name: getattr(self, name)
            for name in self.__dataclass_fields__
            if name not in ("telegram_bot_token", "webhook_secret_token")
        }
        token = _REDACTED if self.telegram_bot_token else None
        secret = _REDACTED if self.webhook_secret_token else None
        inner = ", ".join(f"{name}={value!r}" for name, value in shown.items())
        return f"Settings(telegram_bot_token={token!r}, webhook_secret_token={secret!r}, {inner})"

    __str__ = __repr__


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv_path: str | os.PathLike[str] | None = ".env"
) -> Settings:
    """Read, validate and return the settings; raise :class:`ConfigError` on a bad value.

    ``environ`` defaults to ``os.environ``; ``dotenv_path`` (``None`` to skip) supplies
    values the environment does not set. Empty values count as unset.
    """
    values: dict[str, str] = {}
    if dotenv_path is not None and Path(dotenv_path).is_file():
        values.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    env = {key: value.strip() for key, value in values.items() if value and value.strip()}

    token = env.get("TELEGRAM_BOT_TOKEN")
    if token is not None and not _TOKEN_SHAPE.match(token):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is malformed: expected '<bot id>:<secret>' as issued by @BotFather"
        )
    secret = env.get("WEBHOOK_SECRET_TOKEN")
    if secret is not None and not _SECRET_TOKEN_SHAPE.match(secret):
        raise ConfigError(
            "WEBHOOK_SECRET_TOKEN must be 1-256 characters of A-Z, a-z, 0-9, '_' and '-'"
        )
    return Settings(
        telegram_bot_token=token,
        database_path=Path(env.get("DATABASE_PATH", str(DEFAULT_DATABASE_PATH))).expanduser(),
        knowledge_dir=_get(env, "KNOWLEDGE_DIR", _directory, None),
        admin_ids=_get(env, "ADMIN_IDS", _id_set, frozenset()),
        default_language=_get(env, "DEFAULT_LANGUAGE", _choice(LANGUAGES), "de"),
        max_passages=_get(env, "MAX_PASSAGES", _int_range(1, MAX_PASSAGES_LIMIT), 3),
        flood_limit_per_minute=_get(env, "FLOOD_LIMIT_PER_MINUTE", _int_range(0, 10_000), 20),
        retention_days=_get(env, "RETENTION_DAYS", _int_range(1, 36_500), 90),
        log_level=_get(env, "LOG_LEVEL", _choice(LOG_LEVELS, upper=True), None),
        telegram_api_base_url=_get(env, "TELEGRAM_API_BASE_URL", _http_url, None),
        rate_limiter=_get(env, "RATE_LIMITER", _switch, True),
        webhook_url=_get(env, "WEBHOOK_URL", _http_url, None),
        webhook_listen=env.get("WEBHOOK_LISTEN", "127.0.0.1"),
        webhook_port=_get(env, "WEBHOOK_PORT", _int_range(1, 65_535), 8443),
        webhook_secret_token=secret,
    )


def _get(env: Mapping[str, str], name: str, parse: Callable[[str], T], default: T) -> T:
    """Parse ``env[name]`` or return ``default``; re-raise problems naming the setting."""
    raw = env.get(name)
    if raw is None:
        return default
    try:
        return parse(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}: {exc}") from None


def _choice(choices: tuple[str, ...], *, upper: bool = False) -> Callable[[str], str]:
    """Return a parser accepting one of ``choices`` (case-insensitive)."""

    def parse(raw: str) -> str:
        value = raw.upper() if upper else raw.lower()
        if value not in choices:
            raise ValueError(f"{raw!r} is not valid; choose one of: {', '.join(choices)}")
        return value

    return parse


def _int_range(low: int, high: int) -> Callable[[str], int]:
    """Return a parser accepting a whole number from ``low`` to ``high``."""

    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a whole number ({low}-{high})") from None
        if not low <= value <= high:
            raise ValueError(f"{value} is out of range ({low}-{high})")
        return value

    return parse


def _switch(raw: str) -> bool:
    """Parse ``on``/``off`` (also true/false, 1/0)."""
    try:
        return SWITCH_VALUES[raw.lower()]
    except KeyError:
        raise ValueError(f"{raw!r} is not valid; choose one of: on, off") from None


def _id_set(raw: str) -> frozenset[int]:
    """Parse a comma- or space-separated list of Telegram user ids."""
    ids = set()
    for part in re.split(r"[\s,;]+", raw):
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ValueError(f"{part!r} is not a numeric Telegram user id") from None
    return frozenset(ids)


def _http_url(raw: str) -> str:
    """Accept an absolute http(s) URL."""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{raw!r} is not an http:// or https:// URL")
    return raw


def _directory(raw: str) -> Path:
    """Accept an existing directory."""
    path = Path(raw).expanduser()
    if not path.is_dir():
        raise ValueError(f"{raw!r} is not a directory")
    return path
