"""Incremental grouping of articles into stories (one story = one real-world event).

Each article becomes a unit TF-IDF vector over its event features (see
``features``). A new article joins the story whose members it is most similar
to on average (average link), if that similarity reaches ``threshold`` (or the
lower ``settled_threshold`` once the story has ``settled_size`` articles: a mean
over several articles is a steadier guide than one pairwise similarity) and,
when both sides carry dates, the article lies within ``window`` of the story's
dated members; otherwise it starts a new story. Candidate stories come from an
inverted index over the article's ``candidate_terms`` most weighted features
(a story must share ``min_shared`` of them; features found in more than
``max_postings`` stories are too common to nominate any), so one ``add`` costs
a few dot products, not a pass over every article.

Years tell apart events of the same kind (two patches of one browser, two
fights of one boxer): below ``sure_threshold``, an article that mentions years
joins a story that mentions years only if they share one (``year_gate``).

Defaults were tuned on the odd-numbered topics of ECB+ (see bench/stories.py):
a story merging two events is the worse error, so the threshold favours precision.

IDF comes from the articles seen so far. It is frozen in a snapshot that is
rebuilt (all vectors recomputed) whenever the collection has grown by
``idf_growth``; so results depend only on the order of ``add`` calls.

Rebuilding after a restart: call ``restore(doc, story_id)`` for every stored
article in its original order (or ``from_assignments``); later ``add`` calls then
continue numbering after the largest restored story id.

Thread safety: every public method holds ``lock`` (a re-entrant lock), so threads may
share one clusterer. A caller that must keep the clusterer and its own records in step
(e.g. an ``add`` and the database transaction storing its result) holds ``lock`` around both.
"""
from __future__ import annotations

import math
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Iterable

import numpy as np

from bot.stories.doc import StoryDoc
from bot.stories.features import FeatureWeights, extract, is_year

__all__ = ["StoryClusterer", "StoryDoc"]

#: Added to ln((N+1)/(df+1)). Below sklearn's 1.0 so that, in a small collection,
#: words every article shares (the same two leaders) weigh far less than the rest.
_IDF_OFFSET = 0.5


def _naive_utc(when: datetime | None) -> datetime | None:
    """Compare aware and naive dates alike (naive ones are taken as UTC)."""
    return when.astimezone(timezone.utc).replace(tzinfo=None) if when and when.tzinfo else when


@dataclass
class _Doc:
    story: int
    published: datetime | None
    terms: np.ndarray  # sorted term ids (int64)
    raw: np.ndarray  # pre-IDF weights
    vec: np.ndarray = field(default_factory=lambda: np.zeros(0))  # unit TF-IDF weights


@dataclass
class _Story:
    members: list[int] = field(default_factory=list)
    terms: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    total: np.ndarray = field(default_factory=lambda: np.zeros(0))  # sum of member vectors
    first: datetime | None = None
    last: datetime | None = None


