"""The contract every chat front end (console, Discord, Slack) fulfils, as the layers below see it.

Features (the digest scheduler, follow alerts) send through it; the adapters implement it.
"""
from __future__ import annotations

from typing import Protocol

from bot.core.types import Destination, Handler, Platform, Reply


class ChatAdapter(Protocol):
    platform: Platform

    async def start(self, handle: Handler) -> None:
        """Connect and begin delivering commands to ``handle``; returns once running."""

    async def send(self, destination: Destination, reply: Reply) -> None:
        """Post a reply (e.g. a scheduled digest). Raises ``DestinationGone``."""

    async def stop(self) -> None:
        """Disconnect cleanly."""
