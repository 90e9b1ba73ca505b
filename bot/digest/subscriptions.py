"""Channel subscriptions to scheduled digests: one per channel, stored in the database.

The chat commands and the CLI call these functions; the YAML file's ``channels``
are synced in at start-up (``sync_channels``). Everything returned is a frozen
``SubscriptionInfo``, never an ORM row.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

import summarizers
from bot.core.errors import UserError
from bot.core.types import Destination, User
from bot.digest.schedule import Schedule, parse_schedule
from bot.settings import ChannelConfig
from bot.store.db import Database
from bot.store.models import Subscription, utcnow

log = logging.getLogger(__name__)

MAX_TOPICS = 20
MAX_TOPIC_CHARS = 100
#: ``created_by`` of subscriptions declared in the configuration file.
CONFIG_USER = "config"


@dataclass(frozen=True)
class SubscriptionInfo:
    id: int
    destination: str  # key, e.g. "discord:123"
    workspace: str | None
    schedule: str
    timezone: str
    topics: tuple[str, ...]
    method: str | None
    created_by: str | None
    created_at: datetime
    paused: bool
    paused_reason: str | None

    @property
    def dest(self) -> Destination:
        return Destination.from_key(self.destination, self.workspace)

    @property
    def parsed(self) -> Schedule:
        return parse_schedule(self.schedule, self.timezone)

    def line(self) -> str:
        """One human line, e.g. for the ``subscriptions`` command."""
        parts = [f"#{self.id} {self.destination}: {self.parsed.describe()}"]
        if self.topics:
            parts.append("topics: " + ", ".join(self.topics))
        if self.method:
            parts.append(f"summarizer: {self.method}")
        if self.paused:
            parts.append(f"PAUSED ({self.paused_reason or 'no reason given'})")
        return " · ".join(parts)


def _info(row: Subscription) -> SubscriptionInfo:
    return SubscriptionInfo(
        id=row.id,
        destination=row.destination,
        workspace=row.workspace,
        schedule=row.schedule,
        timezone=row.timezone,
        topics=tuple(row.topics or ()),
        method=row.method,
        created_by=row.created_by,
        created_at=row.created_at,
        paused=row.paused,
        paused_reason=row.paused_reason,
    )


def _key(destination: Destination | str) -> str:
    return destination.key if isinstance(destination, Destination) else destination


def clean_topics(topics: Iterable[str] | str | None) -> tuple[str, ...]:
    """Trimmed, de-duplicated (case-insensitively) topics; a string may hold commas."""
    if topics is None:
        return ()
    if isinstance(topics, str):
        topics = topics.split(",")
    seen: dict[str, str] = {}
    for topic in topics:
        text = " ".join(str(topic).split())
        if not text:
            continue
        if len(text) > MAX_TOPIC_CHARS:
            raise UserError(f"A topic may be at most {MAX_TOPIC_CHARS} characters long.")
        seen.setdefault(text.lower(), text)
    if len(seen) > MAX_TOPICS:
        raise UserError(f"At most {MAX_TOPICS} topics per channel.")
    return tuple(seen.values())


def clean_method(method: str | None) -> str | None:
    if method is None or not method.strip():
        return None
    try:
        return summarizers.get(method).name
    except ValueError as exc:
        raise UserError(str(exc).capitalize()) from None


def subscribe(
    db: Database,
    destination: Destination,
    *,
    schedule: str,
    timezone: str = "UTC",
    topics: Iterable[str] | str | None = None,
    method: str | None = None,
    user: User | str | None = None,
    unpause: bool = True,
    now: datetime | None = None,
) -> SubscriptionInfo:
    """Create or update the channel's subscription (and un-pause it); UserError if invalid.

    ``now`` (default: the current time) becomes ``created_at`` of a new subscription.
    """
    parsed = parse_schedule(schedule, timezone)
    values = {
        "workspace": destination.workspace,
        "schedule": parsed.spec,
        "timezone": parsed.timezone,
        "topics": list(clean_topics(topics)),
        "method": clean_method(method),
    }
    if unpause:
        values.update(paused=False, paused_reason=None)
    created_by = user.id if isinstance(user, User) else user
    for attempt in range(2):
        try:
            with db.session() as s:
                row = s.scalar(select(Subscription).where(Subscription.destination == destination.key))
                if row is None:
                    row = Subscription(
                        destination=destination.key, created_by=created_by, created_at=now or utcnow(),
                        **{"paused": False, "paused_reason": None, **values},
                    )
                    s.add(row)
                else:
                    for name, value in values.items():
                        setattr(row, name, value)
                s.flush()
                return _info(row)
        except IntegrityError:  # another process inserted the same channel just now
            if attempt:
                raise
    raise AssertionError("unreachable")


def unsubscribe(db: Database, destination: Destination | str) -> bool:
    """Remove the channel's subscription (and its run history); False if there was none."""
    with db.session() as s:
        result = s.execute(delete(Subscription).where(Subscription.destination == _key(destination)))
        return bool(result.rowcount)


def get_subscription(db: Database, sub_id: int) -> SubscriptionInfo | None:
    with db.session() as s:
        row = s.get(Subscription, sub_id)
        return _info(row) if row is not None else None


def list_subscriptions(
    db: Database, destination: Destination | str | None = None
) -> list[SubscriptionInfo]:
    """All subscriptions (or the one of ``destination``), oldest first."""
    query = select(Subscription).order_by(Subscription.id)
    if destination is not None:
        query = query.where(Subscription.destination == _key(destination))
    with db.session() as s:
        return [_info(row) for row in s.scalars(query)]


def pause(db: Database, sub_id: int, reason: str) -> bool:
    """Stop posting to a subscription until it is subscribed again; False if it is gone."""
    with db.session() as s:
        result = s.execute(
            update(Subscription)
            .where(Subscription.id == sub_id)
            .values(paused=True, paused_reason=reason[:1000])
        )
        return bool(result.rowcount)


def sync_channels(db: Database, channels: Sequence[ChannelConfig]) -> list[SubscriptionInfo]:
    """Make the file's ``channels`` the configured subscriptions.

    Declared channels are created or updated (a paused one stays paused: an
    operator or a ``subscribe`` command resumes it); subscriptions the file
    declared before but no longer does are removed. Subscriptions made by chat
    commands are left alone unless the file declares the same channel.
    """
    synced: list[SubscriptionInfo] = []
    declared: set[str] = set()
    for channel in channels:
        try:
            dest = Destination.from_key(channel.destination)
        except ValueError:
            raise UserError(
                f"channels: {channel.destination!r} is not a destination "
                "(use console:NAME, discord:CHANNEL_ID or slack:CHANNEL_ID)"
            ) from None
        try:
            info = subscribe(
                db, dest, schedule=channel.schedule, timezone=channel.timezone,
                topics=channel.topics, method=channel.method, user=CONFIG_USER, unpause=False,
            )
        except UserError as exc:
            raise UserError(f"channels: {channel.destination}: {exc}") from None
        with db.session() as s:
            s.execute(
                update(Subscription).where(Subscription.id == info.id).values(created_by=CONFIG_USER)
            )
        declared.add(dest.key)
        synced.append(replace(info, created_by=CONFIG_USER))
    with db.session() as s:
        stale = select(Subscription.destination).where(Subscription.created_by == CONFIG_USER)
        gone = [key for key in s.scalars(stale) if key not in declared]
        if gone:
            s.execute(delete(Subscription).where(Subscription.destination.in_(gone)))
            log.info("removed subscriptions no longer in the configuration: %s", ", ".join(gone))
    return synced
