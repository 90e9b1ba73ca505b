"""The article view the story clusterer works on."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class StoryDoc:
    """One article: ``title`` may be missing, ``published`` too (content alone then)."""

    id: int
    title: str | None
    text: str
    published: datetime | None = None
