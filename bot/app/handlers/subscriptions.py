"""subscribe, unsubscribe, subscriptions: a channel's digest schedule."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core.types import Command, Platform, Reply, Section
from bot.core.wording import counted
from bot.digest.subscriptions import list_subscriptions, subscribe, unsubscribe
from bot.store.db import Database


@dataclass
class SubscriptionHandlers:
    db: Database
    #: Called after a change (the running scheduler refreshes its jobs).
    on_change: list[Callable[[], object]] = field(default_factory=list)

    def _changed(self) -> None:
        for callback in self.on_change:
            callback()

    def subscribe(self, cmd: Command) -> Reply:
        topics = [t.strip() for t in (cmd.args.get("topic") or "").split(",") if t.strip()]
        info = subscribe(
            self.db,
            cmd.destination,
            schedule=cmd.args.get("schedule") or "daily 08:00",
            timezone=cmd.args.get("timezone") or "UTC",
            topics=topics,
            method=cmd.args.get("method"),
            user=cmd.user.id,
        )
        self._changed()
        return Reply(text=f"Subscribed: {info.line()}. The first digest covers recent news only.",
                     data={"id": info.id, "destination": info.destination, "schedule": info.schedule,
                           "timezone": info.timezone, "topics": list(info.topics), "method": info.method})

    def unsubscribe(self, cmd: Command) -> Reply:
        removed = unsubscribe(self.db, cmd.destination)
        self._changed()
        text = "Unsubscribed: no more scheduled digests here." if removed else "This channel has no subscription."
        return Reply(text=text, data={"removed": removed})

    def subscriptions(self, cmd: Command) -> Reply:
        everything = cmd.args.get("all") == "1" or cmd.destination.platform is Platform.CONSOLE
        subs = list_subscriptions(self.db, None if everything else cmd.destination)
        data = [{"id": s.id, "destination": s.destination, "schedule": s.schedule, "timezone": s.timezone,
                 "topics": list(s.topics), "method": s.method, "paused": s.paused,
                 "paused_reason": s.paused_reason} for s in subs]
        if not subs:
            return Reply(text="No subscriptions. Add one with `subscribe \"daily 08:00\"`.", data=[])
        return Reply(title=f"{counted(len(subs), 'subscription')}",
                     sections=tuple(Section(body=s.line()) for s in subs), data=data)
