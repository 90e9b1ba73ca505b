"""Feed polling for the scheduler: due feeds by ``next_check_at``, per-feed interval with
jitter, exponential backoff on failure, disabled after repeated failures (with a notice).

Each due feed is claimed with a conditional UPDATE (a lease on ``next_check_at``),
so two bot processes sharing a database never poll the same feed at once. The
lease outlasts the worst case of one poll (see ``feed_lease``). The fetch itself is
blocking and runs in a thread. Each round first lets the ingestor repair what an
earlier failure left (e.g. articles without a story).
"""
from __future__ import annotations

import asyncio
import logging
import math
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import and_, or_, select, update

from bot.ingest.pipeline import IngestReport
from bot.store.db import Database
from bot.store.models import Feed

log = logging.getLogger(__name__)

#: The shortest claim a poll holds on a feed (a crashed poller's feed is due again after).
FEED_LEASE = timedelta(minutes=10)
#: What storing one article (summary, quotes, story) may take at worst, for the lease.
STORE_SECONDS = 10.0
MAX_FEED_BACKOFF = timedelta(hours=6)

Notify = Callable[[str, str], Awaitable[None]]  # (destination key, one line)


class Ingestor(Protocol):
    def poll_feed(self, feed_id: int, *, now: datetime | None = None) -> IngestReport: ...


@dataclass(frozen=True)
class FeedPoll:
    feed_id: int
    error: str | None
    added: int
    error_count: int
    disabled: bool
    next_check_at: datetime | None


def feed_lease(policy: object | None) -> timedelta:
    """Twice the worst case of one poll: the feed fetch, then the capped number of article pages
    at ``per_host`` at a time from one host (each up to the total fetch deadline), then storing them."""
    if policy is None:
        return FEED_LEASE
    timeout = float(getattr(policy, "timeout", 15.0))
    items = getattr(policy, "max_feed_items", None) or 50
    at_once = max(1, min(getattr(policy, "parallel_fetches", 1), getattr(policy, "per_host_fetches", 1)))
    worst = timeout * (1 + math.ceil(items / at_once)) + items * STORE_SECONDS
    return max(FEED_LEASE, timedelta(seconds=2 * worst))


def feed_error(url: str, report: IngestReport) -> str | None:
    """The feed's own failure (fetch or parse), not one of its entries'; None if it worked."""
    own = [e[len(url) + 2:] for e in report.errors if e.startswith(f"{url}: ")]
    return own[0] if own and not report.added else None


class FeedPoller:
    def __init__(
        self,
        db: Database,
        ingestor: Ingestor,
        *,
        notify: Notify,
        max_failures: int,
        jitter: float = 0.1,
        concurrency: int = 4,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.ingestor = ingestor
        self.notify = notify
        self.max_failures = max_failures
        self.jitter = jitter
        self.concurrency = concurrency
        self.rng = rng or random.Random()
        self.lease = feed_lease(getattr(ingestor, "policy", None))

    async def poll_due(self, now: datetime) -> list[FeedPoll]:
        """Poll every enabled feed whose ``next_check_at`` has come (each claimed, so once)."""
        repair = getattr(self.ingestor, "repair", None)
        if repair is not None:
            await asyncio.to_thread(repair)
        feeds = await asyncio.to_thread(self._claim_due, now)
        gate = asyncio.Semaphore(self.concurrency)

        async def one(feed_id: int, url: str) -> FeedPoll | None:
            async with gate:
                return await self._poll(feed_id, url, now)

        polls = await asyncio.gather(*(one(fid, url) for fid, url in feeds))
        return [p for p in polls if p is not None]

    def _claim_due(self, now: datetime, limit: int = 50) -> list[tuple[int, str]]:
        due = and_(Feed.enabled.is_(True), or_(Feed.next_check_at.is_(None), Feed.next_check_at <= now))
        with self.db.session() as s:
            rows = s.execute(select(Feed.id, Feed.url).where(due)
                             .order_by(Feed.next_check_at.is_(None).desc(), Feed.next_check_at)
                             .limit(limit)).all()
        claimed = []
        for feed_id, url in rows:
            with self.db.session() as s:
                won = s.execute(update(Feed).where(Feed.id == feed_id, due)
                                .values(next_check_at=now + self.lease)).rowcount
            if won == 1:
                claimed.append((feed_id, url))
        return claimed

    async def _poll(self, feed_id: int, url: str, now: datetime) -> FeedPoll | None:
        added = 0
        try:
            report = await asyncio.to_thread(self.ingestor.poll_feed, feed_id, now=now)
            added, error = len(report.added), feed_error(url, report)
        except Exception as exc:
            log.exception("polling feed %s failed", url)
            error = f"{type(exc).__name__}: {exc}"
        outcome, notice = await asyncio.to_thread(self._record, feed_id, error, added, now)
        if notice is not None:
            await self.notify(*notice)
        return outcome

    def _record(
        self, feed_id: int, error: str | None, added: int, now: datetime
    ) -> tuple[FeedPoll | None, tuple[str, str] | None]:
        notice = None
        with self.db.session() as s:
            feed = s.get(Feed, feed_id)
            if feed is None:
                return None, None
            interval = delay = timedelta(minutes=feed.interval_minutes)
            feed.last_checked_at = now
            if error is None:
                feed.error_count, feed.last_error = 0, None
            else:
                feed.error_count += 1
                feed.last_error = error[:2000]
                delay = min(interval * 2 ** feed.error_count, max(MAX_FEED_BACKOFF, interval))
                log.warning("feed %s failed (%d in a row): %s", feed.url, feed.error_count, error)
                if feed.error_count >= self.max_failures:
                    feed.enabled = False
                    log.warning("feed %s disabled after %d failures", feed.url, feed.error_count)
                    if feed.added_by:
                        notice = (feed.added_by, f"Feed {feed.name or feed.url} was disabled after "
                                  f"{feed.error_count} failed checks in a row (last error: {error}). "
                                  "Add it again to resume.")
            spread = 1 + self.rng.uniform(-self.jitter, self.jitter)
            feed.next_check_at = now + delay * spread if feed.enabled else None
            poll = FeedPoll(feed.id, error, added, feed.error_count, not feed.enabled, feed.next_check_at)
            return poll, notice
