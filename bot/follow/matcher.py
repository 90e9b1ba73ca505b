"""New statements by followed people -> alerts, once per article and per follow.

After each ingest batch (``Ingestor.batch_hooks``) and every little while in the running
bot (job workers ingest without hooks), the articles not yet scanned are matched against
every follow, under one lock all processes share (a PostgreSQL advisory lock; SQLite's
write lock), and marked scanned in the same transaction: an article alerts once, however
many processes ingest or scan.

A report by a followed person alerts when it is a statement (kind direct or reported), is
about the follow's topic as ``ask`` judges it (``AskHandlers._relevance`` and its thresholds,
over all the person's statements), and is a *new* statement: no earlier stored report is the
same statement (``bot.ask.statements``). A later report of a statement already alerted
(another outlet, the same article re-told) joins that alert: its sources grow, no new alert.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.ask.answer import QUOTE_COLUMNS, AskHandlers
from bot.ask.statements import Shape, shape_of
from bot.follow.models import AlertScan, Follow, FollowAlert
from bot.store.db import Database
from bot.store.models import Article, Quote, Story, utcnow

log = logging.getLogger(__name__)

STATEMENT_KINDS = ("direct", "reported")
#: (class id, object id) of the advisory lock the scan takes on PostgreSQL.
SCAN_LOCK = (7461726, 16)


def _clean(value: str) -> str:
    return " ".join((value or "").split())


def _same(new: Shape, old: Shape) -> bool:
    """One statement: the words align, or the new report quotes a few words of the old one."""
    return new.same(old) or (bool(new.quoted) and new.echoes(old))


@dataclass
class _Open:
    """An alert of one follow, as the scan sees it."""

    row: FollowAlert
    shapes: list[Shape] = field(default_factory=list)


@dataclass
class AlertMatcher:
    db: Database
    asking: AskHandlers
    batch: int = 200
    clock: Callable[[], datetime] = utcnow
    #: Called (with the new alert ids) after a scan recorded alerts: the bot delivers them now.
    on_alerts: list[Callable[[list[int]], object]] = field(default_factory=list)

    def scan(self) -> list[int]:
        """Match every article not yet scanned; the ids of the alerts recorded."""
        created: list[int] = []
        for _ in range(100):  # batches until none is left
            try:
                got, more = self._scan_once()
            except IntegrityError:  # another process scanned the same articles first: look again
                log.debug("alert scan raced another process; again")
                continue
            created.extend(got)
            if not more:
                break
        if created:
            for callback in self.on_alerts:
                try:
                    callback(created)
                except Exception:  # noqa: BLE001 - delivery picks them up on its next round anyway
                    log.exception("alert callback failed")
        return created

    # ------------------------------------------------------------------ one batch
    def _scan_once(self) -> tuple[list[int], bool]:
        with self.db.session() as s:
            follows = list(s.scalars(select(Follow).order_by(Follow.id)))
        if not follows:
            return [], False
        since = min(f.created_at for f in follows)
        with self.db.session() as s:
            self._lock(s, follows[0].id)
            rows = s.execute(
                select(Article.id, Article.ingested_at)
                .outerjoin(AlertScan, AlertScan.article_id == Article.id)
                .where(AlertScan.article_id.is_(None), Article.ingested_at >= since)
                .order_by(Article.id).limit(self.batch)).all()
            if not rows:
                return [], False
            follows = list(s.scalars(select(Follow).order_by(Follow.id)))  # as of the lock
            ingested = dict(rows)
            created: list[FollowAlert] = []
            for follow in follows:
                eligible = sorted(a for a, at in ingested.items() if at >= follow.created_at)
                if eligible:
                    created.extend(self._match(s, follow, eligible))
            now = self.clock()
            for aid in ingested:
                s.add(AlertScan(article_id=aid, scanned_at=now))
            s.flush()
            ids = [a.id for a in created]
        if ids:
            log.info("alerts: %d new from %d article(s)", len(ids), len(rows))
        return ids, len(rows) == self.batch

    def _lock(self, s: Session, any_follow: int) -> None:
        """One scan at a time across processes (taken first, so SQLite waits for its write lock
        instead of failing on a stale read)."""
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": SCAN_LOCK[0], "b": SCAN_LOCK[1]})
        else:
            s.execute(update(Follow).where(Follow.id == any_follow).values(id=Follow.id))

    def _match(self, s: Session, follow: Follow, article_ids: list[int]) -> list[FollowAlert]:
        _display, names = self.asking.directory.speakers_for(follow.person)
        if not names:
            return []
        mine = list(s.execute(select(*QUOTE_COLUMNS).where(Quote.speaker.in_(names))).all())
        batch = set(article_ids)
        new = sorted((x for x in mine if x.article_id in batch), key=lambda x: (x.article_id, x.id))
        if not new:
            return []
        old = [x for x in mine if x.article_id not in batch]
        about = self._about_topic(s, follow.topic, mine) if follow.topic else None
        opened = self._open_alerts(s, follow.id)
        old_shapes = [shape_of(x.content) for x in old]
        created: list[FollowAlert] = []
        used: set[int] = set()
        # Statements about the topic start alerts (unless told before); other reports join them.
        for x in new:
            if x.kind not in STATEMENT_KINDS or (about is not None and x.id not in about):
                continue
            sh = shape_of(x.content)
            target = next((o for o in opened if any(_same(sh, p) for p in o.shapes)), None)
            if target is not None:
                self._join(target, x, sh)
            elif any(_same(sh, p) for p in old_shapes):
                continue  # reported before this batch (or before the follow): nothing new
            else:
                row = FollowAlert(follow_id=follow.id, destination=follow.destination, speaker=follow.person,
                                  text=_clean(x.content), kind=x.kind, cue=x.cue or "", quote_ids=[x.id],
                                  article_ids=[x.article_id], created_at=self.clock(), status="pending",
                                  attempts=0)
                s.add(row)
                s.flush()
                opened.append(_Open(row, [sh]))
                created.append(row)
            used.add(x.id)
        for x in new:
            if x.id in used:
                continue
            sh = shape_of(x.content)
            target = next((o for o in opened if any(_same(sh, p) for p in o.shapes)), None)
            if target is not None:
                self._join(target, x, sh)
        return created

    @staticmethod
    def _join(target: _Open, x, sh: Shape) -> None:  # noqa: ANN001 - a Quote row
        row = target.row
        if x.id not in (row.quote_ids or []):
            row.quote_ids = [*(row.quote_ids or []), x.id]
        if x.article_id not in (row.article_ids or []):
            row.article_ids = [*(row.article_ids or []), x.article_id]
        # The person's own words, when an outlet printed them, before they are delivered.
        if row.status == "pending" and row.kind != "direct" and x.kind == "direct" and x.confidence >= 0.5:
            row.text, row.kind, row.cue = _clean(x.content), x.kind, x.cue or ""
        target.shapes.append(sh)

    def _open_alerts(self, s: Session, follow_id: int, limit: int = 500) -> list[_Open]:
        rows = list(s.scalars(select(FollowAlert).where(FollowAlert.follow_id == follow_id)
                              .order_by(FollowAlert.id.desc()).limit(limit)))
        quote_ids = {q for r in rows for q in r.quote_ids or []}
        contents = dict(s.execute(select(Quote.id, Quote.content).where(Quote.id.in_(quote_ids))).all()) \
            if quote_ids else {}
        return [_Open(r, [shape_of(contents[q]) for q in r.quote_ids or [] if q in contents]
                      or [shape_of(r.text)]) for r in rows]

    def _about_topic(self, s: Session, topic: str, quotes: list) -> set[int]:
        """The person's reports about ``topic`` as ``ask`` decides it: relevance over all their
        reports (rarer topic words weigh more), a topic word near the report, ask's bar, and
        close enough to the best match."""
        copies: dict[tuple[str, str], list] = defaultdict(list)
        for x in quotes:
            copies[(x.content, x.context or "")].append(x)
        reps = [group[0] for group in copies.values()]
        story, title = {}, {}
        for aid, sid, ttl in s.execute(select(Article.id, Article.story_id, Article.title)
                                       .where(Article.id.in_({x.article_id for x in reps}))):
            story[aid], title[aid] = sid, ttl or ""
        headlines = dict(s.execute(select(Story.id, Story.headline)
                                   .where(Story.id.in_(set(story.values()) - {None}))).all())
        relevance, near, _ = self.asking._relevance(topic, reps, title, story, headlines)
        bar = self.asking.few_relevance if len(reps) <= self.asking.few_quotes else self.asking.min_relevance
        # As ask shows what is nearly as much about the topic as the best match (``keep_share``
        # of it), among everything the person said, the new statements included.
        top = max((relevance.get(x.id, 0.0) for x in reps if x.id in near and x.kind in STATEMENT_KINDS),
                  default=0.0)
        bar = max(bar, self.asking.keep_share * top)
        about: set[int] = set()
        for rep in reps:
            if rep.id in near and relevance.get(rep.id, 0.0) >= bar:
                about.update(c.id for c in copies[(rep.content, rep.context or "")])
        return about
