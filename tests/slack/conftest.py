"""Fixtures: a recording stand-in for Slack's Web API and a running HTTP-mode adapter."""
from __future__ import annotations

from typing import Any, AsyncIterator, Awaitable, Callable

import aiohttp
import pytest
from aiohttp import web
from slack_fake import SECRET, FakeSlack, SlackClient

from bot.adapters.slack import SlackAdapter


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    app = web.Application()
    app.router.add_route("*", "/api/{method}", fake.api)
    app.router.add_post("/response/{id}", fake.response_url)
    app.router.add_get("/socket", fake.socket)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    fake.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield fake
    await runner.cleanup()


@pytest.fixture
async def slack(fake_slack: FakeSlack) -> AsyncIterator[Callable[..., Awaitable[SlackClient]]]:
    """``await slack(handler, **adapter_options)`` -> a client for a running HTTP-mode adapter."""
    adapters: list[SlackAdapter] = []
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    async def start(handler: Any, **options: Any) -> SlackClient:
        settings = {"post_interval": 0, **options}
        adapter = SlackAdapter(
            bot_token="xoxb-test", signing_secret=SECRET, port=0, host="127.0.0.1",
            api_url=f"{fake_slack.url}/api/", **settings,
        )
        await adapter.start(handler)
        adapters.append(adapter)
        return SlackClient(adapter, fake_slack, session)

    yield start
    for adapter in adapters:
        await adapter.stop()
    await session.close()
