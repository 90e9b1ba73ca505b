"""Posting to channels: paced per channel, with 'the bot is gone' made explicit.

429s are retried by the Web API client's ``AsyncRateLimitErrorRetryHandler``
(honouring Retry-After); this module only spaces posts to the same channel.
"""
from __future__ import annotations

import asyncio
import time
from typing import Any, Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.errors import DestinationGone

#: Web API errors meaning the bot can no longer post to that channel.
GONE_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived", "account_inactive"})


class Outbox:
    """At most one message per ``interval`` seconds per channel, in order."""

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._interval = interval
        self._clock = clock
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}

    async def post(self, channel: str, *, ephemeral_to: str | None = None, **payload: Any) -> None:
        """``chat.postMessage`` (or ``chat.postEphemeral`` to one user); raises
        ``DestinationGone`` when the channel is no longer reachable."""
        lock = self._locks.setdefault(channel, asyncio.Lock())
        async with lock:  # asyncio.Lock wakes waiters in FIFO order: a per-channel queue
            wait = self._last.get(channel, float("-inf")) + self._interval - self._clock()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                if ephemeral_to:
                    await self._client.chat_postEphemeral(channel=channel, user=ephemeral_to, **payload)
                else:
                    await self._client.chat_postMessage(
                        channel=channel, unfurl_links=False, unfurl_media=False, **payload
                    )
            except SlackApiError as exc:
                error = exc.response.get("error")
                if error in GONE_ERRORS:
                    raise DestinationGone(f"slack channel {channel}: {error}") from exc
                raise
            finally:
                self._last[channel] = self._clock()
