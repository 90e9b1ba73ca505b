"""Topic matching that tolerates spelling and transliteration variants and inflections.

Two words match when they are equal, when one is an inflection of the other
(terror / terrorism / terrorists), or when their consonant skeletons agree and
the spellings are close (Qaddafi / Gaddafi, Khalid / Halid,
Zelensky / Zelenskyy). No list of such words is kept.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from bot.quotes.marks import paragraphs
from bot.quotes.names import fold
from summarizers.text import split_sentences, words

STOPWORDS = frozenset("""
a an the of on in at to for about with and or from by as is are was were be been what did does
do say said says has have had his her their its this that these those it he she they we you i
news latest any some
""".split())

# Generic English derivational and inflectional endings.
SUFFIXES = sorted("""
s es ed ing er ers ism isms ist ists istic ic ical ically ian ians ation ations ity ities ment
ments ness al ally ly ize ized izes ise ised ises ization ive ism's ist's 's
""".split(), key=len, reverse=True)

MIN_FUZZY_LEN = 5


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Consonant skeleton: ch/kh/gh/q/c/ck/g -> k, ph -> f, h after a consonant dropped, vowels dropped,
    doubled letters collapsed ("Khalid" and "Halid" give the same key)."""
    w = fold(word).replace("-", "")
    w = re.sub(r"^(?:ch|kh|h)(?=[aeiouy])", "", w)  # guttural initial: Khalid / Halid
    w = w.replace("ph", "f")
    w = re.sub(r"(?:ch|kh|gh|ck|q|c|g)", "k", w)
    w = re.sub(r"(?<=[^aeiouy])h", "", w)
    w = re.sub(r"h$", "", w)
    w = re.sub(r"[aeiouyw]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip one generic suffix, keeping at least four letters."""
    w = fold(word)
    for suffix in SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


@lru_cache(maxsize=65536)
def word_match(a: str, b: str) -> float:
    """1.0 for the same word (up to inflection or transliteration), else 0.0."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 1.0
    sa, sb = stem(fa), stem(fb)
    # One word's stem begins the other ("terror" / "terrorism"); short stems ("we") are no evidence.
    if sa == sb or (len(sa) >= 5 and fb.startswith(sa)) or (len(sb) >= 5 and fa.startswith(sb)):
        return 1.0
    if min(len(fa), len(fb)) >= MIN_FUZZY_LEN and skeleton(fa) == skeleton(fb):
        if len(skeleton(fa)) >= 2 and fuzz.ratio(fa, fb) >= 70:
            return 1.0
    return 0.0


def topic_words(topic: str) -> list[str]:
    return [w for w in words(topic, lower=True) if w not in STOPWORDS]


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


def _enclosing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    return next(((a, b) for a, b in spans if a <= pos < b), None)


def attribution_topic_score(topic: str, text: str, content_start: int, content_end: int,
                            cue_start: int) -> float:
    """How much a quotation is about ``topic``: its own words count fully, the sentence that
    frames it (the one with the cue) 0.9, its paragraph 0.8 and the paragraph before 0.5."""
    score = topic_score(topic, text[content_start:content_end])
    if score >= 1.0:
        return score
    paras = paragraphs(text)
    para = _enclosing(paras, content_start) or (content_start, content_end)
    sentences = split_sentences(text[para[0]:para[1]])
    anchor = cue_start if cue_start != content_start else content_start
    frame = _enclosing([(a + para[0], b + para[0]) for a, b in sentences], anchor)
    if frame:
        score = max(score, 0.9 * topic_score(topic, text[frame[0]:frame[1]]))
    score = max(score, 0.8 * topic_score(topic, text[para[0]:para[1]]))
    k = paras.index(para) if para in paras else 0
    if k > 0:
        prev = paras[k - 1]
        score = max(score, 0.5 * topic_score(topic, text[prev[0]:prev[1]]))
    return score
