"""Who is who across all articles: a cached index of the people quoted in the store."""
from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import Text, cast, func, select

from bot.quotes.people import SpeakerIndex, person_name
from bot.store.db import Database
from bot.store.models import Person, Quote


@dataclass
class _Snapshot:
    version: tuple[int, int]
    index: SpeakerIndex
    members: dict[str, set[str]] = field(default_factory=dict)  # person key -> stored speaker names
    cited: Counter[str] = field(default_factory=Counter)  # person key -> quotes


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
                counts = dict(s.execute(
                    select(Quote.speaker, func.count()).where(Quote.speaker.is_not(None)).group_by(Quote.speaker)
                ).all())
                roles: dict[str, Counter[str]] = defaultdict(Counter)
                speakers = select(Quote.speaker).where(Quote.speaker.is_not(None)).distinct().scalar_subquery()
                has_roles = cast(Person.aliases, Text) != "[]"  # most people have none: skip decoding them
                for name, aliases in s.execute(select(Person.name, Person.aliases)
                                               .where(Person.name.in_(speakers), has_roles)):
                    roles[name].update(aliases or ())
                index = SpeakerIndex.build(counts, roles)
                snap = _Snapshot(version, index)
                for name, n in counts.items():
                    key = index.key_of(name)
                    if key:
                        snap.members.setdefault(key, set()).add(name)
                        snap.cited[key] += n
                self._snap = snap
                return snap

    def refresh(self) -> None:
        """Rebuild now if people or quotes were added (after an ingest batch, so that the next
        question does not wait for it)."""
        self._current()

    def speakers_for(self, phrase: str) -> tuple[str | None, set[str]]:
        """The display name a question's phrase means, and the stored speaker names to search."""
        snap = self._current()
        for key in snap.index.resolve_keys(phrase):
            names = snap.members.get(key)
            if names:
                return snap.index.display(key), set(names)
        return None, set()

    def display_names(self, names: set[str]) -> dict[str, str]:
        """Stored speaker name -> the name shown for the person (merged across articles)."""
        snap = self._current()
        out = {}
        for n in names:
            key = snap.index.key_of(n)
            out[n] = snap.index.display(key) if key else n
        return out

    def known(self, limit: int = 5) -> list[str]:
        """The people quoted most (named in full: a bare word is no one to suggest)."""
        snap = self._current()
        return [snap.index.display(k) for k, _ in snap.cited.most_common() if " " in k][:limit]

    def closest(self, phrase: str, limit: int = 3) -> list[str]:
        """People whose names are spelled like ``phrase``: suggestions for a name not found
        (never the name itself, never a bare word)."""
        snap = self._current()
        asked = person_name(phrase)
        names = [snap.index.display(k) for k in snap.cited
                 if " " in k and (asked is None or k != asked.key)]
        found = process.extract(phrase, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
        return [name for name, _, _ in found]
