"""Follows and alerts as plain data: add, remove, list; alerts as the CLI's JSON."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.core.types import Destination, Source
from bot.follow.models import Follow, FollowAlert
from bot.store.db import Database
from bot.store.models import Article, utcnow
from bot.store.queries import info


@dataclass(frozen=True)
class FollowInfo:
    id: int
    destination: str
    person: str
    topic: str
    asked: str
    is_dm: bool
    created_by: str | None
    created_at: datetime

    def line(self) -> str:
        about = f" on {self.topic}" if self.topic else ""
        return f"#{self.id} {self.person}{about} → {self.destination}"

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "destination": self.destination, "person": self.person,
                "topic": self.topic or None, "asked": self.asked, "is_dm": self.is_dm,
                "created_by": self.created_by, "created_at": self.created_at.isoformat()}


def _info(f: Follow) -> FollowInfo:
    return FollowInfo(f.id, f.destination, f.person, f.topic or "", f.asked or "", bool(f.is_dm),
                      f.created_by, f.created_at)


def add_follow(db: Database, destination: Destination, person: str, *, topic: str = "", asked: str = "",
               user: str | None = None, is_dm: bool = False) -> tuple[FollowInfo, bool]:
    """(the follow, whether it is new): following someone twice on one topic is one follow."""
    topic = " ".join((topic or "").split())
    where = (Follow.destination == destination.key, Follow.person == person, Follow.topic == topic)
    with db.session() as s:
        known = s.scalar(select(Follow).where(*where))
        if known is not None:
            return _info(known), False
    try:
        with db.session() as s:
            row = Follow(destination=destination.key, workspace=destination.workspace, person=person,
                         asked=asked or person, topic=topic, created_by=user, is_dm=is_dm, created_at=utcnow())
            s.add(row)
            s.flush()
            return _info(row), True
    except IntegrityError:  # made at the same moment elsewhere
        with db.session() as s:
            return _info(s.scalars(select(Follow).where(*where)).one()), False


def get_follow(db: Database, follow_id: int) -> FollowInfo | None:
    with db.session() as s:
        row = s.get(Follow, follow_id)
        return _info(row) if row is not None else None


def remove_follow(db: Database, follow_id: int) -> FollowInfo | None:
    """Remove a follow (its alerts go with it); the removed follow, or None."""
    with db.session() as s:
        row = s.get(Follow, follow_id)
        if row is None:
            return None
        gone = _info(row)
        s.delete(row)
        return gone


def list_follows(db: Database, destination: str | None = None) -> list[FollowInfo]:
    with db.session() as s:
        q = select(Follow).order_by(Follow.id)
        if destination is not None:
            q = q.where(Follow.destination == destination)
        return [_info(f) for f in s.scalars(q)]


def source_json(src: Source) -> dict[str, object]:
    return {"article_id": src.article_id, "outlet": src.outlet, "title": src.title, "url": src.url,
            "published": src.published}


def sources_of(db: Database, article_ids: list[int]) -> dict[int, Source]:
    if not article_ids:
        return {}
    with db.session() as s:
        return {a.id: info(a).as_source() for a in s.scalars(select(Article).where(Article.id.in_(article_ids)))}


def alert_json(alert: FollowAlert, sources: dict[int, Source]) -> dict[str, object]:
    return {
        "id": alert.id, "destination": alert.destination, "follow_id": alert.follow_id,
        "speaker": alert.speaker, "text": alert.text, "kind": alert.kind, "cue": alert.cue,
        "sources": [source_json(sources[a]) for a in alert.article_ids or [] if a in sources],
        "created_at": alert.created_at.isoformat() if alert.created_at else None,
        "delivered_at": alert.delivered_at.isoformat() if alert.delivered_at else None,
    }


def list_alerts(db: Database, destination: str | None = None, limit: int | None = None) -> list[dict[str, object]]:
    """Recorded alerts, oldest first (``newsbrief alerts --json``)."""
    with db.session() as s:
        q = select(FollowAlert).order_by(FollowAlert.created_at, FollowAlert.id)
        if destination is not None:
            q = q.where(FollowAlert.destination == destination)
        alerts = list(s.scalars(q))
    if limit:
        alerts = alerts[-limit:]
    sources = sources_of(db, sorted({a for al in alerts for a in al.article_ids or []}))
    return [alert_json(al, sources) for al in alerts]
