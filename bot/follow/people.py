"""Whom a name in ``follow <person>`` means: resolved as ``ask`` resolves speakers (aliases,
titles, surnames, roles), but a name several people share, or nobody in the store has, is
answered with a question ("Did you mean …?") instead of a follow."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.ask.speaker_directory import SpeakerDirectory
from bot.quotes.names import fold
from bot.quotes.people import person_name
from bot.store.db import Database
from bot.store.models import Quote


@dataclass(frozen=True)
class Resolved:
    """The person a phrase means (``display``) and the stored speaker names that are them; or,
    when it cannot be told, ``question`` to ask back (and ``choices``, the people it may mean)."""

    asked: str
    display: str | None = None
    names: frozenset[str] = frozenset()
    question: str | None = None
    choices: tuple[str, ...] = ()


def _or_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _people(db: Database, directory: SpeakerDirectory) -> dict[str, int]:
    """Display name -> quotes, for everyone quoted in the store."""
    with db.session() as s:
        stored = list(s.execute(select(Quote.speaker).where(Quote.speaker.is_not(None)).distinct()).scalars())
    shown = directory.display_names(set(stored))
    counts: dict[str, int] = {}
    for name in stored:
        counts[shown.get(name, name)] = counts.get(shown.get(name, name), 0) + 1
    return counts


def resolve_person(db: Database, directory: SpeakerDirectory, phrase: str) -> Resolved:
    asked = " ".join((phrase or "").split()).strip(" \"'“”")
    if not asked:
        return Resolved(asked, question='Whom should I follow? e.g. follow "Jane Smith" on housing')
    display, names = directory.speakers_for(asked)
    pn = person_name(asked)
    if names and pn is not None and pn.first is None and len(asked.split()) == 1:
        # A single name: everyone quoted under it as a surname or a given name.
        word = fold(asked)
        sharing = sorted(
            (d for d in _people(db, directory)
             if " " in d and word in {fold(d.split()[0]), fold(d.split()[-1])}),
        )
        if len(sharing) > 1:
            return Resolved(asked, question=f"Several people are called {asked}. Did you mean {_or_list(sharing)}? "
                                            f"Follow them by full name.", choices=tuple(sharing))
    if names:
        return Resolved(asked, display or asked, frozenset(names))
    near = directory.closest(asked)
    if near:
        return Resolved(asked, question=f"I have no statements by {asked} in the articles I have read. "
                                        f"Did you mean {_or_list(near)}?", choices=tuple(near))
    known = directory.known()
    hint = f" People I can follow: {', '.join(known)}." if known else ""
    return Resolved(asked, question=f"I have no statements by {asked} in the articles I have read, "
                                    f"so there is nobody to follow yet.{hint}")
