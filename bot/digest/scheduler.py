"""Posts each subscription's digest on its schedule and polls the feeds (APScheduler 3).

At most once per (subscription, slot), also across restarts and processes
sharing one database: a slot is claimed by INSERTing its ``DigestRun`` row (the
unique constraint lets one claimer win) before anything is built or posted. A
claim whose post failed, or whose process died ("claimed" for longer than
``stale_claim_minutes``), is taken over by a compare-and-set UPDATE, so two
retriers cannot both win. ``run_slot`` is the whole protocol; APScheduler only
decides *when* to call it. Blocking work (database, building, fetching) runs in
threads so the chat connections stay responsive.
"""
from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.core.outputs import ChatAdapter
from bot.core.errors import DestinationGone
from bot.core.types import Destination, Platform, Reply
from bot.digest.feedpoll import FeedPoll, FeedPoller, Ingestor
from bot.digest.subscriptions import SubscriptionInfo, get_subscription, list_subscriptions, pause
from bot.settings import LimitsConfig
from bot.store.db import Database
from bot.store.models import DigestRun, Subscription, utcnow

log = logging.getLogger(__name__)

UTC = timezone.utc
BuildDigest = Callable[[SubscriptionInfo, datetime, datetime], Reply | None]
#: Missed slots further back than this are neither run nor recorded at start-up.
SKIP_HORIZON = timedelta(days=7)
MAX_SKIP_RECORDS = 50


class RunStatus(StrEnum):
    POSTED = "posted"
    EMPTY = "empty"  # nothing new (posted as one line only when post_empty)
    FAILED = "failed"  # will be retried within the grace period
    GONE = "destination gone"  # subscription paused; recorded as "failed"
    ALREADY = "already claimed"  # another run (or process) owns this slot
    PAUSED = "paused"
    MISSING = "missing"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class _Claim:
    run_id: int
    attempts: int


def _slot(value: datetime) -> datetime:
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.replace(microsecond=0)


def story_ids_of(data: Any) -> list[int]:
    """Story ids from ``Reply.data``: ``{"story_ids": [...]}`` or a list of ``{"id": ...}``."""
    if isinstance(data, dict):
        if "story_ids" in data:
            return [int(i) for i in data["story_ids"] or []]
        data = data.get("stories")
    if isinstance(data, list):
        return [int(d["id"]) for d in data if isinstance(d, dict) and "id" in d]
    return []


def _is_empty(reply: Reply | None) -> bool:
    return reply is None or (not reply.sections and not reply.text.strip())


