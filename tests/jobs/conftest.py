"""Job tests run on real PostgreSQL: each test gets a throwaway database, dropped after it."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_URL = os.environ.get("NEWSBRIEF_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _admin_url() -> str:
    base = PG_URL.replace("+psycopg", "")
    return base.rsplit("/", 1)[0] + "/postgres"


@pytest.fixture
def jobs_pg(pg_available: bool) -> Iterator[str]:
    """The URL of a fresh, empty database (``postgresql://.../nb_jobs_<random>``)."""
    if not pg_available:
        pytest.skip("PostgreSQL not reachable on 127.0.0.1:5432")
    import psycopg

    name = f"nb_jobs_{uuid.uuid4().hex[:10]}"
    admin = _admin_url()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
