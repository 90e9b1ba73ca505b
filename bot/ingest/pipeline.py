"""One article at a time: extract -> clean -> dedupe -> store -> enrich, in one transaction.

A crash mid-ingest leaves no half-written article: each article and its
derived rows (summary, quotes, story) are committed together or not at all.
One bad source never stops the batch; every failure becomes a one-line message.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot.ingest.extract import ExtractedDocument, extract_html_document, extract_text_document
from bot.ingest.decode import decode_bytes, strip_nuls, xml_as_utf8
from bot.ingest.feeds import FeedEntry, looks_like_feed, newest_first, parse_feed
from bot.ingest.fetch import FetchPolicy, fetch
from bot.ingest.parallel import fetch_all
from bot.ingest.sources import RawDocument, expand_paths, kind_of, read_file
from bot.store.db import Database
from bot.store.models import Article, Feed, utcnow
from bot.quotes.related import refresh_related_words
from textkit.words import tokens

log = logging.getLogger(__name__)
MIN_ARTICLE_CHARS = 80  # a feed teaser shorter than this needs its page
#: A stored article has at least this many words: a short but real news text ("The parliament
#: election is over in Turkmenistan.") is an article; an empty page or page furniture is not.
MIN_ARTICLE_WORDS = 5
_BOILERPLATE = re.compile(
    r"enable javascript|javascript is (?:disabled|required)|(?:uses?|accept(?: all)?) cookies|"
    r"subscribe (?:now|to (?:read|continue))|(?:sign|log) ?in to (?:read|continue)|page (?:not found|unavailable)|"
    r"\b404\b|access denied|all rights reserved|^\W*loading\W*$|please wait",
    re.I,
)


def is_article_text(text: str) -> bool:
    """Enough words to report something, and not a short run of page furniture."""
    n = len(tokens(text))
    return n >= MIN_ARTICLE_WORDS and not (n < 40 and _BOILERPLATE.search(text))


class Enricher(Protocol):
    """Derives rows from a freshly stored article inside the same transaction."""

    name: str

    def __call__(self, session: Session, article: Article) -> None: ...


def _rolled_back(enricher: Enricher) -> None:
    """Tell an enricher with in-memory state (``reset``) that what it derived was not stored."""
    hook = getattr(enricher, "reset", None)
    if hook is not None:
        hook()


#: Enrichers whose work a stored article can miss (its transaction committed without it, e.g.
#: the enricher failed): which articles lack it. ``Ingestor.repair`` runs them on those.
REPAIRABLE = {"story": lambda: Article.story_id.is_(None)}
REPAIR_BATCH = 500


@dataclass
class IngestReport:
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)  # "source: why it was skipped", one line each
    warnings: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # short reason -> how many

    def skip(self, source: str, message: str, reason: str) -> None:
        """One item not stored: counted under ``reason`` ("binary", "empty", ...); the batch goes on."""
        self.errors.append(f"{source}: {message}")
        self.skipped[reason] += 1

    def merge(self, other: "IngestReport") -> None:
        self.added += other.added
        self.duplicates += other.duplicates
        self.errors += other.errors
        self.warnings += other.warnings
        self.skipped += other.skipped

    def line(self) -> str:
        parts = [f"{len(self.added)} added", f"{self.duplicates} already stored", f"{len(self.errors)} skipped"]
        if self.errors:
            reasons = self.skipped.most_common()
            other = len(self.errors) - sum(self.skipped.values())
            if other > 0:
                reasons.append(("other", other))
            parts[-1] += " (" + ", ".join(f"{n} {why}" for why, n in reasons) + ")"
        return "Ingested: " + ", ".join(parts) + "."


@dataclass(frozen=True)
class _Page:
    doc: RawDocument | None
    error: str | None = None
    reason: str = "unreadable"


def _clean(value: str | None) -> str | None:
    return strip_nuls(value) if value else value


def _is_article_conflict(exc: IntegrityError) -> bool:
    """A unique violation on the article itself (not a derived row): the article is a duplicate."""
    text = str(exc.orig or exc).lower()
    return "articles" in text and ("content_hash" in text or "url" in text)


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
        for line in errors:
            report.skip(*line.split(": ", 1), reason="not found")
        for path in files:
            try:
                yield from self._file_documents(path, report)
            except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
                log.warning("reading %s failed: %s", path, exc, exc_info=log.isEnabledFor(logging.DEBUG))
                report.skip(str(path), f"could not be read ({type(exc).__name__})", "unreadable")
        for url in urls:
            yield from self.url_documents(url, report)

    def _file_documents(self, path, report: IngestReport) -> Iterator[RawDocument]:  # noqa: ANN001
        try:
            data, decoded = read_file(path, self.policy.max_bytes)
        except OSError as exc:
            report.skip(str(path), f"cannot read ({exc.strerror or exc})", "unreadable")
            return
        if decoded.error:
            report.skip(str(path), decoded.error, decoded.reason or "unreadable")
            return
        kind = kind_of(path, decoded.text)
        if kind == "feed":
            yield from self._feed_documents(str(path), data, report)
        else:
            yield RawDocument(str(path), kind, decoded.text)

    def url_documents(
        self, url: str, report: IngestReport, *, feed: Feed | None = None, max_items: int | None = None
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
            report.skip(url, result.error, "blocked" if result.error.startswith("refused") else "fetch failed")
            return
        content = xml_as_utf8(result.content)
        if looks_like_feed(content, result.content_type):
            left_out: list[int] = []
            yield from self._feed_documents(url, content, report, max_items=max_items, left_out=left_out)
            if feed is not None:
                # Entries left out by the cap are still new: without the validators the next
                # poll fetches the feed again and takes them, instead of hearing "not modified".
                feed.etag, feed.last_modified = (None, None) if left_out else (result.etag, result.last_modified)
            return
        page = self.page_document(url, result)
        if page.error:
            report.skip(url, page.error, page.reason)
            return
        yield page.doc  # type: ignore[misc]

    def page_document(self, url: str, result) -> "_Page":  # noqa: ANN001 - a FetchResult
        """A fetched page as a document, or why it is none."""
        if not result.content.strip():
            return _Page(None, "the page is empty", "empty")
        m = re.search(r"charset=[\"']?([\w-]+)", result.content_type)
        decoded = decode_bytes(result.content, declared=m.group(1) if m else None)
        if decoded.error:
            return _Page(None, decoded.error.replace("the file", "the page"), decoded.reason or "unreadable")
        html = decoded.text
        kind = "html" if "html" in result.content_type or "<html" in html[:2000].lower() else "text"
        return _Page(RawDocument(url, kind, html, url=result.final_url or url))

    def _feed_documents(
        self, source: str, content: bytes, report: IngestReport, *, max_items: int | None = None,
        left_out: list[int] | None = None,
    ) -> Iterator[RawDocument]:
        try:
            parsed = parse_feed(content)
        except Exception as exc:  # noqa: BLE001 - a hostile feed is one skip
            log.warning("feed %s could not be parsed: %s", source, exc)
            report.skip(source, f"malformed feed ({type(exc).__name__})", "malformed feed")
            return
        if parsed.error:
            report.skip(source, parsed.error, "malformed feed" if "malformed" in parsed.error else "not a feed")
            return
        if not parsed.entries:
            report.warnings.append(f"{source}: the feed has no entries")
        fresh: list[FeedEntry] = []
        for entry in parsed.entries:
            if entry.url and self._url_known(entry.url):
                report.duplicates += 1
            else:
                fresh.append(entry)
        if max_items is not None and len(fresh) > max_items:
            report.warnings.append(f"{source}: {len(fresh) - max_items} older new entries left for the next "
                                   f"poll (at most {max_items} per poll: limits.feed_max_new_items)")
            if left_out is not None:
                left_out.append(len(fresh) - max_items)
            keep = {id(e) for e in newest_first(fresh)[:max_items]}
            fresh = [e for e in fresh if id(e) in keep]  # stored in the feed's order
        # Teasers only: fetch the article pages themselves, in parallel (a bound per host).
        teasers = [e.url for e in fresh if e.url and len(re.sub(r"<[^>]+>", "", e.html)) < 600]
        pages = fetch_all(teasers, lambda u: fetch(u, self.policy),
                          workers=self.policy.parallel_fetches, per_host=self.policy.per_host_fetches)
        for entry in fresh:
            html = entry.html
            if entry.url in pages:
                result = pages[entry.url]
                page = self.page_document(entry.url, result) if not result.error else None
                if page is not None and page.doc is not None:
                    html = page.doc.content
                elif len(re.sub(r"<[^>]+>", "", html).strip()) < MIN_ARTICLE_CHARS:
                    why = result.error or (page.error if page else None) or "no text"
                    report.skip(entry.url, f"the article page could not be fetched ({why})", "fetch failed")
                    continue
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
        """Store one document with its derived rows in one transaction; every failure is a named
        skip (a duplicate another writer committed first is "already stored"); never raises."""
        name = raw.url or raw.source
        try:
            doc = self.extract(raw)
        except Exception as exc:  # a broken page must not stop the batch
            log.warning("extraction failed for %s: %s", raw.source, exc, exc_info=log.isEnabledFor(logging.DEBUG))
            report.skip(name, f"could not extract the article ({type(exc).__name__})", "extraction failed")
            return None
        text = strip_nuls(doc.text)
        if not text.strip() and doc.title:
            text = doc.title  # a one-line article: its headline is all it says
        if not is_article_text(text):
            report.skip(name, "no article text found", "no text")
            return None
        try:
            article_id = self._store(raw, doc, text, report, feed_id)
        except IntegrityError:
            # Another writer stored the same article (URL or text) between our check and commit.
            self._rolled_back()
            report.duplicates += 1
            return None
        except SQLAlchemyError as exc:
            self._rolled_back()
            log.warning("storing %s failed: %s", name, str(exc).splitlines()[0],
                        exc_info=log.isEnabledFor(logging.DEBUG))
            report.skip(name, f"could not be stored ({type(exc).__name__}: {str(exc.orig or exc).splitlines()[0][:160]})"
                        if getattr(exc, "orig", None) is not None else
                        f"could not be stored ({type(exc).__name__})", "storage failed")
            return None
        if article_id is None:
            report.duplicates += 1
            return None
        report.added.append(article_id)
        return article_id

    def _rolled_back(self) -> None:
        for enrich in self.enrichers:
            _rolled_back(enrich)

    def _store(self, raw: RawDocument, doc: ExtractedDocument, text: str, report: IngestReport,
               feed_id: int | None) -> int | None:
        digest = content_hash(text)
        url = strip_nuls(doc.url) if doc.url else None
        with self.db.session() as s:
            dup = select(Article.id).where(Article.content_hash == digest)
            if url:
                dup = select(Article.id).where((Article.content_hash == digest) | (Article.url == url))
            if s.scalar(dup) is not None:
                return None
            article = Article(
                url=url,
                source=strip_nuls(raw.source),
                feed_id=feed_id,
                outlet=_clean(doc.outlet),
                title=_clean(doc.title),
                author=_clean(doc.author),
                published_at=doc.published,
                text=text,
                content_hash=digest,
                ingested_at=utcnow(),
            )
            s.add(article)
            s.flush()
            for enrich in self.enrichers:
                try:
                    with s.begin_nested():
                        enrich(s, article)
                except SQLAlchemyError as exc:
                    if isinstance(exc, IntegrityError) and _is_article_conflict(exc):
                        raise
                    self._enricher_failed(enrich, article, report)
                except Exception:
                    self._enricher_failed(enrich, article, report)
            return article.id

    def _enricher_failed(self, enrich: Enricher, article: Article, report: IngestReport) -> None:
        log.warning("%s failed on article %s", enrich.name, article.id, exc_info=True)
        _rolled_back(enrich)
        report.warnings.append(f"article {article.id}: {enrich.name} failed (see log)")

    def ingest(
        self,
        values: list[str],
        progress: Callable[[Iterable[RawDocument]], Iterable[RawDocument]] | None = None,
    ) -> IngestReport:
        report = IngestReport()
        docs: Iterable[RawDocument] = self.documents(values, report)
        if progress is not None:
            docs = progress(docs)
        self.repair()
        for raw in docs:
            self.store(raw, report)
        self.after_batch(report)
        return report

    def repair(self) -> int:
        """Run enrichers on stored articles that lack their work (``REPAIRABLE``: an article left
        without a story by a failure gets one); at the start of every batch and poll. Never raises."""
        fixed = 0
        for enrich in self.enrichers:
            missing = REPAIRABLE.get(enrich.name)
            if missing is None:
                continue
            try:
                with self.db.session() as s:
                    ids = s.scalars(select(Article.id).where(missing()).order_by(Article.id).limit(REPAIR_BATCH)).all()
                for article_id in ids:
                    with self.db.session() as s:
                        # A no-op write first: the write lock (SQLite) or row lock (PostgreSQL) is
                        # taken before the enricher's own lock, in the order ``store`` takes them.
                        s.execute(update(Article).where(Article.id == article_id).values(id=Article.id))
                        article = s.get(Article, article_id)
                        if article is not None and s.scalar(select(Article.id).where(
                                Article.id == article_id, missing())) is not None:
                            enrich(s, article)
                            fixed += 1
            except Exception:  # noqa: BLE001 - ingest goes on; the next batch tries again
                _rolled_back(enrich)
                log.warning("%s: repairing stored articles failed", enrich.name,
                            exc_info=log.isEnabledFor(logging.DEBUG))
            else:
                if ids:
                    log.info("%s: caught up on %d stored article(s)", enrich.name, len(ids))
        return fixed

    def after_batch(self, report: IngestReport) -> None:
        """End of a batch (an ingest or a feed poll): rebuild the learned word similarities when due."""
        if report.added:
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
        for raw in list(self.url_documents(feed.url, report, feed=feed, max_items=self.policy.max_feed_items)):
            self.store(raw, report, feed_id=feed.id)
        with self.db.session() as s:
            row = s.get(Feed, feed_id)
            if row is not None:
                row.etag, row.last_modified = feed.etag, feed.last_modified
                row.last_checked_at = now
        self.after_batch(report)
        return report
