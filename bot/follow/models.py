"""Tables for follows and their alerts (migration 0005). Same declarative base as ``bot.store.models``."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base, utcnow


class Follow(Base):
    """A destination (a channel, or a user's DM) following a person, optionally on a topic."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("destination", "person", "topic"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    destination: Mapped[str] = mapped_column(String(200), index=True)
    workspace: Mapped[str | None] = mapped_column(String(200))
    person: Mapped[str] = mapped_column(String(300))  # the display name the phrase resolved to
    asked: Mapped[str] = mapped_column(String(300), default="")  # the phrase as typed
    topic: Mapped[str] = mapped_column(String(300), default="")  # "" = everything they say
    created_by: Mapped[str | None] = mapped_column(String(200))
    is_dm: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowAlert(Base):
    """A new statement by a followed person, recorded before delivery; delivered once.

    ``status``: pending -> claimed -> delivered, or failed (retried), or skipped (older than
    the grace period when the bot came back)."""

    __tablename__ = "follow_alerts"
    __table_args__ = (Index("ix_follow_alerts_status", "status", "destination"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    follow_id: Mapped[int] = mapped_column(ForeignKey("follows.id", ondelete="CASCADE"), index=True)
    destination: Mapped[str] = mapped_column(String(200))
    speaker: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    cue: Mapped[str] = mapped_column(String(200), default="")
    quote_ids: Mapped[list[Any]] = mapped_column(default=list)  # every report of the statement
    article_ids: Mapped[list[Any]] = mapped_column(default=list)  # its sources, first report first
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    delivered_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)


class AlertScan(Base):
    """An article whose statements were matched against the follows (once, by one process)."""

    __tablename__ = "alert_scans"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    scanned_at: Mapped[datetime] = mapped_column(default=utcnow)
