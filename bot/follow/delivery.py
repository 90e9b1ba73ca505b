"""Alerts -> one message per destination, each alert delivered once.

Alerts are recorded before delivery (``matcher``), so nothing is lost while the bot is
offline. Delivery claims an alert the way digest slots are claimed (``bot.digest.scheduler``):
a compare-and-set UPDATE from the state it was read in, so that of several processes on one
database exactly one wins it; a claim whose post failed is retried with backoff, a claim
whose process died (``claimed`` longer than ``stale``) is taken over. At start-up, alerts
recorded while the bot was down are delivered oldest first if within the grace period
(as missed digests are); older ones are marked ``skipped``. All pending alerts of one
destination (a burst) go out as one message.
"""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update

from bot.core.errors import DestinationGone
from bot.core.types import Destination, Platform, Reply, Section
from bot.core.wording import counted
from bot.follow.models import Follow, FollowAlert
from bot.follow.store import sources_of
from bot.store.db import Database
from bot.store.models import utcnow

log = logging.getLogger(__name__)

#: Statements shown in one alert message (the rest are counted; one chat message holds ten embeds).
MAX_SHOWN = 8


@dataclass(frozen=True)
class _Claimed:
    id: int
    attempts: int


def _date(published: str | None) -> str:
    return published[:10] if published else ""


def alert_reply(alerts: list[FollowAlert], db: Database, topics: Mapping[int, str] | None = None) -> Reply:
    """One message for a destination's new alerts: each statement, its speaker, cue and sources."""
    topics = topics or {}
    sources = sources_of(db, sorted({a for al in alerts for a in al.article_ids or []}))
    people = list(dict.fromkeys(al.speaker for al in alerts))
    about = list(dict.fromkeys(topics.get(al.follow_id, "") for al in alerts))
    on = f" on {about[0]}" if len(about) == 1 and about[0] else ""
    n = len(alerts)
    title = (f"New from {people[0]}{on}" if len(people) == 1 else f"New from {', '.join(people[:3])}"
             + (f" and {len(people) - 3} more" if len(people) > 3 else ""))
    sections = []
    seen: set[tuple[str, str]] = set()
    for al in alerts:
        if (al.speaker, al.text) in seen:  # two follows of one person here: shown once
            continue
        seen.add((al.speaker, al.text))
        srcs = tuple(sources[a] for a in al.article_ids or [] if a in sources)
        first = srcs[0] if srcs else None
        where = " · ".join(p for p in ((first.outlet or first.title or "") if first else "",
                                       _date(first.published) if first else "") if p)
        more = f" · {len(srcs)} sources" if len(srcs) > 1 else ""
        sections.append(Section(quote=al.text, quote_speaker=al.speaker,
                                body=" · ".join(p for p in (al.cue, where) if p) + more, sources=srcs))
    shown = sections[:MAX_SHOWN]
    footer = f"{len(sections) - len(shown)} more: newsbrief alerts" if len(sections) > len(shown) else None
    return Reply(text=f"{counted(n, 'new statement')}.", title=title, sections=tuple(shown),
                 footer=footer, data={"alert_ids": [al.id for al in alerts]})


