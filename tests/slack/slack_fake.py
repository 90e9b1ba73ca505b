"""A local stand-in for Slack: a recording Web API on 127.0.0.1 and a client
that posts correctly signed requests to the adapter, as Slack would."""
from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

from bot.adapters.slack import SlackAdapter
from bot.core.types import Command, Reply

SECRET = "test-signing-secret"
BOT_USER = "UBOT"


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class FakeSlack:
    """Records every Web API call and ``response_url`` post; answers like Slack."""

    url: str = ""
    calls: list[Call] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    #: method -> queued (status, body, headers) answers, used before the defaults
    queued: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = field(default_factory=dict)
    #: Socket Mode: envelopes to push to the connected app, and its acks
    envelopes: list[dict[str, Any]] = field(default_factory=list)
    socket_acks: list[dict[str, Any]] = field(default_factory=list)

    def of(self, method: str) -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]

    async def wait(self, method: str, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        async with asyncio.timeout(timeout):
            while len(self.of(method)) < count:
                await asyncio.sleep(0.01)
        return self.of(method)

    def default(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": "T1", "user": "newsbrief"}
        if method == "users.info":
            uid = params.get("user", "")
            return {"ok": True, "user": {"id": uid, **self.users.get(uid, {})}}
        if method == "usergroups.users.list":
            return {"ok": True, "users": self.groups.get(params.get("usergroup", ""), [])}
        if method == "usergroups.list":
            return {"ok": True, "usergroups": [{"id": g, "handle": g.lower()} for g in self.groups]}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.url.replace("http://", "ws://") + "/socket"}
        if method == "chat.postMessage":
            return {"ok": True, "channel": params.get("channel"), "ts": f"{time.time():.6f}"}
        return {"ok": True}

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            params.update(await request.post())
        if isinstance(params.get("blocks"), str):
            params["blocks"] = json.loads(params["blocks"])
        self.calls.append(Call(method, params))
        if self.queued.get(method):
            status, body, headers = self.queued[method].pop(0)
            return web.json_response(body, status=status, headers=headers)
        return web.json_response(self.default(method, params))

    async def socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode: say hello, push the queued envelopes, record acks."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}})
        for envelope in self.envelopes:
            await ws.send_json(envelope)
        async for msg in ws:
            self.socket_acks.append(json.loads(msg.data))
        return ws

    async def response_url(self, request: web.Request) -> web.Response:
        self.calls.append(Call("response_url", await request.json()))
        return web.Response(text="ok")


class Recorder:
    """A test ``Handler``: records commands and returns a canned (or computed) reply."""

    def __init__(self, reply: Reply | Callable[[Command], Awaitable[Reply]] = Reply(text="ok")) -> None:
        self.reply = reply
        self.commands: list[Command] = []

    async def __call__(self, cmd: Command) -> Reply:
        self.commands.append(cmd)
        return await self.reply(cmd) if callable(self.reply) else self.reply


@dataclass
class SlackClient:
    """Posts signed slash commands and events to a running adapter."""

    adapter: SlackAdapter
    fake: FakeSlack
    session: aiohttp.ClientSession

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.adapter.port}/slack/events"

    async def post(
        self, body: str, content_type: str, *, timestamp: int | None = None, secret: str = SECRET,
        headers: dict[str, str] | None = None,
    ) -> aiohttp.ClientResponse:
        ts = str(timestamp if timestamp is not None else int(time.time()))
        signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
        sent = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
            **(headers or {}),
        }
        async with self.session.post(self.endpoint, data=body.encode(), headers=sent) as resp:
            await resp.read()
            return resp

    async def slash(self, text: str, *, command: str = "/newsbrief", user: str = "U1",
                    channel: str = "C1", **kw: Any) -> aiohttp.ClientResponse:
        form = {
            "token": "legacy", "team_id": "T1", "team_domain": "test", "channel_id": channel,
            "channel_name": "general", "user_id": user, "user_name": "alice", "command": command,
            "text": text, "api_app_id": "A1", "trigger_id": "1.2.3",
            "response_url": f"{self.fake.url}/response/1",
        }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded", **kw)

    async def event(self, event: dict[str, Any], *, event_id: str = "Ev1", **kw: Any) -> aiohttp.ClientResponse:
        body = {
            "token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
            "event_id": event_id, "event_time": int(time.time()), "event": {"event_ts": event.get("ts"), **event},
            "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}],
        }
        return await self.post(json.dumps(body), "application/json", **kw)
