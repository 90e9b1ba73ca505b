"""Storage behaves the same on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError

from bot.ingest.enrich import SummaryEnricher
from bot.ingest.fetch import FetchPolicy
from bot.ingest.pipeline import Ingestor
from bot.store.db import Database, upgrade
from bot.store.models import Article, DigestRun, Quote, Subscription

TEXT = ("The council of Riverside voted on Monday to build a new library in the old station building. "
        "\u201cReading belongs at the heart of town,\u201d said councillor Maria Stone. "
        "Work is due to start next spring and will take two years.")


def test_schema_is_migrated_and_upgrade_is_idempotent(any_db: Database) -> None:
    tables = set(inspect(any_db.engine).get_table_names())
    assert {"articles", "feeds", "summaries", "quotes", "stories", "subscriptions", "digest_runs",
            "channel_settings", "persons", "alembic_version"} <= tables
    upgrade(any_db.engine)  # second run: nothing to do, no error


def test_article_round_trip_keeps_timezone_and_text(any_db: Database) -> None:
    when = datetime(2015, 11, 30, 21, 10, tzinfo=timezone(timedelta(hours=-7)))
    with any_db.session() as s:
        s.add(Article(url="https://example.com/a", source="test", outlet="Example", title="Library",
                      author="A. Writer", published_at=when, text=TEXT, content_hash="h1"))
    with any_db.session() as s:
        a = s.scalars(select(Article)).one()
        assert a.published_at == when and a.published_at.tzinfo is not None
        assert a.text == TEXT and a.outlet == "Example"


def test_duplicate_content_hash_is_rejected(any_db: Database) -> None:
    with any_db.session() as s:
        s.add(Article(source="x", text=TEXT, content_hash="same"))
    with pytest.raises(IntegrityError):
        with any_db.session() as s:
            s.add(Article(source="y", text=TEXT, content_hash="same"))
    with any_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 1


def test_deleting_an_article_deletes_its_quotes(any_db: Database) -> None:
    with any_db.session() as s:
        a = Article(source="x", text=TEXT, content_hash="q")
        s.add(a)
        s.flush()
        s.add(Quote(article_id=a.id, kind="direct", content="Reading belongs", content_start=1, content_end=5))
    with any_db.session() as s:
        s.delete(s.scalars(select(Article)).one())
    with any_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Quote)) == 0


def test_a_digest_slot_can_be_claimed_only_once(any_db: Database) -> None:
    slot = datetime(2026, 1, 1, 8, tzinfo=timezone.utc)
    with any_db.session() as s:
        sub = Subscription(destination="slack:C1", schedule="daily 08:00")
        s.add(sub)
        s.flush()
        sub_id = sub.id
        s.add(DigestRun(subscription_id=sub_id, slot=slot, claimed_by="a"))
    with pytest.raises(IntegrityError):
        with any_db.session() as s:
            s.add(DigestRun(subscription_id=sub_id, slot=slot, claimed_by="b"))


def test_ingest_pipeline_runs_on_both_databases(any_db: Database, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Riverside gets a new library\n\n" + TEXT)
    ing = Ingestor(any_db, FetchPolicy(), [SummaryEnricher("lead", 2)])
    assert len(ing.ingest([str(tmp_path)]).added) == 1
    assert ing.ingest([str(tmp_path)]).duplicates == 1
