"""Discord front end (discord.py): slash commands, mentions, DMs, scheduled digests."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.adapters.discord.adapter import DiscordAdapter

if TYPE_CHECKING:
    from bot.settings import Settings

__all__ = ["DiscordAdapter", "build_discord_adapter"]


def build_discord_adapter(settings: "Settings") -> DiscordAdapter:
    """The adapter as configured (``DISCORD_TOKEN``, ``NEWSBRIEF_DISCORD_*``)."""
    if settings.discord_token is None or not settings.discord_token.get_secret_value():
        raise ValueError("DISCORD_TOKEN is not set")
    return DiscordAdapter(
        settings.discord_token.get_secret_value(),
        api_base=settings.discord_api_base,
        gateway=settings.discord_gateway,
        shard_count=settings.discord_shard_count,
        shard_ids=settings.discord_shard_ids,
        message_content=settings.discord_message_content,
    )
