"""The slash-command tree: names, descriptions, options and autocompletion.

Each command only collects its options and hands them, under the core's
argument names (``bot.core.commands.ARGUMENTS``), to ``run``; the adapter does
the rest. Setup-changing commands carry ``default_permissions(manage_guild=True)``
(Discord hides them from members without Manage Server) and a bot-side check.
"""
from __future__ import annotations

import importlib
import logging
import zoneinfo
from functools import lru_cache
from typing import Any, Awaitable, Callable, Optional

import discord
from discord import app_commands

from bot.core.types import CommandKind

log = logging.getLogger(__name__)

Run = Callable[[discord.Interaction, CommandKind, dict[str, Any]], Awaitable[None]]

MAX_CHOICES = 25  # Discord's limit on autocomplete suggestions


def can_manage(interaction: discord.Interaction) -> bool:
    """Manage Server in a guild; in a DM the user owns the conversation."""
    return interaction.guild_id is None or interaction.permissions.manage_guild


def _require_manage(interaction: discord.Interaction) -> bool:
    if not can_manage(interaction):
        raise app_commands.MissingPermissions(["manage_guild"])
    return True


manage_only = app_commands.check(_require_manage)


@lru_cache(maxsize=1)
def _timezones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def summarizer_names() -> list[str]:
    """``summarizers.available()`` (default first); empty if that package is unavailable."""
    try:
        return [str(name) for name in importlib.import_module("summarizers").available()]
    except (ImportError, AttributeError) as exc:
        log.debug("summarizer names unavailable: %s", exc)
        return []


def _choices(options: list[str] | tuple[str, ...], current: str) -> list[app_commands.Choice[str]]:
    needle = current.lower().strip()
    starts = [o for o in options if o.lower().startswith(needle)]
    contains = [o for o in options if needle in o.lower() and o not in starts]
    return [app_commands.Choice(name=o, value=o) for o in (starts + contains)[:MAX_CHOICES]]


async def timezone_autocomplete(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return _choices(_timezones(), current)


async def summarizer_autocomplete(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return _choices(summarizer_names(), current)


Sentences = app_commands.Range[int, 1, 20]


def build_tree(client: discord.Client, run: Run) -> app_commands.CommandTree:
    """Create the command tree for ``client``; every command ends in ``run``."""
    tree = app_commands.CommandTree(client)

    @tree.command(name="ask", description="Ask the news: what did X say about Y, who said “…”, news about Y")
    @app_commands.describe(question="e.g. what did the minister say about the budget")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await run(interaction, CommandKind.ASK, {"question": question})

    @tree.command(name="brief", description="This channel's news digest, now")
    @app_commands.describe(topic="only stories about this topic", since="how far back, e.g. 1d or 12h")
    async def brief(interaction: discord.Interaction, topic: Optional[str] = None, since: Optional[str] = None) -> None:
        await run(interaction, CommandKind.BRIEF, {"topic": topic, "since": since})

    @tree.command(name="summary", description="Summarize one article (an id, or a URL to fetch first)")
    @app_commands.describe(article="article id or URL", method="summarizer", sentences="summary length in sentences")
    @app_commands.rename(method="summarizer", sentences="length")
    @app_commands.autocomplete(method=summarizer_autocomplete)
    async def summary(
        interaction: discord.Interaction,
        article: str,
        method: Optional[str] = None,
        sentences: Optional[Sentences] = None,
    ) -> None:
        await run(interaction, CommandKind.SUMMARY, {"article": article, "method": method, "sentences": sentences})

    @tree.command(name="stories", description="Stories: events reported by several outlets")
    @app_commands.describe(since="how far back, e.g. 2d")
    async def stories(interaction: discord.Interaction, since: Optional[str] = None) -> None:
        await run(interaction, CommandKind.STORIES, {"since": since})

    @tree.command(name="subscribe", description="Post a digest to this channel on a schedule")
    @app_commands.describe(schedule="e.g. daily 08:00, weekdays 07:30", timezone="e.g. Europe/Berlin", topic="only this topic")
    @app_commands.autocomplete(timezone=timezone_autocomplete)
    @app_commands.default_permissions(manage_guild=True)
    @manage_only
    async def subscribe(
        interaction: discord.Interaction, schedule: str, timezone: str, topic: Optional[str] = None
    ) -> None:
        await run(interaction, CommandKind.SUBSCRIBE, {"schedule": schedule, "timezone": timezone, "topic": topic})

    @tree.command(name="unsubscribe", description="Stop the scheduled digest in this channel")
    @app_commands.default_permissions(manage_guild=True)
    @manage_only
    async def unsubscribe(interaction: discord.Interaction) -> None:
        await run(interaction, CommandKind.UNSUBSCRIBE, {})

    feeds = app_commands.Group(name="feeds", description="The news feeds polled for articles")

    @feeds.command(name="add", description="Add an RSS/Atom feed (Manage Server)")
    @app_commands.describe(url="feed URL")
    @manage_only
    async def feeds_add(interaction: discord.Interaction, url: str) -> None:
        await run(interaction, CommandKind.FEEDS_ADD, {"url": url})

    @feeds.command(name="remove", description="Remove a feed (Manage Server)")
    @app_commands.describe(url="feed URL")
    @manage_only
    async def feeds_remove(interaction: discord.Interaction, url: str) -> None:
        await run(interaction, CommandKind.FEEDS_REMOVE, {"url": url})

    @feeds.command(name="list", description="List the feeds")
    async def feeds_list(interaction: discord.Interaction) -> None:
        await run(interaction, CommandKind.FEEDS_LIST, {})

    tree.add_command(feeds)

    @tree.command(name="settings", description="This channel's summarizer and summary length")
    @app_commands.describe(method="summarizer to use", sentences="summary length in sentences")
    @app_commands.rename(method="summarizer", sentences="length")
    @app_commands.autocomplete(method=summarizer_autocomplete)
    @app_commands.default_permissions(manage_guild=True)
    @manage_only
    async def settings(
        interaction: discord.Interaction, method: Optional[str] = None, sentences: Optional[Sentences] = None
    ) -> None:
        await run(interaction, CommandKind.SETTINGS, {"method": method, "sentences": sentences})

    @tree.command(name="follow", description="Hear here when a person says something new (optionally on a topic)")
    @app_commands.describe(person="e.g. Jane Smith", topic="only statements about this topic")
    @app_commands.default_permissions(manage_guild=True)
    @manage_only
    async def follow(interaction: discord.Interaction, person: str, topic: Optional[str] = None) -> None:
        await run(interaction, CommandKind.FOLLOW, {"person": person, "topic": topic})

    @tree.command(name="unfollow", description="Stop a follow (its number from /follows, or the person)")
    @app_commands.describe(follow="follow number or person")
    @app_commands.default_permissions(manage_guild=True)
    @manage_only
    async def unfollow(interaction: discord.Interaction, follow: str) -> None:
        await run(interaction, CommandKind.UNFOLLOW, {"follow": follow})

    @tree.command(name="follows", description="The people followed here")
    async def follows(interaction: discord.Interaction) -> None:
        await run(interaction, CommandKind.FOLLOWS, {})

    @tree.command(name="help", description="What newsbrief can do")
    async def help_(interaction: discord.Interaction) -> None:
        await run(interaction, CommandKind.HELP, {})

    return tree
