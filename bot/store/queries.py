"""Read-side queries that return plain dataclasses, never ORM rows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.types import Source
from bot.store.models import Article


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    outlet: str | None
    title: str | None
    author: str | None
    published: datetime | None
    url: str | None
    source: str
    ingested_at: datetime
    story_id: int | None

    def as_source(self) -> Source:
        return Source(
            self.id, self.outlet, self.title, self.url,
            self.published.isoformat() if self.published else None,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "source": self.source,
            "story_id": self.story_id,
        }


def info(a: Article) -> ArticleInfo:
    return ArticleInfo(
        a.id, a.outlet, a.title, a.author, a.published_at, a.url, a.source, a.ingested_at, a.story_id
    )


def list_articles(s: Session, *, limit: int | None = None) -> list[ArticleInfo]:
    q = select(Article).order_by(Article.id)
    if limit:
        q = q.limit(limit)
    return [info(a) for a in s.scalars(q)]
