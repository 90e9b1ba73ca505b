"""Slack front end on slack-bolt's ``AsyncApp``: a thin translator to the core.

Slash commands (``/newsbrief …``, ``/ask …``), app mentions (answered in a
thread) and direct messages become ``Command``s read by the shared text grammar;
the ``Reply`` is rendered as Block Kit. Every request is acknowledged at once and
answered afterwards (``respond`` for slash commands, ``chat.postMessage``
otherwise). Socket Mode when an app-level token is given, else HTTP mode with
Bolt verifying request signatures on ``/slack/events``.
"""
from __future__ import annotations

import asyncio
import logging
import math
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Awaitable, Callable

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp, AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.base import StartupError
from bot.adapters.slack.access import ManagerCheck
from bot.adapters.slack.inbound import to_plain
from bot.adapters.slack.outbox import Outbox
from bot.adapters.slack.render import SlackMessage, render
from bot.core.commands import ParseError, parse
from bot.core.errors import DestinationGone
from bot.core.types import (
    MANAGE_COMMANDS,
    Command,
    Destination,
    Handler,
    Platform,
    Reply,
    User,
)

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
#: ``response_url`` accepts at most five posts per slash command.
MAX_RESPONSES = 5
FAILED = "Sorry, that failed. The details are in the bot's log."
#: How long start-up may take (token check, Socket Mode connection) before it is a failure.
START_TIMEOUT = 30.0

Deliver = Callable[[Reply], Awaitable[None]]


