"""Stories -> a digest: ranked, condensed across sources, with key quotes and citations."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from bot.core.errors import UserError
from bot.core.types import Section, Source
from bot.store.models import Article, Quote, Story, Summary
from bot.store.queries import ArticleInfo
from bot.ask.topicmatch import topic_shares, topic_words
from bot.ingest.enrich import compute_summary
from textkit.sentences import sentences as split
from textkit.similarity import OVERLAP, normalized, resemblance

_SINCE = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.I)


def parse_since(value: str | None, now: datetime | None = None) -> datetime | None:
    """'2d', '12h', '30m', '1w' or an ISO date/time -> aware UTC datetime."""
    if not value:
        return None
    now = now or datetime.now(timezone.utc)
    m = _SINCE.match(value)
    if m:
        unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[m.group(2).lower()]
        return now - timedelta(**{unit: int(m.group(1))})
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"'{value}' is not a time: use e.g. 2d, 12h, 30m or 2015-11-30.") from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def near_duplicate(a: str, b: str, threshold: float = OVERLAP) -> bool:
    """One fact told twice (by two outlets in their own words): :func:`textkit.similarity.resemblance`."""
    return resemblance(normalized(a), normalized(b)) >= threshold


@dataclass(frozen=True)
class StoryItem:
    id: int
    headline: str
    article_ids: tuple[int, ...]
    sources: tuple[Source, ...]
    summary: str = ""
    quote: str | None = None
    quote_speaker: str | None = None
    outlets: int = 0
    latest: datetime | None = None
    score: float = 0.0

    def section(self) -> Section:
        return Section(self.headline, self.summary, self.quote, self.quote_speaker, self.sources)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "headline": self.headline,
            "article_ids": list(self.article_ids),
            "summary": self.summary,
            "quote": {"text": self.quote, "speaker": self.quote_speaker} if self.quote else None,
            "sources": [s.__dict__ for s in self.sources],
            "outlets": self.outlets,
            "latest": self.latest.isoformat() if self.latest else None,
        }


@dataclass
class DigestBuilder:
    method: str
    sentences: int = 3
    max_chars: int = 600
    #: Shows a stored speaker name as the person is known across articles ("Smith" -> "Jane Smith").
    speaker_name: Callable[[str], str] | None = None

    # ------------------------------------------------------------- selection
    #: When no title or summary names the topic, this many recent articles are searched in full.
    deep_search_articles: int = 500
    deep_search_chars: int = 2000

    def _stories_on(self, s: Session, topics: list[str], since: datetime | None,
                    until: datetime | None) -> dict[int, float]:
        """Stories that name a topic, with how well: titles and stored summaries first (cheap),
        else the full text of the most recent articles."""

        wanted = [w for t in topics for w in topic_words(t)]

        def window(q):  # noqa: ANN001, ANN202
            q = q.where(Article.story_id.is_not(None))
            if since is not None:
                q = q.where(Article.ingested_at > since)
            if until is not None:
                q = q.where(Article.ingested_at <= until)
            return q

        def shares(rows) -> dict[int, float]:  # noqa: ANN001
            rows = list(rows)
            found: dict[int, float] = {}
            for (sid, *_), share in zip(rows, topic_shares(wanted, [" ".join(t or "" for t in texts)
                                                                    for _, *texts in rows])):
                if share > 0:
                    found[sid] = max(share, found.get(sid, 0.0))
            return found

        # 1. Titles and summaries that contain the start of a topic word (an index-free LIKE, then
        #    variant-aware scoring); 2. else variants in the full text of the most recent articles.
        starts = {w[:5] for w in wanted}
        cheap = window(select(Article.story_id, Article.title, Summary.text)
                       .outerjoin(Summary, (Summary.article_id == Article.id) & (Summary.method == self.method))
                       .where(or_(*[func.lower(Article.title).contains(p) for p in starts],
                                  *[func.lower(Summary.text).contains(p) for p in starts])))
        found = shares(s.execute(cheap)) if starts else {}
        if not found:
            # An article about a topic names it early: its opening is searched, not all of it.
            deep = window(select(Article.story_id, Article.title,
                                 func.substr(Article.text, 1, self.deep_search_chars))).order_by(
                Article.ingested_at.desc()).limit(self.deep_search_articles)
            found = shares(s.execute(deep))
        return found

    def _window_ids(self, s: Session, since: datetime | None, until: datetime | None,
                    only: dict[int, float] | None) -> set[int]:
        """Stories with at least one article ingested in the window."""
        if only is not None and not only:
            return set()
        q = select(Article.story_id).where(Article.story_id.is_not(None)).distinct()
        if only is not None:
            q = q.where(Article.story_id.in_(list(only)))
        if since is not None:
            q = q.where(Article.ingested_at > since)
        if until is not None:
            q = q.where(Article.ingested_at <= until)
        return set(s.scalars(q))

    def _articles(self, s: Session, story_ids: list[int]) -> dict[int, list[ArticleInfo]]:
        grouped: dict[int, list[ArticleInfo]] = defaultdict(list)
        cols = (Article.id, Article.outlet, Article.title, Article.author, Article.published_at, Article.url,
                Article.source, Article.ingested_at, Article.story_id)
        for row in s.execute(select(*cols).where(Article.story_id.in_(story_ids)).order_by(Article.id)):
            grouped[row.story_id].append(ArticleInfo(*row))
        return grouped

    def items(
        self,
        s: Session,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        topics: list[str] | None = None,
        limit: int | None = None,
        with_summary: bool = True,
    ) -> list[StoryItem]:
        """Stories ranked by independent sources, recency and topic; ranked in SQL aggregates so
        only the chosen stories' articles are loaded."""
        on_topic = self._stories_on(s, topics, since, until) if topics else None
        ids = self._window_ids(s, since, until, on_topic)
        if not ids:
            return []
        now = until or datetime.now(timezone.utc)
        stats = s.execute(
            select(Article.story_id, func.count(func.distinct(Article.outlet)),
                   func.sum(case((Article.outlet.is_(None), 1), else_=0)),
                   func.max(Article.published_at), func.max(Article.ingested_at))
            .where(Article.story_id.in_(list(ids))).group_by(Article.story_id)
        ).all()
        ranked = []
        for sid, named, unnamed, published, ingested in stats:
            latest = published or ingested
            outlets = int(named or 0) + int(unnamed or 0)
            age_days = max((now - latest).total_seconds() / 86400, 0)
            relevance = on_topic.get(sid, 0.0) if on_topic is not None else 0.0
            ranked.append((outlets + 1.0 / (1.0 + age_days) + 2.0 * relevance, latest, sid, outlets))
        ranked.sort(key=lambda r: (-r[0], -r[1].timestamp(), r[2]))
        if limit:
            ranked = ranked[:limit]
        chosen = [r[2] for r in ranked]
        grouped = self._articles(s, chosen)
        headlines = dict(s.execute(select(Story.id, Story.headline).where(Story.id.in_(chosen))).all())
        items = [
            StoryItem(
                id=sid,
                headline=headlines.get(sid) or grouped[sid][0].title or f"Story {sid}",
                article_ids=tuple(a.id for a in grouped[sid]),
                sources=tuple(a.as_source() for a in grouped[sid]),
                outlets=outlets,
                latest=latest,
                score=score,
            )
            for score, latest, sid, outlets in ranked
        ]
        if with_summary:
            items = [self._condense(s, item) for item in items]
        return items

    # -------------------------------------------------------------- summary
    def _condense(self, s: Session, item: StoryItem) -> StoryItem:
        recent = item.article_ids[-10:]  # a story's latest reports say what it is about now
        summaries = {
            row.article_id: row.text
            for row in s.scalars(
                select(Summary).where(
                    Summary.article_id.in_(recent),
                    Summary.method == self.method,
                    Summary.sentences == self.sentences,
                )
            )
        }
        missing = [aid for aid in recent if aid not in summaries][:5]  # another method: made once, stored
        if missing:
            for aid in missing:
                article = s.get(Article, aid)
                if article is not None:
                    row = compute_summary(article, self.method, self.sentences, self.max_chars)
                    s.add(row)
                    summaries[aid] = row.text
        chosen: list[str] = []
        # Longest article first: usually the fullest report; others add what it lacks.
        order = sorted(recent, key=lambda aid: -len(summaries.get(aid, "")))
        pool: list[str] = []
        for aid in order:
            pool.extend(split(summaries.get(aid, "")))
        total = 0
        for sent in pool:
            if any(near_duplicate(sent, c) for c in chosen):
                continue
            if total + len(sent) > self.max_chars and chosen:
                break
            chosen.append(sent)
            total += len(sent) + 1
            if len(chosen) >= self.sentences:
                break
        quote, speaker = self._key_quote(s, item.article_ids)
        return StoryItem(**{**item.__dict__, "summary": " ".join(chosen), "quote": quote, "quote_speaker": speaker})

    def _key_quote(self, s: Session, article_ids: tuple[int, ...]) -> tuple[str | None, str | None]:
        rows = list(s.execute(
            select(Quote.id, Quote.article_id, Quote.content, Quote.speaker, Quote.confidence)
            .where(Quote.article_id.in_(article_ids), Quote.kind == "direct", Quote.speaker.is_not(None))
            .order_by(Quote.confidence.desc(), Quote.id).limit(60)
        ).all())
        if not rows:
            return None, None
        # Prefer what several outlets quote, then clean, confident and concise (fits a chat line).
        keys = {q.id: normalized(q.content) for q in rows}

        def support(q: Quote) -> int:
            mine = keys[q.id]
            return len({o.article_id for o in rows if o.article_id != q.article_id and mine and keys[o.id]
                        and resemblance(mine, keys[o.id]) >= OVERLAP})

        def clean(q: Quote) -> bool:  # no stray inner quotation mark, no gap left by a cut source
            inner = q.content.strip().strip("\"“”‘’'")
            return not any(m in inner for m in "“”\"") and "  " not in inner

        best = max(rows[:20], key=lambda q: (support(q), clean(q), q.confidence, -abs(len(q.content) - 160), -q.id))
        text = best.content.strip().strip("\"“”‘’'").strip()
        if len(text) > 300:
            text = text[:297].rsplit(" ", 1)[0] + "…"
        speaker = best.speaker or ""
        return text, self.speaker_name(speaker) if self.speaker_name else speaker
