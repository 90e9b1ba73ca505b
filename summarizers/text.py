"""Text for the summarizers: the sentences and words of :mod:`textkit`, and sumy's tokenizer built on them.

``Tokenizer`` plugs textkit's splitter and tokenizer into sumy's document model in place of
sumy's NLTK ``Tokenizer`` (which would need NLTK data).
"""
from __future__ import annotations

from textkit.sentences import sentences, split_sentences
from textkit.words import words

__all__ = ["Tokenizer", "sentences", "split_sentences", "words"]


class Tokenizer:
    """Drop-in for ``sumy.nlp.tokenizers.Tokenizer`` that needs no NLTK data."""

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))
