"""Story assignment that any number of processes share (PostgreSQL).

Every assignment runs inside the article's transaction under one PostgreSQL advisory
lock (``pg_advisory_xact_lock``, released at commit or rollback, also when a worker is
killed). Holding it, the process first replays the assignments other processes made
since it last looked (``articles.story_seq`` numbers them in the order they were made),
then assigns the new article and gives it the next number. So every process's clusterer
has seen the same articles in the same order as a single process would have: stories
come out as one process makes them, however many workers ingest. A process that starts
(or whose last assignment was rolled back) rebuilds its clusterer from the database.

No engine is needed here: ``newsbrief ingest`` and the bot use it too whenever the
database is PostgreSQL.
"""
from __future__ import annotations

import logging

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bot.store.models import Article
from bot.stories import StoryClusterer, StoryDoc
from bot.ingest.enrich import StoryEnricher, join_story

log = logging.getLogger(__name__)

#: (namespace, key) of the advisory lock that serialises story assignment.
STORY_LOCK = (7461726, 2)


def lock_stories(session: Session) -> None:
    """Wait for the story lock; held until the session's transaction ends."""
    session.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": STORY_LOCK[0], "b": STORY_LOCK[1]})


class SharedStoryEnricher:
    """An ``Enricher`` (see ``bot.ingest.pipeline``): assigns the article's story under the lock."""

    name = "story"

    def __init__(self, memory: int = 5000) -> None:
        self.memory = memory  # recent assignments a (re)started process rebuilds from
        self._clusterer = None  # StoryClusterer, built lazily
        self._to_db: dict[int, int] = {}  # clusterer story id -> stories.id
        self._from_db: dict[int, int] = {}
        self._next_cluster = 1
        self._last_seq = 0  # newest assignment this process has seen or made
        self._last_article: int | None = None  # ... and its article

    def reset(self) -> None:
        self._clusterer = None

    # ------------------------------------------------------------ replaying
    def _cluster_id(self, story_id: int) -> int:
        cid = self._from_db.get(story_id)
        if cid is None:
            cid = self._next_cluster
            self._from_db[story_id], self._to_db[cid] = cid, story_id
            self._next_cluster += 1
        return cid

    def _replay(self, rows) -> None:  # noqa: ANN001 - (id, title, text, published, story_id, seq)

        for aid, title, body, published, story_id, seq in rows:
            self._clusterer.restore(StoryDoc(aid, title, body, published), self._cluster_id(story_id))
            if seq is not None and seq >= self._last_seq:
                self._last_seq, self._last_article = seq, aid

    def _columns(self):  # noqa: ANN202
        return (Article.id, Article.title, Article.text, Article.published_at, Article.story_id, Article.story_seq)

    def _load(self, session: Session) -> None:
        self._clusterer = StoryClusterer()
        self._to_db, self._from_db, self._next_cluster = {}, {}, 1
        self._last_seq, self._last_article = 0, None
        # Newest first, then replayed oldest first: assignments in the order they were made
        # (articles assigned before the sequence existed come first, by id).
        rows = session.execute(
            select(*self._columns()).where(Article.story_id.is_not(None))
            .order_by(Article.story_seq.desc().nulls_last(), Article.id.desc()).limit(self.memory)
        ).all()
        self._replay(reversed(rows))
        if self._last_article is None:
            self._last_seq = session.scalar(select(func.coalesce(func.max(Article.story_seq), 0))) or 0

    def _catch_up(self, session: Session) -> None:
        """Replay what other processes assigned since; rebuild when our view went wrong."""
        if self._clusterer is not None and self._last_article is not None:
            at = session.scalar(select(Article.id).where(Article.story_seq == self._last_seq))
            if at != self._last_article:  # our last assignment was rolled back
                log.info("story view out of date (assignment %s gone); rebuilding", self._last_seq)
                self._clusterer = None
        if self._clusterer is None:
            self._load(session)
            return
        rows = session.execute(
            select(*self._columns()).where(Article.story_seq > self._last_seq).order_by(Article.story_seq)
        ).all()
        self._replay(rows)

    # ------------------------------------------------------------ assigning
    def __call__(self, session: Session, article: Article) -> None:
        if article.story_id is not None:
            return
        lock_stories(session)
        try:
            self._assign(session, article)
        except BaseException:
            self._clusterer = None  # it may hold an assignment the database will not
            raise

    def _assign(self, session: Session, article: Article) -> None:
        self._catch_up(session)
        doc = StoryDoc(article.id, article.title, article.text, article.published_at)
        known = self._clusterer.story_of(doc.id)
        cid = known if known is not None else self._clusterer.add(doc)
        story = join_story(session, self._to_db.get(cid), article, doc)
        if self._to_db.get(cid) != story.id:  # a new story row
            self._to_db[cid], self._from_db[story.id] = story.id, cid
            self._next_cluster = max(self._next_cluster, cid + 1)
        article.story_seq = self._last_seq + 1
        session.flush()
        self._last_seq, self._last_article = article.story_seq, article.id


def story_enricher(database_url: str):  # noqa: ANN201 - an Enricher
    """The shared enricher on PostgreSQL; the in-process one (``StoryEnricher``) on SQLite."""

    if database_url.startswith(("postgresql", "postgres:")):
        return SharedStoryEnricher()
    return StoryEnricher()
