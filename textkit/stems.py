"""Stems: NLTK's Snowball (Porter2) stemmer, the one stemmer of newsbrief (it needs no data).

:func:`stem` is Snowball's stem of the lower-cased word. :func:`root` goes one step further for
topic matching: it also strips the derivational -ist / -ian that Snowball keeps, so that
"terrorists" and "terror" meet (``bot.quotes.topics`` then checks that the endings keep the meaning).
"""
from __future__ import annotations

from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer

__all__ = ["stem", "root"]

_SNOWBALL = SnowballStemmer("english")
#: Snowball leaves these derivational endings on; stripping them joins terrorist(s) to terror.
_EXTRA_ENDINGS = ("ist", "ian")


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """Snowball stem of ``word`` (lower-cased)."""
    return _SNOWBALL.stem(word.lower())


@lru_cache(maxsize=1 << 18)
def root(word: str) -> str:
    """:func:`stem`, with -ist / -ian also removed when at least four letters remain (terrorist -> terror)."""
    s = stem(word)
    for ending in _EXTRA_ENDINGS:
        if s.endswith(ending) and len(s) - len(ending) >= 4:
            return s[: -len(ending)]
    return s
