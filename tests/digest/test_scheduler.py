"""Scheduler guarantees on SQLite and PostgreSQL, with a controllable clock (no sleeping)."""
from __future__ import annotations

import asyncio
import random
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from bot.core.errors import DestinationGone
from bot.core.types import Destination, Platform, Reply, Section
from bot.digest.feedpoll import feed_error
from bot.digest.scheduler import DigestScheduler, RunStatus, story_ids_of
from bot.digest.subscriptions import SubscriptionInfo, get_subscription, subscribe, unsubscribe
from bot.ingest.pipeline import IngestReport
from bot.settings import LimitsConfig
from bot.store.db import Database
from bot.store.models import DigestRun, Feed

UTC = timezone.utc
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)  # a Monday, 08:00 UTC
CHAN = Destination(Platform.CONSOLE, "news")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class RecordingAdapter:
    platform = Platform.CONSOLE

    def __init__(self, failures: list[Exception] | None = None) -> None:
        self.sent: list[tuple[Destination, Reply]] = []
        self.failures = failures or []

    async def start(self, handle: object) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, destination: Destination, reply: Reply) -> None:
        await asyncio.sleep(0)
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((destination, reply))


class Builder:
    """A fake ``build_digest``: records its windows; returns a digest of stories 1 and 2."""

    def __init__(self, empty: bool = False, gate: threading.Event | None = None) -> None:
        self.calls: list[tuple[int, datetime, datetime]] = []
        self.empty = empty
        self.gate = gate

    def __call__(self, sub: SubscriptionInfo, start: datetime, end: datetime) -> Reply | None:
        if self.gate is not None:
            self.gate.wait(5)
        self.calls.append((sub.id, start, end))
        if self.empty:
            return None
        return Reply(title="Digest", sections=(Section(title="Story", body="Text."),),
                     data={"story_ids": [1, 2]})


def make(db: Database, clock: Clock, adapter: RecordingAdapter, builder: Builder | None = None,
         name: str = "a", **kwargs: object) -> DigestScheduler:
    kwargs.setdefault("limits", LimitsConfig(first_digest_window_hours=6, missed_digest_grace_minutes=60,
                                             feed_max_failures=3))
    return DigestScheduler(db, adapters={Platform.CONSOLE: adapter}, build_digest=builder or Builder(),
                           clock=clock, instance_id=name, **kwargs)  # type: ignore[arg-type]


def runs(db: Database, sub_id: int) -> list[tuple[datetime, str, int]]:
    with db.session() as s:
        rows = s.scalars(select(DigestRun).where(DigestRun.subscription_id == sub_id).order_by(DigestRun.slot))
        return [(r.slot, r.status, r.attempts) for r in rows]


def daily(db: Database, created: datetime = T0 - timedelta(days=30)) -> SubscriptionInfo:
    return subscribe(db, CHAN, schedule="daily 08:00", timezone="UTC", now=created)


# ---------------------------------------------------------------- at most once
async def test_two_processes_racing_for_a_slot_post_it_once(db: Database, reopen: Callable[[], Database]) -> None:
    sub = daily(db)
    clock, adapter = Clock(T0), RecordingAdapter()
    one, two = make(db, clock, adapter, name="one"), make(reopen(), clock, adapter, name="two")
    for day in range(4):
        slot = T0 + timedelta(days=day)
        clock.now = slot
        statuses = await asyncio.gather(one.run_slot(sub.id, slot), two.run_slot(sub.id, slot))
        assert sorted(statuses) == [RunStatus.ALREADY, RunStatus.POSTED]
    assert len(adapter.sent) == 4
    assert [status for _, status, _ in runs(db, sub.id)] == ["posted"] * 4
    with db.session() as s:
        assert s.scalars(select(DigestRun.story_ids)).first() == [1, 2]


