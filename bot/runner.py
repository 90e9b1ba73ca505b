"""Starts the configured front ends and the scheduler in one event loop.

Stopping: SIGTERM or Ctrl-C (SIGINT) ends every mode within ``STOP_SECONDS``, also while
a front end is still connecting or retrying. Front ends and the scheduler get
``STOP_GRACE`` seconds to close; work still running in threads then (a feed poll, a
question) is abandoned: each article is stored in one transaction, so an abandoned one
leaves nothing half-written, and a digest slot claimed but not posted is retried by the
stale-claim rule. A front end that cannot start ends the run with one line (which token,
what the platform said, what to do) and exit status 1.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Awaitable

from sqlalchemy import select

from bot.adapters.base import ChatAdapter, StartupError
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

#: A signal to exit, at most (the acceptance bound is 5 s).
STOP_SECONDS = 5.0
#: What front ends and the scheduler get to close cleanly.
STOP_GRACE = 3.0


class Stopped(Exception):
    """SIGTERM or SIGINT arrived before start-up finished."""


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


async def _unless_stopped(work: Awaitable[object], stop: asyncio.Event) -> None:
    """Await ``work`` unless ``stop`` is set first (then ``work`` is cancelled: ``Stopped``)."""
    task = asyncio.ensure_future(work)
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(BaseException):
            await asyncio.wait_for(task, timeout=1.0)
        raise Stopped
    task.result()


def _install_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    hits = {"n": 0}

    def on_signal(sig: signal.Signals) -> None:
        hits["n"] += 1
        if hits["n"] > 1:  # a second Ctrl-C: leave now
            os._exit(130)
        log.info("%s: stopping", sig.name)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, on_signal, sig)
        except (NotImplementedError, RuntimeError):
            pass


async def run_forever(app: App, stop: asyncio.Event | None = None) -> None:
    """Run until ``stop`` (SIGTERM/SIGINT) or the console's end; ``StartupError`` if a front end
    cannot start. Always closes what was started, within ``STOP_GRACE``."""
    stop = stop or asyncio.Event()
    _install_signals(stop)
    adapters = build_adapters(app)
    console = ConsoleAdapter() if not adapters else None
    outputs: dict[Platform, ChatAdapter] = dict(adapters)
    # Digests for console:* channels print to stdout, also when chat front ends run.
    outputs[Platform.CONSOLE] = console or ConsoleAdapter(interactive=False)
    scheduler: DigestScheduler | None = None
    started: list[ChatAdapter] = []
    try:
        await _unless_stopped(asyncio.to_thread(app.ingestor.repair), stop)
        scheduler = await start_scheduler(app, outputs)
        for name, adapter in adapters.items():
            log.info("starting %s", name.value)
            started.append(adapter)
            await _unless_stopped(adapter.start(app.core.handle), stop)
        if console is not None:
            print("newsbrief console: no DISCORD_TOKEN or SLACK_BOT_TOKEN set. Type `help`, or `quit` to leave.")
            started.append(console)
            await console.start(app.core.handle)
            await _unless_stopped(console.closed.wait(), stop)
        else:
            await stop.wait()
    except Stopped:
        pass
    finally:
        await _close(scheduler, started + [outputs[Platform.CONSOLE]])


async def _close(scheduler: DigestScheduler | None, adapters: list[ChatAdapter]) -> None:
    async def close_all() -> None:
        if scheduler is not None:
            await scheduler.stop()
        for adapter in dict.fromkeys(adapters):
            try:
                await adapter.stop()
            except Exception as exc:  # noqa: BLE001 - closing the others matters more
                log.warning("stopping %s failed: %s", type(adapter).__name__, exc)

    try:
        await asyncio.wait_for(close_all(), timeout=STOP_GRACE)
    except asyncio.TimeoutError:
        log.warning("front ends did not close within %.0f s; leaving anyway", STOP_GRACE)


def serve(app: App) -> int:
    """``newsbrief run``: 0 after a stop signal or the console's end, 1 when start-up failed
    (reported in one line on stderr). Never waits for abandoned worker threads."""
    loop = asyncio.new_event_loop()
    code = 0
    try:
        loop.run_until_complete(run_forever(app))
    except StartupError as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:  # Ctrl-C before the handlers were installed
        code = 130
    finally:
        _cancel_leftovers(loop)
        loop.close()  # does not wait for the default executor's threads
    _exit_without_waiting(code)
    return code


def _cancel_leftovers(loop: asyncio.AbstractEventLoop) -> None:
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        with contextlib.suppress(BaseException):
            loop.run_until_complete(asyncio.wait(pending, timeout=0.5))


def _exit_without_waiting(code: int) -> None:
    """Worker threads still busy (a poll, a question, a blocked stdin read) would hold the
    interpreter's exit until they finish: leave now, their transactions roll back."""
    busy = [t for t in threading.enumerate() if t is not threading.current_thread() and not t.daemon and t.is_alive()]
    if busy:
        log.info("leaving %d busy worker thread(s) behind", len(busy))
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
