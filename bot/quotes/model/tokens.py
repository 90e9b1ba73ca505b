"""Paragraphs of an article cut into tokens with character offsets (the model's sequences)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from bot.quotes.marks import paragraphs
from textkit.words import pieces


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass
class Sequence:
    """One paragraph's tokens and, per token, the index of its sentence in the article."""

    tokens: list[Token]
    sentence_of: list[int]


def sequences(text: str, sentence_starts: list[int]) -> list[Sequence]:
    """The article's paragraphs as token sequences (empty paragraphs are skipped)."""
    out: list[Sequence] = []
    for p0, p1 in paragraphs(text):
        toks = [Token(m.group(), m.start(), m.end()) for m in pieces(text, p0, p1)]
        if not toks:
            continue
        k = max(0, bisect.bisect_right(sentence_starts, toks[0].start) - 1)
        nxt = sentence_starts[k + 1] if k + 1 < len(sentence_starts) else len(text) + 1
        sent = []
        for t in toks:
            while t.start >= nxt:
                k += 1
                nxt = sentence_starts[k + 1] if k + 1 < len(sentence_starts) else len(text) + 1
            sent.append(k)
        out.append(Sequence(toks, sent))
    return out
