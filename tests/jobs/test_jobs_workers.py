"""Workers on real PostgreSQL: overlapping ingests, a worker killed mid-job, the CLI contracts."""
from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from jobs_support import (  # tests/jobs is on sys.path (no __init__.py)
    jobs_done, newsbrief, query, start_worker, stop, stories_by_source, wait_for, write_reports,
)

INGEST_STATUS = "SELECT status::text FROM procrastinate_jobs WHERE task_name = 'newsbrief:ingest_document'"


def test_two_workers_on_overlapping_folders_store_each_article_once_with_one_process_stories(
        jobs_pg: str, tmp_path: Path) -> None:
    a = write_reports(tmp_path / "a", range(0, 4), range(0, 4))
    b = write_reports(tmp_path / "b", range(2, 6), range(0, 4))  # events 2 and 3 in both folders
    workers = [start_worker(jobs_pg, tmp_path / f"w{i}.log") for i in range(2)]
    try:
        wait_for(lambda: query(jobs_pg, "SELECT count(*) FROM procrastinate_workers")[0][0] == 2
                 if query(jobs_pg, "SELECT to_regclass('procrastinate_workers')")[0][0] else False,
                 what="two workers")
        first = json.loads(newsbrief(jobs_pg, "ingest", "--enqueue", str(tmp_path / "a"), "--json").stdout)
        second = json.loads(newsbrief(jobs_pg, "ingest", "--enqueue", str(tmp_path / "b"), "--json").stdout)
        assert first["queued"] == len(a) and second["queued"] == len(b)
        wait_for(lambda: jobs_done(jobs_pg), what="the queue to empty")
    finally:
        stop(workers)
    rows = query(jobs_pg, "SELECT source, story_id, story_seq FROM articles")
    names = sorted(Path(s).name for s, _, _ in rows)
    assert len(names) == 24 and len(set(names)) == 24  # 32 jobs, 24 distinct reports, none twice
    assert all(story is not None for _, story, _ in rows)
    assert sorted(seq for _, _, seq in rows) == list(range(1, 25))
    counts = json.loads(newsbrief(jobs_pg, "jobs", "--json").stdout)
    assert counts["queued"] == 0 and counts["running"] == 0 and counts["failed"] == 0 and counts["done"] >= 32
    # One process ingesting the union in one go makes the same stories: one per event.
    single = tmp_path / "single"
    write_reports(single, range(0, 6), range(0, 4))
    import psycopg

    one = jobs_pg + "_one"
    admin = jobs_pg.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{one.rsplit("/", 1)[1]}"')
    try:
        newsbrief(one, "ingest", str(single), "--json")
        assert stories_by_source(jobs_pg) == stories_by_source(one)
        assert len(stories_by_source(one)) == 6
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{one.rsplit("/", 1)[1]}" WITH (FORCE)')


def test_a_worker_killed_mid_job_leaves_nothing_half_written_and_another_does_its_job(
        jobs_pg: str, tmp_path: Path) -> None:
    import psycopg

    from bot.jobs.stories import STORY_LOCK

    write_reports(tmp_path / "one", range(0, 1), range(0, 1))
    newsbrief(jobs_pg, "jobs")  # creates the tables
    holder = psycopg.connect(jobs_pg, autocommit=True)
    workers = []
    try:
        # Holding the story lock stops the worker inside its article's transaction: the article,
        # its summary and quotes are written but not committed when it is killed.
        holder.execute("SELECT pg_advisory_lock(%s, %s)", STORY_LOCK)
        workers.append(start_worker(jobs_pg, tmp_path / "killed.log"))
        newsbrief(jobs_pg, "ingest", "--enqueue", str(tmp_path / "one"))
        wait_for(lambda: query(jobs_pg, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                        "AND NOT granted")[0][0] == 1, what="the job to wait on the lock")
        assert query(jobs_pg, INGEST_STATUS)[0][0] == "doing"
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait()
        holder.execute("SELECT pg_advisory_unlock(%s, %s)", STORY_LOCK)
        for table in ("articles", "summaries", "quotes", "persons", "stories"):
            assert query(jobs_pg, f"SELECT count(*) FROM {table}")[0][0] == 0, table
        assert query(jobs_pg, INGEST_STATUS)[0][0] == "doing"
        workers.append(start_worker(jobs_pg, tmp_path / "second.log"))
        wait_for(lambda: query(jobs_pg, INGEST_STATUS)[0][0] == "succeeded",
                 timeout=120, what="the stalled job to be done by the second worker")
    finally:
        holder.close()
        stop(workers)
    assert query(jobs_pg, "SELECT count(*), count(story_id) FROM articles")[0] == (1, 1)
    assert query(jobs_pg, "SELECT count(*) FROM summaries")[0][0] == 1
    assert query(jobs_pg, "SELECT attempts FROM procrastinate_jobs WHERE task_name = 'newsbrief:ingest_document'")[0][0] >= 1


def test_enqueue_and_worker_need_postgresql(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    for args in (["ingest", "--enqueue", str(tmp_path)], ["worker"], ["jobs"]):
        done = newsbrief(url, *args, check=False)
        assert done.returncode == 2 and "PostgreSQL" in done.stderr
