"""RSS/Atom feeds -> entries, with feedparser. Malformed feeds become errors, not crashes."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin

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


_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def feed_links(html: str, base_url: str) -> list[str]:
    """The feeds a web page announces (``<link rel="alternate" type="application/rss+xml" href=…>``),
    as absolute URLs, in page order."""
    found = []
    for tag in _LINK_TAG.findall(html[:200_000]):
        attrs = {m[1].lower(): m[2] or m[3] or m[4] for m in _ATTR.finditer(tag)}
        if "alternate" in attrs.get("rel", "").lower().split() and attrs.get("type", "").lower() in FEED_TYPES \
                and attrs.get("href"):
            link = urljoin(base_url, attrs["href"])
            if link not in found:
                found.append(link)
    return found


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
