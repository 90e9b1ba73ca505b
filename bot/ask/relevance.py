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

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from bot.quotes.given_names import gender_of
from bot.quotes.names import fold
from bot.quotes.related import RelatedWords
from bot.quotes.topics import skeleton, stem, topic_words, word_match
from textkit.words import tokens

#: Where a topic word is found, and what that finding is worth.
FIELD_WEIGHTS = {"quote": 1.0, "paragraph": 0.8, "title": 0.7, "summary": 0.6, "before": 0.5,
                 "story": 0.5, "article": 0.4}

# Words of a question that say nothing about its topic.
_GENERIC = frozenset("""
say said says saying tell told think thought remark remarks comment comments statement statements
feel feels felt feeling toward towards
word words claim claims view views position stance
response reaction opinion mention mentioned also ever recently lately just really like would could
should will can may might must one two first last new time times year years day days week when
where why how whether while during after before since until which who whom whose there here
him them us me i my your our out up down off over under again other others some any every each
very much many more most such only own same so than too not no nor but if because as until
going get got make made take took come came give gave keep kept let put asked ask
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning evening
""".split())


#: The words naming when, where or to whom something was said (see ``Question.setting``): a
#: statement rarely names its own occasion, its surroundings do, so they count alike everywhere.
SETTING_WEIGHTS = {"quote": 0.6, "paragraph": 0.8, "title": 0.8, "summary": 0.6, "before": 0.8,
                   "story": 0.6, "article": 0.6}

#: A related word earns this share of a term, times its similarity, from this similarity up.
RELATED_WEIGHT = 0.8
RELATED_MIN_SIMILARITY = 0.6
RELATED_FIELDS = frozenset({"quote", "paragraph"})

_NAME = re.compile(r"\b[A-Z][\w’'\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'\-]*)+")
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
#: The other names of a few places news names many ways, matched with their case ("US", not "us").
_US = re.compile(r"\b(?:U\.S\.(?:A\.)?|US|USA|United States|America)(?![\w.])")
_UK = re.compile(r"\b(?:U\.K\.|UK|United Kingdom|Britain|Great Britain)(?![\w.])")
_UN = re.compile(r"\b(?:U\.N\.|UN|United Nations)(?![\w.])")
_ALIASES = {"america": _US, "us": _US, "usa": _US, "uk": _UK, "britain": _UK, "un": _UN}

#: Verbs of manner whose object is the topic ("deal with", "handle", "go after", "respond to").
_HOW_VERBS = re.compile(r"\b(?:end(?:s|ed|ing)?\s+up|deal(?:s|t|ing)?\s+with|handl(?:e|es|ed|ing)|cop(?:e|es|ed|ing)\s+with|"
                        r"go(?:es|ing)?\s+after|went\s+after|respond(?:s|ed|ing)?\s+to|react(?:s|ed|ing)?\s+to)\b",
                        re.I)
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


_KEY_INDEX: dict[int, dict[str, list[str]]] = {}


def _key_index(model: RelatedWords) -> dict[str, list[str]]:
    """The learned model's vocabulary (every frequent word of the store) by variant keys, built
    once per model."""
    got = _KEY_INDEX.get(id(model))
    if got is None:
        got = defaultdict(list)
        words = model.surfaces.split("\n") if isinstance(model.surfaces, str) else model.surfaces
        for w in words:  # first letters and consonant skeleton (stems are cheap to miss here:
            f = fold(w)  # the scan finds inflections by the term's stem)
            if f:
                got[f[:5]].append(w)
                got["k:" + skeleton(f)].append(w)
        _KEY_INDEX.clear()  # one model in use at a time
        _KEY_INDEX[id(model)] = got
    return got


