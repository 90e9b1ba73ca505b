"""Paragraphs of an article cut into tokens with character offsets (the model's sequences)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from bot.quotes.marks import paragraphs

TOKEN = re.compile(r"\w+(?:[\-.]\w+)*|[’']\w+|\S")


@dataclass(frozen=True)
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
        toks = [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, p0, p1)]
        if toks:
            sent = [max(0, bisect.bisect_right(sentence_starts, t.start) - 1) for t in toks]
            out.append(Sequence(toks, sent))
    return out
