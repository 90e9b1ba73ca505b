"""Fixtures: a fake Discord on loopback and a DiscordAdapter connected to it.

(No ``__init__.py`` here on purpose: a package named ``discord`` under tests/
would shadow discord.py.)
"""
from __future__ import annotations

from typing import AsyncIterator, Awaitable, Callable

import pytest
from fake_discord import FakeDiscord

from bot.adapters.discord import DiscordAdapter
from bot.core.types import Handler

Connect = Callable[..., Awaitable[DiscordAdapter]]


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def connect(fake: FakeDiscord) -> AsyncIterator[Connect]:
    """``await connect(handler, **adapter_options)`` -> a started adapter on ``fake``."""
    started: list[DiscordAdapter] = []

    async def _connect(handler: Handler, **options: object) -> DiscordAdapter:
        adapter = DiscordAdapter(
            "fake-token",
            api_base=fake.api_base,
            gateway=fake.gateway_url,
            guild_ready_timeout=0.05,
            ready_timeout=10,
            **options,
        )
        await adapter.start(handler)
        started.append(adapter)
        return adapter

    yield _connect
    for adapter in started:
        await adapter.stop()
