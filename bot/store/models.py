"""SQLAlchemy 2 tables. One schema for SQLite and PostgreSQL (migrations in ``migrations/``)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class Feed(Base):
    __tablename__ = "feeds"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    added_by: Mapped[str | None] = mapped_column(String(200))  # destination key to notify
    interval_minutes: Mapped[int] = mapped_column(Integer, default=30)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    next_check_at: Mapped[datetime | None]
    last_checked_at: Mapped[datetime | None]
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Story(Base):
    __tablename__ = "stories"
    id: Mapped[int] = mapped_column(primary_key=True)
    headline: Mapped[str] = mapped_column(Text, default="")
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    source: Mapped[str] = mapped_column(String(2048))  # file path, URL or feed URL
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("feeds.id", ondelete="SET NULL"))
    outlet: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[datetime | None]
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    #: Order of story assignments made under the shared lock (bot.jobs.stories); None in-process.
    story_seq: Mapped[int | None] = mapped_column(BigInteger, unique=True, index=True)


class HostBackoff(Base):
    """A host that answered 429/503: no worker fetches from it before ``not_before``."""

    __tablename__ = "host_backoff"
    host: Mapped[str] = mapped_column(String(300), primary_key=True)
    not_before: Mapped[datetime]
    failures: Mapped[int] = mapped_column(Integer, default=0)


class Summary(Base):
    __tablename__ = "summaries"
    __table_args__ = (UniqueConstraint("article_id", "method", "sentences"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(50))
    sentences: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    spans: Mapped[list[Any]] = mapped_column(default=list)  # [[start, end], ...]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Quote(Base):
    """One attribution: who said what, where in the article."""

    __tablename__ = "quotes"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # direct | reported
    content: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    cue: Mapped[str] = mapped_column(String(200), default="")
    cue_start: Mapped[int] = mapped_column(Integer, default=0)
    speaker_mention: Mapped[str] = mapped_column(String(300), default="")
    speaker: Mapped[str | None] = mapped_column(String(300), index=True)
    speaker_key: Mapped[str | None] = mapped_column(String(300), index=True)
    context: Mapped[str] = mapped_column(Text, default="")  # framing sentence(s)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)


class Person(Base):
    """A person named in an article, with the roles/aliases the article ties to them."""

    __tablename__ = "persons"
    __table_args__ = (UniqueConstraint("article_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)
    aliases: Mapped[list[Any]] = mapped_column(default=list)


class ChannelSetting(Base):
    __tablename__ = "channel_settings"
    destination: Mapped[str] = mapped_column(String(200), primary_key=True)
    method: Mapped[str | None] = mapped_column(String(50))
    sentences: Mapped[int | None] = mapped_column(Integer)


class Subscription(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("destination"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    destination: Mapped[str] = mapped_column(String(200))
    workspace: Mapped[str | None] = mapped_column(String(200))
    schedule: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    topics: Mapped[list[Any]] = mapped_column(default=list)
    method: Mapped[str | None] = mapped_column(String(50))
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_reason: Mapped[str | None] = mapped_column(Text)


class DigestRun(Base):
    """A claimed (subscription, slot): the unique constraint makes each slot post at most once."""

    __tablename__ = "digest_runs"
    __table_args__ = (
        UniqueConstraint("subscription_id", "slot"),
        Index("ix_digest_runs_sub_status", "subscription_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE")
    )
    slot: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="claimed")  # claimed|posted|empty|failed|skipped
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    error: Mapped[str | None] = mapped_column(Text)
    story_ids: Mapped[list[Any]] = mapped_column(default=list)


class RelatedModel(Base):
    """A word-similarity model learned from the stored articles (``bot.quotes.related``).

    Rebuilt on the ingest side when the store has grown; questions load the newest row.
    """

    __tablename__ = "related_models"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    article_count: Mapped[int] = mapped_column(Integer)  # articles in the store when built
    articles_used: Mapped[int] = mapped_column(Integer, default=0)
    vocab_size: Mapped[int] = mapped_column(Integer, default=0)
    dim: Mapped[int] = mapped_column(Integer, default=0)
    build_ms: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[bytes] = mapped_column(LargeBinary)
