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
    increments: int = 0  # updates since the last full build


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
                snap = self._snap
                if snap is not None and snap.version == version:
                    return snap
                grown = snap is not None and all(new >= old for new, old in zip(version, snap.version)) \
                    and snap.increments < self.max_increments
                if grown:  # only the quotes and people added since: most rebuilds are a few articles
                    self._snap = self._extend(s, snap, version)
                else:
                    self._snap = self._build(s, version)
                return self._snap

    max_increments = 200  # then one full rebuild (articles deleted meanwhile drop out of the index)

    def _rows(self, s, after: tuple[int, int]) -> tuple[dict[str, int], dict[str, Counter[str]]]:  # noqa: ANN001
        counts = dict(s.execute(
            select(Quote.speaker, func.count()).where(Quote.speaker.is_not(None), Quote.id > after[1])
            .group_by(Quote.speaker)).all())
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        speakers = select(Quote.speaker).where(Quote.speaker.is_not(None)).distinct().scalar_subquery()
        has_roles = cast(Person.aliases, Text) != "[]"  # most people have none: skip decoding them
        for name, aliases in s.execute(select(Person.name, Person.aliases)
                                       .where(Person.name.in_(speakers), has_roles, Person.id > after[0])):
            roles[name].update(aliases or ())
        return counts, roles

    def _build(self, s, version: tuple[int, int]) -> _Snapshot:  # noqa: ANN001
        counts, roles = self._rows(s, (0, 0))
        snap = _Snapshot(version, SpeakerIndex.build(counts, roles))
        self._note(snap, counts)
        return snap

    def _extend(self, s, snap: _Snapshot, version: tuple[int, int]) -> _Snapshot:  # noqa: ANN001
        counts, roles = self._rows(s, snap.version)
        for name in sorted(set(counts) | set(roles), key=lambda n: -len(n.split())):
            snap.index.add(name, roles.get(name, Counter()), counts.get(name, 0))
        self._note(snap, counts)
        snap.version = version
        snap.increments += 1
        return snap

    @staticmethod
    def _note(snap: _Snapshot, counts: dict[str, int]) -> None:
        """Who is who, from the index (a bare surname may have become a full name meanwhile)."""
        snap.members, snap.cited = {}, Counter()
        for name, key in snap.index.names():
            if key:
                snap.members.setdefault(key, set()).add(name)
        for key in snap.members:
            snap.cited[key] = snap.index.group_count(key)

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
