"""Furniture: the one set of rules for what is not the article (captions, credits, appeals, bios, sign-offs).

Two grains, one module. Paragraph rules (``bot.ingest.clean`` drops the whole paragraph, so they are
strict: short lines of a known shape) and sentence rules (``summarizers.readable`` keeps the sentence
out of summaries). Shared pieces -- what a photo credit is, what an author bio is, what ends a
sentence -- are written once here and used by both, and by ``bot.ingest.metadata`` (which reads a
bio's name and outlet). Every rule must keep the ordinary sentences of
``tests/fixtures/ordinary_sentences.txt``.
"""
from __future__ import annotations

import re

__all__ = [
    "BIO", "CONTRIBUTED", "URL", "ends_in_credit", "is_bio", "is_call_to_action", "is_credit",
    "is_caption", "is_contribution_note", "is_footer", "is_furniture", "is_furniture_sentence",
    "is_sign_off", "is_terminated", "is_url",
]

_CLOSERS = "\"'”’)\\]»"  # closing quotes and brackets (escaped for use in a character class)
_TERMINAL = re.compile(rf"[.!?…][{_CLOSERS}]*$")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


def is_terminated(text: str) -> bool:
    """Ends like a sentence: . ! ? or … (closing quotes or brackets may follow)."""
    return bool(_TERMINAL.search(text.rstrip()))


# --- Credits and captions ---------------------------------------------------------------------------------

_CREDIT_PAREN = re.compile(r"\((?P<credit>[^()]{1,60})\)\s*$")
_CREDIT_WORDS = re.compile(
    r"\b(?:photos?|photograph(?:er)?|photo credit|images?|screen ?shot|screen ?capture|courtesy|credit|"
    r"illustrative|file|pool|archive|video|AP|AFP|Reuters|Getty(?: Images)?|GPO|Flash ?90|EPA|UPI|Xinhua|TASS|"
    r"Sputnik|Anadolu|Shutterstock|iStock|Wikimedia(?: Commons)?|Wikipedia|YouTube|Twitter|Facebook|Instagram)\b",
    re.I,
)
_SLASH_CREDIT = re.compile(r"^[A-Z][^/]{0,40}/\s*[A-Z]")
_AGENCY = re.compile(r"[A-Z]{2,6}")  # "(AP)", "(CNN)": an agency's initials
_DATE_END = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})[{_CLOSERS}]*$"
)


def is_credit(text: str) -> bool:
    """Text of a photo credit: ``AP``, ``Haim Zach/GPO``, ``screen capture: YouTube``."""
    text = text.strip()
    return bool(_SLASH_CREDIT.match(text) or _CREDIT_WORDS.search(text)) and len(text.split()) <= 6


def ends_in_credit(text: str, *, initials: bool = False) -> bool:
    """Ends in a parenthesised credit: ``... (Haim Zach/GPO)``, ``... (AP)``; with ``initials`` also any
    agency-like initials (``(CNN)``: right in a sentence of a text, too loose for a whole paragraph,
    which may end in an acronym it introduces: "the Harbor Authority (HA)")."""
    match = _CREDIT_PAREN.search(text)
    return bool(match) and (is_credit(match["credit"]) or (initials and bool(_AGENCY.fullmatch(match["credit"]))))


def is_caption(paragraph: str) -> bool:
    """A photo caption or bare credit: ends in a parenthesised credit, or is an unfinished line ending in a date."""
    p = paragraph.strip()
    if ends_in_credit(p):
        return True
    return not is_terminated(p) and len(p.split()) <= 50 and bool(_DATE_END.search(p))


# --- Authors: bios and contribution notes ------------------------------------------------------------------

#: "Jane Roe is a breaking news editor at The Daily." -- the whole sentence is the bio, not a story
#: about a journalist. Groups: ``name``, ``outlet`` (when "at/for/with/of" an outlet ends it).
BIO = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+is\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,5}?"
    r"(?:editor|reporter|correspondent|writer|journalist|columnist|contributor|analyst|producer|blogger)s?\b"
    r"(?:\s+(?:at|for|with|of)\s+(?:the\s+)?(?P<outlet>[A-Z][^.!?]{1,60}?)"
    r"|,?\s+(?:at|for|with|of|on|based in|covering|who (?:covers|writes|reports)|and)\b[^.!?]*)?[.!?]?\W*$"
)
CONTRIBUTED = re.compile(r"^[^.]{1,100}\bcontributed to (?:this|the) (?:report|article|story)\.?$", re.I)
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def is_bio(text: str) -> bool:
    return bool(BIO.match(text.strip()))