class AlertDelivery:
    def __init__(
        self,
        db: Database,
        adapters: Mapping[Platform, object],
        *,
        grace: timedelta = timedelta(minutes=60),
        clock: Callable[[], datetime] = utcnow,
        instance_id: str | None = None,
        stale: timedelta = timedelta(minutes=15),
        max_attempts: int = 5,
    ) -> None:
        self.db = db
        self.adapters = dict(adapters)
        self.grace = grace
        self.clock = clock
        self.instance_id = instance_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.stale = stale
        self.max_attempts = max_attempts
        self._lock = asyncio.Lock()

    # ------------------------------------------------------------ rounds
    async def catch_up(self) -> dict[str, list[int]]:
        """At start-up: skip what is older than the grace period, deliver the rest oldest first."""
        skipped = await asyncio.to_thread(self._skip_old, self.clock())
        if skipped:
            log.warning("alerts: %d recorded while the bot was down are older than the %s grace period: "
                        "not delivered", skipped, self.grace)
        return await self.deliver_due()

    async def deliver_due(self) -> dict[str, list[int]]:
        """Every destination with alerts due, the one waiting longest first; destination -> delivered ids."""
        async with self._lock:
            out: dict[str, list[int]] = {}
            for destination in await asyncio.to_thread(self._due_destinations, self.clock()):
                got = await self.deliver(destination)
                if got:
                    out[destination] = got
            return out

    async def deliver(self, destination: str) -> list[int]:
        """Claim this destination's due alerts and post them as one message; the ids delivered."""
        claimed = await asyncio.to_thread(self._claim, destination, self.clock())
        if not claimed:
            return []
        try:
            reply = await asyncio.to_thread(self._reply, [c.id for c in claimed])
        except Exception as exc:  # noqa: BLE001
            log.exception("alerts for %s: building the message failed", destination)
            await asyncio.to_thread(self._finish, claimed, "failed", f"build failed: {exc}")
            return []
        dest = Destination.from_key(destination)
        adapter = self.adapters.get(dest.platform)
        if adapter is None:
            await asyncio.to_thread(self._finish, claimed, "failed", f"no {dest.platform.value} connection")
            return []
        try:
            await adapter.send(dest, reply)  # type: ignore[attr-defined]
        except DestinationGone as exc:
            log.warning("alerts for %s: cannot post: %s", destination, exc)
            await asyncio.to_thread(self._finish, claimed, "failed", f"destination gone: {exc}", final=True)
            return []
        except Exception as exc:  # noqa: BLE001
            log.exception("alerts for %s: posting failed", destination)
            await asyncio.to_thread(self._finish, claimed, "failed", f"post failed: {type(exc).__name__}: {exc}")
            return []
        await asyncio.to_thread(self._finish, claimed, "delivered")
        log.info("alerts for %s: delivered %d", destination, len(claimed))
        return [c.id for c in claimed]

    # ------------------------------------------------------------ database
    def _due(self, now: datetime):  # noqa: ANN202 - a SQL condition
        """Pending; or failed, a while ago, fewer than ``max_attempts`` times; or claimed by a
        process that died. All within the grace period."""
        return and_(
            FollowAlert.created_at >= now - self.grace,
            or_(FollowAlert.status == "pending",
                and_(FollowAlert.status == "failed", FollowAlert.attempts < self.max_attempts),
                and_(FollowAlert.status == "claimed", FollowAlert.claimed_at < now - self.stale)),
        )

    def _ready(self, status: str, attempts: int, claimed_at: datetime | None, now: datetime) -> bool:
        if status != "failed" or claimed_at is None:
            return True
        return claimed_at <= now - timedelta(minutes=2 ** max(0, attempts - 1))

    def _due_destinations(self, now: datetime) -> list[str]:
        with self.db.session() as s:
            rows = s.execute(select(FollowAlert.destination, FollowAlert.status, FollowAlert.attempts,
                                    FollowAlert.claimed_at, FollowAlert.created_at)
                             .where(self._due(now)).order_by(FollowAlert.created_at, FollowAlert.id)).all()
        return list(dict.fromkeys(r.destination for r in rows if self._ready(r.status, r.attempts, r.claimed_at, now)))

    def _skip_old(self, now: datetime) -> int:
        with self.db.session() as s:
            return s.execute(update(FollowAlert)
                             .where(FollowAlert.status.in_(["pending", "failed", "claimed"]),
                                    FollowAlert.created_at < now - self.grace)
                             .values(status="skipped", error="recorded while the bot was down; "
                                                             "older than the grace period")).rowcount

    def _claim(self, destination: str, now: datetime) -> list[_Claimed]:
        """Each due alert of ``destination`` that this process wins (compare-and-set)."""
        with self.db.session() as s:
            rows = s.execute(select(FollowAlert.id, FollowAlert.status, FollowAlert.attempts, FollowAlert.claimed_at)
                             .where(FollowAlert.destination == destination, self._due(now))
                             .order_by(FollowAlert.created_at, FollowAlert.id)).all()
        won: list[_Claimed] = []
        with self.db.session() as s:
            for r in rows:
                if not self._ready(r.status, r.attempts, r.claimed_at, now):
                    continue
                done = s.execute(update(FollowAlert)
                                 .where(FollowAlert.id == r.id, FollowAlert.status == r.status,
                                        FollowAlert.attempts == r.attempts)
                                 .values(status="claimed", claimed_by=self.instance_id, claimed_at=now,
                                         attempts=r.attempts + 1, error=None)).rowcount
                if done == 1:
                    won.append(_Claimed(r.id, r.attempts + 1))
        return won

    def _reply(self, ids: list[int]) -> Reply:
        with self.db.session() as s:
            alerts = list(s.scalars(select(FollowAlert).where(FollowAlert.id.in_(ids))
                                    .order_by(FollowAlert.created_at, FollowAlert.id)))
            topics = dict(s.execute(select(Follow.id, Follow.topic)
                                    .where(Follow.id.in_({a.follow_id for a in alerts}))).all())
        return alert_reply(alerts, self.db, topics)

    def _finish(self, claimed: list[_Claimed], status: str, error: str | None = None, final: bool = False) -> None:
        now = self.clock()
        with self.db.session() as s:
            for c in claimed:
                values: dict[str, object] = {"status": status, "error": error[:2000] if error else None}
                if status == "delivered":
                    values["delivered_at"] = now
                if final:
                    values["attempts"] = self.max_attempts
                n = s.execute(update(FollowAlert)
                              .where(FollowAlert.id == c.id, FollowAlert.claimed_by == self.instance_id,
                                     FollowAlert.attempts == c.attempts).values(**values)).rowcount
                if n != 1:
                    log.warning("alert %s was taken over before it was finished", c.id)

    def pending_count(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(FollowAlert)
                            .where(FollowAlert.status.in_(["pending", "failed", "claimed"]))) or 0
