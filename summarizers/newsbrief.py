"""Newsbrief: the default module, a lead-biased news summarizer.

News puts the story first, so position is the strongest signal; on top of it
each usable sentence is scored for centrality (TF-IDF cosine to the
article's centroid), overlap with the headline when there is one, and
sentence quality (length, questions, sentences that are mostly quotation).
The ranking then takes sentences greedily by score less their similarity to
those already taken (maximal marginal relevance), so the summary does not
repeat itself. Weights were tuned on the first 300 CNN/DailyMail validation
articles (see ``bench/summarizers.py``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

import numpy as np

from summarizers.pipeline import Document, RankedSummarizer
from summarizers.readable import Quality, normalized
from summarizers.sumy_adapter import stop_words

_QUOTE_CHARS = re.compile(r"[\"“”]")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


MAX_SENTENCES = 400  # longer texts are ranked on their first sentences only (bounds memory)


@dataclass(frozen=True)
class Weights:
    position_decay: float = 1.0  # prior exp(-decay * rank among usable sentences)
    centrality: float = 1.5
    title: float = 0.5
    short_words: int = 6  # sentences under this many words are penalised
    long_words: int = 45  # ... and over this many
    length_penalty: float = 1.0
    question_penalty: float = 0.25
    quote_penalty: float = 0.3  # scaled by the share of the sentence inside quotation marks
    redundancy: float = 0.5


class NewsbriefSummarizer(RankedSummarizer):
    name = "newsbrief"

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights or Weights()

    def rank(self, doc: Document, count: int) -> list[int]:
        w = self.weights
        usable = [s for s in doc.sentences if s.quality is Quality.OK] or list(doc.sentences)
        candidates = usable[:MAX_SENTENCES]
        title_terms = _terms(normalized(doc.title)) if doc.title else []
        matrix, title = _tfidf([_terms(s.key) for s in candidates], title_terms)
        centroid = matrix.sum(axis=0)
        norm = np.linalg.norm(centroid)
        scores = np.exp(-w.position_decay * np.arange(len(candidates)))
        if norm:
            scores += w.centrality * (matrix @ (centroid / norm))
        if title is not None:
            scores += w.title * (matrix @ title)
        scores -= np.array([_quality_penalty(s.text, w) for s in candidates])
        picks = _mmr(scores.tolist(), (matrix @ matrix.T).tolist(), w.redundancy, count)
        return [candidates[i].index for i in picks]


def _quality_penalty(text: str, w: Weights) -> float:
    n_words = text.count(" ") + 1
    penalty = 0.0
    if n_words < w.short_words:
        penalty += w.length_penalty * (w.short_words - n_words) / w.short_words
    elif n_words > w.long_words:
        penalty += w.length_penalty * min(1.0, (n_words - w.long_words) / w.long_words)
    if text.rstrip("\"'”’ ").endswith("?"):
        penalty += w.question_penalty
    if _QUOTE_CHARS.search(text):
        quoted = sum(len(m.group(0)) for m in _QUOTED.finditer(text))
        if text.lstrip()[:1] in "\"“" and not quoted:
            quoted = len(text)  # a quotation that goes on past this sentence
        penalty += w.quote_penalty * quoted / len(text)
    return penalty


def _mmr(scores: list[float], similarity: list[list[float]], redundancy: float, count: int) -> list[int]:
    """Greedy maximal marginal relevance for the first picks, then the rest by score."""
    n = len(scores)
    closest = [0.0] * n
    left = set(range(n))
    order: list[int] = []
    for _ in range(min(count * 2, n)):
        best = max(left, key=lambda i: (scores[i] - redundancy * closest[i], -i))
        order.append(best)
        left.discard(best)
        closest = [max(c, s) for c, s in zip(closest, similarity[best])]
    order.extend(sorted(left, key=lambda i: (-scores[i], i)))
    return order


def _terms(normalized: str) -> list[str]:
    """Content words of a normalized sentence (stop words and single letters dropped).

    Not stemmed: on CNN stemming changed ROUGE by under 0.1 and cost more
    than the rest of the ranking (every article brings new words).
    """
    stops = stop_words()
    return [word for word in normalized.split() if len(word) > 1 and word not in stops]


def _tfidf(documents: list[list[str]], title: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
    """Row-normalized log-TF x IDF matrix of the sentences, and the title's vector in the same space."""
    vocabulary: dict[str, int] = {}
    ids = [[vocabulary.setdefault(t, len(vocabulary)) for t in terms] for terms in documents]
    n, width = len(documents), len(vocabulary)
    if not width:
        return np.zeros((n, 1)), None
    lengths = [len(row) for row in ids]
    cells = np.repeat(np.arange(n) * width, lengths) + np.fromiter(
        chain.from_iterable(ids), dtype=np.intp, count=sum(lengths)
    )
    counts = np.bincount(cells, minlength=n * width).reshape(n, width)
    present = counts > 0
    idf = np.log1p(n / present.sum(axis=0))
    matrix = np.log(counts, out=np.zeros((n, width)), where=present)
    matrix += present
    matrix *= idf
    norms = np.sqrt((matrix * matrix).sum(axis=1, keepdims=True))
    norms[norms == 0] = 1.0
    matrix /= norms
    title_vector = None
    if title:
        title_vector = np.zeros(matrix.shape[1])
        for term in title:
            if term in vocabulary:
                title_vector[vocabulary[term]] = idf[vocabulary[term]]
        norm = np.linalg.norm(title_vector)
        title_vector = title_vector / norm if norm else None
    return matrix, title_vector


SUMMARIZER = NewsbriefSummarizer()
