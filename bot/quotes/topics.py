"""Topic matching that tolerates spelling and transliteration variants and inflections.

Two words match when they are equal, when both are forms of one stem with endings that keep the
meaning (terror / terrorism / terrorists, immigrant / immigration, tax / taxes), or when they are
transliteration variants of one name (Qaddafi / Gaddafi, Khalid / Halid, Zelensky / Zelenskyy,
Chanuka / Hanukkah). No list of such words is kept.

False friends are refused: a word that merely begins another (trump / trumpet), a dropped initial
h (Hamas / amass, hostage / stage, hearing / earring), other vowels (policy / police), and stems
the Snowball stemmer conflates although the endings change the meaning (universe / university,
experience / experiment, international / internal).

:class:`TopicQuery` scores how much an attribution is about a topic from the quote, its framing
sentence and paragraphs, the article's headline and, with a learned :mod:`bot.quotes.related`
model, words used in the same contexts as the topic's ("firearms" for "guns").
"""
from __future__ import annotations

import re
from functools import lru_cache
from os.path import commonprefix
from typing import TYPE_CHECKING

from nltk.stem.snowball import SnowballStemmer
from rapidfuzz import fuzz

from bot.quotes.marks import paragraphs
from bot.quotes.names import fold
from summarizers.text import split_sentences, words

if TYPE_CHECKING:
    from bot.quotes.related import RelatedWords

STOPWORDS = frozenset("""
a an the of on in at to for about with and or from by as is are was were be been what did does
do say said says has have had his her their its this that these those it he she they we you i
news latest any some
""".split())

_SNOWBALL = SnowballStemmer("english")

#: Endings that keep a word's meaning: two words of one stem match only when both endings (after
#: the stem) are among these. Snowball also conflates universe / university, experience /
#: experiment, organ / organization, politics / polite: those endings are not here.
KEEPING_ENDINGS = frozenset("""
 s es e ed d ing ings y ies ied ly er ers ism isms ist ists istic ian ians ion ions ation ations
ant ants ment ments al als
""".split()) | {""}

#: Snowball leaves these derivational endings on; stripping them joins terrorist(s) to terror.
_EXTRA_ENDINGS = ("ist", "ian")

MIN_FUZZY_LEN = 5


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """Snowball (Porter2) stem of the folded word, with -ist/-ian also removed (terrorist -> terror)."""
    s = _SNOWBALL.stem(fold(word))
    for ending in _EXTRA_ENDINGS:
        if s.endswith(ending) and len(s) - len(ending) >= 4:
            return s[: -len(ending)]
    return s


def _ending(word: str, stem_: str) -> str:
    """What follows the stem in the word ("policies" / "polici" -> "es"; "terrorists" / "terror" -> "ists")."""
    return word[len(commonprefix([word, stem_])):]


