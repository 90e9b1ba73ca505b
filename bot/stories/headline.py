"""A story's headline: the title (or lead sentence) most representative of its articles."""
from __future__ import annotations

from typing import Sequence

from bot.stories.doc import StoryDoc
from bot.stories.features import content_words
from textkit.sentences import sentences as split
_MIN_WORDS, _MAX_CHARS = 6, 200


def lead_sentence(text: str) -> str:
    """First sentence that reads like one (skips bylines, datelines and short labels)."""
    sentences = split(text, lines=True)
    for sentence in sentences:
        if len(sentence.split()) >= _MIN_WORDS:
            return _shorten(sentence)
    return _shorten(sentences[0]) if sentences else ""


def _shorten(text: str) -> str:
    if len(text) <= _MAX_CHARS:
        return text
    return text[: _MAX_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def story_headline(docs: Sequence[StoryDoc]) -> str:
    """Pick the candidate whose words the story's articles share most.

    Candidates are the articles' titles, or their lead sentences when no article
    has a title. Each content word of a candidate scores the share of the
    story's articles that contain it; the sum is damped by length so that
    neither a two-word label nor a long sentence wins by size alone. Ties go to
    the earliest article (by date, then id).
    """
    if not docs:
        return ""
    vocab = [set(content_words(f"{d.title or ''}\n{d.text}")) for d in docs]
    titled = [d for d in docs if d.title and d.title.strip()]
    pool = titled or list(docs)

    def candidate(d: StoryDoc) -> str:
        return d.title.strip() if titled and d.title else lead_sentence(d.text)

    def score(text: str) -> float:
        words = set(content_words(text))
        shared = sum(sum(w in v for v in vocab) for w in words) / len(docs)
        return shared / (len(words) + 2) ** 0.5

    def order(d: StoryDoc) -> tuple:
        return (-score(candidate(d)), d.published is None, d.published or 0, d.id)

    return candidate(min(pool, key=order))
