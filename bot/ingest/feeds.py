"""RSS/Atom feeds -> entries, with feedparser. Malformed feeds become errors, not crashes."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timezone

import feedparser

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


@dataclass(frozen=True)
class FeedEntry:
    guid: str
    url: str | None
    title: str | None
    author: str | None
    published: datetime | None
    html: str  # the fullest content the feed carries (content, else summary)


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: tuple[FeedEntry, ...]
    error: str | None = None


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in FEED_TYPES:
        return True
    head = content[:1024].lstrip().lower()
    if ctype in ("text/xml", "application/xml") or head.startswith(b"<?xml"):
        return b"<rss" in content[:2048].lower() or b"<feed" in content[:2048].lower() or b"<rdf" in content[:2048].lower()
    return head.startswith(b"<rss") or head.startswith(b"<feed")


def _when(entry: dict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    return None


def newest_first(entries: tuple[FeedEntry, ...] | list[FeedEntry]) -> list[FeedEntry]:
    """Dated entries newest first, then undated ones in feed order (feeds list newest first)."""
    dated = sorted((e for e in entries if e.published), key=lambda e: e.published, reverse=True)  # type: ignore[arg-type, return-value]
    return dated + [e for e in entries if not e.published]


def parse_feed(content: bytes) -> ParsedFeed:
    parsed = feedparser.parse(content)
    entries: list[FeedEntry] = []
    for e in parsed.entries:
        html = ""
        if e.get("content"):
            html = max((c.get("value", "") for c in e["content"]), key=len)
        if len(e.get("summary", "")) > len(html):
            html = e.get("summary", "")
        url = e.get("link")
        guid = e.get("id") or url or e.get("title") or ""
        if not guid:
            continue
        entries.append(FeedEntry(guid, url, e.get("title"), e.get("author"), _when(e), html))
    if parsed.bozo and not entries:
        reason = getattr(parsed, "bozo_exception", None)
        return ParsedFeed(None, (), f"malformed feed: {reason or 'could not be parsed'}")
    if not entries and not parsed.feed:
        return ParsedFeed(None, (), "not a feed: no entries found")
    return ParsedFeed(parsed.feed.get("title"), tuple(entries))
