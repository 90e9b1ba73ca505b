"""How Discord says "try again in N s" (the limit itself is the core's: bot.core.cooldown)."""
from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from discord.utils import format_dt


def cooldown_message(wait_seconds: float) -> str:
    """Tell the user when they may ask again (a Discord relative timestamp)."""
    when = datetime.now(timezone.utc) + timedelta(seconds=wait_seconds)
    return f"You're going a bit fast: you can ask again {format_dt(when, 'R')} (in {math.ceil(wait_seconds)}s)."
