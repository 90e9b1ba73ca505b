"""Sentence-quality rules shared by every module: what may appear in a summary.

A sentence is *furniture* (captions, photo credits, ads, appeals, author
bios, sharing prompts), a *fragment* (headlines, bylines, datelines: no
terminal punctuation or too few words), or usable. Display text drops a
leading dateline such as ``London (CNN) --`` and a leading ellipsis.
"""
from __future__ import annotations

import re
from enum import Enum

from rapidfuzz import fuzz

from summarizers.text import words


class Quality(str, Enum):
    OK = "ok"
    FRAGMENT = "fragment"
    FURNITURE = "furniture"
    REPEATED = "repeated"  # occurs more than once in the article (pull quotes, captions)


MIN_WORDS = 5

_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
# A short parenthesised credit at the end: "(AP)", "(Haim Zach/GPO)", "(screen capture: YouTube)".
_CREDIT = re.compile(
    r"\((?:(?-i:[A-Z]{2,6})|[^()]{0,40}/[^()]{0,40}|[^()]{0,30}\b(?:photo|image|screen ?(?:capture|shot)|"
    r"credit|courtesy|file|getty|reuters|afp|video)\b[^()]{0,30})\)\s*$",
    re.IGNORECASE,
)
_BIBLE_BOOKS = (
    "Genesis|Exodus|Leviticus|Numbers|Deuteronomy|Joshua|Judges|Ruth|Samuel|Kings|Chronicles|Ezra|Nehemiah|"
    "Esther|Job|Psalms?|Proverbs|Ecclesiastes|Song of (?:Songs|Solomon)|Isaiah|Jeremiah|Lamentations|Ezekiel|"
    "Daniel|Hosea|Joel|Amos|Obadiah|Jonah|Micah|Nahum|Habakkuk|Zephaniah|Haggai|Zechariah|Malachi|Matthew|"
    "Mark|Luke|John|Acts|Romans|Corinthians|Galatians|Ephesians|Philippians|Colossians|Thessalonians|Timothy|"
    "Titus|Philemon|Hebrews|James|Peter|Jude|Revelation"
)
_FURNITURE_START = re.compile(
    r"\W*(?:(?:photos?|images?|pictures?|caption|credits?|video|watch|read|related|source|more)\s*:|"
    r"read more|see also|advertisement|sponsored|click\b(?!-)|tap here|sign up|subscribe|donate|follow us|"
    r"like us|share this|leave a (?:reply|comment)|join (?:us|our)|download (?:the|our)|"
    r"copyright\b(?=\s*(?:©|\(c\)|\d{4}))|"  # "Copyright 2024 ...", not "Copyright lawsuits ..."
    r"all rights reserved|©|editor'?s note\b(?!s)|get the latest|one thought on)\b"
    # An epigraph's scripture reference: a book of the Bible, chapter:verse, then the verse's text
    # ("Matthew 24:7 For nation will rise ...") -- not any "Word HH:MM" ("At 10:30 police arrived ...").
    rf"|(?:[1-3] )?(?:{_BIBLE_BOOKS}) \d{{1,3}}:\d{{1,3}}(?:[-–]\d{{1,3}})?(?:\s*$|\s+[\"“‘(]?(?-i:[A-Z]))"
    r"|\W*(?:send|keep|order|buy|get|give|help|sign|shop|call|visit|grab|try)\b.*!\W*$",  # "Order now!"
    re.IGNORECASE,
)
_FURNITURE_PHRASES = (
    "click here", "donate now", "sign up for", "subscribe to", "our newsletter", "mailing list",
    "all rights reserved", "follow us", "support our journalism", "support independent journalism",
    "make a donation", "make a contribution", "contributed to this report", "contributed reporting",
    "http://", "https://", "www.",
)
_EMAIL = re.compile(r"\w@[\w.]+\.[a-z]|\bfollow @\w", re.IGNORECASE)
# Lines that close an article: what follows them is sign-off, appeals and links.
_TAIL = re.compile(
    r"^\W*(?:by:|source:|(?:written|reporting) by:?\s+(?-i:[A-Z])|additional reporting|leave a (?:reply|comment)|"
    r"one thought on|most (?:popular|read|viewed)\W*$|related (?:articles|stories|posts|coverage)|read more|"
    r"share this|sign the petition|more information about|(?:\d+\s+)?comments?\W*(?:\(\d+\)\W*)?$)"
    r"|contributed (?:to )?(?:this )?report",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3} is (?:an?|the) (?:[\w-]+ ){0,5}"
    r"(?:editor|reporter|correspondent|writer|columnist|contributor|journalist|producer|analyst)s?\b"
    # the whole sentence is the bio ("... is a news editor at The Times of Israel."), not a story about a journalist
    r"(?:,? (?:at|for|with|of|on|based in|covering|who (?:covers|writes|reports)|and)\b[^.!?]*)?[.!?]?\W*$"
)
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
    lower = sentence.lower()
    if (
        _FURNITURE_START.match(sentence)
        or any(phrase in lower for phrase in _FURNITURE_PHRASES)
        or ("@" in sentence and _EMAIL.search(sentence))
        or _CREDIT.search(sentence)
        or _BIO.match(sentence)
    ):
        return Quality.FURNITURE
    if n_words < MIN_WORDS or not _TERMINAL.search(sentence):
        return Quality.FRAGMENT
    return Quality.OK


def tail_start(sentences: list[str]) -> int:
    """Index of the first sign-off line in the article's second half (``len`` if none)."""
    for index in range(len(sentences) // 2, len(sentences)):
        if _TAIL.search(sentences[index]):
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


def normalized(sentence: str) -> str:
    """Lower-case words joined by single spaces."""
    return " ".join(words(sentence.lower()))


def near_duplicate(a: str, b: str) -> bool:
    """Same sentence up to case, punctuation or small edits (``a``, ``b`` normalized)."""
    if a == b:
        return True
    if min(a.count(" "), b.count(" ")) >= MIN_WORDS - 1 and fuzz.token_set_ratio(a, b) >= 90:
        return True
    return fuzz.ratio(a, b) >= 90
