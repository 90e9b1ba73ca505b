"""The procrastinate app over newsbrief's PostgreSQL database, and its schema."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

#: (namespace, key) of the advisory lock under which the job schema is created.
SCHEMA_LOCK = (7461726, 3)


class JobsUnavailable(RuntimeError):
    """Jobs need PostgreSQL (and the ``postgres`` extra, which brings procrastinate)."""


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme.split("+")[0] in ("postgresql", "postgres")


def conninfo(url: str) -> str:
    """A libpq URL from newsbrief's database URL (``postgresql+psycopg://`` -> ``postgresql://``)."""
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest if scheme.split("+")[0] in ("postgresql", "postgres") else url


def job_app(database_url: str):  # noqa: ANN201 - a procrastinate.App
    """The procrastinate app with newsbrief's tasks, not yet opened."""
    if not is_postgres(database_url):
        raise JobsUnavailable(
            "jobs need PostgreSQL: set NEWSBRIEF_DATABASE_URL=postgresql://... "
            "(with SQLite, `newsbrief ingest` works in-process)")
    try:
        import procrastinate
    except ImportError:  # pragma: no cover - the postgres extra is missing
        raise JobsUnavailable("jobs need procrastinate: pip install 'newsbrief[postgres]'") from None
    from bot.jobs.tasks import NAMESPACE, build_blueprint

    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=conninfo(database_url), min_size=1, max_size=4))
    app.add_tasks_from(build_blueprint(), namespace=NAMESPACE)
    return app


def ensure_schema(database_url: str) -> bool:
    """Create procrastinate's tables once (several processes may start at once); True if created."""
    import psycopg

    from procrastinate.schema import SchemaManager

    with psycopg.connect(conninfo(database_url), autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s, %s)", SCHEMA_LOCK)
        try:
            exists = conn.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL").fetchone()[0]
            if exists:
                return False
            conn.execute(SchemaManager.get_schema())  # type: ignore[arg-type]
            log.info("created the job tables")
            return True
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s, %s)", SCHEMA_LOCK)
