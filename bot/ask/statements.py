"""One statement told by several outlets: recognising it, and its fullest wording.

Outlets print one remark a little differently ("They lied and they ruined his career" /
"They lied, and it ruined his career"), and one cuts a sentence another keeps. Two
reports are one statement when their words align: a long shared run, or a common
subsequence covering most of the shorter report. The wording shown is the longest
report, extended by any other report that overlaps its start or end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import LCSseq

from textkit.words import token_spans, tokens

RUN = 6  # a shared run of this many words makes two reports one statement
MIN_ALIGNED = 3  # fewer aligned words than this never do
SHARE = 0.7  # share of the shorter report's words that must align, in order
MIN_QUOTED = 2  # words quoted inside a report ("he was “not ready” to back him") that tie it to another


@dataclass(frozen=True)
class Shape:
    """A report's words, the runs used to find candidates, and its long words."""

    toks: tuple[str, ...]
    grams: frozenset[tuple[str, ...]]
    words: frozenset[str]

    quoted: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def of(cls, text: str) -> "Shape":
        toks = tuple(_words(text))
        quoted = tuple(q for q in (tuple(_words(m)) for m in _QUOTED.findall(text)) if len(q) >= MIN_QUOTED)
        return cls(toks, frozenset(toks[i:i + RUN] for i in range(len(toks) - RUN + 1)),
                   frozenset(w for w in toks if len(w) > 3), quoted)

    def same(self, other: "Shape") -> bool:
        if self.grams & other.grams:
            return True
        # A report that quotes a few words ("called him “the best recruiter”") is the same
        # statement as a report holding those words.
        for a, b in ((self, other), (other, self)):
            if any(LCSseq.similarity(q, b.toks) == len(q) for q in a.quoted if len(q) >= MIN_ALIGNED):
                return True
        short = min(len(self.toks), len(other.toks))
        if short < MIN_ALIGNED:
            return False
        aligned = LCSseq.similarity(self.toks, other.toks)
        return aligned >= MIN_ALIGNED and aligned >= SHARE * short


    def echoes(self, other: "Shape") -> bool:
        """Whether one of the two quotes a couple of words of the other ("he was “not ready” to
        back him"), the other quoting nothing itself (the person's own words). Weaker than
        ``same``: two reports quoting one phrase may report different remarks."""
        for a, b in ((self, other), (other, self)):
            if not b.quoted and any(LCSseq.similarity(q, b.toks) == len(q) for q in a.quoted):
                return True
        return False


@lru_cache(maxsize=20_000)
def shape_of(text: str) -> Shape:
    """``Shape.of``, remembered: the same reports are grouped again for every question about a person."""
    return Shape.of(text)


def same_statement(a: str, b: str) -> bool:
    """Two reports of one statement (their words align)."""
    return Shape.of(a).same(Shape.of(b))


_QUOTED = re.compile(r"[“\"]([^”\"]{8,}?)[”\"]")


def _words(text: str) -> list[str]:
    """Words for alignment: the possessive "s" of "NATO's" / "NATO’" is no word of its own."""
    return [w for w in tokens(text) if w != "s"]


def _extend(base: str, other: str, need: int = 3) -> str:
    """``base`` grown by ``other`` where they overlap by at least ``need`` words at an edge."""
    b, o = token_spans(base), token_spans(other)
    bw, ow = [w for w, _, _ in b], [w for w, _, _ in o]
    if len(bw) < need or len(ow) < need:
        return base
    # other's start overlaps base's end: base + the rest of other
    for k in range(min(len(bw), len(ow)) - 1, need - 1, -1):
        if bw[-k:] == ow[:k] and k < len(ow):
            return base[:b[-1][2]] + other[o[k - 1][2]:]
    # other's end overlaps base's start: other's beginning + base
    for k in range(min(len(bw), len(ow)) - 1, need - 1, -1):
        if ow[-k:] == bw[:k] and k < len(ow):
            return other[:o[len(ow) - k][1]] + base[b[0][1]:]
    return base


def fullest_wording(texts: list[str], keep_first: bool = False) -> str:
    """The longest report (or the first, with ``keep_first``), grown by reports that carry on
    where it stops or start before it."""
    ordered = texts[:1] + sorted(texts[1:], key=len, reverse=True) if keep_first else sorted(texts, key=len, reverse=True)
    best = ordered[0] if ordered else ""
    for other in ordered[1:]:
        if _contains(best, other):
            continue
        best = _extend(best, other)
    return best


def _contains(big: str, small: str) -> bool:
    bt, st = tokens(big), tokens(small)
    return bool(st) and LCSseq.similarity(bt, st) >= len(st)
