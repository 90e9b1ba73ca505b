"""The contract every chat front end (console, Discord, Slack) fulfils.

An adapter only translates: platform payload -> ``Command`` -> ``handle`` ->
``Reply`` -> native rendering. No SQL, no summarizing, no schedules here.
"""
from __future__ import annotations

from bot.core.outputs import ChatAdapter

__all__ = ["ChatAdapter", "StartupError"]


class StartupError(Exception):
    """A front end could not start: the message is one line for the operator (which token or
    setting, what the platform said, what to do)."""
