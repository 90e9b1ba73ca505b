"""The same sentence: one near-duplicate measure for every module (rapidfuzz on normalized words).

:func:`resemblance` compares two sentences after :func:`normalized` (lower-case words joined by
single spaces, so case and punctuation never count): the larger of rapidfuzz's edit-distance
``ratio`` (small edits, typos) and, for sentences of at least ``MIN_WORDS`` words, its
``token_set_ratio`` (one sentence's words contained in the other's, word order free). A score of
:data:`SAME` or more is one sentence told twice (a pull quote, a caption repeated); :data:`OVERLAP`
or more is one fact told by two outlets in their own words (a digest says it once).
"""
from __future__ import annotations

from rapidfuzz import fuzz

from textkit.words import words

__all__ = ["MIN_WORDS", "OVERLAP", "SAME", "near_duplicate", "normalized", "resemblance"]

MIN_WORDS = 5
SAME = 0.9
OVERLAP = 0.75


def normalized(sentence: str) -> str:
    """Lower-case words joined by single spaces."""
    return " ".join(words(sentence, lower=True))


def resemblance(a: str, b: str) -> float:
    """0.0 (nothing alike) to 1.0 (the same words) for two :func:`normalized` sentences."""
    if a == b:
        return 1.0
    score = fuzz.ratio(a, b)
    if min(a.count(" "), b.count(" ")) >= MIN_WORDS - 1:
        score = max(score, fuzz.token_set_ratio(a, b))
    return score / 100


def near_duplicate(a: str, b: str, threshold: float = SAME) -> bool:
    """Whether two :func:`normalized` sentences resemble each other at least ``threshold``."""
    return resemblance(a, b) >= threshold
