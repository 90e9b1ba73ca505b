"""feeds add|remove|list and settings: a channel's setup."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

import summarizers
from bot.core.errors import UserError
from bot.app.handlers.articles import parse_int
from bot.core.types import Command, Reply, Section
from bot.ingest.decode import xml_as_utf8
from bot.ingest.feeds import feed_links, looks_like_feed, parse_feed
from bot.ingest.fetch import FetchPolicy, fetch
from bot.ingest.sources import is_url
from bot.store.db import Database
from bot.store.models import ChannelSetting, Feed, utcnow


@dataclass
class SetupHandlers:
    db: Database
    policy: FetchPolicy
    default_interval: int = 30

    def feeds_list(self, cmd: Command) -> Reply:
        with self.db.session() as s:
            feeds = list(s.scalars(select(Feed).order_by(Feed.id)))
            data = [{"id": f.id, "url": f.url, "name": f.name, "enabled": f.enabled,
                     "errors": f.error_count, "last_error": f.last_error} for f in feeds]
        if not data:
            return Reply(text="No feeds yet. Add one with `feeds add URL`.", data=[])
        sections = tuple(
            Section(title=d["name"] or d["url"], body=d["url"] + ("" if d["enabled"] else f" (disabled: {d['last_error']})"))
            for d in data
        )
        return Reply(title=f"{len(data)} feeds", sections=sections, data=data)

    def feeds_add(self, cmd: Command) -> Reply:
        url = (cmd.args.get("url") or "").strip()
        if not is_url(url):
            raise UserError("Usage: feeds add https://example.com/feed.xml")
        with self.db.session() as s:
            known = s.scalar(select(Feed).where(Feed.url == url))
            if known is not None and known.enabled:
                return Reply(text=f"Already polling {url}.")
            if known is not None:  # disabled after failures: adding it again resumes it
                known.enabled, known.error_count, known.next_check_at = True, 0, utcnow()
                return Reply(text=f"Resumed polling {url}.")
        result = fetch(url, self.policy)
        if result.error:
            raise UserError(f"Cannot add {url}: {result.error}")
        content = xml_as_utf8(result.content)
        if not looks_like_feed(content, result.content_type):
            # A web page: its own feed links ("<link rel=alternate type=application/rss+xml>").
            found = feed_links(result.content.decode("utf-8", "replace"), result.final_url or url)
            hint = (f" It links to {' and '.join(found[:2])}: add that instead." if found
                    else " Try the site's feed address (often /feed or /rss).")
            raise UserError(f"Cannot add {url}: it is a web page, not an RSS or Atom feed.{hint}")
        parsed = parse_feed(content)
        if parsed.error:
            raise UserError(f"Cannot add {url}: {parsed.error}")
        with self.db.session() as s:
            s.add(Feed(url=url, name=parsed.title, added_by=cmd.destination.key,
                       interval_minutes=self.default_interval, next_check_at=utcnow()))
        return Reply(text=f"Added feed '{parsed.title or url}' ({len(parsed.entries)} entries now); it is polled every {self.default_interval} minutes.")

    def feeds_remove(self, cmd: Command) -> Reply:
        url = (cmd.args.get("url") or "").strip()
        with self.db.session() as s:
            feed = s.scalar(select(Feed).where(Feed.url == url))
            if feed is None:
                raise UserError(f"No feed {url or '(none given)'}. See `feeds list`.")
            s.delete(feed)
        return Reply(text=f"Removed feed {url}. Its articles stay stored.")

    def settings(self, cmd: Command) -> Reply:
        method = cmd.args.get("method") or cmd.args.get("summarizer")
        sentences = parse_int(cmd.args.get("sentences") or cmd.args.get("length"), "length", high=10)
        if method and method not in summarizers.available():
            raise UserError(f"Unknown summarizer '{method}'. Choose one of: {', '.join(summarizers.available())}.")
        with self.db.session() as s:
            row = s.get(ChannelSetting, cmd.destination.key)
            if row is None:
                row = ChannelSetting(destination=cmd.destination.key)
                s.add(row)
            if method:
                row.method = method
            if sentences:
                row.sentences = sentences
            current = {"method": row.method or summarizers.DEFAULT_METHOD, "sentences": row.sentences or 3}
        return Reply(text=f"This channel's summaries: {current['method']}, {current['sentences']} sentences.", data=current)


