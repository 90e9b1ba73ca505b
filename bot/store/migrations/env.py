"""Alembic environment: runs against the engine handed over by ``bot.store.db``."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from bot.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` CLI use: URL from the ini/env
    engine = create_engine(config.get_main_option("sqlalchemy.url"))

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        # Processes starting at once on a fresh database (several workers) migrate one at a time.
        connection.execute(text("SELECT pg_advisory_xact_lock(7461726, 1)"))
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
