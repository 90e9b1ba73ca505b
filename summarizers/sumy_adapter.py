"""Runs a stock sumy summarizer on our sentences, with our offline tokenizer.

The algorithm is sumy's, unchanged, set up as sumy's own command line sets it
up (English stemmer and stop words; Edmundson's bonus, stigma and null
words); only the final pick is ours, so that every module follows the same
readability rules: sumy rates every sentence and we take its order.
"""
from __future__ import annotations

from functools import cache
from operator import itemgetter

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.parsers.parser import DocumentParser
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.utils import get_stop_words

from summarizers.pipeline import Document, RankedSummarizer
from summarizers.text import Tokenizer
from textkit.stems import stem

LANGUAGE = "english"
_TOKENIZER = Tokenizer(LANGUAGE)


@cache
def stop_words() -> frozenset[str]:
    return frozenset(get_stop_words(LANGUAGE))


class _FullRanking:
    """Mixin: sumy's rating of every sentence, as indices best first (ties in document order)."""

    @staticmethod
    def _get_best_sentences(sentences, count, rating, *args, **kwargs):  # noqa: ARG004 - sumy's signature
        if isinstance(rating, dict):
            scores = [rating[s] for s in sentences]
        else:
            scores = [rating(s, *args, **kwargs) for s in sentences]
        order = sorted(enumerate(scores), key=itemgetter(1), reverse=True)
        return tuple(i for i, _ in order)


def to_sumy(doc: Document) -> ObjectDocumentModel:
    """Our sentences as sumy's document model (the title, if any, as a heading)."""
    paragraphs = [[SumySentence(s.text, _TOKENIZER) for s in group] for group in doc.paragraphs]
    if doc.title and paragraphs:
        paragraphs[0].insert(0, SumySentence(doc.title, _TOKENIZER, is_heading=True))
    return ObjectDocumentModel([Paragraph(p) for p in paragraphs])


class SumySummarizer(RankedSummarizer):
    """A stock sumy algorithm behind our interface."""

    def __init__(self, name: str, algorithm: type[AbstractSummarizer]) -> None:
        self.name = name
        self._algorithm = type(f"Ranked{algorithm.__name__}", (_FullRanking, algorithm), {})

    def build(self, document: ObjectDocumentModel) -> AbstractSummarizer:
        """The sumy summarizer configured like ``sumy``'s command line does it."""
        summarizer = self._algorithm(stem)  # Snowball, as sumy's Stemmer("english"), cached
        if isinstance(summarizer, EdmundsonSummarizer):
            headings = [w for h in document.headings for w in h.words]
            summarizer.null_words = stop_words()
            summarizer.bonus_words = headings or DocumentParser.SIGNIFICANT_WORDS
            summarizer.stigma_words = DocumentParser.STIGMA_WORDS
        else:
            summarizer.stop_words = stop_words()
        return summarizer

    def rank(self, doc: Document, count: int) -> tuple[int, ...]:
        document = to_sumy(doc)
        return self.build(document)(document, len(doc.sentences))
