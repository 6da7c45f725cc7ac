"""Shared fixtures: each test gets a fresh temporary SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

# Fixture modules of the larger suites (Bot API server, dialog test adapter, ...).
pytest_plugins: list[str] = ["tests.botapi_fixtures", "tests.dialog_fixtures",
                             "tests.reliability_fixtures", "tests.knowledge_fixtures"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Return the path of a fresh, not yet created SQLite database file."""
    return tmp_path / "bot.sqlite3"
