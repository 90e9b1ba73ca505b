"""The jobs: poll a feed, fetch and ingest an article, enrich an article.

Every job is idempotent and safe to run again after its worker died mid-job: an article
and everything derived from it (summary, quotes, story) are written in one transaction
(``Ingestor.store``), so a killed worker leaves nothing half-written, and its job, put
back in the queue by another worker (``commands.retry_stalled``), finds the article
either stored (a duplicate: nothing is written twice) or not at all.

Queueing locks keep one feed (``feed:ID``) and one URL (``url:URL``) from being queued
twice; a ``feed:ID`` lock keeps two polls of one feed from running at once. Fetches
go through ``hosts.HostGate`` (per-host politeness shared by every worker); a job that
meets a host asking us to wait is put off until then, not run.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.ingest.fetch import FetchPolicy, FetchResult
from bot.ingest.pipeline import IngestReport, Ingestor
from bot.ingest.sources import RawDocument
from bot.jobs.hosts import HostBusy, HostGate
from bot.settings import Settings
from bot.store.db import Database
from bot.store.models import Article, Feed, Summary

log = logging.getLogger(__name__)

QUEUE = "ingest"
#: Failing jobs (a database hiccup, a host that is down) are tried again, waiting longer each time.
RETRY = procrastinate.RetryStrategy(max_attempts=4, exponential_wait=5)
TEASER_CHARS = 600


@dataclass
class Runtime:
    """What jobs need, built once per worker process (``commands.run_worker``)."""

    settings: Settings
    db: Database
    ingestor: Ingestor
    gate: HostGate
    app: Any = None  # the procrastinate app jobs are queued through (set by the worker)

    @property
    def policy(self) -> FetchPolicy:
        return self.ingestor.policy


NAMESPACE = "newsbrief"


def name(task: str) -> str:
    """A task's full name in the job table."""
    return f"{NAMESPACE}:{task}"


def _runtime(context: procrastinate.JobContext) -> Runtime:
    rt = context.additional_context["runtime"]
    rt.app = context.app
    return rt


def defer_quietly(deferrer: Any, **kwargs: Any) -> bool:
    """Queue a job; False when one with the same queueing lock is already waiting."""
    try:
        deferrer.defer(**kwargs)
        return True
    except AlreadyEnqueued:
        return False


def document_args(raw: RawDocument) -> dict[str, Any]:
    """A ``RawDocument`` as JSON job arguments."""
    return {"source": raw.source, "kind": raw.kind, "content": raw.content, "url": raw.url,
            "feed_url": raw.feed_url, "title": raw.title, "author": raw.author,
            "published": raw.published.isoformat() if raw.published else None}


def _store(rt: Runtime, raw: RawDocument, feed_id: int | None = None) -> dict[str, Any]:
    report = IngestReport()
    try:
        rt.ingestor.store(raw, report, feed_id=feed_id)
    except IntegrityError:  # another worker committed the same article first
        report.duplicates += 1
    if report.added:
        defer_quietly(rt.app.configure_task(name("refresh_related"), queueing_lock="refresh_related"))
    return {"added": report.added, "duplicates": report.duplicates, "errors": report.errors}


# ------------------------------------------------------------------ ingest
def ingest_document(context: procrastinate.JobContext, source: str, kind: str, content: str,
                    url: str | None = None, feed_url: str | None = None, title: str | None = None,
                    author: str | None = None, published: str | None = None,
                    feed_id: int | None = None) -> dict[str, Any]:
    """Extract, clean, dedupe, store and enrich one document read by whoever queued it."""
    when = datetime.fromisoformat(published) if published else None
    raw = RawDocument(source, kind, content, url=url, feed_url=feed_url, title=title, author=author, published=when)
    return _store(_runtime(context), raw, feed_id)


def _put_off(context: procrastinate.JobContext, busy: HostBusy, **kwargs: Any) -> dict[str, Any]:
    """Queue this job again for when the host lets us back (a job of its own: nothing was done)."""
    defer_quietly(context.app.configure_task(context.job.task_name, schedule_in={"seconds": max(1, int(busy.seconds) + 1)}),
                  **kwargs)
    log.info("%s: put off %d s", busy.host, busy.seconds)
    return {"put_off": busy.seconds}


