"""How much one attributed statement is about a question's topic.

A question's topic is several words ("the police killing of Terence Crutcher in Tulsa"),
and a statement rarely repeats them: its paragraph, the paragraph before and the
article's headline say what it is about. Each topic word is weighed by how rare it
is among the speaker's statements (a word found near all of them, such as the
speaker's rival's name, tells little), and matched in the statement's own words at
full weight, in its paragraph, its headline and its story's headline at less.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.core.topicmatch import tokens
from bot.quotes.topics import topic_words, word_match

#: Where a topic word is found, and what that finding is worth.
FIELD_WEIGHTS = {"quote": 1.0, "paragraph": 0.8, "title": 0.7, "before": 0.5, "story": 0.5}

# Words of a question that say nothing about its topic.
_GENERIC = frozenset("""
say said says saying tell told think thought remark remarks comment comments statement statements
word words speech speeches interview talk talked talking claim claims view views position stance
response reaction opinion mention mentioned also ever recently lately just really like would could
should will can may might must one two first last new time times year years day days week when
where why how whether while during after before since until which who whom whose there here
him them us me i my your our out up down off over under again other others some any every each
very much many more most such only own same so than too not no nor but if because as until
""".split())


@dataclass
class TopicQuery:
    """One question's topic, prepared once and scored against many statements."""

    topic: str
    terms: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    _cache: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, topic: str) -> "TopicQuery":
        terms = list(dict.fromkeys(w for w in topic_words(topic) if w not in _GENERIC and len(w) > 1))
        return cls(topic, terms, {t: 1.0 for t in terms})

    def _has(self, term: str, words: frozenset[str]) -> bool:
        if term in words:
            return True
        for w in words:
            key = (term, w)
            hit = self._cache.get(key)
            if hit is None:
                hit = self._cache[key] = bool(word_match(term, w))
            if hit:
                return True
        return False

    def found(self, text: str) -> set[str]:
        """The topic's terms that ``text`` contains, in any spelling variant or inflection."""
        words = frozenset(tokens(text))
        return {t for t in self.terms if self._has(t, words)}

    def weigh(self, documents: Iterable[str]) -> None:
        """Weigh each term by its rarity among ``documents`` (the speaker's statements in context)."""
        docs = [frozenset(tokens(d)) for d in documents]
        n = len(docs)
        if not n:
            return
        for t in self.terms:
            df = sum(1 for d in docs if self._has(t, d))
            self.weights[t] = math.log((n + 1) / (df + 0.5))

    def score(self, fields: dict[str, str]) -> float:
        """0.0 to 1.0: the weighted share of the topic found, each term at its best field's weight."""
        total = sum(self.weights.values())
        if not total:
            return 0.0
        best: dict[str, float] = {}
        for name, text in fields.items():
            if not text:
                continue
            w = FIELD_WEIGHTS[name]
            for t in self.found(text):
                best[t] = max(best.get(t, 0.0), w)
        return sum(self.weights[t] * v for t, v in best.items()) / total
