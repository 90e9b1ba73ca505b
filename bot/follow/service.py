"""The running bot's side of alerts: scan and deliver at start-up, after ingest, and every little while."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import timedelta

from bot.core.types import Platform
from bot.follow.delivery import AlertDelivery
from bot.follow.matcher import AlertMatcher
from bot.store.db import Database

log = logging.getLogger(__name__)


class AlertService:
    def __init__(self, db: Database, matcher: AlertMatcher, *, grace: timedelta, interval_seconds: float = 30.0) -> None:
        self.db = db
        self.matcher = matcher
        self.grace = grace
        self.interval = interval_seconds
        self.delivery: AlertDelivery | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending: set[asyncio.Task[object]] = set()
        matcher.on_alerts.append(self._recorded)

    async def start(self, scheduler, outputs: Mapping) -> None:  # noqa: ANN001 - a DigestScheduler
        """Deliver what was recorded while the bot was down (oldest first, within the grace
        period), then scan and deliver every ``interval`` seconds in ``scheduler``'s loop."""
        self._loop = asyncio.get_running_loop()
        self.delivery = AlertDelivery(self.db, outputs, grace=self.grace)
        await asyncio.to_thread(self.matcher.scan)
        if set(outputs) <= {Platform.CONSOLE}:
            await self.delivery.catch_up()
        else:  # chat front ends connect after this: catch up once they have had a moment
            task = self._loop.create_task(self._catch_up_later(self.delivery, self.startup_delay))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)
        scheduler.add_interval_job(self.tick, self.interval, "alerts:tick")

    startup_delay = 10.0  # seconds

    @staticmethod
    async def _catch_up_later(delivery: AlertDelivery, delay: float) -> None:
        await asyncio.sleep(delay)
        try:
            await delivery.catch_up()
        except Exception:  # noqa: BLE001 - the next tick delivers what is due
            log.exception("alerts: catching up failed")

    async def tick(self) -> None:
        await asyncio.to_thread(self.matcher.scan)
        if self.delivery is not None:
            await self.delivery.deliver_due()

    def _recorded(self, _ids: list[int]) -> None:
        """New alerts (recorded by an ingest in a worker thread): deliver them now, not at the next tick."""
        loop, delivery = self._loop, self.delivery
        if loop is None or delivery is None or loop.is_closed():
            return

        def soon() -> None:
            task = loop.create_task(delivery.deliver_due())
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

        try:
            loop.call_soon_threadsafe(soon)
        except RuntimeError:  # the loop closed meanwhile
            pass