@lru_cache(maxsize=1 << 17)
def skeleton(word: str) -> str:
    """Consonant skeleton: ch/kh/gh/q/c/ck/g -> k, ph -> f, h after a consonant dropped, vowels dropped,
    doubled letters collapsed. An initial ch/kh/h before a vowel becomes one mark ("Khalid" and
    "Halid" give the same key) but is never dropped ("Hamas" and "amass" do not)."""
    w = fold(word).replace("-", "")
    w = re.sub(r"^(?:ch|kh|h)(?=[aeiouy])", "0", w)  # guttural initial: Khalid / Halid / Chanuka / Hanukkah
    w = w.replace("ph", "f")
    w = re.sub(r"(?:ch|kh|gh|ck|q|c|g)", "k", w)
    w = re.sub(r"(?<=[^aeiouy])h", "", w)
    w = re.sub(r"h$", "", w)
    w = re.sub(r"[aeiouyw]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=65536)
def vowels(word: str) -> tuple[str, ...]:
    """The word's vowel groups, y read as i and repeats collapsed ("Zelenskyy" -> ('e', 'e', 'i'))."""
    w = re.sub(r"(.)\1+", r"\1", fold(word).replace("y", "i"))
    return tuple(re.findall(r"[aeiou]+", w))


def _same_vowels(a: str, b: str) -> bool:
    """Transliterations keep the vowels; one different inner vowel group is allowed in long words
    (Muammar / Moammar), never in the last group (policy / police)."""
    va, vb = vowels(a), vowels(b)
    if va == vb:
        return True
    if len(va) != len(vb) or not va or va[-1] != vb[-1] or min(len(a), len(b)) < 7:
        return False
    return sum(x != y for x, y in zip(va, vb)) <= 1


@lru_cache(maxsize=1 << 19)  # vocabulary repeats: pairs are cheap after warm-up
def word_match(a: str, b: str) -> float:
    """1.0 for the same word (up to inflection or transliteration), else 0.0."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 1.0
    sa, sb = stem(fa), stem(fb)
    if sa == sb:
        # One stem, and both endings keep the meaning; short stems ("we") are no evidence.
        if len(sa) >= 3 and _ending(fa, sa) in KEEPING_ENDINGS and _ending(fb, sb) in KEEPING_ENDINGS:
            return 1.0
        return 0.0
    # Transliterations of one name, also inflected ("Gaddafi's" / "Qaddafi").
    if min(len(sa), len(sb)) >= MIN_FUZZY_LEN and skeleton(sa) == skeleton(sb) and len(skeleton(sa)) >= 2:
        if _same_vowels(sa, sb) and fuzz.ratio(sa, sb) >= 70:
            return 1.0
    return 0.0


def topic_words(topic: str) -> list[str]:
    return [w for w in words(topic, lower=True) if w not in STOPWORDS]


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _enclosing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    return next(((a, b) for a, b in spans if a <= pos < b), None)


class TopicQuery:
    """One topic, prepared once per question: its words, their variants and related words.

    ``mentions(text)`` is a fast prefilter (any topic word, variant or related word);
    ``share(text)`` the share of the topic's words a text has, a related word counting
    ``related_weight * similarity`` (below a direct match, which counts 1.0);
    ``score(...)`` how much an attribution is about the topic.

    Related words come from a :class:`~bot.quotes.related.RelatedWords` model, only when at
    least ``min_similarity`` similar (at most ``max_related`` per topic word) and frequent
    enough in the articles to be more than noise.
    """

    #: Weights of where the topic is found, relative to the quote's own words (1.0).
    FRAME, PARAGRAPH, PREVIOUS, TITLE, HEADLINE = 0.9, 0.8, 0.5, 0.4, 0.3

    def __init__(self, topic: str, related: "RelatedWords | None" = None, *, min_similarity: float = 0.6,
                 related_weight: float = 0.8, max_related: int = 8, min_count: int = 5) -> None:
        self.topic = topic
        self.words = topic_words(topic)
        self._stems = [stem(w) for w in self.words]
        self.related: list[dict[str, float]] = []
        for w in self.words:
            self.related.append({} if related is None else related.expand(
                w, k=max_related, min_similarity=min_similarity, min_count=min_count, weight=related_weight))
        self._credit: dict[str, tuple[float, ...]] = {}
        self._spans: dict[tuple[str, int, int], float] = {}
        self._paras: dict[str, list[tuple[int, int]]] = {}

    def related_words(self) -> dict[str, dict[str, float]]:
        """Each topic word's related stems with the credit a match earns (for logs and tests)."""
        return dict(zip(self.words, self.related))

    def credit(self, token: str) -> tuple[float, ...]:
        """Per topic word: 1.0 when ``token`` is it (in any variant), a related word's credit, or 0.0."""
        hit = self._credit.get(token)
        if hit is None:
            st = stem(token)
            hit = tuple(1.0 if token == w or word_match(w, token) else near.get(st, 0.0)
                        for w, near in zip(self.words, self.related))
            self._credit[token] = hit
        return hit

    def share(self, text: str) -> float:
        """Share of the topic's words in ``text``: 0.0 to 1.0 (related words count partly)."""
        if not self.words or not text:
            return 0.0
        best = [0.0] * len(self.words)
        for tok in set(_TOKEN.findall(text.lower())):
            for i, c in enumerate(self.credit(tok)):
                if c > best[i]:
                    best[i] = c
        return sum(best) / len(best)

    def mentions(self, text: str) -> bool:
        """Does ``text`` have any topic word, variant or related word? (a prefilter)"""
        return any(any(self.credit(tok)) for tok in set(_TOKEN.findall(text.lower())))

    def _span_share(self, text: str, a: int, b: int) -> float:
        key = (text, a, b)  # a str caches its hash; equal keys are found by identity first
        hit = self._spans.get(key)
        if hit is None:
            hit = self._spans[key] = self.share(text[a:b])
        return hit

    def _paragraphs(self, text: str) -> list[tuple[int, int]]:
        hit = self._paras.get(text)
        if hit is None:
            hit = self._paras[text] = paragraphs(text)
        return hit

    def score(self, text: str, content_start: int, content_end: int, cue_start: int, *,
              title: str | None = None, headline: str | None = None) -> float:
        """How much the attribution at ``content_start:content_end`` of ``text`` is about the topic.

        Its own words count fully, the sentence that frames it (the one with the cue) 0.9, its
        paragraph 0.8 and the paragraph before 0.5 (the best of these counts). The article's
        title (0.4) or its story's headline (0.3) add to that: ``s + (1 - s) * h``, so a headline
        alone never makes a quote relevant, but strengthens a mention nearby.
        """
        score = self._span_share(text, content_start, content_end)
        if score < 1.0:
            score = max(score, self._context(text, content_start, content_end, cue_start))
        h = 0.0
        if title:
            h = self.TITLE * self.share(title)
        if headline and headline != title:
            h = max(h, self.HEADLINE * self.share(headline))
        return score + (1.0 - score) * h

    def _context(self, text: str, content_start: int, content_end: int, cue_start: int) -> float:
        paras = self._paragraphs(text)
        para = _enclosing(paras, content_start) or (content_start, content_end)
        score = self.PARAGRAPH * self._span_share(text, para[0], para[1])
        if score > 0:  # the frame is inside the paragraph: it can only add where the paragraph has the topic
            sentences = split_sentences(text[para[0]:para[1]])
            anchor = cue_start if cue_start != content_start else content_start
            frame = _enclosing([(a + para[0], b + para[0]) for a, b in sentences], anchor)
            if frame:
                score = max(score, self.FRAME * self._span_share(text, frame[0], frame[1]))
        k = paras.index(para) if para in paras else 0
        if k > 0:
            prev = paras[k - 1]
            score = max(score, self.PREVIOUS * self._span_share(text, prev[0], prev[1]))
        return score


def topic_score(topic: str, text: str) -> float:
    """Share of the topic's words that occur in ``text`` (in any variant): 0.0 to 1.0."""
    wanted = topic_words(topic)
    if not wanted:
        return 0.0
    have = set(words(text, lower=True))
    hits = 0
    for w in wanted:
        if w in have or any(word_match(w, h) for h in have):
            hits += 1
    return hits / len(wanted)


def attribution_topic_score(topic: str, text: str, content_start: int, content_end: int,
                            cue_start: int) -> float:
    """How much a quotation is about ``topic``: its own words count fully, the sentence that
    frames it (the one with the cue) 0.9, its paragraph 0.8 and the paragraph before 0.5.
    (Without headlines or related words: see :class:`TopicQuery` for those.)"""
    q = TopicQuery(topic)
    return q.score(text, content_start, content_end, cue_start)
