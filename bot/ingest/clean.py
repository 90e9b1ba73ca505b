"""Reduce extracted text to the article: drop captions, credits, appeals, bios and page furniture.

The rules are general (shapes of lines, not lists of known strings) and live in
:mod:`textkit.furniture` with the summarizers' sentence rules; this module applies them to
paragraphs. Every paragraph that is not furniture is kept verbatim, so sentences and quotations
survive untouched.
"""
from __future__ import annotations

import re
from typing import Iterable

from bot.ingest import metadata
from textkit.furniture import is_call_to_action, is_caption, is_credit, is_footer, is_furniture, is_terminated
from textkit.words import tokens

__all__ = [
    "clean_article", "clean_paragraphs", "is_call_to_action", "is_caption", "is_credit", "is_footer",
    "is_furniture", "is_headline", "is_image_title", "is_terminated", "key", "normalize", "split_paragraphs",
    "word_count",
]

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def normalize(text: str) -> str:
    """Unify line breaks and spaces (no-break and other Unicode spaces become plain spaces)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", _INVISIBLE.sub("", text))


def key(paragraph: str) -> str:
    """Comparison key: case and punctuation folded."""
    return " ".join(tokens(paragraph.casefold()))


def word_count(paragraph: str) -> int:
    return len(paragraph.split())  # whitespace-separated chunks: the cleaning thresholds count these


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
