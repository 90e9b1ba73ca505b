"""Enrichers run at ingest, inside the article's transaction (see ``pipeline``)."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

import summarizers
from bot.store.models import Article, Person, Quote, Story, Summary
from bot.stories import StoryClusterer, StoryDoc, story_headline
from bot.quotes.people import person_name, same_given_name
from bot.quotes.attributions import extract_attributions
from bot.quotes.speakers import ArticleSpeakers, canonical_key
from textkit.sentences import split_sentences


def compute_summary(article: Article, method: str, sentences: int, max_chars: int | None) -> Summary:
    result = summarizers.get(method).summarize(
        article.text, sentences=sentences, max_chars=max_chars, title=article.title
    )
    return Summary(
        article_id=article.id,
        method=method,
        sentences=sentences,
        text=result.text,
        spans=[[s.start, s.end] for s in result.sentences],
    )


@dataclass
class SummaryEnricher:
    """Stores the configured method's summary so digests never wait for it."""

    method: str
    sentences: int
    max_chars: int | None = None
    name: str = "summary"

    def __call__(self, session: Session, article: Article) -> None:
        session.add(compute_summary(article, self.method, self.sentences, self.max_chars))


class StoryEnricher:
    """Assigns each new article to a story (incremental clustering), creating stories as needed.

    Shared by threads (feed polls run four at a time): ``lock`` is held from an assignment
    until the article's transaction ends, so no other thread sees a story row that may yet be
    rolled back; after a rollback the in-memory state is rebuilt from the database."""

    name = "story"

    def __init__(self, memory: int = 5000) -> None:
        self.memory = memory  # recent articles a restarted clusterer is rebuilt from
        self._clusterer: object | None = None
        self._to_db: dict[int, int] = {}
        self.lock = threading.RLock()

    def reset(self) -> None:
        """Forget the in-memory state (after a rolled-back transaction it is rebuilt from the DB)."""
        with self.lock:
            self._clusterer = None
            self._to_db = {}

    def _load(self, session: Session) -> None:
        rows = session.execute(
            select(Article.id, Article.title, Article.text, Article.published_at, Article.story_id)
            .where(Article.story_id.is_not(None))
            .order_by(Article.id.desc())
            .limit(self.memory)
        ).all()
        # Oldest first, as they arrived; older articles belong to stories that are over.
        assigned = [(StoryDoc(r[0], r[1], r[2], r[3]), r[4]) for r in reversed(rows)]
        self._clusterer = StoryClusterer.from_assignments(assigned)
        self._to_db = {sid: sid for _, sid in assigned}

    def _hold_until_transaction_ends(self, session: Session) -> None:
        """Take ``lock`` for the rest of ``session``'s transaction (released at commit or rollback;
        a rollback also drops the in-memory state, which may hold what was rolled back)."""
        if session.info.get(_STORY_LOCK_HELD):
            return
        self.lock.acquire()
        session.info[_STORY_LOCK_HELD] = True
        outcome = {"committed": False, "done": False}

        def committed(_session: Session) -> None:
            outcome["committed"] = True

        def ended(sess: Session, transaction: Any) -> None:
            if transaction.parent is not None or outcome["done"]:
                return  # a savepoint, or an earlier transaction's listener
            outcome["done"] = True
            sess.info.pop(_STORY_LOCK_HELD, None)
            if not outcome["committed"]:
                self._clusterer, self._to_db = None, {}
            self.lock.release()

        event.listen(session, "after_commit", committed)
        event.listen(session, "after_transaction_end", ended)

    def __call__(self, session: Session, article: Article) -> None:
        self._hold_until_transaction_ends(session)
        try:
            self._assign(session, article)
        except BaseException:
            self.reset()  # it may hold an assignment the database will not
            raise

    def _assign(self, session: Session, article: Article) -> None:
        if self._clusterer is None:
            self._load(session)
        doc = StoryDoc(article.id, article.title, article.text, article.published_at)
        cluster_id = self._clusterer.add(doc)  # type: ignore[attr-defined]
        story = join_story(session, self._to_db.get(cluster_id), article, doc)
        self._to_db[cluster_id] = story.id
        session.flush()


