"""One bot process for the delivery tests: start-up as `newsbrief run` does it (scheduler, alert
catch-up) with the console as the only front end, then stop. Prints each alert message it
posts; the last line is the JSON list of alert ids this process delivered.

    python alert_bot_process.py DATABASE_URL START_AT_EPOCH
"""
from __future__ import annotations

import asyncio
import io
import json
import sys
import time
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bot.adapters.console import ConsoleAdapter  # noqa: E402
from bot.app import build_app  # noqa: E402
from bot.core.types import Platform  # noqa: E402
from bot.follow.models import FollowAlert  # noqa: E402
from bot.runner import start_scheduler  # noqa: E402
from bot.settings import load_settings  # noqa: E402


async def main(url: str, start_at: float) -> None:
    app = build_app(load_settings(ROOT / "config" / "newsbrief.yaml", database_url=url))
    out = io.StringIO()
    await asyncio.sleep(max(0.0, start_at - time.time()))  # both processes start at once
    scheduler = await start_scheduler(app, {Platform.CONSOLE: ConsoleAdapter(stdout=out, interactive=False)})
    await asyncio.sleep(0.5)
    await scheduler.stop()
    with app.db.session() as s:
        delivered = list(s.scalars(select(FollowAlert.id).where(FollowAlert.claimed_by == app.alerts.delivery.instance_id,
                                                                FollowAlert.status == "delivered")))
    print(out.getvalue())
    print(json.dumps(delivered))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2])))
