"""The summarizer interface: what every module returns and how it is called."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class SummarySentence:
    """One chosen sentence: its text and character span in the article.

    ``text`` is ``article[start:end]`` with each run of whitespace made one
    space; ``index`` is the sentence's position among the article's
    sentences (0-based).
    """

    text: str
    start: int
    end: int
    index: int


@dataclass(frozen=True)
class Summary:
    """The sentences a module chose, in article order."""

    method: str
    sentences: tuple[SummarySentence, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)


@runtime_checkable
class Summarizer(Protocol):
    """Condenses one cleaned article into a few of its sentences."""

    name: str

    def summarize(
        self,
        text: str,
        *,
        sentences: int = 3,
        max_chars: int | None = None,
        title: str | None = None,
    ) -> Summary:
        """Choose up to ``sentences`` sentences whose joined text fits ``max_chars``."""
        ...
