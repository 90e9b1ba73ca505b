"""Sparse event features of an article: content words, named entities, numbers.

Features are namespaced strings with a raw weight (before IDF):
``w:<stem>`` content word, ``e:<word>`` word of a named entity (a capitalized
word that is not just capitalized because it starts a sentence), ``p:<phrase>``
multi-word entity ("lindsay lohan"), ``n:<number>``, ``t:<year or month>``
(they date the event). Words in the title and in
the lead of the body count more: that is where news says what happened.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from sumy.utils import get_stop_words

from bot.stories.doc import StoryDoc
from textkit.sentences import sentences as _split
from textkit.stems import stem as _stem
from textkit.words import strip_possessive as _strip_possessive
from textkit.words import terms

_JOINER = re.compile(r"[ \t]*|[ \t]*-[ \t]*")  # what may separate words of one name
_STOP = frozenset(get_stop_words("english"))
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_YEAR_TOKEN = re.compile(r"(?:19[5-9]|20\d)\d")


@dataclass(frozen=True)
class FeatureWeights:
    """Weight of each feature kind (tuned on ECB+ odd topics: names and numbers tell events apart)."""

    word: float = 0.3
    entity: float = 0.7
    phrase: float = 0.5
    number: float = 2.0
    time: float = 2.0  # years and month names: they date the event
    title: float = 2.0  # multiplier for occurrences in the title
    lead: float = 2.0  # multiplier for occurrences in the first ``lead_words`` words
    lead_words: int = 50


def content_words(text: str) -> list[str]:
    """Stems of the text's content words (no stop words, at least three letters)."""
    words = (m.group().lower() for m in terms(text) if not m.group()[0].isdigit())
    return [_stem(w) for w in words if w not in _STOP and len(w) > 2]


@dataclass(frozen=True)
class _Sentence:
    tokens: list[str]
    joined: list[bool]  # token i follows token i-1 with only a space or a hyphen between
    title_case: bool


def _sentence(text: str) -> _Sentence:
    matches = list(terms(text))
    tokens = [_strip_possessive(m.group()) for m in matches]
    joined = [False] + [
        _JOINER.fullmatch(text, prev.end(), m.start()) is not None for prev, m in zip(matches, matches[1:])
    ]
    return _Sentence(tokens, joined, _title_case(tokens))


def _sentences(text: str) -> list[_Sentence]:
    return [_sentence(s) for s in _split(text, lines=True)]


def _is_cap(token: str) -> bool:
    return token[0].isupper() and (token.lower() not in _STOP or (len(token) > 1 and token.isupper()))


def _title_case(tokens: list[str]) -> bool:
    """Headline style: most content words capitalized, so case says nothing about names."""
    content = [t for t in tokens if not t[0].isdigit() and t.lower() not in _STOP]
    return len(content) >= 3 and sum(t[0].isupper() for t in content) >= 0.6 * len(content)


def _known_names(sentences: list[_Sentence]) -> set[str]:
    """Words the article writes capitalized inside a sentence, or never in lower case."""
    names: set[str] = set()
    lower: set[str] = set()
    initial: set[str] = set()
    for sentence in sentences:
        tokens = sentence.tokens
        lower.update(t for t in tokens if t.islower())
        if not sentence.title_case:
            names.update(t.lower() for t in tokens[1:] if _is_cap(t))
            initial.update(t.lower() for t in tokens[:1] if _is_cap(t))
    return names | (initial - lower)


class _Counter:
    """Accumulates weighted feature counts sentence by sentence."""

    def __init__(self, names: set[str], lead: float, lead_words: int) -> None:
        self.counts: Counter[str] = Counter()
        self.names = names
        self.lead = lead
        self.lead_left = lead_words

    def add(self, sentence: _Sentence, mult: float = 1.0, is_title: bool = False) -> None:
        title_case = is_title or sentence.title_case
        counts = self.counts
        run: list[str] = []
        run_weight = 0.0
        for i, tok in enumerate(sentence.tokens):
            weight = mult * (self.lead if self.lead_left > 0 else 1.0)
            if not is_title:
                self.lead_left -= 1
            if tok[0].isdigit():
                self._phrase(run, run_weight)
                run = []
                if _YEAR_TOKEN.fullmatch(tok):
                    counts["t:" + tok] += weight
                elif ":" not in tok:  # a time of day says little about the event
                    counts["n:" + tok.replace(",", "")] += weight
                continue
            low = tok.lower()
            if low in _MONTHS and tok[0].isupper():
                self._phrase(run, run_weight)
                run = []
                counts["t:" + low] += weight
                continue
            name = _is_cap(tok) and (low in self.names or (i > 0 and not title_case))
            if run and not (name and sentence.joined[i]):
                self._phrase(run, run_weight)
                run = []
            if name:
                run.append(low)
                run_weight = weight
                counts["e:" + low] += weight
            if len(low) > 2 and low not in _STOP:
                counts["w:" + _stem(low)] += weight
        self._phrase(run, run_weight)

    def _phrase(self, run: list[str], weight: float) -> None:
        if len(run) > 1:
            self.counts["p:" + " ".join(run)] += weight


def is_year(feature: str) -> bool:
    """A ``t:`` feature that is a year (not a month)."""
    return feature.startswith("t:") and feature[2:].isdigit()


def extract(doc: StoryDoc, weights: FeatureWeights = FeatureWeights()) -> dict[str, float]:
    """Raw (pre-IDF) feature weights: sublinear in count, scaled by feature kind."""
    sentences = _sentences(doc.text)
    names = _known_names(sentences)
    counter = _Counter(names, weights.lead, weights.lead_words)
    if doc.title:
        counter.add(_sentence(doc.title), weights.title, is_title=True)
    for sentence in sentences:
        counter.add(sentence)
    kind = {"w": weights.word, "e": weights.entity, "p": weights.phrase, "n": weights.number, "t": weights.time}
    return {f: kind[f[0]] * (1.0 + math.log(max(c, 1.0))) for f, c in counter.counts.items() if kind[f[0]] > 0}
