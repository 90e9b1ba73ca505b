"""Per-host politeness that every worker shares, kept in PostgreSQL.

- At most ``per_host`` fetches from one host at once across all workers: each fetch
  holds one of the host's ``per_host`` advisory locks (``pg_try_advisory_lock``) on its
  own connection for the length of the request; a killed worker's connection closes and
  PostgreSQL frees its slot.
- A host that answers 429 or 503 is left alone until its ``Retry-After`` (seconds or an
  HTTP date; else 30 s doubling per failure, at most an hour): ``host_backoff`` tells
  every worker, and a job that meets a backed-off host is put off, not run.
"""
from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from sqlalchemy import text

from bot.ingest.fetch import FetchPolicy, FetchResult, fetch
from bot.store.db import Database
from bot.store.models import HostBackoff

log = logging.getLogger(__name__)

#: Namespace of the per-host slot locks (the second key is host hash * slots + slot).
HOST_LOCK_NAMESPACE = 7461727
BACKOFF_STATUSES = (429, 503)
MIN_BACKOFF, MAX_BACKOFF = 30.0, 3600.0


class HostBusy(Exception):
    """The host asked us to wait (or every slot stayed taken): try again in ``seconds``."""

    def __init__(self, host: str, seconds: float) -> None:
        super().__init__(f"{host}: try again in {seconds:.0f} s")
        self.host, self.seconds = host, seconds


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _host_key(host: str, slots: int, slot: int) -> int:
    # A signed 32-bit key: the host's hash spread over its slots.
    return ((zlib.crc32(host.encode()) % 100_000_000) * slots + slot) % 2**31


class HostGate:
    def __init__(self, db: Database, per_host: int = 2, max_wait: float = 60.0, poll: float = 0.2) -> None:
        self.db = db
        self.per_host = max(1, per_host)
        self.max_wait = max_wait
        self.poll = poll

    # ------------------------------------------------------------- backoff
    def wait_left(self, host: str, now: datetime | None = None) -> float:
        now = now or datetime.now(timezone.utc)
        with self.db.session() as s:
            row = s.get(HostBackoff, host)
            return max(0.0, (row.not_before - now).total_seconds()) if row else 0.0

    def record(self, host: str, result: FetchResult, now: datetime | None = None) -> None:
        """Remember a 429/503 (with its Retry-After) or forget an earlier one after a success."""
        now = now or datetime.now(timezone.utc)
        with self.db.session() as s:
            row = s.get(HostBackoff, host)
            if result.status in BACKOFF_STATUSES:
                failures = (row.failures if row else 0) + 1
                asked = retry_after((result.headers or {}).get("retry-after"), now)
                wait = asked if asked is not None else MIN_BACKOFF * 2 ** (failures - 1)
                until = now + timedelta(seconds=min(max(wait, 1.0), MAX_BACKOFF))
                if row is None:
                    s.add(HostBackoff(host=host, not_before=until, failures=failures))
                else:
                    row.not_before, row.failures = max(row.not_before, until), failures
                log.info("%s answered %s: no fetch before %s", host, result.status, until.isoformat())
            elif row is not None and result.status is not None:
                s.delete(row)

    # --------------------------------------------------------------- slots
    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's slots; raises HostBusy after ``max_wait`` seconds without one."""
        give_up = time.monotonic() + self.max_wait
        # Session-level locks on a connection of their own, outside any transaction.
        with self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            while True:
                for slot in range(self.per_host):
                    key = _host_key(host, self.per_host, slot)
                    got = conn.execute(text("SELECT pg_try_advisory_lock(:ns, :key)"),
                                       {"ns": HOST_LOCK_NAMESPACE, "key": key}).scalar()
                    if got:
                        try:
                            yield
                        finally:
                            conn.execute(text("SELECT pg_advisory_unlock(:ns, :key)"),
                                         {"ns": HOST_LOCK_NAMESPACE, "key": key})
                        return
                if time.monotonic() > give_up:
                    raise HostBusy(host, 5.0)
                time.sleep(self.poll)

    # ---------------------------------------------------------------- fetch
    def fetch(self, url: str, policy: FetchPolicy, **kwargs: object) -> FetchResult:
        """``fetch`` under the host's politeness; raises HostBusy instead of asking a host that
        said to wait (or that just said so)."""
        host = (urlsplit(url).hostname or "").lower()
        if not host:
            return fetch(url, policy, **kwargs)  # type: ignore[arg-type]
        left = self.wait_left(host)
        if left > 0:
            raise HostBusy(host, left)
        with self.slot(host):
            result = fetch(url, policy, **kwargs)  # type: ignore[arg-type]
        self.record(host, result)
        if result.status in BACKOFF_STATUSES:
            raise HostBusy(host, self.wait_left(host))
        return result

    def fetcher(self) -> Callable[..., FetchResult]:
        return self.fetch
