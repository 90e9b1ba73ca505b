"""Reduce extracted text to the article: drop captions, credits, appeals, bios and page furniture.

The rules are general (shapes of lines, not lists of known strings). Every paragraph that is not
furniture is kept verbatim, so sentences and quotations survive untouched.
"""
from __future__ import annotations

import re
from typing import Iterable

from bot.ingest import metadata

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_CLOSERS = "\"'”’)\\]»"  # closing quotes and brackets (escaped for use in a character class)
_TERMINAL = re.compile(rf"[.!?…][{_CLOSERS}]*$")
_CREDIT_PAREN = re.compile(r"\((?P<credit>[^()]{1,60})\)$")
_CREDIT_WORDS = re.compile(
    r"\b(?:photos?|photograph(?:er)?|photo credit|screen ?shot|screen ?capture|courtesy|credit|illustrative|"
    r"file|pool|archive|video|AP|AFP|Reuters|Getty(?: Images)?|GPO|Flash ?90|EPA|UPI|Xinhua|TASS|Sputnik|"
    r"Anadolu|Shutterstock|iStock|Wikimedia(?: Commons)?|Wikipedia|YouTube|Twitter|Facebook|Instagram)\b",
    re.I,
)
_SLASH_CREDIT = re.compile(r"^[A-Z][^/]{0,40}/\s*[A-Z]")
_DATE_END = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})[{_CLOSERS}]*$"
)
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
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_NON_WORD = re.compile(r"\W+")


def normalize(text: str) -> str:
    """Unify line breaks and spaces (no-break and other Unicode spaces become plain spaces)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", _INVISIBLE.sub("", text))


def key(paragraph: str) -> str:
    """Comparison key: case and punctuation folded."""
    return _NON_WORD.sub(" ", paragraph.casefold()).strip()


def word_count(paragraph: str) -> int:
    return len(paragraph.split())


def is_terminated(paragraph: str) -> bool:
    return bool(_TERMINAL.search(paragraph.rstrip()))


def is_credit(text: str) -> bool:
    """Text of a photo credit: ``AP``, ``Haim Zach/GPO``, ``screen capture: YouTube``."""
    text = text.strip()
    return bool(_SLASH_CREDIT.match(text) or _CREDIT_WORDS.search(text)) and word_count(text) <= 6


def is_caption(paragraph: str) -> bool:
    """A photo caption or bare credit: ends in a parenthesised credit, or is an unfinished line ending in a date."""
    p = paragraph.strip()
    match = _CREDIT_PAREN.search(p)
    if match and is_credit(match["credit"]):
        return True
    return not is_terminated(p) and word_count(p) <= 50 and bool(_DATE_END.search(p))


def is_headline(paragraph: str, max_words: int = 25) -> bool:
    """Short, not ending in a full stop: a headline, subhead or image title."""
    p = paragraph.strip()
    return 0 < word_count(p) <= max_words and not p.endswith((".", ":", ";", ",")) and not is_caption(p)


def is_image_title(paragraphs: list[str], index: int) -> bool:
    """A short heading directly followed by a caption names the picture, not the article."""
    return (
        index + 1 < len(paragraphs)
        and is_headline(paragraphs[index], max_words=10)
        and is_caption(paragraphs[index + 1])
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
    return word_count(p) <= 15 and (not is_terminated(p) or p.endswith("!")) and bool(_CALL_TO_ACTION.search(p))


def _wrap_width(lines: list[str]) -> int | None:
    """Width of a hard-wrapped text (mail, mailing lists), or None when lines are whole paragraphs."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 100:
        return None
    near = sum(1 for n in lengths if n >= 0.7 * width)
    return width if near >= 0.4 * len(lengths) else None


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs, re-joining hard-wrapped lines.

    In unwrapped text every line is a paragraph; in wrapped text a line joins the previous
    one when that one ran close to the wrap width (and was not a caption).
    """
    lines = [line.strip() for line in normalize(text).split("\n")]
    width = _wrap_width(lines)
    paragraphs: list[list[str]] = []
    previous = ""
    for line in lines:
        if line and width and previous and len(previous) >= 0.6 * width and not is_caption(previous):
            paragraphs[-1].append(line)
        elif line:
            paragraphs.append([line])
        previous = line
    return [" ".join(parts) for parts in paragraphs]


def _ends_article(paragraph: str) -> bool:
    return bool(
        metadata.parse_byline(paragraph)
        or metadata.parse_source(paragraph)
        or is_footer(paragraph)
    )


def _article_end(paragraphs: list[str]) -> int:
    """Index where trailing furniture starts: a closing byline or source line, or a footer, in the second half.

    Appeals and "related" boxes usually follow the closing byline, so everything after it goes.
    """
    total = sum(len(p) for p in paragraphs)
    seen = 0
    for i, p in enumerate(paragraphs):
        if seen > 0 and seen >= total - seen - len(p) and _ends_article(p):
            return i
        seen += len(p)
    return len(paragraphs)


def _drop_duplicates(paragraphs: list[str]) -> list[str]:
    """Keep the first of repeated paragraphs; drop unfinished teasers repeated at the start of another."""
    kept: list[str] = []
    seen: set[str] = set()
    for p in paragraphs:
        k = key(p)
        if k and k not in seen:
            seen.add(k)
            kept.append(p)
    keys = [key(p) for p in kept]
    return [
        p
        for p, k in zip(kept, keys)
        if is_terminated(p) or word_count(p) < 6 or not any(o != k and o.startswith(k + " ") for o in keys)
    ]


def clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """The article's own paragraphs, in order."""
    paras = [p.strip() for p in paragraphs if p.strip()]
    paras = paras[: _article_end(paras)]
    kept = [
        p
        for i, p in enumerate(paras)
        if not (
            is_caption(p)
            or is_image_title(paras, i)
            or is_furniture(p)
            or is_call_to_action(p)
            or metadata.is_url(p)
            or metadata.is_metadata(p)
        )
    ]
    return _drop_duplicates(kept)


def clean_article(text: str) -> str:
    """Article text with furniture removed; paragraphs separated by a blank line."""
    return "\n\n".join(clean_paragraphs(split_paragraphs(text)))
