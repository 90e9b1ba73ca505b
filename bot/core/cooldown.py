"""One per-user rate limit for every front end (Discord, Slack, ...): the core says "wait N s", adapters render it."""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable

_PRUNE_AT = 4096  # users tracked before idle ones are dropped


class UserCooldowns:
    """At most ``rate`` commands per user in any ``per`` seconds (``per <= 0`` disables). Thread-safe."""

    def __init__(self, rate: int = 1, per: float = 3.0, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = max(1, rate)
        self.per = per
        self._clock = clock
        self._recent: dict[Hashable, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, user: Hashable) -> float:
        """Count one command of ``user``: 0.0 if allowed, else the seconds to wait (and nothing is counted)."""
        if self.per <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            if len(self._recent) >= _PRUNE_AT:
                self._recent = {u: times for u, times in self._recent.items() if now - times[-1] < self.per}
            times = self._recent.setdefault(user, deque(maxlen=self.rate))
            if len(times) == self.rate and (left := times[0] + self.per - now) > 0:
                return left
            times.append(now)
            return 0.0
