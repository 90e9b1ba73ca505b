"""Engine, sessions and schema migrations (Alembic) for SQLite and PostgreSQL."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
log = logging.getLogger(__name__)
# Alembic's own lines ("Context impl SQLiteImpl.", "Running upgrade ...") go to the "alembic" logger,
# which bot.logsetup silences unless --verbose; this child of it says "current" in verbose runs only.
_verbose_log = logging.getLogger("alembic.newsbrief")


def _normalise(url: str) -> str:
    """Accept the usual spellings of a PostgreSQL URL and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = _normalise(url)
    parsed = make_url(url)
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

    return engine


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def current_revisions(engine: Engine) -> tuple[str, ...]:
    """The revisions the database is at (empty for a fresh database)."""
    with engine.connect() as conn:
        return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))


def upgrade(engine: Engine) -> bool:
    """Bring the schema to the newest migration (idempotent); True when something was migrated.

    A database that is already current is left alone without a word (Alembic is not even started);
    a migration says one line: from which revision to which.
    """
    cfg = alembic_config(engine)
    heads = tuple(sorted(ScriptDirectory.from_config(cfg).get_heads()))
    before = current_revisions(engine)
    if before == heads:
        _verbose_log.info("database schema is current (%s)", ", ".join(heads))
        return False
    command.upgrade(cfg, "head")  # takes the migration lock (PostgreSQL) and re-reads the revision under it
    after = current_revisions(engine)
    if after != before:
        log.info("database schema migrated from %s to %s", ", ".join(before) or "empty", ", ".join(after))
    return after != before


class Database:
    """Owns the engine and hands out transactional sessions."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = _normalise(url)
        self.engine = make_engine(self.url)
        if migrate:
            upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any error."""
        with self._sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