async def test_a_slot_in_progress_elsewhere_is_not_taken(db: Database, reopen: Callable[[], Database]) -> None:
    sub = daily(db)
    clock, adapter, gate = Clock(T0), RecordingAdapter(), threading.Event()
    slow = make(db, clock, adapter, Builder(gate=gate), name="slow")
    fast = make(reopen(), clock, adapter, name="fast")
    first = asyncio.create_task(slow.run_slot(sub.id, T0))
    for _ in range(50):  # let the slow one claim the slot
        await asyncio.sleep(0.01)
        if runs(db, sub.id):
            break
    assert await fast.run_slot(sub.id, T0) == RunStatus.ALREADY
    gate.set()
    assert await first == RunStatus.POSTED
    assert len(adapter.sent) == 1


async def test_sequential_runs_and_a_restart_do_not_post_again(db: Database, reopen: Callable[[], Database]) -> None:
    sub = daily(db)
    clock, adapter = Clock(T0 + timedelta(seconds=2)), RecordingAdapter()
    first = make(db, clock, adapter, name="first")
    assert await first.run_slot(sub.id, T0) == RunStatus.POSTED
    assert await first.run_slot(sub.id, T0) == RunStatus.ALREADY
    restarted = make(reopen(), clock, adapter, name="restarted")
    assert await restarted.run_slot(sub.id, T0) == RunStatus.ALREADY
    assert await restarted.catch_up() == {}
    assert len(adapter.sent) == 1


# ---------------------------------------------------------------- retries
async def test_a_failed_post_is_retried_and_then_posted_once(db: Database, reopen: Callable[[], Database]) -> None:
    sub = daily(db)
    clock = Clock(T0)
    adapter = RecordingAdapter(failures=[RuntimeError("HTTP 503"), RuntimeError("HTTP 503")])
    one, two = make(db, clock, adapter, name="one"), make(reopen(), clock, adapter, name="two")
    assert await one.run_slot(sub.id, T0) == RunStatus.FAILED
    assert runs(db, sub.id) == [(T0, "failed", 1)]
    clock.advance(seconds=30)
    assert await one.retry_failed() == {}  # backing off: 1 minute after the first failure
    clock.advance(seconds=40)
    assert await one.retry_failed() == {(sub.id, T0): RunStatus.FAILED}
    clock.advance(minutes=1)
    assert await two.retry_failed() == {}  # then 2 minutes
    clock.advance(minutes=1)
    # Two retriers at once: the compare-and-set lets exactly one of them win.
    statuses = await asyncio.gather(one.run_slot(sub.id, T0), two.run_slot(sub.id, T0))
    assert sorted(statuses) == [RunStatus.ALREADY, RunStatus.POSTED]
    assert runs(db, sub.id) == [(T0, "posted", 3)]
    assert len(adapter.sent) == 1


async def test_a_crashed_claim_is_taken_over_only_when_stale(db: Database) -> None:
    sub = daily(db)
    clock, adapter = Clock(T0 + timedelta(minutes=5)), RecordingAdapter()
    with db.session() as s:
        s.add(DigestRun(subscription_id=sub.id, slot=T0, status="claimed", claimed_by="dead",
                        claimed_at=T0, attempts=1, story_ids=[]))
    scheduler = make(db, clock, adapter, stale_claim_minutes=15)
    assert await scheduler.run_slot(sub.id, T0) == RunStatus.ALREADY
    clock.advance(minutes=11)
    assert await scheduler.retry_failed() == {(sub.id, T0): RunStatus.POSTED}
    assert runs(db, sub.id) == [(T0, "posted", 2)]


async def test_retries_stop_after_max_attempts(db: Database) -> None:
    sub = daily(db)
    clock = Clock(T0)
    adapter = RecordingAdapter(failures=[RuntimeError("down")] * 10)
    scheduler = make(db, clock, adapter, max_attempts=3)
    statuses = [await scheduler.run_slot(sub.id, T0) for _ in range(5)]
    assert statuses == [RunStatus.FAILED] * 3 + [RunStatus.ALREADY] * 2


