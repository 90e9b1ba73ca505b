"""Migrations are quiet: a database that is already current gets no Alembic chatter; a migration says one line."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.store.db import Database, current_revisions, upgrade

CHATTER = ("Context impl", "Will assume", "Running upgrade", "alembic")


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    root = Path(__file__).resolve().parents[2]
    return {"NEWSBRIEF_DATABASE_URL": f"sqlite:///{tmp_path / 'q.db'}",
            "NEWSBRIEF_CONFIG": str(root / "config" / "newsbrief.yaml"), "NEWSBRIEF_LOG_LEVEL": "INFO"}


def test_no_command_prints_migration_chatter_on_a_current_database(cli_env: dict[str, str]) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["feeds", "list"], env=cli_env)
    assert first.exit_code == 0, first.output
    assert "database schema migrated from empty to" in first.stderr  # something changed: one line
    assert not any(word in first.stderr for word in CHATTER[:3])
    for args in (["feeds", "list"], ["articles"], ["ingest", "--json", str(Path(__file__).parent)]):
        again = runner.invoke(app, args, env=cli_env)
        assert "migrated" not in again.stderr
        assert not any(word in again.stderr for word in CHATTER), again.stderr


def test_verbose_shows_alembic(cli_env: dict[str, str], tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(app, ["feeds", "list"], env=cli_env)
    empty = tmp_path / "empty"
    empty.mkdir()
    out = runner.invoke(app, ["ingest", "--verbose", str(empty)], env=cli_env)
    assert "database schema is current" in out.stderr


def test_upgrade_on_a_current_database_does_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = Database(f"sqlite:///{tmp_path / 'u.db'}")
    at = current_revisions(db.engine)
    assert at
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        assert upgrade(db.engine) is False
    assert current_revisions(db.engine) == at
    assert not [r for r in caplog.records if "upgrade" in r.getMessage()]  # Alembic's upgrade never started
    assert "database schema is current" in caplog.text
    db.dispose()
