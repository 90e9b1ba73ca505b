"""A local stand-in for Discord: REST over aiohttp and the gateway over a websocket.

It serves just what the newsbrief bot uses, records every REST call, and lets a
test dispatch gateway events (MESSAGE_CREATE, INTERACTION_CREATE) to the bot.
Loopback only; nothing leaves 127.0.0.1.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import zlib
from dataclasses import dataclass
from typing import Any, Callable

from aiohttp import WSMsgType, web

from bot.core.types import Command, Reply

APP_ID = 910000000000000001
BOT_ID = 910000000000000002
GUILD_ID = 920000000000000001
CHANNEL_ID = 930000000000000001
DM_CHANNEL_ID = 930000000000000099
MANAGE_GUILD = 1 << 5
SEND_MESSAGES = 1 << 11
EPOCH = "2024-01-01T00:00:00+00:00"

OP_DISPATCH, OP_HEARTBEAT, OP_IDENTIFY, OP_HELLO, OP_HEARTBEAT_ACK = 0, 1, 2, 10, 11


@dataclass
class Call:
    """One REST request the bot made."""

    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    body: Any


def user_payload(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


def member_payload(user_id: int, name: str, permissions: int) -> dict[str, Any]:
    return {
        "user": user_payload(user_id, name),
        "roles": [],
        "joined_at": EPOCH,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "permissions": str(permissions),
    }


class Recorder:
    """A canned handler: records each Command and answers with ``reply``."""

    def __init__(self, reply: Reply | None = None) -> None:
        self.reply = reply or Reply(text="ok")
        self.commands: list[Command] = []

    async def __call__(self, command: Command) -> Reply:
        self.commands.append(command)
        return self.reply


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py parses a body only for exactly "application/json" (no charset)
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


class FakeDiscord:
    """Start with ``await fake.start()``; point the bot at ``api_base`` and ``gateway_url``."""

    def __init__(self, *, advertised_gateway: str | None = None) -> None:
        self.calls: list[Call] = []
        self.forbidden_channels: set[int] = set()
        self.missing_channels: set[int] = set()
        self.identify: dict[str, Any] | None = None
        self.gateway_connections = 0
        self.gateway_query: dict[str, str] = {}
        self._advertised_gateway = advertised_gateway
        self._ids = itertools.count(940000000000000001)
        self._seq = 0
        self._ws: web.WebSocketResponse | None = None
        self._compressor: Any = None
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # server ------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[Call], bool], timeout: float = 5.0) -> Call:
        """The first recorded call matching ``predicate`` (waits for it to arrive)."""

        def found() -> Call | None:
            return next((c for c in self.calls if predicate(c)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout)
        result = found()
        assert result is not None
        return result

    def calls_to(self, method: str, prefix: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.path.startswith(prefix)]

    # REST --------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        raw = await request.read()
        body: Any = json.loads(raw) if raw and request.content_type == "application/json" else raw.decode() or None
        call = Call(request.method, path, dict(request.query), body)
        await self._record(call)
        parts = path.strip("/").split("/")
        method = request.method
        if method == "GET" and path == "/gateway/bot":
            return _json(
                {
                    "url": self._advertised_gateway or self.gateway_url,
                    "shards": 1,
                    "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
                }
            )
        if method == "GET" and path == "/users/@me":
            return _json(user_payload(BOT_ID, "newsbrief", bot=True))
        if method == "GET" and path == "/oauth2/applications/@me":
            return _json(self._application())
        if method == "PUT" and parts[0] == "applications" and parts[-1] == "commands":
            return _json([self._registered(command) for command in body])
        if method == "POST" and parts[0] == "interactions" and parts[-1] == "callback":
            return _json(self._callback(int(parts[1]), body))
        if parts[0] == "webhooks":
            if method == "DELETE":
                return web.Response(status=204)
            if method == "POST":
                return _json(self._message(CHANNEL_ID, body))
        if parts[0] == "channels":
            channel_id = int(parts[1])
            if channel_id in self.forbidden_channels:
                return _json({"message": "Missing Access", "code": 50001}, status=403)
            if channel_id in self.missing_channels:
                return _json({"message": "Unknown Channel", "code": 10003}, status=404)
            if method == "POST" and parts[-1] == "typing":
                return web.Response(status=204)
            if method == "POST" and parts[-1] == "messages":
                return _json(self._message(channel_id, body))
        return _json({"message": "404: Not Found", "code": 0}, status=404)

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "newsbrief",
            "description": "",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": user_payload(1, "owner"),
            "verify_key": "0" * 64,
            "flags": 0,
        }

    def _registered(self, command: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": str(next(self._ids)),
            "application_id": str(APP_ID),
            "version": "1",
            "type": 1,
            "description": "",
            "options": [],
            **command,
        }

    def _callback(self, interaction_id: int, body: dict[str, Any]) -> dict[str, Any]:
        flags = (body.get("data") or {}).get("flags", 0)
        return {
            "interaction": {
                "id": str(interaction_id),
                "type": 2,
                "response_message_loading": body["type"] == 5,
                "response_message_ephemeral": bool(flags & 64),
            },
            "resource": {"type": body["type"]},
        }

    def _message(self, channel_id: int, body: dict[str, Any] | None) -> dict[str, Any]:
        body = body or {}
        return {
            "id": str(next(self._ids)),
            "channel_id": str(channel_id),
            "author": user_payload(BOT_ID, "newsbrief", bot=True),
            "content": body.get("content") or "",
            "timestamp": EPOCH,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags", 0),
        }

    # gateway -----------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        self.gateway_connections += 1
        self.gateway_query = dict(request.query)
        self._compressor = zlib.compressobj() if request.query.get("compress") == "zlib-stream" else None
        await self._send({"op": OP_HELLO, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            if payload["op"] == OP_HEARTBEAT:
                await self._send({"op": OP_HEARTBEAT_ACK, "d": None, "s": None, "t": None})
            elif payload["op"] == OP_IDENTIFY:
                self.identify = payload["d"]
                await self._ready()
        return ws

    async def _send(self, payload: dict[str, Any]) -> None:
        assert self._ws is not None
        data = json.dumps(payload)
        if self._compressor is None:
            await self._ws.send_str(data)
        else:
            compressed = self._compressor.compress(data.encode()) + self._compressor.flush(zlib.Z_SYNC_FLUSH)
            await self._ws.send_bytes(compressed)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await self._send({"op": OP_DISPATCH, "t": event, "s": self._seq, "d": data})

    async def _ready(self) -> None:
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": user_payload(BOT_ID, "newsbrief", bot=True),
                "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
                "session_id": "fake-session",
                "resume_gateway_url": self.gateway_url,
                "shard": (self.identify or {}).get("shard") or [0, 1],
                "application": {"id": str(APP_ID), "flags": 0},
            },
        )
        await self.dispatch("GUILD_CREATE", self._guild())

    def _guild(self) -> dict[str, Any]:
        return {
            "id": str(GUILD_ID),
            "name": "Newsroom",
            "owner_id": "1",
            "unavailable": False,
            "member_count": 3,
            "features": [],
            "roles": [{"id": str(GUILD_ID), "name": "@everyone", "permissions": str(SEND_MESSAGES), "position": 0}],
            "channels": [
                {"id": str(CHANNEL_ID), "type": 0, "name": "news", "position": 0, "permission_overwrites": []}
            ],
            "members": [],
            "threads": [],
            "emojis": [],
            "stickers": [],
        }

    # events a test sends -----------------------------------------------------

    async def send_message(
        self, content: str, *, author_id: int = 501, dm: bool = False, mention_bot: bool = True, permissions: int = 0
    ) -> None:
        """A user posts ``content`` in the guild channel (or in a DM with the bot)."""
        data: dict[str, Any] = self._message(DM_CHANNEL_ID if dm else CHANNEL_ID, {"content": content})
        data["author"] = user_payload(author_id, f"user{author_id}")
        if mention_bot and not dm:
            data["mentions"] = [user_payload(BOT_ID, "newsbrief", bot=True)]
        if not dm:
            data["guild_id"] = str(GUILD_ID)
            member = member_payload(author_id, f"user{author_id}", permissions)
            del member["user"], member["permissions"]
            data["member"] = member
        await self.dispatch("MESSAGE_CREATE", data)

    async def send_interaction(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        user_id: int = 501,
        permissions: int = 0,
        dm: bool = False,
        autocomplete: str | None = None,
    ) -> int:
        """A user runs ``/name options`` (or types into option ``autocomplete``); returns its id."""
        interaction_id = next(self._ids)
        option_list = [
            {"name": key, "type": 4 if isinstance(value, int) else 3, "value": value, **({"focused": True} if key == autocomplete else {})}
            for key, value in (options or {}).items()
        ]
        if subcommand:
            option_list = [{"name": subcommand, "type": 1, "options": option_list}]
        data: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(APP_ID),
            "type": 4 if autocomplete else 2,
            "token": f"token-{interaction_id}",
            "version": 1,
            "data": {"id": str(next(self._ids)), "name": name, "type": 1, "options": option_list},
            "app_permissions": str(SEND_MESSAGES),
            "locale": "en-US",
            "attachment_size_limit": 8 * 1024 * 1024,
            "entitlements": [],
            "authorizing_integration_owners": {},
        }
        if dm:
            data["channel_id"] = str(DM_CHANNEL_ID)
            data["channel"] = {"id": str(DM_CHANNEL_ID), "type": 1}
            data["user"] = user_payload(user_id, f"user{user_id}")
            data["context"] = 1
        else:
            data["guild_id"] = str(GUILD_ID)
            data["channel_id"] = str(CHANNEL_ID)
            data["channel"] = {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "news"}
            data["member"] = member_payload(user_id, f"user{user_id}", permissions)
            data["context"] = 0
        await self.dispatch("INTERACTION_CREATE", data)
        return interaction_id
