"""Fast topic tests for large stores: the topic's words, in any spelling variant, cached per word pair.

(Questions about what someone said weigh a topic with :mod:`bot.core.relevance`.)
"""
from __future__ import annotations

import re
from functools import lru_cache

from bot.quotes.topics import topic_words, word_match

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_match = lru_cache(maxsize=1 << 19)(word_match)  # vocabulary repeats: pairs are cheap after warm-up


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def topic_share(wanted: list[str], text: str) -> float:
    """Share of the topic's words that ``text`` contains, in any variant: 0.0 to 1.0."""
    if not wanted:
        return 0.0
    have = set(tokens(text))
    return sum(1 for w in wanted if w in have or any(_match(w, h) for h in have)) / len(wanted)


__all__ = ["tokens", "topic_share", "topic_words"]
