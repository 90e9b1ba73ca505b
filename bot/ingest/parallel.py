"""Fetching many URLs at once with a bound on the whole and on each host."""
from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")


def fetch_all(urls: list[str], fetch: Callable[[str], T], *, workers: int = 8, per_host: int = 2) -> dict[str, T]:
    """``fetch`` every URL (duplicates once): at most ``workers`` at a time and at most
    ``per_host`` against any one host. ``fetch`` must not raise (``bot.ingest.fetch.fetch`` never does)."""
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    gates: defaultdict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(max(1, per_host)))
    for url in unique:  # made here, not in the workers: no race on the dict
        gates[(urlsplit(url).hostname or "").lower()]

    def one(url: str) -> T:
        with gates[(urlsplit(url).hostname or "").lower()]:
            return fetch(url)

    if len(unique) == 1 or workers <= 1:
        return {url: one(url) for url in unique}
    with ThreadPoolExecutor(max_workers=min(workers, len(unique)), thread_name_prefix="fetch") as pool:
        return dict(zip(unique, pool.map(one, unique)))
