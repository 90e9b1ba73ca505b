from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.ingest.enrich import SummaryEnricher
from bot.ingest.fetch import FetchPolicy
from bot.ingest.pipeline import Ingestor
from bot.store.db import Database
from bot.store.models import Article, Feed, Summary
from tests.httpserver import serve

POLICY = FetchPolicy(timeout=5, allow_private=("127.0.0.1",))

BODY = (
    "<p>The harbour authority of Eastport said on Tuesday that the new ferry line will open in May, "
    "connecting the island to the mainland twice a day.</p>"
    "<p>\u201cThis is a great day for everyone who lives here,\u201d said Mayor Ann Keller, "
    "who has campaigned for the connection for ten years.</p>"
    "<p>The ferry will carry up to 300 passengers and 40 cars, the authority said in a statement.</p>"
    "<p>Critics said the timetable was too thin for commuters and asked for an early morning crossing.</p>"
)


def page(title: str, body: str = BODY) -> bytes:
    return (
        f"<html><head><title>{title}</title><meta property='og:title' content='{title}'></head>"
        f"<body><article><h1>{title}</h1>{body}</article>"
        "<footer>Leave a Reply</footer></body></html>"
    ).encode()


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>Tue, 01 Dec 2015 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[{BODY.replace('Eastport', t)}]]></description></item>"
        for t, path in items
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Local News</title>{entries}</channel></rss>".encode()


def count(db: Database, model: type = Article) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_article_url_is_fetched_cleaned_and_stored_once(sqlite_db: Database) -> None:
    with serve({"/a": (200, {"Content-Type": "text/html; charset=utf-8"}, page("Ferry line to open in May"))}) as (base, _):
        ing = Ingestor(sqlite_db, POLICY)
        first = ing.ingest([base + "/a"])
        again = ing.ingest([base + "/a"])
    assert len(first.added) == 1 and not first.errors
    assert again.duplicates == 1 and not again.added
    with sqlite_db.session() as s:
        a = s.scalars(select(Article)).one()
        assert a.title == "Ferry line to open in May"
        assert "great day for everyone" in a.text and "Leave a Reply" not in a.text
        assert a.url == base + "/a"


def test_same_text_from_a_file_is_a_duplicate(sqlite_db: Database, tmp_path: Path) -> None:
    text = "Ferry line to open in May\n\n" + BODY.replace("<p>", "").replace("</p>", "\n\n")
    (tmp_path / "one.txt").write_text(text)
    (tmp_path / "two.txt").write_text(text)
    report = Ingestor(sqlite_db, POLICY).ingest([str(tmp_path)])
    assert len(report.added) == 1 and report.duplicates == 1


def test_feed_entries_are_ingested_and_bad_sources_do_not_stop_the_batch(sqlite_db: Database) -> None:
    routes = {
        "/broken.xml": (200, {"Content-Type": "application/rss+xml"}, b"<rss><channel><item><title>oops"),
        "/huge": (200, {"Content-Type": "text/html"}, b"x" * 20_000),
    }
    with serve(routes) as (base, _):
        routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                               rss(base, [("Northport", "/n1"), ("Southport", "/n2")]))
        ing = Ingestor(sqlite_db, FetchPolicy(timeout=5, max_bytes=10_000, allow_private=("127.0.0.1",)))
        report = ing.ingest([base + "/broken.xml", base + "/missing", base + "/huge", base + "/feed.xml",
                             "http://10.0.0.1/private", "/no/such/file.txt"])
    assert len(report.added) == 2
    joined = "\n".join(report.errors)
    assert "/broken.xml" in joined and "malformed" in joined.lower() or "not a feed" in joined
    assert "/missing: HTTP 404" in joined
    assert "/huge: too large" in joined
    assert "refused" in joined and "/no/such/file.txt: no such file" in joined
    with sqlite_db.session() as s:
        titles = sorted(a.title for a in s.scalars(select(Article)))
        assert titles == ["Northport", "Southport"]
        assert all(a.published_at is not None for a in s.scalars(select(Article)))


def test_feed_polling_uses_conditional_get(sqlite_db: Database) -> None:
    def feed_route(handler):  # noqa: ANN001, ANN202
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, rss(base, [("Westport", "/w")])

    with serve({"/f.xml": feed_route}) as (base, seen):
        with sqlite_db.session() as s:
            s.add(Feed(url=base + "/f.xml"))
        ing = Ingestor(sqlite_db, POLICY)
        first = ing.poll_feed(1)
        second = ing.poll_feed(1)
    assert len(first.added) == 1 and not second.added and not second.errors
    assert seen[-1].get("if-none-match") == '"v1"'
    with sqlite_db.session() as s:
        assert s.get(Feed, 1).etag == '"v1"'


class Exploding:
    name = "exploding"

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def __call__(self, session, article) -> None:  # noqa: ANN001
        raise self.exc


def _write_articles(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i}.txt").write_text(f"Story number {i}\n\n" + BODY.replace("<p>", "").replace("</p>", "\n\n").replace("May", f"month {i}"))
    return folder


def test_interrupted_ingest_leaves_no_half_written_article(sqlite_db: Database, tmp_path: Path) -> None:
    folder = _write_articles(tmp_path, 2)
    ing = Ingestor(sqlite_db, POLICY, [SummaryEnricher("lead", 2), Exploding(KeyboardInterrupt())])
    with pytest.raises(KeyboardInterrupt):
        ing.ingest([str(folder)])
    assert count(sqlite_db) == 0 and count(sqlite_db, Summary) == 0
    # Resuming later stores everything once.
    report = Ingestor(sqlite_db, POLICY, [SummaryEnricher("lead", 2)]).ingest([str(folder)])
    assert len(report.added) == 2 and count(sqlite_db, Summary) == 2


def test_a_failing_enricher_does_not_lose_the_article(sqlite_db: Database, tmp_path: Path) -> None:
    folder = _write_articles(tmp_path, 1)
    report = Ingestor(sqlite_db, POLICY, [Exploding(RuntimeError("bug")), SummaryEnricher("lead", 2)]).ingest([str(folder)])
    assert len(report.added) == 1 and "exploding failed" in report.warnings[0]
    assert count(sqlite_db, Summary) == 1