def _page(url: str, result: FetchResult) -> RawDocument | None:
    if not result.content.strip():
        return None
    m = re.search(r"charset=[\"']?([\w-]+)", result.content_type)
    try:
        html = result.content.decode(m.group(1) if m else "utf-8", errors="replace")
    except LookupError:
        html = result.content.decode("utf-8", errors="replace")
    kind = "html" if "html" in result.content_type or "<html" in html[:2000].lower() else "text"
    return RawDocument(url, kind, html, url=result.final_url or url)


def _queue_entries(rt: Runtime, source: str, content: bytes, feed_id: int | None) -> dict[str, Any]:
    """One job per entry the store does not have yet (the page itself is fetched by that job)."""
    from bot.ingest.feeds import parse_feed

    parsed = parse_feed(content)
    if parsed.error:
        raise ValueError(f"{source}: {parsed.error}")
    queued = known = 0
    with rt.db.session() as s:
        for entry in parsed.entries:
            if entry.url and s.scalar(select(Article.id).where(Article.url == entry.url)) is not None:
                known += 1
                continue
            lock = f"url:{entry.url}" if entry.url else None
            queued += defer_quietly(
                rt.app.configure_task(name("ingest_entry"), queueing_lock=lock), source=source, url=entry.url, html=entry.html,
                title=entry.title, author=entry.author, feed_id=feed_id,
                published=entry.published.isoformat() if entry.published else None)
    return {"queued": queued, "already_stored": known}


def fetch_url(context: procrastinate.JobContext, url: str) -> dict[str, Any]:
    """Fetch a URL: an article page is stored; a feed's new entries are queued."""
    from bot.ingest.feeds import looks_like_feed

    rt = _runtime(context)
    try:
        result = rt.gate.fetch(url, rt.policy)
    except HostBusy as busy:
        return _put_off(context, busy, url=url)
    if result.error:
        raise RuntimeError(f"{url}: {result.error}")
    if looks_like_feed(result.content, result.content_type):
        return _queue_entries(rt, url, result.content, None)
    raw = _page(url, result)
    if raw is None:
        raise RuntimeError(f"{url}: the page is empty")
    return _store(rt, raw)


def ingest_entry(context: procrastinate.JobContext, source: str, url: str | None, html: str,
                 title: str | None = None, author: str | None = None, published: str | None = None,
                 feed_id: int | None = None) -> dict[str, Any]:
    """One feed entry: its page is fetched when the feed gave a teaser only."""
    rt = _runtime(context)
    if url and len(re.sub(r"<[^>]+>", "", html)) < TEASER_CHARS:
        try:
            result = rt.gate.fetch(url, rt.policy)
        except HostBusy as busy:
            return _put_off(context, busy, source=source, url=url, html=html, title=title,
                            author=author, published=published, feed_id=feed_id)
        page = _page(url, result) if not result.error else None
        if page is not None:
            html = page.content
    when = datetime.fromisoformat(published) if published else None
    raw = RawDocument(source, "html", html, url=url, feed_url=source, title=title, author=author, published=when)
    return _store(rt, raw, feed_id)


# ------------------------------------------------------------------- feeds
def _poller(rt: Runtime):  # noqa: ANN202 - the bot's FeedPoller: the same leases and backoff
    from bot.digest.feedpoll import FeedPoller

    async def notify(destination: str, line: str) -> None:
        log.warning("feed notice for %s: %s", destination, line)

    return FeedPoller(rt.db, rt.ingestor, notify=notify, max_failures=rt.settings.limits.feed_max_failures)


