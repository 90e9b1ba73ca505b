"""Shared fixtures: real databases (SQLite file; PostgreSQL on 127.0.0.1 in its own schema)."""
from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store.db import Database

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "articles"
# Tests send chat commands back to back as one user; the per-user cooldown has its own tests
# (tests/core/test_core_cooldown.py and the Discord and Slack adapters' cooldown tests).
os.environ.setdefault("NEWSBRIEF_LIMITS__COOLDOWN_SECONDS", "0")
PG_URL = os.environ.get("NEWSBRIEF_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Commands run in-process (typer's CliRunner) configure logging onto a stream that closes after them."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    named = {name: logging.getLogger(name).level for name in ("alembic", "httpx", "httpcore", "aiohttp.access", "trafilatura")}
    yield
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
    for h in handlers:
        if h not in root.handlers:
            root.addHandler(h)
    root.setLevel(level)
    for name, lvl in named.items():
        logging.getLogger(name).setLevel(lvl)


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("+psycopg", ""), connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_available() -> bool:
    ok = _pg_available()
    if not ok and os.environ.get("CI"):
        pytest.fail("PostgreSQL is not reachable at 127.0.0.1:5432 on CI")
    return ok


def _pg_database(schema: str) -> Database:
    import psycopg

    with psycopg.connect(PG_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return Database(f"{PG_URL}?options=-csearch_path%3D{schema}")


def _drop_pg(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path, pg_available: bool) -> Iterator[Database]:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'test.db'}")
        yield db
        db.dispose()
        return
    if not pg_available:
        pytest.skip("PostgreSQL not reachable on 127.0.0.1:5432")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    db = _pg_database(schema)
    try:
        yield db
    finally:
        db.dispose()
        _drop_pg(schema)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'test.db'}")
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def sample_app(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """A real application over SQLite with the bundled sample corpus ingested."""
    from bot.app import build_app
    from bot.settings import load_settings

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    settings = load_settings(ROOT / "config" / "newsbrief.yaml", database_url=f"sqlite:///{path}")
    app = build_app(settings)
    report = app.ingestor.ingest([str(SAMPLES)])
    assert len(report.added) == 5, report
    return app


@pytest.fixture(scope="session")
def sample_core(sample_app):  # noqa: ANN001, ANN201
    """The platform-neutral command core over the sample corpus (for adapter end-to-end tests)."""
    return sample_app.core
