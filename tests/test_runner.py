"""The runner picks front ends from the environment and serves console digests in every mode."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.adapters.console import ConsoleAdapter
from bot.app import build_app
from bot.core.types import Platform
from bot.runner import build_adapters, start_scheduler
from bot.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_both_chat_front_ends_are_built_when_both_tokens_are_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "x" * 30)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s" * 32)
    app = build_app(load_settings(ROOT / "config" / "newsbrief.yaml", database_url=f"sqlite:///{tmp_path}/r.db"))
    adapters = build_adapters(app)
    assert set(adapters) == {Platform.DISCORD, Platform.SLACK}


def test_no_token_means_no_chat_front_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(var, raising=False)
    app = build_app(load_settings(ROOT / "config" / "newsbrief.yaml", database_url=f"sqlite:///{tmp_path}/r.db"))
    assert build_adapters(app) == {}


async def test_the_sample_schedule_posts_a_console_digest_once(sample_app) -> None:  # noqa: ANN001
    out = io.StringIO()
    console = ConsoleAdapter(stdout=out, interactive=False)
    scheduler = await start_scheduler(sample_app, {Platform.CONSOLE: console})
    try:
        subs = list(scheduler.next_run_times())
        assert subs, "the sample config declares a console demo subscription"
        slot = datetime.now(timezone.utc).replace(second=0, microsecond=0) + timedelta(minutes=1)
        first = await scheduler.run_slot(subs[0], slot)
        again = await scheduler.run_slot(subs[0], slot)
    finally:
        await scheduler.stop()
    assert first == "posted" and again != "posted"
    text = out.getvalue()
    assert text.count("[digest for console:demo]") == 1
    assert "Netanyahu in Moscow" in text