class StoryClusterer:
    """Assigns story ids (1, 2, ...) to articles as they arrive; deterministic for a given order."""

    def __init__(
        self,
        threshold: float = 0.26,
        window: timedelta = timedelta(days=4),
        weights: FeatureWeights = FeatureWeights(),
        candidate_terms: int = 30,
        idf_growth: float = 1.25,
        min_shared: int = 2,
        max_postings: int = 100,
        settled_size: int = 3,
        settled_threshold: float = 0.2,
        sure_threshold: float = 0.3,
        year_gate: bool = True,
    ) -> None:
        self.threshold = threshold
        self.window = window
        self.weights = weights
        self.candidate_terms = candidate_terms
        self.idf_growth = idf_growth
        self.min_shared = min_shared
        self.max_postings = max_postings
        self.settled_size = settled_size
        self.settled_threshold = settled_threshold
        self.sure_threshold = sure_threshold
        self.year_gate = year_gate
        self._vocab: dict[str, int] = {}
        self._df = np.zeros(1024, dtype=np.int64)
        self._is_year = np.zeros(1024, dtype=bool)  # term id -> is a year feature
        self._idf = np.zeros(0)
        self._idf_n = 0  # documents in the IDF snapshot
        self._docs: list[_Doc] = []
        self._doc_index: dict[int, int] = {}
        self._stories: dict[int, _Story] = {}
        self._postings: dict[int, list[int]] = {}
        self._next_story = 1
        self.lock = threading.RLock()

    # -- public API ----------------------------------------------------------

    def add(self, doc: StoryDoc) -> int:
        """Assign ``doc`` to an existing story or a new one; returns the story id."""
        with self.lock:
            if doc.id in self._doc_index:
                return self._docs[self._doc_index[doc.id]].story
            d = self._ingest(doc)
            story_id = self._best_story(d)
            if story_id is None:
                story_id = self._next_story
            self._attach(doc.id, d, story_id)
            return story_id

    def restore(self, doc: StoryDoc, story_id: int) -> None:
        """Put ``doc`` into ``story_id`` as previously stored (rebuild after restart)."""
        with self.lock:
            if doc.id not in self._doc_index:
                self._attach(doc.id, self._ingest(doc), story_id)

    @classmethod
    def from_assignments(cls, assigned: Iterable[tuple[StoryDoc, int]], **options: object) -> "StoryClusterer":
        clusterer = cls(**options)  # type: ignore[arg-type]
        for doc, story_id in assigned:
            clusterer.restore(doc, story_id)
        return clusterer

    def assign_all(self, docs: Iterable[StoryDoc]) -> dict[int, int]:
        """``add`` every doc in the given order; article id -> story id."""
        with self.lock:
            return {doc.id: self.add(doc) for doc in docs}

    def story_of(self, doc_id: int) -> int | None:
        with self.lock:
            index = self._doc_index.get(doc_id)
            return None if index is None else self._docs[index].story

    def stories(self) -> dict[int, list[int]]:
        """Story id -> article ids, in arrival order."""
        with self.lock:
            ids = {i: doc_id for doc_id, i in self._doc_index.items()}
            return {sid: [ids[i] for i in s.members] for sid, s in self._stories.items()}

    # -- internals -------------------------------------------------------------

    def _ingest(self, doc: StoryDoc) -> _Doc:
        feats = extract(doc, self.weights)
        ids = np.fromiter((self._term_id(f) for f in feats), dtype=np.int64, count=len(feats))
        raw = np.fromiter(feats.values(), dtype=np.float64, count=len(feats))
        order = np.argsort(ids)
        d = _Doc(0, _naive_utc(doc.published), ids[order], raw[order])
        self._df[d.terms] += 1
        n = len(self._docs) + 1
        if n >= self._idf_n * self.idf_growth:
            self._rebuild_idf(n)
        d.vec = self._weigh(d)
        return d

    def _term_id(self, feature: str) -> int:
        tid = self._vocab.get(feature)
        if tid is None:
            tid = self._vocab[feature] = len(self._vocab)
            if tid >= len(self._df):
                self._df = np.concatenate([self._df, np.zeros(len(self._df), dtype=np.int64)])
                self._is_year = np.concatenate([self._is_year, np.zeros(len(self._is_year), dtype=bool)])
            self._is_year[tid] = is_year(feature)
        return tid

    def _weigh(self, d: _Doc) -> np.ndarray:
        idf = np.full(len(d.terms), math.log(self._idf_n + 1) + _IDF_OFFSET)  # unseen in the snapshot
        known = d.terms < len(self._idf)
        idf[known] = self._idf[d.terms[known]]
        vec = d.raw * idf
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def _rebuild_idf(self, n: int) -> None:
        df = self._df[: len(self._vocab)]
        self._idf = np.log((n + 1) / (df + 1)) + _IDF_OFFSET
        self._idf_n = n
        for d in self._docs:
            d.vec = self._weigh(d)
        for story in self._stories.values():
            self._recompute(story)

    def _recompute(self, story: _Story) -> None:
        members = [self._docs[i] for i in story.members]
        terms = np.concatenate([m.terms for m in members])
        vals = np.concatenate([m.vec for m in members])
        story.terms, inverse = np.unique(terms, return_inverse=True)
        story.total = np.bincount(inverse, weights=vals, minlength=len(story.terms))

    def _best_story(self, d: _Doc) -> int | None:
        top = d.terms[np.argsort(-d.vec, kind="stable")[: self.candidate_terms]]
        postings = (self._postings.get(t, ()) for t in top.tolist())
        shared = Counter(sid for p in postings if len(p) <= self.max_postings for sid in p)
        candidates = sorted(sid for sid, n in shared.items() if n >= self.min_shared)
        if not candidates:
            return None
        dense = np.zeros(len(self._vocab))
        dense[d.terms] = d.vec
        years = d.terms[self._is_year[d.terms]] if self.year_gate else d.terms[:0]
        best, best_sim = None, 0.0
        for sid in candidates:
            story = self._stories[sid]
            if not self._in_window(d.published, story):
                continue
            n = len(story.members)
            sim = float(dense[story.terms] @ story.total) / n
            if sim < (self.settled_threshold if n >= self.settled_size else self.threshold):
                continue
            if sim < self.sure_threshold and self._years_differ(years, story):
                continue
            if best is None or sim > best_sim:
                best, best_sim = sid, sim
        return best

    def _years_differ(self, years: np.ndarray, story: _Story) -> bool:
        """Both mention years, and none in common."""
        if not len(years) or np.isin(years, story.terms).any():
            return False
        return bool(self._is_year[story.terms].any())

    def _in_window(self, published: datetime | None, story: _Story) -> bool:
        if published is None or story.first is None or story.last is None:
            return True
        return story.first - self.window <= published <= story.last + self.window

    def _attach(self, doc_id: int, d: _Doc, story_id: int) -> None:
        d.story = story_id
        self._doc_index[doc_id] = len(self._docs)
        self._docs.append(d)
        story = self._stories.setdefault(story_id, _Story())
        new_terms = np.setdiff1d(d.terms, story.terms, assume_unique=True)
        for t in new_terms.tolist():
            self._postings.setdefault(t, []).append(story_id)
        story.members.append(len(self._docs) - 1)
        if len(story.members) == 1:
            story.terms, story.total = d.terms.copy(), d.vec.copy()
        else:
            self._recompute(story)
        if d.published is not None:
            story.first = min(story.first or d.published, d.published)
            story.last = max(story.last or d.published, d.published)
        self._next_story = max(self._next_story, story_id + 1)
