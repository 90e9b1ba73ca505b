"""Fast topic tests for large stores: the topic's words, in any spelling variant, cached per word pair.

For questions, :func:`topic_query` prepares a topic once: its words, their variants and the
related words the store's learned model knows (``bot.quotes.related``), with a fast
``mentions(text)`` prefilter and ``score(...)`` for each attribution.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.quotes.topics import TopicQuery, topic_words, word_match

if TYPE_CHECKING:
    from bot.store.db import Database

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_match = lru_cache(maxsize=1 << 19)(word_match)  # vocabulary repeats: pairs are cheap after warm-up


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def mentions_topic(wanted: list[str], text: str) -> bool:
    """Does ``text`` contain any of the topic's words (``topic_words(topic)``), in any variant?"""
    have = set(tokens(text))
    return any(w in have or any(_match(w, h) for h in have) for w in wanted)


def topic_share(wanted: list[str], text: str) -> float:
    """Share of the topic's words that ``text`` contains, in any variant: 0.0 to 1.0."""
    if not wanted:
        return 0.0
    have = set(tokens(text))
    return sum(1 for w in wanted if w in have or any(_match(w, h) for h in have)) / len(wanted)


def topic_query(topic: str, db: "Database | None" = None) -> TopicQuery:
    """The topic prepared for one question, with the related words of ``db``'s newest learned model
    (loaded once per model, then from memory; none before the first build: words and variants only).
    Never builds a model: that happens after ingest batches."""
    related = None
    if db is not None:
        from bot.quotes.related import related_store

        related = related_store(db).latest()
    return TopicQuery(topic, related)


__all__ = ["TopicQuery", "mentions_topic", "tokens", "topic_query", "topic_share", "topic_words"]
