"""One article at a time: extract -> clean -> dedupe -> store -> enrich, in one transaction.

A crash mid-ingest leaves no half-written article: each article and its
derived rows (summary, quotes, story) are committed together or not at all.
One bad source never stops the batch; every failure becomes a one-line message.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.ingest.extract import ExtractedDocument, extract_html_document, extract_text_document
from bot.ingest.feeds import looks_like_feed, parse_feed
from bot.ingest.fetch import FetchPolicy, fetch
from bot.ingest.sources import RawDocument, expand_paths, kind_of, read_text
from bot.store.db import Database
from bot.store.models import Article, Feed, utcnow

log = logging.getLogger(__name__)
MIN_ARTICLE_CHARS = 80


class Enricher(Protocol):
    """Derives rows from a freshly stored article inside the same transaction."""

    name: str

    def __call__(self, session: Session, article: Article) -> None: ...


@dataclass
class IngestReport:
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def merge(self, other: "IngestReport") -> None:
        self.added += other.added
        self.duplicates += other.duplicates
        self.errors += other.errors
        self.warnings += other.warnings

    def line(self) -> str:
        parts = [f"{len(self.added)} added", f"{self.duplicates} already stored"]
        if self.errors:
            parts.append(f"{len(self.errors)} failed")
        return "Ingested: " + ", ".join(parts) + "."


def content_hash(text: str) -> str:
    norm = re.sub(r"\W+", " ", text.lower()).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


class Ingestor:
    def __init__(
        self,
        db: Database,
        policy: FetchPolicy,
        enrichers: Iterable[Enricher] = (),
    ) -> None:
        self.db = db
        self.policy = policy
        self.enrichers = list(enrichers)
        #: Called after a batch that added articles (e.g. the answer side refreshing its caches
        #: here, so that the next question does not pay for it). A failing hook never stops ingest.
        self.batch_hooks: list[Callable[[], None]] = []

    # ----------------------------------------------------------------- sources
    def documents(self, values: list[str], report: IngestReport) -> Iterator[RawDocument]:
        files, urls, errors = expand_paths(values)
        report.errors += errors
        for path in files:
            try:
                content = read_text(path)
            except OSError as exc:
                report.errors.append(f"{path}: cannot read ({exc.strerror})")
                continue
            kind = kind_of(path, content)
            if kind == "feed":
                yield from self._feed_documents(str(path), content.encode("utf-8"), report)
            else:
                yield RawDocument(str(path), kind, content)
        for url in urls:
            yield from self.url_documents(url, report)

    def url_documents(
        self, url: str, report: IngestReport, *, feed: Feed | None = None
    ) -> Iterator[RawDocument]:
        result = fetch(
            url,
            self.policy,
            etag=feed.etag if feed else None,
            last_modified=feed.last_modified if feed else None,
        )
        if result.not_modified:
            return
        if result.error:
            report.errors.append(f"{url}: {result.error}")
            return
        if looks_like_feed(result.content, result.content_type):
            if feed is not None:
                feed.etag, feed.last_modified = result.etag, result.last_modified
            yield from self._feed_documents(url, result.content, report)
            return
        if not result.content.strip():
            report.errors.append(f"{url}: the page is empty")
            return
        charset = "utf-8"
        m = re.search(r"charset=([\w-]+)", result.content_type)
        if m:
            charset = m.group(1)
        try:
            html = result.content.decode(charset, errors="replace")
        except LookupError:
            html = result.content.decode("utf-8", errors="replace")
        kind = "html" if "html" in result.content_type or "<html" in html[:2000].lower() else "text"
        yield RawDocument(url, kind, html, url=result.final_url or url)

    def _feed_documents(self, source: str, content: bytes, report: IngestReport) -> Iterator[RawDocument]:
        parsed = parse_feed(content)
        if parsed.error:
            report.errors.append(f"{source}: {parsed.error}")
            return
        for entry in parsed.entries:
            if entry.url and self._url_known(entry.url):
                report.duplicates += 1
                continue
            html = entry.html
            if entry.url and len(re.sub(r"<[^>]+>", "", html)) < 600:
                # A teaser only: fetch the article page itself.
                page = list(self.url_documents(entry.url, IngestReport()))
                if page:
                    html = page[0].content
            yield RawDocument(
                source, "html", html, url=entry.url, feed_url=source,
                title=entry.title, author=entry.author, published=entry.published,
            )

    def _url_known(self, url: str) -> bool:
        with self.db.session() as s:
            return s.scalar(select(Article.id).where(Article.url == url)) is not None

    # ----------------------------------------------------------------- storing
    def extract(self, raw: RawDocument) -> ExtractedDocument:
        if raw.kind == "html":
            doc = extract_html_document(raw.content, url=raw.url)
        else:
            doc = extract_text_document(raw.content, source_name=raw.source)
        return ExtractedDocument(
            text=doc.text,
            title=doc.title or raw.title,
            outlet=doc.outlet,
            author=doc.author or raw.author,
            published=doc.published or raw.published,
            url=raw.url or doc.url,
        )

    def store(self, raw: RawDocument, report: IngestReport, *, feed_id: int | None = None) -> int | None:
        try:
            doc = self.extract(raw)
        except Exception as exc:  # a broken page must not stop the batch
            log.exception("extraction failed for %s", raw.source)
            report.errors.append(f"{raw.url or raw.source}: could not extract the article ({type(exc).__name__})")
            return None
        if len(doc.text.strip()) < MIN_ARTICLE_CHARS:
            report.errors.append(f"{raw.url or raw.source}: no article text found")
            return None
        digest = content_hash(doc.text)
        with self.db.session() as s:
            dup = select(Article.id).where(Article.content_hash == digest)
            if doc.url:
                dup = select(Article.id).where(
                    (Article.content_hash == digest) | (Article.url == doc.url)
                )
            if s.scalar(dup) is not None:
                report.duplicates += 1
                return None
            article = Article(
                url=doc.url,
                source=raw.source,
                feed_id=feed_id,
                outlet=doc.outlet,
                title=doc.title,
                author=doc.author,
                published_at=doc.published,
                text=doc.text,
                content_hash=digest,
                ingested_at=utcnow(),
            )
            s.add(article)
            s.flush()
            for enrich in self.enrichers:
                try:
                    with s.begin_nested():
                        enrich(s, article)
                except Exception:
                    log.exception("%s failed on article %s", enrich.name, article.id)
                    report.warnings.append(f"article {article.id}: {enrich.name} failed (see log)")
            article_id = article.id
        report.added.append(article_id)
        return article_id

    def ingest(
        self,
        values: list[str],
        progress: Callable[[Iterable[RawDocument]], Iterable[RawDocument]] | None = None,
    ) -> IngestReport:
        report = IngestReport()
        docs: Iterable[RawDocument] = self.documents(values, report)
        if progress is not None:
            docs = progress(docs)
        for raw in docs:
            self.store(raw, report)
        self.after_batch(report)
        return report

    def after_batch(self, report: IngestReport) -> None:
        """End of a batch (an ingest or a feed poll): rebuild the learned word similarities when due."""
        if report.added:
            from bot.quotes.related import refresh_related_words

            refresh_related_words(self.db)
            for hook in self.batch_hooks:
                try:
                    hook()
                except Exception:  # noqa: BLE001 - the articles are stored; a cache can wait
                    log.exception("after-ingest hook failed")

    def poll_feed(self, feed_id: int, *, now: datetime | None = None) -> IngestReport:
        """Fetch one feed (conditional GET) and store its new entries."""
        now = now or datetime.now(timezone.utc)
        report = IngestReport()
        with self.db.session() as s:
            feed = s.get(Feed, feed_id)
            if feed is None:
                return report
            s.expunge(feed)
        for raw in list(self.url_documents(feed.url, report, feed=feed)):
            self.store(raw, report, feed_id=feed.id)
        with self.db.session() as s:
            row = s.get(Feed, feed_id)
            if row is not None:
                row.etag, row.last_modified = feed.etag, feed.last_modified
                row.last_checked_at = now
        self.after_batch(report)
        return report
