"""Article summarizers behind one interface.

    >>> import summarizers
    >>> summary = summarizers.get("newsbrief").summarize(text, sentences=3, max_chars=600)
    >>> summary.text, [(s.start, s.end) for s in summary.sentences]

``available()`` lists the module names; ``DEFAULT_METHOD`` is the best one.
"""
from __future__ import annotations

from summarizers import (
    edmundson,
    kl,
    lead,
    lexrank,
    lsa,
    luhn,
    newsbrief,
    reduction,
    sumbasic,
    textrank,
)
from summarizers.base import Summarizer, Summary, SummarySentence

__all__ = ["DEFAULT_METHOD", "REGISTRY", "Summarizer", "Summary", "SummarySentence", "available", "get"]

REGISTRY: dict[str, Summarizer] = {
    module.SUMMARIZER.name: module.SUMMARIZER
    for module in (newsbrief, lead, lexrank, lsa, textrank, luhn, edmundson, kl, sumbasic, reduction)
}
DEFAULT_METHOD = newsbrief.SUMMARIZER.name


def available() -> list[str]:
    """Names of all modules, the default first."""
    return list(REGISTRY)


def get(name: str | None = None) -> Summarizer:
    """The module called ``name`` (the default when ``None``); ValueError if unknown."""
    key = (name or DEFAULT_METHOD).strip().lower()
    try:
        return REGISTRY[key]
    except KeyError:
        raise ValueError(f"unknown summarizer {name!r}; choose one of: {', '.join(REGISTRY)}") from None
