"""The story lock and the per-host politeness, shared through PostgreSQL by separate processes'
objects (each Ingestor below has its own enricher and memory, as a worker process would)."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import psycopg
import pytest

from jobs_support import report, wait_for  # tests/jobs is on sys.path (no __init__.py)

from bot.ingest.fetch import FetchPolicy
from bot.ingest.pipeline import IngestReport, Ingestor
from bot.ingest.sources import RawDocument
from bot.jobs.hosts import HostBusy, HostGate, retry_after
from bot.jobs.stories import STORY_LOCK, SharedStoryEnricher
from bot.store.db import Database
from bot.store.models import Article
from httpserver import serve

POLICY = FetchPolicy(allow_private=("127.0.0.1",), timeout=10)


def _ingestor(db: Database) -> Ingestor:
    return Ingestor(db, POLICY, [SharedStoryEnricher()])


def _doc(event: int, version: int) -> RawDocument:
    return RawDocument(f"e{event}_v{version}.txt", "text", report(event, version))


def test_concurrent_assignments_from_separate_processes_join_one_story(jobs_pg: str) -> None:
    dbs = [Database(jobs_pg) for _ in range(4)]
    try:
        start = threading.Barrier(4)

        def one(i: int) -> None:
            ingestor = _ingestor(dbs[i])
            start.wait()
            for v in range(i * 2, i * 2 + 2):
                ingestor.store(_doc(0, v), IngestReport())

        threads = [threading.Thread(target=one, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with dbs[0].session() as s:
            rows = s.query(Article.story_id, Article.story_seq).all()
        assert len(rows) == 8
        assert {story for story, _ in rows} == {rows[0][0]}  # one event, one story
        assert sorted(seq for _, seq in rows) == list(range(1, 9))
    finally:
        for db in dbs:
            db.dispose()


def test_an_assignment_waits_for_the_lock_and_then_sees_the_other_processes_stories(jobs_pg: str) -> None:
    first, second = Database(jobs_pg), Database(jobs_pg)
    holder = psycopg.connect(jobs_pg, autocommit=True)
    try:
        a, b = _ingestor(first), _ingestor(second)
        b.store(_doc(1, 0), IngestReport())  # b's clusterer is now built
        a.store(_doc(1, 1), IngestReport())  # a joins b's story (replayed from the database)
        holder.execute("SELECT pg_advisory_lock(%s, %s)", STORY_LOCK)
        done = threading.Event()
        worker = threading.Thread(target=lambda: (b.store(_doc(1, 2), IngestReport()), done.set()))
        worker.start()
        # no fixed sleep: wait until the worker is seen waiting on the advisory lock, then check it is held back
        wait_for(lambda: holder.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                                        " AND classid = %s AND objid = %s", STORY_LOCK).fetchone()[0] >= 1,
                 timeout=30, what="the assignment to wait on the story lock")
        assert not done.is_set()  # the lock holds the assignment back
        with first.session() as s:
            assert s.query(Article).count() == 2  # and nothing of it is visible yet
        holder.execute("SELECT pg_advisory_unlock(%s, %s)", STORY_LOCK)
        worker.join(30)
        assert done.is_set()
        with first.session() as s:
            stories = {a.story_id for a in s.query(Article)}
        assert len(stories) == 1  # b replayed a's assignment before making its own
    finally:
        holder.close()
        first.dispose()
        second.dispose()


def test_a_rolled_back_assignment_is_not_remembered(jobs_pg: str) -> None:
    db = Database(jobs_pg)
    try:
        enricher = SharedStoryEnricher()
        ingestor = Ingestor(db, POLICY, [enricher])
        with pytest.raises(RuntimeError):
            with db.session() as s:
                article = Article(source="x", text=report(2, 0), content_hash="h" * 64,
                                  ingested_at=datetime.now(timezone.utc))
                s.add(article)
                s.flush()
                enricher(s, article)
                raise RuntimeError("the transaction fails after the assignment")
        ingestor.store(_doc(3, 0), IngestReport())
        with db.session() as s:
            assert [(a.story_seq, a.story_id is not None) for a in s.query(Article)] == [(1, True)]
    finally:
        db.dispose()


def test_at_most_n_fetches_per_host_at_once_across_workers(jobs_pg: str) -> None:
    db = Database(jobs_pg)
    lock, now, peak = threading.Lock(), [0], [0]

    def slow(_handler):  # noqa: ANN001, ANN202
        with lock:
            now[0] += 1
            peak[0] = max(peak[0], now[0])
        time.sleep(0.3)
        with lock:
            now[0] -= 1
        return 200, {"Content-Type": "text/plain"}, b"ok"

    try:
        gates = [HostGate(db, per_host=2), HostGate(db, per_host=2)]  # two workers' gates
        with serve({"/a": slow}) as (base, seen):
            threads = [threading.Thread(target=gates[i % 2].fetch, args=(f"{base}/a", POLICY)) for i in range(6)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert len(seen) == 6 and peak[0] == 2
    finally:
        db.dispose()


def test_a_host_answering_429_is_left_alone_by_every_worker(jobs_pg: str) -> None:
    db = Database(jobs_pg)
    try:
        with serve({"/busy": (429, {"Retry-After": "120", "Content-Type": "text/plain"}, b"slow down")}) as (base, seen):
            with pytest.raises(HostBusy) as first:
                HostGate(db).fetch(f"{base}/busy", POLICY)
            assert first.value.seconds > 20
            with pytest.raises(HostBusy):
                HostGate(db).fetch(f"{base}/other", POLICY)  # another worker: no request at all
        assert len(seen) == 1
    finally:
        db.dispose()


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)
    assert retry_after("90", now) == 90
    assert retry_after("Thu, 01 Jan 2026 12:02:00 GMT", now) == 120
    assert retry_after("soon", now) is None and retry_after(None, now) is None


def test_enrich_job_adds_only_what_is_missing(jobs_pg: str, tmp_path: Path) -> None:
    from bot.jobs.tasks import Runtime, enrich_article
    from bot.app import enrichers
    from bot.settings import load_settings

    settings = load_settings(database_url=jobs_pg)
    db = Database(jobs_pg)
    try:
        bare = Ingestor(db, POLICY, [])
        article_id = bare.store(_doc(4, 0), IngestReport())
        rt = Runtime(settings, db, Ingestor(db, POLICY, enrichers(settings)), HostGate(db))

        class Context:  # what procrastinate hands a task: only additional_context is read here
            additional_context = {"runtime": rt}
            app = None

        assert set(enrich_article(Context, article_id)["enriched"]) == {"summary", "quotes", "story"}
        assert enrich_article(Context, article_id)["enriched"] == []
        with db.session() as s:
            assert s.get(Article, article_id).story_id is not None
    finally:
        db.dispose()
