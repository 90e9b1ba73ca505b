"""Topic matching that tolerates spelling and transliteration variants and inflections.

Two words match when they are equal, when both are forms of one stem with endings that keep the
meaning (terror / terrorism / terrorists, immigrant / immigration, tax / taxes), or when they are
transliteration variants of one name (Qaddafi / Gaddafi, Khalid / Halid, Zelensky / Zelenskyy).
No list of such words is kept.

False friends are refused: a word that merely begins another (trump / trumpet), a dropped initial
h (Hamas / amass, hostage / stage, hearing / earring), other vowels (policy / police), and stems
the Snowball stemmer conflates although the endings change the meaning (universe / university,
experience / experiment, international / internal).

How much a statement is about a question's topic (fields, weights, related words learned from
the store) is :mod:`bot.ask.relevance`, built on :func:`word_match`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from os.path import commonprefix

from rapidfuzz import fuzz

from bot.quotes.names import fold
from textkit.stems import root
from textkit.words import words

STOPWORDS = frozenset("""
a an the of on in at to for about with and or from by as is are was were be been what did does
do say said says has have had his her their its this that these those it he she they we you i
news latest any some
""".split())

#: Endings that keep a word's meaning: two words of one stem match only when both endings (after
#: the stem) are among these. Snowball also conflates universe / university, experience /
#: experiment, organ / organization, politics / polite: those endings are not here.
KEEPING_ENDINGS = frozenset("""
 s es e ed d ing ings y ies ied ly er ers ism isms ist ists istic ian ians ion ions ation ations
ant ants ment ments al als
""".split()) | {""}

MIN_FUZZY_LEN = 5


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """The root (:func:`textkit.stems.root`: Snowball, -ist/-ian also removed) of the folded word."""
    return root(fold(word))


def _ending(word: str, stem_: str) -> str:
    """What follows the stem in the word ("policies" / "polici" -> "es"; "terrorists" / "terror" -> "ists")."""
    return word[len(commonprefix([word, stem_])):]


@lru_cache(maxsize=1 << 17)
def skeleton(word: str) -> str:
    """Consonant skeleton: ch/kh/gh/q/c/ck/g -> k, ph -> f, h after a consonant dropped, vowels dropped,
    doubled letters collapsed. An initial ch/kh/h before a vowel becomes one mark ("Khalid" and
    "Halid" give the same key) but is never dropped ("Hamas" and "amass" do not)."""
    w = fold(word).replace("-", "")
    w = re.sub(r"^(?:ch|kh|h)(?=[aeiouy])", "0", w)  # guttural initial: Khalid / Halid, Hamid / Chamid
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
    if fa[:3] != fb[:3] and fuzz.ratio(fa, fb) < 50:
        return 0.0  # neither one stem (same start) nor one name spelled two ways: no stemming needed
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
