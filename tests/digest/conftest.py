"""Digest fixtures: each database test runs on SQLite and PostgreSQL (``any_db`` in tests/conftest.py)."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bot.store.db import Database


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


@pytest.fixture
def reopen(db: Database) -> Iterator[Callable[[], Database]]:
    """Open another connection pool on the same database: a second bot process."""
    opened: list[Database] = []

    def open_again() -> Database:
        other = Database(db.url, migrate=False)
        opened.append(other)
        return other

    yield open_again
    for other in opened:
        other.dispose()
