"""The shared pipeline: split an article, rank its sentences, pick a readable summary.

Each module only ranks sentences (``RankedSummarizer.rank``); choosing them
is done here, once for all modules: furniture, fragments and repeated lines
are never chosen, near-duplicates are skipped, a sentence that opens with a
dangling pronoun waits until no better sentence is left, and the summary
fits ``max_chars``, cut at sentence boundaries.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from summarizers import readable
from summarizers.base import Summary, SummarySentence
from summarizers.readable import Quality
from summarizers.text import split_sentences

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


class Sentence(NamedTuple):
    """One sentence of the article: its display span and what the rules say about it.

    ``text`` is ``article[start:end]`` with runs of whitespace made one space.
    """

    index: int
    start: int
    end: int
    paragraph: int
    text: str
    quality: Quality
    key: str  # normalized words, for duplicate checks
    dangles: bool


@dataclass(frozen=True)
class Document:
    text: str
    title: str | None
    sentences: tuple[Sentence, ...]

    @property
    def paragraphs(self) -> list[list[Sentence]]:
        groups: dict[int, list[Sentence]] = {}
        for s in self.sentences:
            groups.setdefault(s.paragraph, []).append(s)
        return list(groups.values())


def prepare(text: str, title: str | None = None) -> Document:
    """Split ``text`` into sentences and classify each."""
    spans = split_sentences(text)
    paragraph = 0
    drafts = []
    prev_end = 0
    for index, (start, end) in enumerate(spans):
        if index and _BLANK_LINE.search(text, prev_end, start):
            paragraph += 1
        prev_end = end
        start, end = readable.display_span(text, start, end, first=index == 0)
        sentence = " ".join(text[start:end].split())
        drafts.append((index, start, end, paragraph, sentence, readable.normalized(sentence)))
    counts = Counter(d[5] for d in drafts)
    tail = readable.tail_start([d[4] for d in drafts])
    sentences = tuple(
        Sentence(index, start, end, para, sentence, _quality(sentence, key, counts, index >= tail), key,
                 readable.dangles(sentence))
        for index, start, end, para, sentence, key in drafts
    )
    return Document(text, title, sentences)


def _quality(sentence: str, key: str, counts: Counter[str], in_tail: bool) -> Quality:
    if in_tail:
        return Quality.FURNITURE
    if counts[key] > 1 and key.count(" ") >= 3:
        return Quality.REPEATED
    return readable.classify(sentence, key.count(" ") + 1 if key else 0)


def select(doc: Document, ranking: Sequence[int], count: int, max_chars: int | None) -> tuple[Sentence, ...]:
    """Pick up to ``count`` sentences in ``ranking`` order that follow the readability rules."""
    if count <= 0:
        return ()
    usable = [i for i in ranking if doc.sentences[i].quality is Quality.OK]
    if not usable:  # no real sentence at all (a bare headline): allow fragments
        usable = [i for i in ranking if doc.sentences[i].quality is Quality.FRAGMENT]
    chosen: list[Sentence] = []
    deferred: list[int] = []
    length = -1
    for pass_ in (usable, deferred):
        for i in pass_:
            if len(chosen) == count:
                break
            sentence = doc.sentences[i]
            if any(readable.near_duplicate(sentence.key, c.key) for c in chosen):
                continue
            if pass_ is usable and sentence.dangles and not any(c.index == i - 1 for c in chosen):
                deferred.append(i)
                continue
            if max_chars is not None and length + 1 + len(sentence.text) > max_chars:
                continue
            chosen.append(sentence)
            length += 1 + len(sentence.text)
    return tuple(sorted(chosen, key=lambda s: s.index))


class RankedSummarizer(ABC):
    """A module that ranks sentences; the pipeline does the rest."""

    name: str

    @abstractmethod
    def rank(self, doc: Document, count: int) -> Sequence[int]:
        """Sentence indices, best first (indices left out are never chosen)."""

    def summarize(
        self,
        text: str,
        *,
        sentences: int = 3,
        max_chars: int | None = None,
        title: str | None = None,
    ) -> Summary:
        doc = prepare(text, title)
        if not doc.sentences or sentences <= 0:
            return Summary(self.name)
        chosen = select(doc, self.rank(doc, sentences), sentences, max_chars)
        return Summary(self.name, tuple(SummarySentence(s.text, s.start, s.end, s.index) for s in chosen))
