"""Follow fixtures: a real application (ingest, core, alerts) on SQLite and on PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.settings import load_settings
from bot.store.db import Database

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def follow_app(any_db: Database) -> Iterator[App]:
    settings = load_settings(ROOT / "config" / "newsbrief.yaml", database_url=any_db.url)
    yield build_app(settings, db=any_db)


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[App]:
    url = f"sqlite:///{tmp_path / 'follow.db'}"
    settings = load_settings(ROOT / "config" / "newsbrief.yaml", database_url=url)
    app = build_app(settings)
    yield app
    app.db.dispose()