# ---------------------------------------------------------------- downtime
async def test_after_downtime_the_latest_missed_slot_within_grace_is_posted_once(
    db: Database, reopen: Callable[[], Database]
) -> None:
    sub = daily(db)
    clock, adapter, builder = Clock(T0), RecordingAdapter(), Builder()
    assert await make(db, clock, adapter, builder).run_slot(sub.id, T0) == RunStatus.POSTED
    clock.now = T0 + timedelta(days=3, minutes=30)  # down for three days; back at 08:30
    restarted = make(reopen(), clock, adapter, builder, name="b")
    assert await restarted.catch_up() == {sub.id: RunStatus.POSTED}
    assert [(slot.day, status) for slot, status, _ in runs(db, sub.id)] == [
        (3, "posted"), (4, "skipped"), (5, "skipped"), (6, "posted")]
    # The late digest covers one period, not the three days of downtime.
    assert builder.calls[-1][1:] == (T0 + timedelta(days=2), T0 + timedelta(days=3))
    assert await make(reopen(), clock, adapter, builder, name="c").catch_up() == {}
    assert len(adapter.sent) == 2


async def test_a_missed_slot_older_than_grace_is_skipped(db: Database) -> None:
    sub = daily(db, created=T0 - timedelta(hours=20))
    clock, adapter = Clock(T0 + timedelta(hours=2)), RecordingAdapter()
    assert await make(db, clock, adapter).catch_up() == {}
    assert runs(db, sub.id) == [(T0, "skipped", 0)]
    # Downtime long ago is neither posted nor recorded beyond a week.
    clock.advance(days=30)
    assert await make(db, clock, adapter).catch_up() == {}
    assert len(runs(db, sub.id)) == 1 + 7
    assert adapter.sent == []


async def test_catch_up_ignores_slots_before_the_subscription_existed(db: Database) -> None:
    daily(db, created=T0 + timedelta(minutes=10))
    clock, adapter = Clock(T0 + timedelta(minutes=20)), RecordingAdapter()
    assert await make(db, clock, adapter).catch_up() == {}
    assert adapter.sent == []


# ---------------------------------------------------------------- windows
async def test_a_new_subscription_gets_a_bounded_first_window(db: Database) -> None:
    sub = daily(db, created=T0 - timedelta(minutes=1))
    clock, adapter, builder = Clock(T0), RecordingAdapter(), Builder()
    scheduler = make(db, clock, adapter, builder)
    await scheduler.run_slot(sub.id, T0)
    assert builder.calls[0][1:] == (T0 - timedelta(hours=6), T0)
    nxt = T0 + timedelta(days=1)
    clock.now = nxt
    await scheduler.run_slot(sub.id, nxt)
    assert builder.calls[1][1:] == (T0, nxt)  # then from the previous digest on


# ---------------------------------------------------------------- empty / gone
async def test_an_empty_digest_is_not_posted(db: Database) -> None:
    sub = daily(db)
    clock, adapter, builder = Clock(T0), RecordingAdapter(), Builder(empty=True)
    assert await make(db, clock, adapter, builder).run_slot(sub.id, T0) == RunStatus.EMPTY
    assert adapter.sent == []
    assert runs(db, sub.id) == [(T0, "empty", 1)]
    # The next window starts at the empty slot: its (nothing) is not shown again.
    clock.now = T0 + timedelta(days=1)
    builder.empty = False
    await make(db, clock, adapter, builder).run_slot(sub.id, clock.now)
    assert builder.calls[-1][1] == T0


async def test_an_empty_digest_can_be_a_single_line(db: Database) -> None:
    sub = subscribe(db, CHAN, schedule="daily 09:00", timezone="Europe/Berlin", now=T0 - timedelta(days=1))
    slot = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    clock, adapter = Clock(slot), RecordingAdapter()
    scheduler = make(db, clock, adapter, Builder(empty=True), post_empty=True)
    assert await scheduler.run_slot(sub.id, slot) == RunStatus.EMPTY
    [(dest, reply)] = adapter.sent
    assert dest == CHAN and not reply.sections
    assert reply.text == "Nothing new since Mon 03 Mar 03:00 (Europe/Berlin)."
    assert "\n" not in reply.text


