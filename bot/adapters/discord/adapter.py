"""Discord front end: slash commands, mentions and DMs -> Command -> handler -> Reply.

A thin translator over discord.py's ``AutoShardedClient`` (one process runs the
shards the gateway recommends, or ``shard_ids`` of ``shard_count`` when several
processes share one database). Events are dispatched by discord.py as tasks, so
slow handlers never hold up the gateway heartbeat; CPU work is the core's job.
"""
from __future__ import annotations

import asyncio
from dataclasses import replace
import contextlib
import logging
import re
from typing import Any

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.adapters.base import StartupError
from bot.adapters.discord.commands import build_tree, can_manage
from bot.adapters.discord.cooldown import cooldown_message
from bot.adapters.discord.render import NO_MENTIONS, OutMessage, render
from bot.core.commands import ParseError, parse
from bot.core.errors import DestinationGone, UserError
from bot.core.types import Command, CommandKind, Destination, Handler, Platform, Reply, User

log = logging.getLogger(__name__)

API_VERSION_PATH = "/api/v10"
FAILED = "Sorry, that didn't work. The details were logged; please try again later."
NEED_MANAGE = "You need the Manage Server permission to change this server's newsbrief setup."
TOO_SLOW = "Sorry, that took too long to answer. Please try a narrower question."
#: Discord accepts follow-ups for 15 minutes after an interaction; answer before that.
FOLLOWUP_WINDOW_SECONDS = 14 * 60

#: What the bot needs in a channel: view, send, embed links, read history, send in threads.
BOT_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True, send_messages_in_threads=True
)

#: Answers only the asking user sees (the deferral is ephemeral from the start).
PRIVATE_KINDS = frozenset(
    {CommandKind.HELP, CommandKind.SETTINGS, CommandKind.FEEDS_ADD, CommandKind.FEEDS_REMOVE, CommandKind.FEEDS_LIST}
)


def intents(message_content: bool) -> discord.Intents:
    """Guilds, guild and DM messages; message content only if asked for (privileged).

    Discord delivers the content of messages that mention the bot and of DMs
    without the privileged intent, so mentions and DMs work either way.
    """
    chosen = discord.Intents.none()
    chosen.guilds = chosen.guild_messages = chosen.dm_messages = True
    chosen.message_content = message_content
    return chosen


def _rest_base(api_base: str) -> str:
    base = api_base.rstrip("/")
    return base if re.search(r"/api/v\d+$", base) else base + API_VERSION_PATH


class _Client(discord.AutoShardedClient):
    def __init__(self, adapter: "DiscordAdapter", **options: Any) -> None:
        super().__init__(**options)
        self._adapter = adapter

    async def setup_hook(self) -> None:
        await self._adapter._setup()

    async def on_message(self, message: discord.Message) -> None:
        await self._adapter._on_message(message)


