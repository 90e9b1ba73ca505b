"""stories and brief: the story list and the digest, as replies."""
from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from bot.app.handlers.articles import parse_int
from bot.core.types import Command, Reply, Section
from bot.core.wording import counted
from bot.digest.build import DigestBuilder, parse_since
from bot.digest.reply import digest_reply
from bot.store.db import Database
from bot.store.models import ChannelSetting, Subscription


@dataclass
class DigestHandlers:
    db: Database
    builder: DigestBuilder
    max_stories: int = 8

    def stories(self, cmd: Command) -> Reply:
        since = parse_since(cmd.args.get("since"))
        with self.db.session() as s:
            items = self.builder.items(s, since=since, with_summary=False)
        items.sort(key=lambda i: i.id)
        data = [{"id": i.id, "headline": i.headline, "article_ids": list(i.article_ids),
                 "outlets": i.outlets, "latest": i.latest.isoformat() if i.latest else None} for i in items]
        if not items:
            return Reply(text="No stories yet.", data=[])
        return Reply(
            title=counted(len(items), "story", "stories"),
            sections=tuple(Section(title=f"#{i.id} {i.headline}", body=f"{counted(len(i.article_ids), 'article')} from {counted(i.outlets, 'source')}", sources=i.sources) for i in items),
            data=data,
        )

    def brief(self, cmd: Command) -> Reply:
        since = parse_since(cmd.args.get("since"))
        topic = cmd.args.get("topic")
        limit = parse_int(cmd.args.get("limit"), "limit", high=50) or self.max_stories
        with self.db.session() as s:
            setting = s.get(ChannelSetting, cmd.destination.key)
            sub = s.scalar(select(Subscription).where(Subscription.destination == cmd.destination.key))
        topics = [topic] if topic else list(sub.topics or []) if sub else []
        builder = self.builder
        if setting and (setting.method or setting.sentences):
            builder = replace(builder, method=setting.method or builder.method,
                              sentences=setting.sentences or builder.sentences)
        with self.db.session() as s:
            items = builder.items(s, since=since, topics=topics or None, limit=limit)
        about = f" about {', '.join(topics)}" if topics else ""
        return digest_reply(items, title=f"News briefing{about}: {counted(len(items), 'story', 'stories')}",
                            empty=f"Nothing new{about}" + (f" since {cmd.args['since']}." if cmd.args.get("since") else "."))
