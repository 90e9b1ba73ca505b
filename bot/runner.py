"""Starts the configured front ends and the scheduler in one event loop."""
from __future__ import annotations

import asyncio
import logging
import signal

from bot.adapters.base import ChatAdapter
from bot.adapters.console import ConsoleAdapter
from bot.app import App
from bot.core.types import Platform

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
    if console is not None:
        outputs[Platform.CONSOLE] = console
    scheduler = None
    try:
        from bot.runner_scheduler import start_scheduler

        scheduler = await start_scheduler(app, outputs)
    except ImportError:
        log.info("scheduler not available")
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
    if scheduler is not None:
        await scheduler.stop()
    for adapter in outputs.values():
        await adapter.stop()
