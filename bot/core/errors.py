"""Errors that cross the core/adapter boundary."""
from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; the message is shown to them as is."""


class PermissionDenied(UserError):
    """The user may not change this channel's setup."""


class DestinationGone(Exception):
    """The bot can no longer post to a channel (removed, no permission, deleted).

    Adapters raise it from ``send``; the scheduler pauses the subscription and
    reports it once.
    """
