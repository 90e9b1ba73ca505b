"""Sentence-quality rules shared by every module: what may appear in a summary.

A sentence is *furniture* (captions, photo credits, ads, appeals, author
bios, sharing prompts: the sentence rules of :mod:`textkit.furniture`), a
*fragment* (headlines, bylines, datelines: no terminal punctuation or too few
words), or usable; repeats are found with :mod:`textkit.similarity`. Display text drops a
leading dateline such as ``London (CNN) --`` and a leading ellipsis.
"""
from __future__ import annotations

import re
from enum import Enum

from textkit.furniture import is_furniture_sentence, is_sign_off, is_terminated
from textkit.similarity import MIN_WORDS, near_duplicate, normalized

__all__ = ["MIN_WORDS", "Quality", "classify", "dangles", "display_span", "near_duplicate", "normalized",
           "tail_start"]


class Quality(str, Enum):
    OK = "ok"
    FRAGMENT = "fragment"
    FURNITURE = "furniture"
    REPEATED = "repeated"  # occurs more than once in the article (pull quotes, captions)


_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*){0,4} ?)?\([A-Z][\w&.]*(?: [A-Z][\w&.]*){0,2}\)\s*(?:--|—|–|-|:)?\s*"
    r"|^[A-Z][A-Z.'-]+(?:,? [A-Z][A-Za-z.'-]+){0,3}\s*(?:--|—|–)\s*"
)
_LEADING_ELLIPSIS = re.compile(r"^(?:\.{3}|…)\s*")
_DANGLING = re.compile(
    r"^(?:he|she|it|they|them|his|her|its|their|this|these|those|that|such|but|and|also|"
    r"however|still|yet|so|then|there)\b",
    re.IGNORECASE,
)


def classify(sentence: str, n_words: int) -> Quality:
    """The quality class of one sentence of ``n_words`` words (without the repeat check)."""
    if is_furniture_sentence(sentence):
        return Quality.FURNITURE
    if n_words < MIN_WORDS or not is_terminated(sentence):
        return Quality.FRAGMENT
    return Quality.OK


def tail_start(sentences: list[str]) -> int:
    """Index of the first sign-off line in the article's second half (``len`` if none)."""
    for index in range(len(sentences) // 2, len(sentences)):
        if is_sign_off(sentences[index]):
            return index
    return len(sentences)


def display_span(text: str, start: int, end: int, *, first: bool) -> tuple[int, int]:
    """The span to show: without a leading ellipsis, and without the dateline of a first sentence."""
    head = text[start:end]
    if first:
        match = _DATELINE.match(head)
        if match and match.end() < len(head) and (head[match.end()].isupper() or head[match.end()] in "\"“‘"):
            start += match.end()
            head = text[start:end]
    match = _LEADING_ELLIPSIS.match(head)
    if match and match.end() < len(head):
        start += match.end()
    return start, end


def dangles(sentence: str) -> bool:
    """True when the sentence opens with a pronoun or connective that needs the previous one."""
    return bool(_DANGLING.match(sentence))
