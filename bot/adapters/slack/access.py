"""Who may change a channel's setup, and how often a user may ask."""
from __future__ import annotations

import logging
import re
import time
from typing import Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

_GROUP_ID = re.compile(r"^S[A-Z0-9]{6,}$")


class ManagerCheck:
    """``can_manage`` = workspace admin/owner or member of a configured user group.

    Answers are cached for ``ttl`` seconds; any API failure answers "no".
    """

    def __init__(
        self,
        client: AsyncWebClient,
        admin_group: str | None = None,
        *,
        ttl: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._group = (admin_group or "").lstrip("@") or None
        self._ttl = ttl
        self._clock = clock
        self._admins: dict[str, tuple[float, bool]] = {}
        self._members: tuple[float, frozenset[str]] | None = None

    async def can_manage(self, user_id: str) -> bool:
        now = self._clock()
        cached = self._admins.get(user_id)
        if cached and now - cached[0] < self._ttl:
            return cached[1]
        try:
            allowed = await self._is_admin(user_id) or user_id in await self._group_members(now)
        except SlackApiError as exc:
            log.warning("permission lookup for %s failed: %s", user_id, exc.response.get("error"))
            return False
        self._admins[user_id] = (now, allowed)
        return allowed

    async def _is_admin(self, user_id: str) -> bool:
        user = (await self._client.users_info(user=user_id)).get("user") or {}
        return any(user.get(flag) for flag in ("is_admin", "is_owner", "is_primary_owner"))

    async def _group_members(self, now: float) -> frozenset[str]:
        if not self._group:
            return frozenset()
        if self._members and now - self._members[0] < self._ttl:
            return self._members[1]
        group_id = self._group if _GROUP_ID.match(self._group) else await self._resolve(self._group)
        users: list[str] = []
        if group_id:
            users = (await self._client.usergroups_users_list(usergroup=group_id)).get("users") or []
        self._members = (now, frozenset(users))
        return self._members[1]

    async def _resolve(self, handle: str) -> str | None:
        groups = (await self._client.usergroups_list()).get("usergroups") or []
        for group in groups:
            if handle in (group.get("handle"), group.get("name")):
                return group.get("id")
        log.warning("user group %r not found; only workspace admins may manage", handle)
        return None
