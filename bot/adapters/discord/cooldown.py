"""Per-user rate limiting, on discord.py's own token bucket."""
from __future__ import annotations

import math
import time
from datetime import datetime, timedelta, timezone

from discord import app_commands
from discord.utils import format_dt

_PRUNE_AT = 4096  # users tracked before idle buckets are dropped


class UserCooldowns:
    """``rate`` commands per ``per`` seconds for each user; ``per <= 0`` disables."""

    def __init__(self, rate: int, per: float) -> None:
        self.rate = max(1, rate)
        self.per = per
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def hit(self, user_id: int) -> float:
        """Count one command; return 0.0 if allowed, else the seconds to wait."""
        if self.per <= 0:
            return 0.0
        now = time.monotonic()
        if len(self._buckets) >= _PRUNE_AT:
            self._buckets = {
                uid: bucket for uid, bucket in self._buckets.items() if bucket.get_retry_after(now) > 0
            }
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(self.rate, self.per))
        return bucket.update_rate_limit(now) or 0.0


def cooldown_message(wait_seconds: float) -> str:
    """Tell the user when they may ask again (a Discord relative timestamp)."""
    when = datetime.now(timezone.utc) + timedelta(seconds=wait_seconds)
    return f"You're going a bit fast: you can ask again {format_dt(when, 'R')} (in {math.ceil(wait_seconds)}s)."
