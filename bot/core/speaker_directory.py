"""Who is who across all articles: a cached alias index over stored people and speakers."""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import func, select

from bot.quotes.people import SpeakerIndex
from bot.quotes.speakers import canonical_key
from bot.store.db import Database
from bot.store.models import Person, Quote


@dataclass
class _Snapshot:
    version: tuple[int, int]
    index: SpeakerIndex
    group_of: dict[str, str]  # stored speaker name -> merged key
    members: dict[str, set[str]] = field(default_factory=dict)  # merged key -> stored speaker names
    cited: Counter[str] = field(default_factory=Counter)  # merged key -> quotes


class SpeakerDirectory:
    """Rebuilt only when people or quotes were added since the last question."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._snap: _Snapshot | None = None
        self._lock = threading.Lock()

    def _current(self) -> _Snapshot:
        with self.db.session() as s:
            version = (s.scalar(select(func.max(Person.id))) or 0, s.scalar(select(func.max(Quote.id))) or 0)
            if self._snap is not None and self._snap.version == version:
                return self._snap
            with self._lock:
                if self._snap is not None and self._snap.version == version:
                    return self._snap
                index = SpeakerIndex()
                people = s.execute(select(Person.name, Person.aliases)).all()
                for name, roles in sorted(people, key=lambda r: -len(r[0].split())):
                    index.add(name, tuple(roles or ()))
                counts = s.execute(
                    select(Quote.speaker, func.count()).where(Quote.speaker.is_not(None)).group_by(Quote.speaker)
                ).all()
                snap = _Snapshot(version, index, {})
                for name, n in sorted(counts, key=lambda r: -len(r[0].split())):
                    key = index.add(name)
                    snap.group_of[name] = key
                    snap.members.setdefault(key, set()).add(name)
                    snap.cited[key] += n
                self._snap = snap
                return snap

    def speakers_for(self, phrase: str) -> tuple[str | None, set[str]]:
        """The display name a question's phrase means, and the stored speaker names to search."""
        snap = self._current()
        for display in snap.index.resolve(phrase):
            key = canonical_key(display)
            merged = snap.group_of.get(display, key)
            names = snap.members.get(merged) or snap.members.get(key)
            if names:
                return snap.index.display(merged), set(names)
        return None, set()

    def display_names(self, names: set[str]) -> dict[str, str]:
        """Stored speaker name -> the name shown for the person (merged across articles)."""
        snap = self._current()
        return {n: snap.index.display(snap.group_of[n]) if n in snap.group_of else n for n in names}

    def known(self, limit: int = 5) -> list[str]:
        snap = self._current()
        return [snap.index.display(k) for k, _ in snap.cited.most_common(limit)]

    def closest(self, phrase: str, limit: int = 3) -> list[str]:
        snap = self._current()
        names = [snap.index.display(k) for k in snap.cited]
        found = process.extract(phrase, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
        return [name for name, _, _ in found]
