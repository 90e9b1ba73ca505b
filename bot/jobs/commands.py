"""Glue behind ``newsbrief worker``, ``newsbrief ingest --enqueue`` and ``newsbrief jobs``."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
from typing import Any

from sqlalchemy import text

from bot.ingest.sources import is_url
from bot.jobs.engine import ensure_schema, job_app
from bot.settings import Settings
from bot.ingest.configured import enrichers, fetch_policy
from bot.ingest.pipeline import IngestReport, Ingestor
from bot.store.db import Database, _normalise

log = logging.getLogger(__name__)

#: A worker sends a heartbeat this often; one silent for STALLED_AFTER seconds is taken for dead
#: and the jobs it was running are queued again (see ``retry_stalled``).
HEARTBEAT_SECONDS = 2.0
STALLED_AFTER = 10.0
SWEEP_SECONDS = 3.0
SWEEP_LOCK = (7461726, 4)


# ------------------------------------------------------------------ enqueue
def enqueue(settings: Settings, values: list[str]) -> dict[str, Any]:
    """Queue jobs for files, folders, article URLs and feed URLs; returns at once.

    Files are read here (folders expanded, feed files split into entries) and travel in
    the job, so workers need no shared disk; URLs are fetched by the workers.
    """
    from bot.jobs.tasks import document_args, name

    ensure_schema(settings.database_url)
    app = job_app(settings.database_url)
    report = IngestReport()
    paths = [v for v in values if not is_url(v)]
    urls = [v for v in values if is_url(v)]
    db = Database(settings.database_url)
    try:
        reader = Ingestor(db, fetch_policy(settings), [])  # reads files only: nothing stored here
        docs = [document_args(raw) for raw in reader.documents(paths, report)] if paths else []
    finally:
        db.dispose()
    queued = already = 0
    with app.open():
        for start in range(0, len(docs), 200):
            queued += len(app.configure_task(name("ingest_document")).batch_defer(*docs[start:start + 200]))
        for url in urls:
            try:
                app.configure_task(name("fetch_url"), queueing_lock=f"url:{url}").defer(url=url)
                queued += 1
            except Exception as exc:  # AlreadyEnqueued: the same URL is waiting already
                if type(exc).__name__ != "AlreadyEnqueued":
                    raise
                already += 1
    return {"queued": queued, "already_queued": already, "documents": len(docs), "urls": len(urls),
            "errors": report.errors}


# --------------------------------------------------------------------- jobs
STATUS_GROUPS = {"queued": ("todo",), "running": ("doing", "aborting"), "failed": ("failed", "aborted", "cancelled"),
                 "done": ("succeeded",)}


def job_counts(settings: Settings) -> dict[str, int]:
    """Queued, running, failed and done jobs (and per task), from the job table."""
    from sqlalchemy import create_engine


    ensure_schema(settings.database_url)
    engine = create_engine(_normalise(settings.database_url))
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT status::text, count(*) FROM procrastinate_jobs GROUP BY status")).all()
            workers = conn.execute(text(
                f"SELECT count(*) FROM procrastinate_workers WHERE last_heartbeat > now() - interval '{STALLED_AFTER:g} seconds'"
            )).scalar()
    finally:
        engine.dispose()
    by_status = dict(rows)
    counts = {group: sum(int(by_status.get(s, 0)) for s in statuses) for group, statuses in STATUS_GROUPS.items()}
    counts["workers"] = int(workers or 0)
    return counts


# ------------------------------------------------------------------- worker
async def retry_stalled(app: Any) -> int:
    """Queue again the jobs of workers that stopped sending heartbeats (killed, frozen); one
    worker at a time sweeps. Their transactions were rolled back by PostgreSQL when their
    connections closed, so the retried job starts from a clean slate."""
    async with app.connector.pool.connection() as conn:
        got = await (await conn.execute("SELECT pg_try_advisory_lock(%s, %s)", SWEEP_LOCK)).fetchone()
        if not got[0]:
            return 0
        try:
            await app.job_manager.prune_stalled_workers(STALLED_AFTER)
            stalled = list(await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_AFTER))
            for job in stalled:
                log.warning("job %s (%s) was left running by a dead worker: queued again", job.id, job.task_name)
                await app.job_manager.retry_job(job)
            return len(stalled)
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s, %s)", SWEEP_LOCK)


def build_runtime(settings: Settings):  # noqa: ANN201 - a tasks.Runtime
    from bot.jobs.hosts import HostGate
    from bot.jobs.tasks import Runtime

    db = Database(settings.database_url)
    policy = fetch_policy(settings)
    per_host = getattr(policy, "per_host_fetches", 2)
    return Runtime(settings, db, Ingestor(db, policy, enrichers(settings)), HostGate(db, per_host=per_host))


def run_worker(settings: Settings, concurrency: int = 1, *, wait: bool = True, name: str | None = None) -> None:
    """Run one worker until SIGINT/SIGTERM (or, with ``wait=False``, until the queue is empty)."""
    ensure_schema(settings.database_url)
    runtime = build_runtime(settings)
    runtime.ingestor.repair()  # articles a failure left without a story get one (under the lock)
    app = job_app(settings.database_url)
    name = name or f"{socket.gethostname()}-{os.getpid()}"

    async def main() -> None:
        async with app.open_async():
            async def sweep() -> None:
                while True:
                    try:
                        await retry_stalled(app)
                    except Exception:  # noqa: BLE001 - the next sweep tries again
                        log.warning("stalled-job sweep failed", exc_info=True)
                    await asyncio.sleep(SWEEP_SECONDS)

            sweeper = asyncio.create_task(sweep())
            try:
                await app.run_worker_async(
                    concurrency=concurrency, wait=wait, name=name,
                    additional_context={"runtime": runtime},
                    update_heartbeat_interval=HEARTBEAT_SECONDS, stalled_worker_timeout=STALLED_AFTER,
                    fetch_job_polling_interval=1.0,
                )
            finally:
                sweeper.cancel()

    try:
        asyncio.run(main())
    finally:
        runtime.db.dispose()
