"""What the scheduler posts: a subscription's digest for one window."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.digest.reply import digest_reply
from bot.core.types import Reply
from bot.core.wording import counted
from bot.digest.build import DigestBuilder
from bot.digest.subscriptions import SubscriptionInfo
from bot.store.db import Database


@dataclass
class ScheduledDigest:
    db: Database
    builder: DigestBuilder
    max_stories: int = 8

    def __call__(self, sub: SubscriptionInfo, start: datetime, end: datetime) -> Reply | None:
        builder = self.builder
        if sub.method and sub.method != builder.method:
            builder = replace(builder, method=sub.method)
        with self.db.session() as s:
            items = builder.items(s, since=start, until=end, topics=list(sub.topics) or None, limit=self.max_stories)
        if not items:
            return None
        about = f" about {', '.join(sub.topics)}" if sub.topics else ""
        reply = digest_reply(items, title=f"Your news briefing{about}: {counted(len(items), 'story', 'stories')}", empty="")
        return Reply(title=reply.title, sections=reply.sections,
                     data={**reply.data, "story_ids": [i.id for i in items]})