def is_contribution_note(paragraph: str) -> bool:
    """``Staff contributed to this report.``"""
    return bool(CONTRIBUTED.match(paragraph.strip()))


def is_url(paragraph: str) -> bool:
    return bool(URL.match(paragraph.strip()))


# --- Paragraph rules (ingest) ------------------------------------------------------------------------------

#: Page furniture that closes an article: comment forms, list footers, end-of-post widgets.
_FOOTER = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add (?:a )?comment|comments?|"
    r"(?:one|no|\d+) (?:thoughts?|responses?|comments?|replies)(?: (?:on|to)\b.*)?|"
    r"most (?:popular|read|viewed|shared)|recommended(?: for you)?|you (?:may|might) also like.{0,20}|"
    r"share this(?: article| story)?:?|like this:?|(?:see|read) our privacy policy\.?|"
    r"more information about the .{1,60} mailing list|.{1,60} mailing list|"
    r"(?:full posting guidelines|set your options|to unsubscribe|unsubscribe)\b.{0,120}|_{5,}|--)$",
    re.I,
)
#: Furniture that also appears inside articles: link boxes, newsletter prompts, separators.
_INLINE_FURNITURE = re.compile(
    r"^(?:read more\b.{0,80}|related(?: articles| posts| stories| news| coverage)?:?|"
    r"sign up for (?:our|the) .{0,40}newsletter.{0,40}|[=*~_-]{3,}|(?:\* ?){3,})$",
    re.I,
)
_CALL_TO_ACTION = re.compile(
    r"^(?:donate|sign (?:the|our|this|a) petition|click here|subscribe|support (?:us|our)|"
    r"send (?:a|your) gift|join (?:us|our)|give now|help us)\b|\bclick here\b|\bdonate (?:now|today|to)\b",
    re.I,
)


def is_footer(paragraph: str) -> bool:
    """Comment forms, mailing-list footers, end-of-post widgets: the article is over."""
    return bool(_FOOTER.match(paragraph.strip()))


def is_furniture(paragraph: str) -> bool:
    """Footers plus link boxes, newsletter prompts and separators."""
    p = paragraph.strip()
    return bool(_FOOTER.match(p) or _INLINE_FURNITURE.match(p))


def is_call_to_action(paragraph: str) -> bool:
    """A short appeal: donate, sign a petition, click here, subscribe."""
    p = paragraph.strip()
    return len(p.split()) <= 15 and (not is_terminated(p) or p.endswith("!")) and bool(_CALL_TO_ACTION.search(p))


# --- Sentence rules (summaries) ----------------------------------------------------------------------------

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
#: Lines that close an article: what follows them is sign-off, appeals and links.
_SIGN_OFF = re.compile(
    r"^\W*(?:by:|source:|(?:written|reporting) by:?\s+(?-i:[A-Z])|additional reporting|leave a (?:reply|comment)|"
    r"one thought on|most (?:popular|read|viewed)\W*$|related (?:articles|stories|posts|coverage)|read more|"
    r"share this|sign the petition|more information about|(?:\d+\s+)?comments?\W*(?:\(\d+\)\W*)?$)"
    r"|contributed (?:to )?(?:this )?report",
    re.IGNORECASE,
)


def is_furniture_sentence(sentence: str) -> bool:
    """A caption, credit, ad, appeal, sharing prompt or author bio (as one sentence of a text)."""
    lower = sentence.lower()
    return bool(
        _FURNITURE_START.match(sentence)
        or any(phrase in lower for phrase in _FURNITURE_PHRASES)
        or ("@" in sentence and _EMAIL.search(sentence))
        or ends_in_credit(sentence, initials=True)
        or BIO.match(sentence)
    )


def is_sign_off(sentence: str) -> bool:
    """A line that closes an article (byline, source, comments, related links): what follows is not the article."""
    return bool(_SIGN_OFF.search(sentence))
