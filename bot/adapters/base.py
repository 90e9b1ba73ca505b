"""The contract every chat front end (console, Discord, Slack) fulfils.

An adapter only translates: platform payload -> ``Command`` -> ``handle`` ->
``Reply`` -> native rendering. No SQL, no summarizing, no schedules here.
"""
from __future__ import annotations

from typing import Protocol

from bot.core.types import Destination, Handler, Platform, Reply


class StartupError(Exception):
    """A front end could not start: the message is one line for the operator (which token or
    setting, what the platform said, what to do)."""


class ChatAdapter(Protocol):
    platform: Platform

    async def start(self, handle: Handler) -> None:
        """Connect and begin delivering commands to ``handle``; returns once running."""

    async def send(self, destination: Destination, reply: Reply) -> None:
        """Post a reply (e.g. a scheduled digest). Raises ``DestinationGone``."""

    async def stop(self) -> None:
        """Disconnect cleanly."""