class DigestScheduler:
    def __init__(
        self,
        db: Database,
        *,
        adapters: Mapping[Platform, ChatAdapter],
        build_digest: BuildDigest,
        ingestor: Ingestor | None = None,
        limits: LimitsConfig | None = None,
        post_empty: bool = False,
        clock: Callable[[], datetime] = utcnow,
        instance_id: str | None = None,
        stale_claim_minutes: int = 15,
        max_attempts: int = 5,
        feed_jitter: float = 0.1,
        feed_concurrency: int = 4,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.adapters = dict(adapters)
        self.build_digest = build_digest
        self.limits = limits or LimitsConfig()
        self.feeds = None if ingestor is None else FeedPoller(
            db, ingestor, notify=self._notify, max_failures=self.limits.feed_max_failures,
            jitter=feed_jitter, concurrency=feed_concurrency, rng=rng,
        )
        self.post_empty = post_empty
        self.clock = clock
        self.instance_id = instance_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.stale_claim = timedelta(minutes=stale_claim_minutes)
        self.max_attempts = max_attempts
        self._scheduler: AsyncIOScheduler | None = None
        self._scheduled: dict[int, tuple[str, str]] = {}

    @property
    def grace(self) -> timedelta:
        return timedelta(minutes=self.limits.missed_digest_grace_minutes)

    # ------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        """Schedule every subscription and the feed poll in the running loop; then catch up."""
        self._scheduler = AsyncIOScheduler(event_loop=asyncio.get_running_loop(), timezone=UTC)
        every_minute = {"coalesce": True, "max_instances": 1, "replace_existing": True,
                        "misfire_grace_time": 30}
        if self.feeds is not None:
            self._scheduler.add_job(
                self.poll_due_feeds, IntervalTrigger(minutes=1), id="feeds:poll",
                next_run_time=datetime.now(UTC), **every_minute,
            )
        self._scheduler.add_job(self.maintain, IntervalTrigger(minutes=1), id="digest:maintain",
                                **every_minute)
        self._scheduler.start()
        self.refresh()
        await self.catch_up()

    def add_interval_job(self, func: Callable[[], Any], seconds: float, job_id: str) -> None:
        """Another periodic job in this scheduler's loop (e.g. alert delivery); stopped with it."""
        if self._scheduler is None:
            raise RuntimeError("DigestScheduler.add_interval_job() before start()")
        self._scheduler.add_job(func, IntervalTrigger(seconds=seconds), id=job_id, replace_existing=True,
                                coalesce=True, max_instances=1, misfire_grace_time=30)

    async def stop(self) -> None:
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        self._scheduler = None
        self._scheduled.clear()

    def refresh(self) -> int:
        """Align the jobs with the subscriptions table (call after (un)subscribing)."""
        if self._scheduler is None:
            return 0
        wanted = {s.id: s for s in list_subscriptions(self.db) if not s.paused}
        for sub_id in set(self._scheduled) - set(wanted):
            if self._scheduler.get_job(f"digest:{sub_id}") is not None:
                self._scheduler.remove_job(f"digest:{sub_id}")
            del self._scheduled[sub_id]
        for sub_id, sub in wanted.items():
            if self._scheduled.get(sub_id) == (sub.schedule, sub.timezone):
                continue
            self._scheduler.add_job(
                self._fire, sub.parsed.trigger, args=[sub_id], id=f"digest:{sub_id}",
                name=f"digest for {sub.destination}", replace_existing=True, coalesce=True,
                max_instances=1, misfire_grace_time=max(30, int(self.grace.total_seconds())),
            )
            self._scheduled[sub_id] = (sub.schedule, sub.timezone)
        return len(self._scheduled)

    def next_run_times(self) -> dict[int, datetime | None]:
        """Subscription id -> when its next digest fires (for status displays)."""
        if self._scheduler is None:
            return {}
        out: dict[int, datetime | None] = {}
        for sub_id in self._scheduled:
            job = self._scheduler.get_job(f"digest:{sub_id}")
            out[sub_id] = job.next_run_time if job is not None else None
        return out

    async def _fire(self, sub_id: int) -> None:
        sub = await asyncio.to_thread(get_subscription, self.db, sub_id)
        if sub is None or sub.paused:
            self.refresh()
            return
        slot = sub.parsed.previous_slot(self.clock())
        if slot is not None:
            await self.run_slot(sub_id, slot)

    async def maintain(self) -> None:
        """Every minute: pick up subscription changes made elsewhere; retry failed slots."""
        self.refresh()
        await self.retry_failed()

    # ------------------------------------------------------------ one slot
    async def run_slot(self, sub_id: int, slot: datetime) -> RunStatus:
        """Claim, build and post one digest; the status says what happened."""
        slot = _slot(slot)
        sub = await asyncio.to_thread(get_subscription, self.db, sub_id)
        if sub is None:
            return RunStatus.MISSING
        if sub.paused:
            return RunStatus.PAUSED
        claim = await asyncio.to_thread(self._claim, sub_id, slot, self.clock())
        if claim is None:
            log.debug("digest %s slot %s: already claimed", sub.destination, slot)
            return RunStatus.ALREADY
        try:
            start = await asyncio.to_thread(self._window_start, sub, slot)
            reply = await asyncio.to_thread(self.build_digest, sub, start, slot)
        except Exception as exc:
            log.exception("building the digest for %s (slot %s) failed", sub.destination, slot)
            return await self._finish(claim, RunStatus.FAILED, f"build failed: {type(exc).__name__}: {exc}")
        empty = _is_empty(reply)
        if empty and not self.post_empty:
            log.info("digest %s slot %s: nothing new, not posted", sub.destination, slot)
            return await self._finish(claim, RunStatus.EMPTY)
        if empty:
            since = start.astimezone(ZoneInfo(sub.timezone)).strftime("%a %d %b %H:%M")
            reply = Reply(text=f"Nothing new since {since} ({sub.timezone}).")
        assert reply is not None
        dest = sub.dest
        adapter = self.adapters.get(dest.platform)
        if adapter is None:
            return await self._finish(claim, RunStatus.FAILED, f"no {dest.platform.value} connection")
        try:
            await adapter.send(dest, reply)
        except DestinationGone as exc:
            reason = f"cannot post to {sub.destination}: {exc or 'the channel is gone'}"
            await asyncio.to_thread(pause, self.db, sub_id, reason)
            log.warning("digest subscription #%s paused: %s", sub_id, reason)
            await self._finish(claim, RunStatus.FAILED, reason)
            self.refresh()
            return RunStatus.GONE
        except Exception as exc:
            log.exception("posting the digest to %s (slot %s) failed", sub.destination, slot)
            return await self._finish(claim, RunStatus.FAILED, f"post failed: {type(exc).__name__}: {exc}")
        status = RunStatus.EMPTY if empty else RunStatus.POSTED
        log.info("digest %s slot %s: %s", sub.destination, slot, status.value)
        return await self._finish(claim, status, story_ids=[] if empty else story_ids_of(reply.data))

    def _claim(self, sub_id: int, slot: datetime, now: datetime) -> _Claim | None:
        try:
            with self.db.session() as s:
                run = DigestRun(subscription_id=sub_id, slot=slot, status="claimed",
                                claimed_by=self.instance_id, claimed_at=now, attempts=1, story_ids=[])
                s.add(run)
                s.flush()
                return _Claim(run.id, 1)
        except IntegrityError:
            pass  # the slot has a row: take it over only if it failed or its claimer died
        with self.db.session() as s:
            row = s.execute(
                select(DigestRun.id, DigestRun.attempts)
                .where(DigestRun.subscription_id == sub_id, DigestRun.slot == slot)
            ).one_or_none()
            if row is None or row.attempts >= self.max_attempts:
                return None
            retryable = or_(
                DigestRun.status == RunStatus.FAILED.value,
                and_(DigestRun.status == "claimed", DigestRun.claimed_at < now - self.stale_claim),
            )
            result = s.execute(
                update(DigestRun)
                .where(DigestRun.id == row.id, DigestRun.attempts == row.attempts, retryable)
                .values(status="claimed", claimed_by=self.instance_id, claimed_at=now,
                        attempts=row.attempts + 1, error=None, finished_at=None)
            )
            return _Claim(row.id, row.attempts + 1) if result.rowcount == 1 else None

    def _window_start(self, sub: SubscriptionInfo, slot: datetime) -> datetime:
        """Since the last delivered slot, but never more than one period / the first window."""
        with self.db.session() as s:
            previous = s.scalar(
                select(DigestRun.slot)
                .where(DigestRun.subscription_id == sub.id, DigestRun.slot < slot,
                       DigestRun.status.in_([RunStatus.POSTED.value, RunStatus.EMPTY.value]))
                .order_by(DigestRun.slot.desc()).limit(1)
            )
        first = timedelta(hours=self.limits.first_digest_window_hours)
        if previous is None:
            return slot - first
        before = sub.parsed.previous_slot(slot - timedelta(seconds=1))
        longest = max(first, slot - before) if before is not None else first
        return max(previous, slot - longest)

    async def _finish(
        self, claim: _Claim, status: RunStatus, error: str | None = None, story_ids: list[int] | None = None
    ) -> RunStatus:
        stored = RunStatus.FAILED if status is RunStatus.GONE else status

        def write() -> int:
            with self.db.session() as s:
                return s.execute(
                    update(DigestRun)
                    .where(DigestRun.id == claim.run_id, DigestRun.claimed_by == self.instance_id,
                           DigestRun.attempts == claim.attempts)
                    .values(status=stored.value, finished_at=self.clock(),
                            error=error[:2000] if error else None, story_ids=story_ids or [])
                ).rowcount

        if await asyncio.to_thread(write) != 1:
            log.warning("digest run %s was taken over before it finished", claim.run_id)
        return status

    # ------------------------------------------------------------ after downtime
    async def catch_up(self) -> dict[int, RunStatus]:
        """Run each subscription's latest missed slot if within the grace period; skip older ones."""
        now = self.clock()
        results: dict[int, RunStatus] = {}
        for sub in await asyncio.to_thread(list_subscriptions, self.db):
            if sub.paused:
                continue
            last_run = await asyncio.to_thread(self._last_slot, sub.id)
            baseline = max(sub.created_at, last_run or sub.created_at, now - SKIP_HORIZON)
            missed = sub.parsed.slots_between(baseline, now, limit=MAX_SKIP_RECORDS + 1)
            if not missed:
                continue
            skipped = missed
            if now - missed[-1] <= self.grace:
                skipped = missed[:-1]
                results[sub.id] = await self.run_slot(sub.id, missed[-1])
            if skipped:
                await asyncio.to_thread(self._record_skipped, sub.id, skipped, now)
                log.warning("digest %s: skipped %d missed slot(s) %s … %s (older than the %s grace period)",
                            sub.destination, len(skipped), skipped[0], skipped[-1], self.grace)
        for (sub_id, _slot_time), status in (await self.retry_failed()).items():
            results.setdefault(sub_id, status)
        return results

    def _last_slot(self, sub_id: int) -> datetime | None:
        with self.db.session() as s:
            return s.scalar(select(DigestRun.slot).where(DigestRun.subscription_id == sub_id)
                            .order_by(DigestRun.slot.desc()).limit(1))

    def _record_skipped(self, sub_id: int, slots: list[datetime], now: datetime) -> None:
        with self.db.session() as s:
            for slot in slots[-MAX_SKIP_RECORDS:]:
                try:
                    with s.begin_nested():
                        s.add(DigestRun(subscription_id=sub_id, slot=slot, status=RunStatus.SKIPPED.value,
                                        claimed_by=self.instance_id, claimed_at=now, finished_at=now,
                                        attempts=0, error="missed while the bot was down", story_ids=[]))
                except IntegrityError:
                    pass

    async def retry_failed(self) -> dict[tuple[int, datetime], RunStatus]:
        """Retry failed or abandoned claims within the grace period, with backoff."""
        now = self.clock()
        results: dict[tuple[int, datetime], RunStatus] = {}
        for sub_id, slot in await asyncio.to_thread(self._retryable, now):
            results[(sub_id, slot)] = await self.run_slot(sub_id, slot)
        return results

    def _retryable(self, now: datetime) -> list[tuple[int, datetime]]:
        with self.db.session() as s:
            rows = s.execute(
                select(DigestRun.subscription_id, DigestRun.slot, DigestRun.status,
                       DigestRun.attempts, DigestRun.claimed_at)
                .join(Subscription, Subscription.id == DigestRun.subscription_id)
                .where(Subscription.paused.is_(False), DigestRun.slot >= now - self.grace,
                       DigestRun.attempts < self.max_attempts,
                       DigestRun.status.in_([RunStatus.FAILED.value, "claimed"]))
                .order_by(DigestRun.slot)
            ).all()
        due = []
        for row in rows:
            wait = self.stale_claim if row.status == "claimed" else timedelta(minutes=2 ** (row.attempts - 1))
            if row.claimed_at <= now - wait:
                due.append((row.subscription_id, row.slot))
        return due

    async def poll_due_feeds(self) -> list[FeedPoll]:
        """The feed-poll job: poll the feeds that are due now."""
        return await self.feeds.poll_due(self.clock()) if self.feeds is not None else []

    async def _notify(self, destination_key: str, text: str) -> None:
        try:
            dest = Destination.from_key(destination_key)
            adapter = self.adapters.get(dest.platform)
            if adapter is None:
                log.warning("no adapter to tell %s: %s", destination_key, text)
                return
            await adapter.send(dest, Reply(text=text))
        except Exception:  # a notice must never break the poll loop
            log.exception("could not notify %s", destination_key)
