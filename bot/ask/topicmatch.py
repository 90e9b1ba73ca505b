"""Fast topic tests for large stores: the topic's words, in any spelling variant, in many texts.

The texts' distinct words are gathered once; each topic word's variants are picked among them
by a cheap test (same first letters, or spelled alike by ``rapidfuzz``) and confirmed by
``word_match``; the texts are then tested by set intersection. (Questions about what someone
said weigh a topic with :mod:`bot.ask.relevance`.)
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.quotes.names import fold
from bot.quotes.topics import MIN_FUZZY_LEN, topic_words, word_match
from textkit.words import tokens

_match = lru_cache(maxsize=1 << 19)(word_match)  # vocabulary repeats: pairs are cheap after warm-up
#: Two spellings of one name are this alike at least (``word_match`` asks more of their stems).
_SPELLED_ALIKE = 65


def variants_in(term: str, vocabulary: Iterable[str]) -> set[str]:
    """The words of ``vocabulary`` that are ``term`` in another inflection or spelling."""
    words = vocabulary if isinstance(vocabulary, list) else list(vocabulary)
    f = fold(term).lower()
    candidates = {w for w in words if w[:3] == f[:3]}  # one stem starts alike
    if len(f) >= MIN_FUZZY_LEN:  # transliterations of one name ("Gaddafi" / "Qaddafi")
        candidates.update(w for w, _, _ in process.extract(f, words, scorer=fuzz.ratio, limit=None,
                                                           score_cutoff=_SPELLED_ALIKE))
    return {w for w in candidates if _match(term, w)}


def topic_shares(wanted: list[str], texts: list[str]) -> list[float]:
    """For each text, the share of the topic's words it contains in any variant: 0.0 to 1.0."""
    if not wanted:
        return [0.0] * len(texts)
    bags = [set(tokens(t)) for t in texts]
    vocabulary: set[str] = set().union(*bags) if bags else set()
    words = sorted(vocabulary)
    forms = [variants_in(w, words) | {w} for w in wanted]
    return [sum(1 for f in forms if f & bag) / len(wanted) for bag in bags]


def topic_share(wanted: list[str], text: str) -> float:
    """Share of the topic's words that ``text`` contains, in any variant: 0.0 to 1.0."""
    return topic_shares(wanted, [text])[0]


__all__ = ["topic_share", "topic_shares", "topic_words", "variants_in"]