async def test_a_channel_that_is_gone_pauses_the_subscription_once(db: Database) -> None:
    sub = daily(db)
    clock = Clock(T0)
    adapter = RecordingAdapter(failures=[DestinationGone("Missing Access")])
    scheduler = make(db, clock, adapter)
    assert await scheduler.run_slot(sub.id, T0) == RunStatus.GONE
    paused = get_subscription(db, sub.id)
    assert paused is not None and paused.paused and "Missing Access" in (paused.paused_reason or "")
    assert runs(db, sub.id) == [(T0, "failed", 1)]
    clock.advance(minutes=10)
    assert await scheduler.retry_failed() == {}  # no retrying a gone channel
    assert await scheduler.run_slot(sub.id, T0 + timedelta(days=1)) == RunStatus.PAUSED
    assert adapter.sent == []
    resumed = subscribe(db, CHAN, schedule="daily 08:00", timezone="UTC")
    assert resumed.id == sub.id and not resumed.paused


async def test_a_deleted_subscription_is_not_run(db: Database) -> None:
    sub = daily(db)
    unsubscribe(db, CHAN)
    assert await make(db, Clock(T0), RecordingAdapter()).run_slot(sub.id, T0) == RunStatus.MISSING


# ---------------------------------------------------------------- feeds
class FakeIngestor:
    def __init__(self, db: Database, errors: list[str | None]) -> None:
        self.db, self.errors, self.polled = db, errors, []

    def poll_feed(self, feed_id: int, *, now: datetime | None = None) -> IngestReport:
        self.polled.append((feed_id, now))
        with self.db.session() as s:
            url = s.get(Feed, feed_id).url  # type: ignore[union-attr]
        error = self.errors.pop(0) if self.errors else None
        if error == "raise":
            raise OSError("boom")
        return IngestReport(errors=[f"{url}: {error}"]) if error else IngestReport(added=[1])


def add_feed(db: Database, added_by: str | None = "console:ops") -> int:
    with db.session() as s:
        feed = Feed(url="https://example.org/feed.xml", name="Example", added_by=added_by,
                    interval_minutes=30)
        s.add(feed)
        s.flush()
        return feed.id


def feed_row(db: Database, feed_id: int) -> Feed:
    with db.session() as s:
        return s.get(Feed, feed_id)  # type: ignore[return-value]


async def test_feed_failures_back_off_then_disable_with_one_notice(db: Database) -> None:
    feed_id = add_feed(db)
    clock, adapter = Clock(T0), RecordingAdapter()
    ingestor = FakeIngestor(db, ["HTTP 500", "raise", "HTTP 500", "HTTP 500"])
    scheduler = make(db, clock, adapter, ingestor=ingestor, feed_jitter=0.0)
    [poll] = await scheduler.poll_due_feeds()
    assert (poll.error, poll.error_count, poll.disabled) == ("HTTP 500", 1, False)
    assert poll.next_check_at == T0 + timedelta(minutes=60)
    clock.advance(minutes=59)
    assert await scheduler.poll_due_feeds() == []  # not due yet
    clock.advance(minutes=1)
    [poll] = await scheduler.poll_due_feeds()
    assert poll.error_count == 2 and "boom" in (poll.error or "")
    assert poll.next_check_at == clock.now + timedelta(minutes=120)
    clock.advance(minutes=120)
    [poll] = await scheduler.poll_due_feeds()
    assert poll.disabled and poll.next_check_at is None
    [(dest, notice)] = adapter.sent
    assert dest.key == "console:ops"
    assert "Example" in notice.text and "disabled after 3 failed checks" in notice.text
    assert "\n" not in notice.text
    clock.advance(days=2)
    assert await scheduler.poll_due_feeds() == []
    assert len(ingestor.polled) == 3 and not feed_row(db, feed_id).enabled


