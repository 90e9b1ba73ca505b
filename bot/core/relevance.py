"""How much one attributed statement is about a question's topic.

A question's topic is several words ("the police killing of Terence Crutcher in Tulsa"),
and a statement rarely repeats them: its paragraph, the paragraph before, the article's
headline and summary and the article itself say what it is about. Each topic word is
weighed by how rare it is among the speaker's statements (a word found near all of them,
such as the speaker's rival's name, tells little) and matched, in any spelling variant
or inflection, in the statement's own words at full weight and in its surroundings at less.

Matching is done once per distinct word: the words of all candidate texts form one
vocabulary, each topic term's variants are looked up in it through shared keys (stem,
consonant skeleton, first letters), and texts are then tested by set intersection.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from bot.core.topicmatch import tokens
from bot.quotes.names import fold
from bot.quotes.topics import skeleton, stem, topic_words, word_match

#: Where a topic word is found, and what that finding is worth.
FIELD_WEIGHTS = {"quote": 1.0, "paragraph": 0.8, "title": 0.7, "summary": 0.6, "before": 0.5,
                 "story": 0.5, "article": 0.4}

# Words of a question that say nothing about its topic.
_GENERIC = frozenset("""
say said says saying tell told think thought remark remarks comment comments statement statements
word words speech speeches interview talk talked talking claim claims view views position stance
response reaction opinion mention mentioned also ever recently lately just really like would could
should will can may might must one two first last new time times year years day days week when
where why how whether while during after before since until which who whom whose there here
him them us me i my your our out up down off over under again other others some any every each
very much many more most such only own same so than too not no nor but if because as until
going get got make made take took come came give gave keep kept let put asked ask
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning evening
""".split())


_NAME = re.compile(r"\b[A-Z][\w’'\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'\-]*)+")
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_GERUND_WEIGHT = 0.6


def _is_gerund(word: str) -> bool:
    return len(word) > 5 and word.endswith("ing") and word not in _NOUNS_IN_ING


_NOUNS_IN_ING = frozenset("""
thing things king spring string morning evening building meeting hearing briefing bombing shooting
killing funding spending housing training ruling wedding ceiling feeling warning polling clothing
""".split())


@lru_cache(maxsize=1 << 18)
def _keys(word: str) -> tuple[str, ...]:
    f = fold(word)
    return (f[:5], "s:" + stem(f), "k:" + skeleton(f)) if f else ()


@dataclass
class TopicQuery:
    """One question's topic, prepared once and scored against many statements."""

    topic: str
    terms: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    variants: dict[str, frozenset[str]] = field(default_factory=dict)
    _words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    phrases: dict[str, re.Pattern[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, topic: str, is_person: Callable[[str], bool] | None = None) -> "TopicQuery":
        """The topic's terms. A name of several capitalised words is one term: a person's name
        is matched by the surname ("Hillary Clinton" -> "clinton"), any other name only as
        a whole ("Trump University" is not "Trump")."""
        text = _POSSESSIVE.sub(" ,", topic)  # a possessive ends a name: "Trump's Second Amendment remark"
        phrases = {}
        for m in _NAME.finditer(text):
            name = m.group()
            words = tokens(name)
            if len(words) < 2:
                continue
            if is_person is not None and is_person(name):
                text = text.replace(m.group(), words[-1])
            else:
                key = " ".join(words)
                phrases[key] = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b")
                text = text.replace(m.group(), " ")
        # When it was said (a month, a year) is no topic: statements rarely name it.
        terms = list(dict.fromkeys([*phrases, *(w for w in topic_words(text)
                                                 if w not in _GENERIC and len(w) > 1 and not _YEAR.match(w))]))
        return cls(topic, terms, {t: 1.0 for t in terms}, {t: frozenset({t}) for t in terms}, phrases=phrases)

    def words(self, text: str) -> frozenset[str]:
        """The distinct words of ``text`` (cached: statements of one paragraph share it)."""
        got = self._words.get(text)
        if got is None:
            got = self._words[text] = frozenset(tokens(text))
        return got

    def learn_variants(self, vocabulary: Iterable[str]) -> None:
        """Find each term's spelling variants and inflections among ``vocabulary``."""
        by_key: dict[str, list[str]] = defaultdict(list)
        for w in vocabulary:
            for k in _keys(w):
                by_key[k].append(w)
        for t in self.terms:
            if t in self.phrases:
                continue
            found = {t}
            for k in _keys(t):
                found.update(w for w in by_key.get(k, ()) if w not in found and word_match(t, w))
            self.variants[t] = frozenset(found)

    def found(self, text: str) -> set[str]:
        """The topic's terms that ``text`` contains, in any spelling variant or inflection."""
        words = self.words(text)
        hits = {t for t in self.terms if not words.isdisjoint(self.variants[t])}
        for key, rx in self.phrases.items():
            hits.discard(key)
            if words.issuperset(key.split()) and rx.search(text.lower()):
                hits.add(key)
        return hits

    def prepare(self, documents: Iterable[str]) -> None:
        """Learn variants from ``documents`` (the speaker's statements in context) and weigh each
        term by its rarity among them."""
        docs = [self.words(d) for d in documents if d]
        vocabulary: set[str] = set()
        for d in docs:
            vocabulary.update(d)
        self.learn_variants(vocabulary)
        n = len(docs)
        if not n:
            return
        for t in self.terms:
            if t in self.phrases:
                df = sum(1 for d in docs if d.issuperset(t.split()))
            else:
                df = sum(1 for d in docs if not d.isdisjoint(self.variants[t]))
            # Rarer words tell more, damped so that one rare word of the question cannot outweigh
            # the rest; a gerund ("letting", "offering") is more often the asker's verb than the topic.
            idf = math.log((n + 1) / (df + 0.5))
            self.weights[t] = math.sqrt(max(idf, 0.05)) * (_GERUND_WEIGHT if _is_gerund(t) else 1.0)

    def pattern(self) -> re.Pattern[str] | None:
        """One regular expression for every variant of every term, for scanning long texts."""
        forms = sorted({v for t, vs in self.variants.items() if t not in self.phrases for v in vs}, key=len, reverse=True)
        forms = [re.escape(f) for f in forms] + [rx.pattern[2:-2] for rx in self.phrases.values()]
        return re.compile(r"\b(?:" + "|".join(forms) + r")\b") if forms else None

    def found_in_long(self, text: str, pattern: re.Pattern[str] | None) -> set[str]:
        """``found`` for a whole article, by one regular-expression scan."""
        if pattern is None or not text:
            return set()
        low = text.lower()
        hits = set(pattern.findall(low))
        found = {t for t in self.terms if t not in self.phrases and not self.variants[t].isdisjoint(hits)}
        found.update(key for key, rx in self.phrases.items() if rx.search(low))
        return found

    def score(self, found: dict[str, set[str]]) -> float:
        """0.0 to 1.0: the weighted share of the topic found, each term at its best field's weight.
        ``found`` maps a field name (see ``FIELD_WEIGHTS``) to the terms found there."""
        total = sum(self.weights.values())
        if not total:
            return 0.0
        best: dict[str, float] = {}
        for name, terms in found.items():
            w = FIELD_WEIGHTS[name]
            for t in terms:
                if w > best.get(t, 0.0):
                    best[t] = w
        return sum(self.weights[t] * v for t, v in best.items()) / total
