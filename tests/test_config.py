"""Settings from the environment and .env; one clear line per invalid value; no token shown."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.logs import REDACTED, RedactingFilter, setup_logging

TOKEN = "123456:AAHsecretTOKENvalue_-x"


def test_defaults() -> None:
    settings = load_settings({}, dotenv_path=None)
    assert settings == Settings()
    assert settings.database_path == Path("data/bot.sqlite3")
    assert (settings.default_language, settings.max_passages) == ("de", 3)
    assert (settings.flood_limit_per_minute, settings.rate_limiter) == (20, True)
    assert settings.telegram_bot_token is None and settings.log_level is None


def test_every_setting_is_read(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "DATABASE_PATH": str(tmp_path / "x.sqlite3"),
            "KNOWLEDGE_DIR": str(tmp_path),
            "ADMIN_IDS": "1, 2 3",
            "DEFAULT_LANGUAGE": "EN",
            "MAX_PASSAGES": "5",
            "FLOOD_LIMIT_PER_MINUTE": "0",
            "RETENTION_DAYS": "30",
            "LOG_LEVEL": "debug",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "RATE_LIMITER": "off",
            "WEBHOOK_URL": "https://bot.example.org/hook",
            "WEBHOOK_LISTEN": "0.0.0.0",
            "WEBHOOK_PORT": "8080",
            "WEBHOOK_SECRET_TOKEN": "s3cret_-",
        },
        dotenv_path=None,
    )
    assert settings.telegram_bot_token == TOKEN
    assert settings.database_path == tmp_path / "x.sqlite3"
    assert settings.knowledge_dir == tmp_path
    assert settings.admin_ids == frozenset({1, 2, 3})
    assert (settings.default_language, settings.max_passages) == ("en", 5)
    assert (settings.flood_limit_per_minute, settings.retention_days) == (0, 30)
    assert settings.log_level == "DEBUG" and settings.rate_limiter is False
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081/bot"
    assert (settings.webhook_url, settings.webhook_listen, settings.webhook_port) == (
        "https://bot.example.org/hook",
        "0.0.0.0",
        8080,
    )
    assert settings.webhook_secret_token == "s3cret_-"


def test_dotenv_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("MAX_PASSAGES=4\nDEFAULT_LANGUAGE=en\nADMIN_IDS=\n", encoding="utf-8")
    settings = load_settings({"DEFAULT_LANGUAGE": "de"}, dotenv_path=dotenv)
    assert (settings.max_passages, settings.default_language) == (4, "de")
    assert settings.admin_ids == frozenset()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEFAULT_LANGUAGE", "fr", "DEFAULT_LANGUAGE: 'fr' is not valid; choose one of: de, en"),
        ("MAX_PASSAGES", "0", "MAX_PASSAGES: 0 is out of range (1-10)"),
        ("MAX_PASSAGES", "drei", "MAX_PASSAGES: 'drei' is not a whole number (1-10)"),
        ("FLOOD_LIMIT_PER_MINUTE", "-1", "FLOOD_LIMIT_PER_MINUTE: -1 is out of range"),
        ("ADMIN_IDS", "1,bob", "ADMIN_IDS: 'bob' is not a numeric Telegram user id"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL: 'loud' is not valid; choose one of: DEBUG, INFO"),
        ("RATE_LIMITER", "maybe", "RATE_LIMITER: 'maybe' is not valid; choose one of: on, off"),
        ("TELEGRAM_API_BASE_URL", "ftp://x", "TELEGRAM_API_BASE_URL: 'ftp://x' is not an http"),
        ("WEBHOOK_URL", "example.org", "WEBHOOK_URL: 'example.org' is not an http"),
        ("WEBHOOK_PORT", "70000", "WEBHOOK_PORT: 70000 is out of range (1-65535)"),
        ("KNOWLEDGE_DIR", "/no/such/dir", "KNOWLEDGE_DIR: '/no/such/dir' is not a directory"),
        ("WEBHOOK_SECRET_TOKEN", "has space", "WEBHOOK_SECRET_TOKEN must be 1-256 characters"),
        ("TELEGRAM_BOT_TOKEN", "not a token", "TELEGRAM_BOT_TOKEN is malformed"),
    ],
)
def test_invalid_values_name_the_setting(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({name: value}, dotenv_path=None)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_malformed_token_is_not_echoed() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"TELEGRAM_BOT_TOKEN": "123:has spaces QQZZ"}, dotenv_path=None)
    assert "QQZZ" not in str(caught.value)


def test_repr_and_str_redact_the_secrets() -> None:
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_SECRET_TOKEN": "hooksecret"}, dotenv_path=None
    )
    for text in (repr(settings), str(settings), f"{settings}", f"{settings!r}"):
        assert TOKEN not in text and "hooksecret" not in text
        assert "telegram_bot_token='***'" in text and "max_passages=3" in text


def _run_cli(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``article-bot`` in ``tmp_path`` (no .env there) with ``env`` added."""
    clean = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "LOG_LEVEL")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env={**clean, "DATABASE_PATH": str(tmp_path / "db.sqlite3"), **env},
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_console_prints_one_line_and_exits_2_on_a_bad_setting(tmp_path: Path) -> None:
    done = _run_cli(["console"], tmp_path, DEFAULT_LANGUAGE="fr")
    assert done.returncode == 2
    assert done.stderr == (
        "article-bot: DEFAULT_LANGUAGE: 'fr' is not valid; choose one of: de, en\n"
    )
    assert done.stdout == ""


def test_dotenv_in_the_working_directory_is_used(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("MAX_PASSAGES=eleven\n", encoding="utf-8")
    done = _run_cli(["console"], tmp_path)
    assert done.returncode == 2 and "MAX_PASSAGES" in done.stderr


def test_redacting_filter_covers_message_args_exceptions_and_url_encoding() -> None:
    stream = io.StringIO()
    root, factory = logging.getLogger(), logging.getLogRecordFactory()
    level = root.level
    handler = setup_logging("DEBUG", secrets=(TOKEN, None), stream=stream)
    log = logging.getLogger("tests.redaction")
    try:
        log.info("plain %s", TOKEN)
        log.warning("url https://api.telegram.org/bot%s/getMe", TOKEN.replace(":", "%3A"))
        try:
            raise RuntimeError(f"failed for {TOKEN}")
        except RuntimeError:
            log.exception("boom %r", {"token": TOKEN})
        log.info("stack", stack_info=True, extra={"x": TOKEN})
        log.info("%s %s", "too few args")  # a broken record must still be redacted
        assert logging.getLogger("httpx").level == logging.WARNING
        assert logging.getLogger("httpcore").level == logging.WARNING
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        logging.setLogRecordFactory(factory)
    output = stream.getvalue()
    assert TOKEN not in output and TOKEN.replace(":", "%3A") not in output
    assert output.count(REDACTED) >= 4 and "RuntimeError: failed for [REDACTED]" in output


def test_filter_without_secrets_changes_nothing() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "a %s", ("b",), None)
    assert RedactingFilter([None, ""]).filter(record)
    assert (record.msg, record.args) == ("a %s", ("b",))


def test_env_example_lists_every_setting_with_its_default() -> None:
    example = Path(__file__).resolve().parent.parent / ".env.example"
    assert load_settings({}, dotenv_path=example) == Settings()
    names = {
        line.split("=", 1)[0]
        for line in example.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert names == {name.upper() for name in Settings.__dataclass_fields__}
