"""feeds add|remove|list and settings, in-process through the core (the chat grammar and permissions included)."""
from __future__ import annotations

import pytest

from bot.core.commands import parse
from bot.app.handlers.setup import SetupHandlers
from bot.core.service import NewsCore
from bot.core.types import CommandKind, Destination, Platform, Reply, User
from bot.ingest.fetch import FetchPolicy
from bot.store.db import Database
from tests.httpserver import serve

FEED = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Local News</title>"
        b"<item><title>One</title><link>http://127.0.0.1/1</link></item>"
        b"<item><title>Two</title><link>http://127.0.0.1/2</link></item></channel></rss>")
HERE = Destination(Platform.DISCORD, "c1", workspace="g1")
MANAGER = User("m1", "Manager", can_manage=True)


@pytest.fixture
def core(sqlite_db: Database) -> NewsCore:
    setup = SetupHandlers(sqlite_db, FetchPolicy(timeout=5, allow_private=("127.0.0.1",)), default_interval=15)
    return NewsCore({CommandKind.FEEDS_ADD: setup.feeds_add, CommandKind.FEEDS_REMOVE: setup.feeds_remove,
                     CommandKind.FEEDS_LIST: setup.feeds_list, CommandKind.SETTINGS: setup.settings})


def say(core: NewsCore, text: str, user: User = MANAGER) -> Reply:
    return core.handle_sync(parse(text, user=user, destination=HERE))


def test_feeds_add_list_resume_and_remove(core: NewsCore, sqlite_db: Database) -> None:
    assert say(core, "feeds list").text.startswith("No feeds yet") and say(core, "feeds list").data == []
    with serve({"/feed.xml": (200, {"Content-Type": "application/rss+xml"}, FEED),
                "/gone": (404, {}, b"")}) as (base, _seen):
        added = say(core, f"feeds add {base}/feed.xml")
        assert not added.error and "Local News" in added.text and "2 entries" in added.text and "15 minutes" in added.text
        assert say(core, f"feeds add {base}/feed.xml").text == f"Already polling {base}/feed.xml."
        gone = say(core, f"feeds add {base}/gone")
        assert gone.error and gone.text.startswith(f"Cannot add {base}/gone")
        listed = say(core, "feeds list")
        assert listed.title == "1 feeds" and [d["url"] for d in listed.data] == [f"{base}/feed.xml"]
        assert listed.data[0]["name"] == "Local News" and listed.data[0]["enabled"]
        from bot.store.models import Feed

        with sqlite_db.session() as s:  # disabled after failures: adding it again resumes it
            feed = s.query(Feed).one()
            assert feed.added_by == HERE.key and feed.interval_minutes == 15
            feed.enabled, feed.error_count, feed.last_error = False, 5, "HTTP 500"
        assert "(disabled: HTTP 500)" in say(core, "feeds list").sections[0].body
        assert say(core, f"feeds add {base}/feed.xml").text == f"Resumed polling {base}/feed.xml."
        removed = say(core, f"feeds remove {base}/feed.xml")
        assert removed.text.startswith(f"Removed feed {base}/feed.xml")
        again = say(core, f"feeds remove {base}/feed.xml")
        assert again.error and "No feed" in again.text
    assert say(core, "feeds list").data == []


def test_bad_urls_and_people_who_may_not_manage(core: NewsCore) -> None:
    assert say(core, "feeds add not-a-url").text == "Usage: feeds add https://example.com/feed.xml"
    refused = say(core, "feeds add https://example.com/feed.xml", user=User("u2", "Guest"))
    assert refused.error and "Only people who can manage" in refused.text
    assert say(core, "settings --method lead", user=User("u2", "Guest")).error


def test_settings_per_channel(core: NewsCore) -> None:
    import summarizers

    first = say(core, "settings")
    assert first.data == {"method": summarizers.DEFAULT_METHOD, "sentences": 3}
    other = summarizers.available()[-1]
    changed = say(core, f"settings --method {other} --sentences 5")
    assert changed.data == {"method": other, "sentences": 5} and f"{other}, 5 sentences" in changed.text
    assert say(core, "settings").data == {"method": other, "sentences": 5}
    elsewhere = core.handle_sync(parse("settings", user=MANAGER, destination=Destination(Platform.SLACK, "C9")))
    assert elsewhere.data["method"] == summarizers.DEFAULT_METHOD
    unknown = say(core, "settings --method nope")
    assert unknown.error and "Unknown summarizer 'nope'" in unknown.text
    too_long = say(core, "settings --sentences 50")
    assert too_long.error


def test_a_web_page_is_no_feed_and_its_own_feed_link_is_offered(core: NewsCore, sqlite_db: Database) -> None:
    page = (b"<html><head><title>Local News</title>"
            b"<link rel='alternate' type='application/rss+xml' href='/feed.xml' title='RSS'></head>"
            b"<body><p>Today's news.</p></body></html>")
    with serve({"/": (200, {"Content-Type": "text/html"}, page),
                "/plain": (200, {"Content-Type": "text/html"}, b"<html><body>No feeds here</body></html>"),
                "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, FEED)}) as (base, _seen):
        refused = say(core, f"feeds add {base}/")
        assert refused.error and "a web page, not an RSS or Atom feed" in refused.text
        assert f"{base}/feed.xml" in refused.text
        plain = say(core, f"feeds add {base}/plain")
        assert plain.error and "often /feed or /rss" in plain.text
        assert say(core, "feeds list").data == []  # nothing added
        assert not say(core, f"feeds add {base}/feed.xml").error