class SlackAdapter:
    """``ChatAdapter`` for Slack (see ``bot.adapters.base``)."""

    platform = Platform.SLACK

    def __init__(
        self,
        *,
        bot_token: str,
        app_token: str | None = None,
        signing_secret: str | None = None,
        port: int = 3000,
        host: str = "0.0.0.0",
        api_url: str | None = None,
        admin_group: str | None = None,
        post_interval: float = 1.0,
        rate_limit_retries: int = 3,
    ) -> None:
        if not app_token and not signing_secret:
            raise ValueError("Slack needs an app token (Socket Mode) or a signing secret (HTTP mode)")
        base_url = (api_url or AsyncWebClient.BASE_URL).rstrip("/") + "/"
        self.client = AsyncWebClient(
            token=bot_token,
            base_url=base_url,
            retry_handlers=[
                AsyncConnectionErrorRetryHandler(),
                AsyncRateLimitErrorRetryHandler(max_retry_count=rate_limit_retries),
            ],
        )
        self.app = AsyncApp(client=self.client, signing_secret=signing_secret or "", name="newsbrief")
        self._app_token = app_token
        self._host = host
        self.port = port  # the bound port once started (useful with port=0)
        self._access = ManagerCheck(self.client, admin_group)
        self._outbox = Outbox(self.client, interval=post_interval)
        self._seen_events: OrderedDict[str, None] = OrderedDict()
        self._handle: Handler | None = None
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._register()

    # -- lifecycle -------------------------------------------------------------

    async def start(self, handle: Handler) -> None:
        """Check the bot token, then connect (Socket Mode) or listen (HTTP); ``StartupError``
        in one line when Slack refuses a token or cannot be reached."""
        self._handle = handle
        await self._started(self.client.auth_test(), "SLACK_BOT_TOKEN",
                            "copy the app's Bot User OAuth Token (xoxb-...) from OAuth & Permissions")
        if self._app_token:
            # Checked here: the Socket Mode client itself logs a refused app token and retries forever.
            fix = "create an app-level token with connections:write (xapp-...) under Basic Information"
            await self._started(self.client.apps_connections_open(app_token=self._app_token), "SLACK_APP_TOKEN", fix)
            self._socket = AsyncSocketModeHandler(self.app, self._app_token)
            await self._started(self._socket.connect_async(), "SLACK_APP_TOKEN", fix)
            log.info("slack: connected in Socket Mode")
            return
        self._runner = web.AppRunner(self.app.web_app(path=EVENTS_PATH, port=self.port))
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.info("slack: HTTP mode, listening on %s:%s%s", self._host, self.port, EVENTS_PATH)

    async def _started(self, step: Any, token: str, fix: str) -> None:
        where = self.client.base_url
        try:
            await asyncio.wait_for(step, timeout=START_TIMEOUT)
        except SlackApiError as exc:
            said = exc.response.get("error") if exc.response is not None else None
            await self.stop()
            raise StartupError(f"Slack rejected {token} ({said or exc}): {fix}, then set {token}.") from None
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
            await self.stop()
            what = f"{type(exc).__name__}: {exc}".rstrip(": ") if str(exc) else type(exc).__name__
            raise StartupError(f"cannot reach Slack at {where} ({what}): check the network or proxy"
                               f"{' and slack_api_url' if where != AsyncWebClient.BASE_URL else ''}.") from None

    async def stop(self) -> None:
        if self._socket:
            await self._socket.close_async()
            self._socket = None
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    async def send(self, destination: Destination, reply: Reply) -> None:
        """Post a reply (e.g. a scheduled digest); raises ``DestinationGone``."""
        for message in render(reply):
            await self._post(destination.channel, message, thread_ts=destination.thread)

    # -- Bolt wiring -----------------------------------------------------------

    def _register(self) -> None:
        self.app.middleware(self._drop_retries)
        self.app.command("/newsbrief")(self._on_slash)
        self.app.command("/ask")(self._on_slash)
        self.app.event("app_mention")(self._on_mention)
        self.app.event("message")(self._on_message)

    async def _drop_retries(self, req: AsyncBoltRequest, resp: BoltResponse, next: Any) -> Any:
        """Slack re-sends events it thinks were lost; the first delivery is
        already being answered, so retries are acknowledged and dropped."""
        if req.headers.get("x-slack-retry-num"):
            return BoltResponse(status=200, body="")
        event_id = req.body.get("event_id") if isinstance(req.body, dict) else None
        if event_id:
            if event_id in self._seen_events:
                return BoltResponse(status=200, body="")
            self._seen_events[event_id] = None
            if len(self._seen_events) > 1000:
                self._seen_events.popitem(last=False)
        return await next()

    async def _on_slash(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        name = body.get("command", "/newsbrief").lstrip("/")
        text = to_plain(body.get("text") or "")
        channel = body.get("channel_id", "")
        destination = Destination(Platform.SLACK, channel, body.get("team_id"))
        is_dm = channel.startswith("D") or body.get("channel_name") == "directmessage"

        async def deliver(reply: Reply) -> None:
            kind = "ephemeral" if reply.ephemeral else "in_channel"
            messages = render(reply)
            if len(messages) > MAX_RESPONSES:
                log.warning("slack: reply cut from %d to %d messages", len(messages), MAX_RESPONSES)
            for message in messages[:MAX_RESPONSES]:
                result = await respond(response_type=kind, replace_original=False, **message.payload())
                if result.status_code != 200:
                    log.warning("slack: response_url answered %s: %s", result.status_code, result.body)

        user = User(body.get("user_id", ""), body.get("user_name", ""))
        await self._run(f"{name} {text}" if text else "help", user, destination, is_dm, deliver)

    async def _on_mention(self, event: dict[str, Any], context: Any) -> None:
        text = to_plain(event.get("text") or "", bot_user_id=context.get("bot_user_id")) or "help"
        thread = event.get("thread_ts") or event.get("ts")
        await self._answer_event(event, text, thread=thread, is_dm=False)

    async def _on_message(self, event: dict[str, Any], context: Any) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        text = to_plain(event.get("text") or "", bot_user_id=context.get("bot_user_id"))
        if text:
            await self._answer_event(event, text, thread=event.get("thread_ts"), is_dm=True)

    async def _answer_event(self, event: dict[str, Any], text: str, *, thread: str | None, is_dm: bool) -> None:
        channel, user_id = event.get("channel", ""), event.get("user", "")
        destination = Destination(Platform.SLACK, channel, event.get("team"), thread)

        async def deliver(reply: Reply) -> None:
            ephemeral_to = user_id if reply.ephemeral and not is_dm else None
            for message in render(reply):
                await self._post(channel, message, thread_ts=thread, ephemeral_to=ephemeral_to)

        await self._run(text, User(user_id), destination, is_dm, deliver)

    # -- the one path every request takes -------------------------------------

    async def _run(self, text: str, user: User, destination: Destination, is_dm: bool, deliver: Deliver) -> None:
        try:
            reply = await self._reply(text, user, destination, is_dm)
            await deliver(reply)
        except DestinationGone as exc:
            log.warning("slack: cannot answer: %s", exc)
        except Exception:
            log.exception("slack: failed to answer %r in %s", text[:200], destination.channel)

    async def _reply(self, text: str, user: User, destination: Destination, is_dm: bool) -> Reply:
        try:
            cmd = parse(text, user=user, destination=destination, is_dm=is_dm)
        except ParseError as exc:
            return Reply(text=str(exc), error=True, ephemeral=True)
        if cmd.kind in MANAGE_COMMANDS:
            cmd = replace(cmd, user=replace(user, can_manage=await self._access.can_manage(user.id)))
        reply = await self._call(cmd)
        if reply.retry_after:  # the core's per-user cooldown
            return replace(reply, text=f"Please wait {math.ceil(reply.retry_after)} s before your next request.",
                           ephemeral=True)
        return reply

    async def _call(self, cmd: Command) -> Reply:
        if self._handle is None:
            raise RuntimeError("SlackAdapter.start() was not called")
        try:
            return await self._handle(cmd)
        except Exception:
            log.exception("slack: command %s failed", cmd.kind.value)
            return Reply(text=FAILED, error=True, ephemeral=True)

    async def _post(
        self, channel: str, message: SlackMessage, *, thread_ts: str | None = None, ephemeral_to: str | None = None
    ) -> None:
        await self._outbox.post(
            channel,
            ephemeral_to=ephemeral_to,
            thread_ts=thread_ts,
            **message.payload(),
        )


def build_slack_adapter(settings: "Settings") -> SlackAdapter:
    """The adapter as configured: Socket Mode when ``SLACK_APP_TOKEN`` is set."""

    def secret(value: Any) -> str | None:
        return value.get_secret_value() if value is not None else None

    bot_token = secret(settings.slack_bot_token)
    if not bot_token:
        raise ValueError("SLACK_BOT_TOKEN is not set")
    return SlackAdapter(
        bot_token=bot_token,
        app_token=secret(settings.slack_app_token),
        signing_secret=secret(settings.slack_signing_secret),
        port=settings.slack_port,
        api_url=settings.slack_api_url,
        admin_group=settings.slack_admin_group,
    )