def join_story(session: Session, story_id: int | None, article: Article, doc: StoryDoc) -> Story:
    """Put ``article`` in story row ``story_id`` (its dates and headline follow), or in a new row
    when there is none (a new story, or its row is gone: start it again)."""
    when = article.published_at or article.ingested_at
    story = session.get(Story, story_id) if story_id is not None else None
    if story is None:
        story = Story(headline=story_headline([doc]), first_seen=when, last_seen=when)
        session.add(story)
        session.flush()
    else:
        story.first_seen = min(story.first_seen, when)
        story.last_seen = max(story.last_seen, when)
        members = session.execute(
            select(Article.id, Article.title, Article.text, Article.published_at)
            .where(Article.story_id == story.id, Article.id != article.id)
        ).all()
        story.headline = story_headline([StoryDoc(*m) for m in members] + [doc])
    article.story_id = story.id
    return story


_STORY_LOCK_HELD = "newsbrief.story_lock_held"


def _joined(text: str, parts: tuple[tuple[int, int], ...]) -> str:
    """A quotation interrupted by its cue ("A," she said. "B.") reads "A … B."."""
    return " … ".join(text[x:y].strip().rstrip(",;:") for x, y in parts)


#: The most context a quote keeps besides its own sentences (a wall of text has no sentence ends).
MAX_CONTEXT_CHARS = 600


def _framing(text: str, start: int, end: int) -> str:
    """What an attribution is about: its sentence(s) and one sentence either side, within its
    paragraph, at most ``MAX_CONTEXT_CHARS`` beyond the attribution itself (never the whole
    paragraph: a one-paragraph article would be stored once per quote)."""
    p0 = text.rfind("\n\n", 0, start)
    p1 = text.find("\n\n", end)
    lo, hi = (0 if p0 < 0 else p0 + 2), (len(text) if p1 < 0 else p1)
    starts = [lo + a for a, _ in split_sentences(text[lo:hi])[1:]]  # every sentence's but the first's
    before = [e for e in starts if e <= start]  # starts of the sentences up to the quote's
    after = [e for e in starts if e > end]  # starts of the sentences after the quote's
    c0 = before[-2] if len(before) >= 2 else lo
    c1 = after[1] if len(after) >= 2 else hi
    budget = MAX_CONTEXT_CHARS // 2
    if start - c0 > budget:
        c0 = _word_start(text, start - budget)
    if c1 - end > budget:
        c1 = _word_end(text, end + budget)
    return text[c0:c1].strip()


def _word_start(text: str, i: int) -> int:
    j = text.find(" ", i)
    return i if j < 0 else j + 1


def _word_end(text: str, i: int) -> int:
    j = text.rfind(" ", 0, i)
    return i if j < 0 else j


def _store_roles(session: Session):  # noqa: ANN202 - a KnownRoles callable
    """Roles earlier articles gave the people a name may mean (same surname, compatible given name)."""

    cache: dict[str, set[str]] = {}

    def roles(name: str) -> set[str]:
        if name in cache:
            return cache[name]
        pn = person_name(name)
        found: set[str] = set()
        if pn is not None:
            rows = session.execute(select(Person.name, Person.aliases).where(
                Person.key.like(f"%{pn.last.split()[0]}")).limit(200)).all()
            for other, aliases in rows:
                on = person_name(other)
                if on is not None and on.last == pn.last and (
                        pn.first is None or on.first is None or same_given_name(pn.first, on.first)):
                    found.update(aliases or ())
        cache[name] = found
        return found

    return roles


class QuoteEnricher:
    """Extracts who said what (direct and reported speech) and the people an article names."""

    name = "quotes"

    def __call__(self, session: Session, article: Article) -> None:
        text = article.text
        for a in extract_attributions(text, known_roles=_store_roles(session)):
            lo = min(a.content_start, a.cue_start, a.speaker_start if a.speaker_start is not None else a.cue_start)
            hi = max(a.content_end, a.cue_end)
            session.add(Quote(
                article_id=article.id,
                kind=a.kind,
                content=_joined(text, a.parts) if a.parts else a.content,
                content_start=a.content_start,
                content_end=a.content_end,
                cue=a.cue[:200],
                cue_start=a.cue_start,
                speaker_mention=(a.speaker_mention or "")[:300],
                speaker=a.speaker,
                speaker_key=canonical_key(a.speaker) if a.speaker else None,
                context=_framing(text, lo, hi),
                confidence=a.confidence,
            ))
        seen: set[str] = set()
        for person in ArticleSpeakers(text).persons.values():
            key = canonical_key(person.name)
            if key and key not in seen:
                seen.add(key)
                session.add(Person(article_id=article.id, name=person.name[:300], key=key[:300],
                                   aliases=sorted(person.roles)))