class DiscordAdapter:
    """ChatAdapter for Discord (see ``bot.adapters.base.ChatAdapter``)."""

    platform = Platform.DISCORD

    def __init__(
        self,
        token: str,
        *,
        api_base: str | None = None,
        gateway: str | None = None,
        shard_count: int | None = None,
        shard_ids: list[int] | None = None,
        message_content: bool = False,
        sync_commands: bool | None = None,
        ready_timeout: float = 60.0,
        answer_timeout: float = FOLLOWUP_WINDOW_SECONDS,
        **client_options: Any,
    ) -> None:
        """``api_base``/``gateway`` point discord.py elsewhere (tests, proxies).

        ``shard_count``/``shard_ids`` split the shards over several processes;
        ``sync_commands`` defaults to "this process runs shard 0". Other
        ``client_options`` go to ``discord.AutoShardedClient`` (e.g. ``guild_ready_timeout``).
        """
        self._token = token
        self._api_base = _rest_base(api_base) if api_base else None
        self._gateway = gateway
        self._sync_commands = sync_commands if sync_commands is not None else (not shard_ids or 0 in shard_ids)
        self._ready_timeout = ready_timeout
        self._answer_timeout = answer_timeout
        options: dict[str, Any] = {"max_messages": None, **client_options}
        if shard_count is not None:
            options.update(shard_count=shard_count, shard_ids=shard_ids)
        self._client_options = options
        self._message_content = message_content
        self._handle: Handler | None = None
        self._client: _Client | None = None
        self._tree: app_commands.CommandTree | None = None
        self._task: asyncio.Task[None] | None = None
        self._saved_endpoints: tuple[str, yarl.URL] | None = None

    # lifecycle ---------------------------------------------------------------

    async def start(self, handle: Handler) -> None:
        """Log in, sync the slash commands, connect the shards; return once ready."""
        self._handle = handle
        self._point_endpoints()
        client = _Client(
            self, intents=intents(self._message_content), allowed_mentions=NO_MENTIONS, **self._client_options
        )
        self._client = client
        self._tree = build_tree(client, self._on_command)
        self._tree.error(self._on_command_error)
        self._task = asyncio.create_task(client.start(self._token), name="discord-client")
        self._task.add_done_callback(self._report_exit)
        ready = asyncio.create_task(client.wait_until_ready())
        done, _ = await asyncio.wait({self._task, ready}, timeout=self._ready_timeout, return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            failure = self._task.exception() if self._task in done else None
            await self.stop()
            raise StartupError(self._startup_failure(failure)) from None
        log.info("Discord bot ready as %s (%s shard(s))", client.user, client.shard_count)
        if client.application_id:
            invite = discord.utils.oauth_url(
                client.application_id, permissions=BOT_PERMISSIONS, scopes=("bot", "applications.commands")
            )
            log.info("invite the bot with %s", invite)

    def _report_exit(self, task: asyncio.Task[None]) -> None:
        _report_exit(task, starting=self._client is not None and not self._client.is_ready())

    def _startup_failure(self, failure: BaseException | None) -> str:
        """One line: what Discord said and what to do."""
        said = str(failure).strip().splitlines()[0] if failure is not None and str(failure).strip() else ""
        if failure is None:
            return (f"Discord's gateway was not ready within {self._ready_timeout:g} s: check the network "
                    "(and discord_gateway / discord_api_base when set).")
        if isinstance(failure, discord.LoginFailure):
            return (f"Discord rejected DISCORD_TOKEN ({said or 'invalid token'}): copy the bot token from the "
                    "Developer Portal (Applications > your app > Bot > Reset Token), then set DISCORD_TOKEN.")
        if isinstance(failure, discord.PrivilegedIntentsRequired):
            return ("Discord refused the message content intent: enable it under Bot > Privileged Gateway "
                    "Intents in the Developer Portal, or set discord_message_content: false.")
        if isinstance(failure, discord.HTTPException):
            return (f"Discord answered HTTP {failure.status} at start-up ({said}): check DISCORD_TOKEN and the "
                    "bot's application in the Developer Portal.")
        if isinstance(failure, (OSError, aiohttp.ClientError, asyncio.TimeoutError)):
            where = self._api_base or "discord.com"
            return (f"cannot reach Discord at {where} ({type(failure).__name__}{': ' + said if said else ''}): "
                    "check the network or proxy.")
        return f"the Discord bot failed to start ({type(failure).__name__}{': ' + said if said else ''})."

    async def stop(self) -> None:
        if self._client is not None and not self._client.is_closed():
            await self._client.close()
        if self._task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._task, timeout=10)
        self._restore_endpoints()

    def _point_endpoints(self) -> None:
        """discord.py has no per-client base URL; its class attributes are the knobs."""
        if not (self._api_base or self._gateway) or self._saved_endpoints is not None:
            return
        self._saved_endpoints = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        if self._api_base:
            Route.BASE = self._api_base
        if self._gateway:
            DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self._gateway)

    def _restore_endpoints(self) -> None:
        if self._saved_endpoints is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved_endpoints
            self._saved_endpoints = None

    async def _setup(self) -> None:
        """Runs after login, before the gateway connects."""
        client = self._client
        assert client is not None and self._tree is not None
        if self._gateway and client.shard_count is None:
            # With a known shard count discord.py connects to DEFAULT_GATEWAY (ours)
            # rather than to the URL that /gateway/bot advertises.
            client.shard_count, _, _ = await client.http.get_bot_gateway()
        if self._sync_commands:
            synced = await self._tree.sync()
            log.info("synced %d slash commands", len(synced))

    # scheduled digests -------------------------------------------------------

    async def send(self, destination: Destination, reply: Reply) -> None:
        """Post ``reply`` to a channel; ``DestinationGone`` if the bot may no longer."""
        if self._client is None:
            raise RuntimeError("DiscordAdapter.send() before start()")
        target = destination.thread or destination.channel
        if not target.isdigit():
            raise DestinationGone(f"{target!r} is not a Discord channel id")
        channel_id = int(target)
        guild_id = int(destination.workspace) if destination.workspace and destination.workspace.isdigit() else None
        channel = self._client.get_partial_messageable(channel_id, guild_id=guild_id)
        try:
            for message in render(reply):
                await channel.send(**_send_kwargs(message))
        except (discord.Forbidden, discord.NotFound) as exc:
            raise DestinationGone(f"Discord channel {channel_id}: {exc.status} {exc.text}".strip()) from exc

    # slash commands ----------------------------------------------------------

    async def _on_command(self, interaction: discord.Interaction, kind: CommandKind, options: dict[str, Any]) -> None:
        private = kind in PRIVATE_KINDS
        await interaction.response.defer(thinking=True, ephemeral=private)
        name = interaction.command.qualified_name if interaction.command else kind.value
        command = Command(
            kind,
            {key: str(value) for key, value in options.items() if value is not None and value != ""},
            User(str(interaction.user.id), interaction.user.display_name, can_manage(interaction)),
            _destination(interaction.channel_id, interaction.guild_id),
            is_dm=interaction.guild_id is None,
            raw_text=f"/{name}",
        )
        reply = await self._answer(command)
        ephemeral = private or reply.ephemeral
        if ephemeral and not private:
            # A public "thinking…" placeholder cannot turn ephemeral: remove it first.
            await interaction.delete_original_response()
        for message in render(reply):
            await interaction.followup.send(ephemeral=ephemeral, **_send_kwargs(message))

    async def _on_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, app_commands.MissingPermissions):
            text = NEED_MANAGE
        else:
            log.error("slash command %s failed", interaction.command and interaction.command.qualified_name, exc_info=error)
            text = FAILED
        with contextlib.suppress(discord.HTTPException):
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    # mentions and DMs --------------------------------------------------------

    async def _on_message(self, message: discord.Message) -> None:
        me = self._client.user if self._client else None
        if me is None or message.author.bot:
            return
        is_dm = message.guild is None
        if not is_dm and me.id not in message.raw_mentions:
            return
        text = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
        author = message.author
        user = User(
            str(author.id),
            author.display_name,
            is_dm or (isinstance(author, discord.Member) and author.guild_permissions.manage_guild),
        )
        destination = _destination(message.channel.id, message.guild.id if message.guild else None)
        try:
            command = parse(text, user=user, destination=destination, is_dm=is_dm)
        except ParseError as exc:
            await self._reply_to(message, Reply(text=str(exc), error=True, ephemeral=True))
            return
        async with message.channel.typing():
            reply = await self._answer(command)
        await self._reply_to(message, reply)

    async def _reply_to(self, message: discord.Message, reply: Reply) -> None:
        outgoing = render(reply)
        reference = message.to_reference(fail_if_not_exists=False)
        try:
            for index, out in enumerate(outgoing):
                await message.channel.send(reference=reference if index == 0 else None, **_send_kwargs(out))
        except (discord.Forbidden, discord.NotFound) as exc:
            log.warning("cannot answer in channel %s: %s", message.channel.id, exc)

    # shared ------------------------------------------------------------------

    async def _answer(self, command: Command) -> Reply:
        assert self._handle is not None
        try:
            reply = await asyncio.wait_for(self._handle(command), self._answer_timeout)
        except TimeoutError:
            log.error("command %s from %s timed out", command.kind.value, command.user.id)
            return Reply(text=TOO_SLOW, error=True, ephemeral=True)
        except UserError as exc:
            return Reply(text=str(exc), error=True, ephemeral=True)
        except Exception:
            log.exception("command %s from %s failed", command.kind.value, command.user.id)
            return Reply(text=FAILED, error=True, ephemeral=True)
        if reply.retry_after:  # the core's per-user cooldown: say when, as a Discord relative timestamp
            return replace(reply, text=cooldown_message(reply.retry_after), ephemeral=True)
        return reply


def _report_exit(task: asyncio.Task[None], starting: bool = False) -> None:
    if starting:  # start() raises StartupError with the reason
        return
    if not task.cancelled() and task.exception() is not None:
        exc = task.exception()
        log.error("the Discord connection stopped: %s: %s", type(exc).__name__, exc,
                  exc_info=exc if log.isEnabledFor(logging.DEBUG) else None)


def _destination(channel_id: int | None, guild_id: int | None) -> Destination:
    return Destination(Platform.DISCORD, str(channel_id), str(guild_id) if guild_id else None)


def _send_kwargs(message: OutMessage) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"embeds": message.embeds, "allowed_mentions": NO_MENTIONS}
    if message.content:
        kwargs["content"] = message.content
    return kwargs
