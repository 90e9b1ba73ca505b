"""Starts the configured front ends and the scheduler in one event loop."""
from __future__ import annotations

import asyncio
import logging
import signal

from sqlalchemy import select

from bot.adapters.base import ChatAdapter
from bot.adapters.console import ConsoleAdapter
from bot.app import App
from bot.core.types import Platform
from bot.digest.scheduled import ScheduledDigest
from bot.digest.scheduler import DigestScheduler
from bot.digest.subscriptions import sync_channels
from bot.settings import FeedConfig
from bot.store.db import Database
from bot.store.models import Feed

log = logging.getLogger(__name__)


def build_adapters(app: App) -> dict[Platform, ChatAdapter]:
    s = app.settings
    adapters: dict[Platform, ChatAdapter] = {}
    if s.discord_token is not None:
        from bot.adapters.discord import build_discord_adapter

        adapters[Platform.DISCORD] = build_discord_adapter(s)
    if s.slack_bot_token is not None:
        from bot.adapters.slack import build_slack_adapter

        adapters[Platform.SLACK] = build_slack_adapter(s)
    return adapters


def sync_feeds(db: Database, feeds: list[FeedConfig]) -> None:
    """Feeds declared in the configuration file are polled like the ones added from chat."""
    with db.session() as s:
        known = {f.url: f for f in s.scalars(select(Feed))}
        for cfg in feeds:
            row = known.get(cfg.url)
            if row is None:
                s.add(Feed(url=cfg.url, name=cfg.name, interval_minutes=cfg.interval_minutes, added_by="config"))
            else:
                row.interval_minutes = cfg.interval_minutes
                row.name = cfg.name or row.name


async def start_scheduler(app: App, outputs: dict[Platform, ChatAdapter]) -> DigestScheduler:
    sync_channels(app.db, app.settings.channels)
    sync_feeds(app.db, app.settings.feeds)
    scheduler = DigestScheduler(
        app.db,
        adapters=outputs,
        build_digest=ScheduledDigest(app.db, app.digests, app.settings.limits.digest_stories),
        ingestor=app.ingestor,
        limits=app.settings.limits,
        post_empty=app.settings.post_empty_digest,
    )
    loop = asyncio.get_running_loop()
    # Commands run in worker threads; the scheduler's jobs are changed on the loop only.
    app.subscriptions.on_change.append(lambda: loop.call_soon_threadsafe(scheduler.refresh))
    await scheduler.start()
    if app.alerts is not None:  # follows: alerts recorded while the bot was down, then every 30 s
        await app.alerts.start(scheduler, outputs)
    return scheduler


async def run_forever(app: App) -> None:
    adapters = build_adapters(app)
    console = ConsoleAdapter() if not adapters else None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    outputs: dict[Platform, ChatAdapter] = dict(adapters)
    # Digests for console:* channels print to stdout, also when chat front ends run.
    outputs[Platform.CONSOLE] = console or ConsoleAdapter(interactive=False)
    scheduler = await start_scheduler(app, outputs)
    for name, adapter in adapters.items():
        log.info("starting %s", name.value)
        await adapter.start(app.core.handle)
    if console is not None:
        print("newsbrief console: no DISCORD_TOKEN or SLACK_BOT_TOKEN set. Type `help`, or `quit` to leave.")
        await console.start(app.core.handle)
        waiter = asyncio.create_task(console.closed.wait())
        stopper = asyncio.create_task(stop.wait())
        await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
    else:
        await stop.wait()
    await scheduler.stop()
    for adapter in outputs.values():
        await adapter.stop()