def poll_feed(context: procrastinate.JobContext, feed_id: int) -> dict[str, Any]:
    """Fetch one feed (conditional GET) once, however many channels follow it; queue its new entries."""
    rt = _runtime(context)
    now = datetime.now(timezone.utc)
    with rt.db.session() as s:
        feed = s.get(Feed, feed_id)
        if feed is None or not feed.enabled:
            return {"skipped": True}
        url, etag, modified = feed.url, feed.etag, feed.last_modified
    try:
        result = rt.gate.fetch(url, rt.policy, etag=etag, last_modified=modified)
    except HostBusy as busy:
        return _put_off(context, busy, feed_id=feed_id)
    error, outcome = result.error, {"queued": 0}
    if error is None and not result.not_modified:
        try:
            outcome = _queue_entries(rt, url, result.content, feed_id)
        except ValueError as exc:
            error = str(exc).removeprefix(f"{url}: ")
    if error is None:
        with rt.db.session() as s:
            row = s.get(Feed, feed_id)
            if row is not None and not result.not_modified:
                row.etag, row.last_modified = result.etag, result.last_modified
    poll, notice = _poller(rt)._record(feed_id, error, outcome.get("queued", 0), now)
    if notice is not None:
        log.warning("feed %s: %s", notice[0], notice[1])
    return {**outcome, "error": error}


def queue_due_feeds(context: procrastinate.JobContext, timestamp: int) -> dict[str, Any]:
    """Every minute: each due feed is claimed (the lease the bot's scheduler uses too) and queued once."""
    rt = _runtime(context)
    claimed = _poller(rt)._claim_due(datetime.fromtimestamp(timestamp, timezone.utc))
    queued = sum(defer_quietly(rt.app.configure_task(name("poll_feed"), queueing_lock=f"feed:{fid}", lock=f"feed:{fid}"),
                               feed_id=fid)
                 for fid, _url in claimed)
    return {"queued": queued}


# ------------------------------------------------------------------ enrich
def enrich_article(context: procrastinate.JobContext, article_id: int) -> dict[str, Any]:
    """Add what a stored article lacks (its summary, quotes, story), in one transaction; run twice,
    it adds nothing the second time."""
    from bot.store.models import Person, Quote

    rt = _runtime(context)
    done: list[str] = []
    with rt.db.session() as s:
        article = s.get(Article, article_id)
        if article is None:
            return {"missing": True}
        have = {
            "summary": s.scalar(select(Summary.id).where(Summary.article_id == article_id)) is not None,
            "quotes": s.scalar(select(Quote.id).where(Quote.article_id == article_id)) is not None
            or s.scalar(select(Person.id).where(Person.article_id == article_id)) is not None,
            "story": article.story_id is not None,
        }
        for enrich in rt.ingestor.enrichers:
            if have.get(enrich.name, True):
                continue
            enrich(s, article)
            done.append(enrich.name)
    return {"enriched": done}


def refresh_related(context: procrastinate.JobContext) -> bool:
    """Rebuild the learned word similarities when the store has grown enough (one at a time)."""
    from bot.quotes.related import refresh_related_words

    return refresh_related_words(_runtime(context).db)


# ------------------------------------------------------------- registry
def build_blueprint() -> procrastinate.Blueprint:
    """The tasks, registered afresh for each app (``engine.job_app``)."""
    blueprint = procrastinate.Blueprint()
    blueprint.task(name="ingest_document", queue=QUEUE, pass_context=True, retry=RETRY)(ingest_document)
    blueprint.task(name="fetch_url", queue=QUEUE, pass_context=True, retry=RETRY)(fetch_url)
    blueprint.task(name="ingest_entry", queue=QUEUE, pass_context=True, retry=RETRY)(ingest_entry)
    blueprint.task(name="poll_feed", queue=QUEUE, pass_context=True)(poll_feed)
    due = blueprint.task(name="queue_due_feeds", queue=QUEUE, pass_context=True, queueing_lock="queue_due_feeds")
    blueprint.periodic(cron="* * * * *")(due(queue_due_feeds))
    blueprint.task(name="enrich_article", queue=QUEUE, pass_context=True, retry=RETRY)(enrich_article)
    blueprint.task(name="refresh_related", queue=QUEUE, pass_context=True, lock="refresh_related")(refresh_related)
    return blueprint