async def test_a_successful_poll_resets_the_failure_count_and_uses_jitter(db: Database) -> None:
    feed_id = add_feed(db, added_by=None)
    clock, adapter = Clock(T0), RecordingAdapter()
    scheduler = make(db, clock, adapter, ingestor=FakeIngestor(db, ["HTTP 500", None]),
                     feed_jitter=0.1, rng=random.Random(1))
    await scheduler.poll_due_feeds()
    clock.advance(hours=2)
    [poll] = await scheduler.poll_due_feeds()
    assert poll.error is None and poll.error_count == 0 and poll.added == 1
    assert timedelta(minutes=27) <= poll.next_check_at - clock.now <= timedelta(minutes=33)  # type: ignore[operator]
    assert feed_row(db, feed_id).last_error is None


async def test_two_processes_poll_a_due_feed_once(db: Database, reopen: Callable[[], Database]) -> None:
    add_feed(db)
    clock, adapter = Clock(T0), RecordingAdapter()
    ingestor = FakeIngestor(db, [])
    one = make(db, clock, adapter, ingestor=ingestor, name="one")
    two = make(reopen(), clock, adapter, ingestor=ingestor, name="two")
    results = await asyncio.gather(one.poll_due_feeds(), two.poll_due_feeds())
    assert sorted(len(r) for r in results) == [0, 1]
    assert len(ingestor.polled) == 1


# ---------------------------------------------------------------- APScheduler wiring
async def test_jobs_follow_the_subscriptions_and_fire_in_the_loop(db: Database) -> None:
    sub = daily(db)
    clock, adapter = Clock(T0 + timedelta(days=1, seconds=3)), RecordingAdapter()
    scheduler = make(db, clock, adapter, ingestor=FakeIngestor(db, []))
    await scheduler.start()  # catches up today's 08:00, 3 seconds late
    try:
        assert len(adapter.sent) == 1
        aps = scheduler._scheduler
        assert aps is not None
        assert {j.id for j in aps.get_jobs()} == {f"digest:{sub.id}", "feeds:poll", "digest:maintain"}
        assert set(scheduler.next_run_times()) == {sub.id}
        other = subscribe(db, Destination(Platform.CONSOLE, "other"), schedule="every 15 minutes")
        assert scheduler.refresh() == 2
        unsubscribe(db, CHAN)
        assert scheduler.refresh() == 1
        assert set(scheduler.next_run_times()) == {other.id}
        # Make APScheduler fire the job now: it runs the slot that has just come.
        aps.modify_job(f"digest:{other.id}", next_run_time=datetime.now(UTC))
        for _ in range(500):
            if [status for _, status, _ in runs(db, other.id)] == ["posted"]:
                break
            await asyncio.sleep(0.01)
        assert adapter.sent[-1][0].channel == "other"
        assert runs(db, other.id) == [(T0 + timedelta(days=1), "posted", 1)]
    finally:
        await scheduler.stop()


def test_story_ids_and_feed_errors_are_read_from_reports() -> None:
    assert story_ids_of({"story_ids": [3, "4"]}) == [3, 4]
    assert story_ids_of({"stories": [{"id": 5}, {"headline": "x"}]}) == [5]
    assert story_ids_of([{"id": 6}]) == [6] and story_ids_of(None) == []
    url = "https://example.org/feed.xml"
    assert feed_error(url, IngestReport(errors=[f"{url}: HTTP 404"])) == "HTTP 404"
    # One broken entry is not the feed failing.
    assert feed_error(url, IngestReport(errors=["https://example.org/a: no article text found"])) is None
    assert feed_error(url, IngestReport(added=[1], errors=[f"{url}: no article text found"])) is None