@dataclass
class TopicQuery:
    """One question's topic, prepared once and scored against many statements."""

    topic: str
    terms: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    variants: dict[str, frozenset[str]] = field(default_factory=dict)
    _rx: re.Pattern[str] | None | bool = field(default=None, repr=False)
    _hit: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict, repr=False)

    phrases: dict[str, re.Pattern[str]] = field(default_factory=dict)
    related: dict[str, dict[str, float]] = field(default_factory=dict)  # term -> related stem -> credit
    setting: frozenset[str] = frozenset()  # terms naming the occasion or the addressee

    @classmethod
    def of(cls, topic: str, is_person: Callable[[str], bool] | None = None,
           related: RelatedWords | None = None, setting: str | None = None,
           person_of: Callable[[str], str | None] | None = None) -> "TopicQuery":
        """The topic's terms. A name of several capitalised words is one term: a person's name
        is matched by the surname ("Hillary Clinton" -> "clinton"), any other name only as
        a whole ("Trump University" is not "Trump"). With the store's learned ``related`` words,
        a word used in the same contexts as a term ("firearms" for "guns") earns part of it.
        The terms of ``setting`` (part of the topic: when, where or to whom it was said) are
        weighed alike in a statement and around it (``SETTING_WEIGHTS``). ``person_of`` names
        the person a word of the topic means ("Bernie" -> "Bernie Sanders"): a statement may call
        them by any of their names."""
        query = cls._of(topic, is_person, related)
        if person_of is not None:
            query._add_person_names(topic, person_of)
        if setting:
            own = cls._of(setting, is_person, None)
            query.setting = frozenset(t for t in own.terms if t in query.weights)
        return query

    @classmethod
    def _of(cls, topic: str, is_person: Callable[[str], bool] | None,
            related: RelatedWords | None) -> "TopicQuery":
        text = _POSSESSIVE.sub(" ,", topic)  # a possessive ends a name: "Trump's Second Amendment remark"
        text = _HOW_VERBS.sub(" ", text)  # "how he would deal with NATO": the topic is NATO
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
        query = cls(topic, terms, {t: 1.0 for t in terms}, {t: frozenset({t}) for t in terms}, phrases=phrases)
        if related is not None:
            query._learn_from_index(_key_index(related))  # spellings anywhere in the store
            for t in terms:
                if t not in phrases:
                    near = related.expand(t, min_similarity=RELATED_MIN_SIMILARITY, weight=RELATED_WEIGHT)
                    if near:
                        query.related[t] = near
        return query

    def _add_person_names(self, topic: str, person_of: Callable[[str], str | None]) -> None:
        for word in re.findall(r"\b[A-Z][\w’'\-]+", topic):
            term = fold(word).lower()
            if term not in self.variants or term in self.phrases:
                continue
            if word.isupper():
                continue  # an acronym (NATO, UNESCO) is no person's name
            shown = person_of(word)
            names = [fold(w).lower() for w in (shown or "").split() if len(w) > 2 and w[0].isupper()]
            # A person named by a given name and a surname, the word being one of them.
            if len(names) > 1 and term in names and gender_of(names[0]) is not None:
                self.variants[term] = self.variants[term] | frozenset(names)
                self._rx = None

    def words(self, text: str) -> frozenset[str]:
        """The distinct words of ``text``."""
        return frozenset(tokens(text))

    def learn_variants(self, vocabulary: Iterable[str]) -> None:
        """Find each term's spelling variants and inflections among ``vocabulary``."""
        by_key: dict[str, list[str]] = defaultdict(list)
        for w in vocabulary:
            for k in _keys(w):
                by_key[k].append(w)
        self._learn_from_index(by_key)

    def _learn_from_index(self, by_key: dict[str, list[str]]) -> None:
        for t in self.terms:
            if t in self.phrases:
                continue
            found = set(self.variants.get(t, ())) | {t}
            for k in _keys(t):
                found.update(w for w in by_key.get(k, ()) if w not in found and word_match(t, w))
            self.variants[t] = frozenset(found)
        self._rx = None

    def prepare(self, documents: Iterable[str], sample: int = 400) -> None:
        """Learn variants from ``documents`` (the speaker's statements in context; a sample of
        ``sample`` of them when there are more) and weigh each term by its rarity among them."""
        docs = [d for d in documents if d]
        if len(docs) > sample:
            docs = docs[:: max(1, len(docs) // sample)][:sample]
        words = [self.words(d) for d in docs]
        vocabulary: set[str] = set()
        for d in words:
            vocabulary.update(d)
        self.learn_variants(vocabulary)
        n = len(docs)
        if not n:
            return
        rows = self.found_all(docs)
        for t in self.terms:
            df = sum(1 for row in rows if row.get(t, 0.0) >= 1.0)
            # Rarer words tell more, damped so that one rare word of the question cannot outweigh
            # the rest; a gerund ("letting", "offering") is more often the asker's verb than the topic.
            idf = math.log((n + 1) / (df + 0.5))
            self.weights[t] = math.sqrt(max(idf, 0.05)) * (_GERUND_WEIGHT if _is_gerund(t) else 1.0)

    # ---------------------------------------------------------------- scanning
    def _pattern(self) -> re.Pattern[str] | None:
        """One expression for every variant of every word term, and the stem of each (so that
        inflections the sample did not hold are found too; each hit is checked by ``word_match``)."""
        if self._rx is None:
            forms = {re.escape(v) for t, vs in self.variants.items() if t not in self.phrases for v in vs}
            forms.update(re.escape(stem(t)) + r"\w*" for t in self.terms if t not in self.phrases and len(stem(t)) >= 4)
            forms.update(re.escape(s) + r"\w*" for near in self.related.values() for s in near if len(s) >= 3)
            self._rx = re.compile(r"\b(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\b") if forms else False
        return self._rx or None

    def _terms_of(self, word: str) -> tuple[tuple[str, float], ...]:
        """The terms a word found in a text counts for, and what it earns each (1.0 for the term
        itself or a variant, less for a related word)."""
        got = self._hit.get(word)
        if got is None:
            hits: dict[str, float] = {}
            for t in self.terms:
                if t in self.phrases:
                    continue
                if word in self.variants[t] or word_match(t, word):
                    hits[t] = 1.0
                elif t in self.related:
                    credit = self.related[t].get(stem(word))
                    if credit:
                        hits[t] = credit
            got = self._hit[word] = tuple(hits.items())
        return got

    def found_all(self, texts: list[str]) -> list[dict[str, float]]:
        """For each text, the terms it contains and what each earns, by one scan of them all."""
        n = len(texts)
        out: list[dict[str, float]] = [{} for _ in range(n)]
        if not n or not self.terms:
            return out
        joined = "\n\x00\n".join(texts).lower()
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 3
        rx = self._pattern()
        if rx is not None:
            for m in rx.finditer(joined):
                terms = self._terms_of(m.group())
                if terms:
                    row = out[bisect.bisect_right(starts, m.start()) - 1]
                    for t, credit in terms:
                        if credit > row.get(t, 0.0):
                            row[t] = credit
        for key, prx in self.phrases.items():
            for m in prx.finditer(joined):
                out[bisect.bisect_right(starts, m.start()) - 1][key] = 1.0
        aliases = [(t, _ALIASES[t]) for t in self.terms if t in _ALIASES]
        if aliases:  # "America" is "the United States", "the U.S."; case kept ("us" is no country)
            cased = "\n\x00\n".join(texts)
            for t, arx in aliases:
                for m in arx.finditer(cased):
                    out[bisect.bisect_right(starts, m.start()) - 1][t] = 1.0
        return out

    def found(self, text: str) -> dict[str, float]:
        """The topic's terms that ``text`` contains (in any spelling variant or inflection, or by
        a related word) and what each earns."""
        return self.found_all([text])[0] if text else {}

    def found_each(self, texts: list[str]) -> list[dict[str, float]]:
        """``found`` for many texts at once; equal texts (a paragraph with several statements, a
        story printed twice) are scanned once and share one result."""
        unique = list(dict.fromkeys(texts))
        if len(unique) == len(texts):
            return self.found_all(texts)
        by_text = dict(zip(unique, self.found_all(unique)))
        return [by_text[t] for t in texts]

    def score(self, found: dict[str, dict[str, float]]) -> float:
        """0.0 to 1.0: the weighted share of the topic found, each term at its best field's weight
        times what its match earned. ``found`` maps a field name (see ``FIELD_WEIGHTS``) to
        the terms found there (``found``'s result)."""
        total = sum(self.weights.values())
        if not total:
            return 0.0
        best: dict[str, float] = {}
        for name, terms in found.items():
            for t, credit in terms.items():
                if credit < 1.0 and name not in RELATED_FIELDS:
                    continue  # a related word counts in the statement and its paragraph only
                w = (SETTING_WEIGHTS if t in self.setting else FIELD_WEIGHTS)[name] * credit
                if w > best.get(t, 0.0):
                    best[t] = w
        return sum(self.weights[t] * v for t, v in best.items()) / total
