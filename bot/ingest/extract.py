"""Raw document (plain text or HTML) -> clean article text plus the metadata it states."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import trafilatura

from bot.ingest import metadata
from bot.ingest.clean import (
    clean_paragraphs,
    is_caption,
    is_headline,
    is_image_title,
    is_terminated,
    key,
    normalize,
    split_paragraphs,
    word_count,
)
from textkit.words import WORD

_WORD = WORD  # words of a title, cased as the body writes them


@dataclass(frozen=True)
class ExtractedDocument:
    text: str
    title: str | None
    outlet: str | None
    author: str | None
    published: datetime | None  # aware, UTC
    url: str | None


@dataclass(frozen=True)
class _Stated:
    author: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None


def _is_body(paragraph: str) -> bool:
    return is_terminated(paragraph) and word_count(paragraph) >= 12 and not is_caption(paragraph)


def _head(paragraphs: list[str]) -> list[str]:
    """Paragraphs before the first body paragraph (title, standfirst, bylines, captions)."""
    for i, p in enumerate(paragraphs):
        if _is_body(p) and not metadata.is_metadata(p):
            return paragraphs[:i]
    return paragraphs


def _stated_metadata(paragraphs: list[str]) -> _Stated:
    """Author, outlet, date and URL from byline, source, dateline and bio paragraphs."""
    author = outlet = source = url = None
    published = None
    bio: metadata.Byline | None = None
    for p in paragraphs:
        if byline := metadata.parse_byline(p):
            author = author or byline.author
            outlet = outlet or byline.outlet
        source = source or metadata.parse_source(p)
        published = published or metadata.parse_dateline(p)
        bio = bio or metadata.parse_bio(p)
    for p in _head(paragraphs):
        if metadata.is_url(p):
            url = p if p.lower().startswith("http") else f"https://{p}"
            break
    if bio:
        author = author or bio.author
        outlet = outlet or bio.outlet
    return _Stated(author, source or outlet, published, url)


def _restore_case(title: str, body: list[str]) -> str:
    """A slug-like all-lowercase headline: words the article always capitalises (names) get their capitals."""
    wanted = set(_WORD.findall(title))
    forms: dict[str, Counter[str]] = {w: Counter() for w in wanted}
    for p in body:
        for w in _WORD.findall(p):
            if (folded := w.casefold()) in wanted:
                forms[folded][w] += 1

    def spelling(match: re.Match[str]) -> str:
        word = match[0]
        seen = forms.get(word)
        if not seen or word in seen:
            return word
        return seen.most_common(1)[0][0]

    restored = _WORD.sub(spelling, title)
    return restored[:1].upper() + restored[1:]


def _headline_with_stop(paragraph: str) -> bool:
    """A first paragraph of one short line ending in a full stop, before the body: a headline."""
    p = paragraph.strip()
    return ("\n" not in p and p.endswith(".") and not p.endswith("..") and 3 <= word_count(p) <= 16
            and (p[:1].isupper() or p[:1].isdigit()) and not p.startswith(("\"", "“", "'")) and not metadata.is_metadata(p)
            and not is_caption(p))


def _headline_over_deck(paragraph: str) -> str | None:
    """The first line of a first paragraph of two or three short lines, when it reads as a
    headline (the rest is its deck): the line without a closing ';' or ':'."""
    lines = [ln.strip() for ln in paragraph.strip().split("\n") if ln.strip()]
    if not 2 <= len(lines) <= 3 or any(word_count(ln) > 30 for ln in lines):
        return None
    first = lines[0].rstrip(" ;:")
    if is_headline(first, max_words=16) and first[:1].isupper() and not metadata.is_metadata(first) \
            and not first.startswith(("\"", "“", "'")):
        return first
    return None


def _find_title(paragraphs: list[str], subject: str | None) -> str | None:
    """The headline: the first headline-like paragraph of the head that is not an image title.

    A mailing-list subject is used unless the post repeats (the start of) it as a headline.
    """
    head = _head(paragraphs)
    usable = [
        i for i, p in enumerate(head)
        if is_headline(p) and not metadata.is_metadata(p) and not metadata.is_url(p)
    ]
    candidates = [head[i] for i in usable if not is_image_title(head, i)] or [head[i] for i in usable]
    if subject:
        subject_key = key(subject)
        for c in candidates:
            if word_count(c) >= 3 and (subject_key + " ").startswith(key(c) + " "):
                return c
        return subject
    if not candidates and head and _headline_with_stop(head[0]):
        return head[0]  # some outlets' headlines end in a full stop
    if not candidates and head and (first := _headline_over_deck(head[0])):
        return first  # "Sanders says he's riding momentum;\nTakes Wisconsin, but …": headline, deck
    if not candidates and len(paragraphs) > 1:
        # A text file opens with its headline even when it ends in a full stop or a semicolon
        # ("Candidates vie for vets' support;"): a short first line before longer paragraphs.
        first = paragraphs[0].strip().rstrip(" ;")
        if not first.endswith("."):
            first += "."
        if _headline_with_stop(first) and word_count(first) < word_count(paragraphs[1]):
            return paragraphs[0].strip().rstrip(" ;")
    if not candidates:
        return None
    title = candidates[0]
    if title == title.lower():
        title = _restore_case(title, paragraphs[len(head):])
    return title


def _assemble(paragraphs: list[str], title: str | None, meta: _Stated) -> ExtractedDocument:
    title_key = key(title) if title else None
    body = [p for p in paragraphs if key(p) != title_key]
    return ExtractedDocument(
        "\n\n".join(clean_paragraphs(body)), title, meta.outlet, meta.author, meta.published, meta.url
    )


def extract_text_document(raw: str, *, source_name: str | None = None) -> ExtractedDocument:
    """Plain-text article, mail or mailing-list post. ``source_name`` counts as its URL when it is one."""
    header, lines = metadata.parse_list_header(normalize(raw).split("\n"))
    paragraphs = split_paragraphs("\n".join(lines))
    stated = _stated_metadata(paragraphs)
    title = _find_title(paragraphs, header.subject if header else None)
    is_link = bool(source_name and re.match(r"https?://", source_name, re.I))
    list_outlet = f"{header.list_name} mailing list" if header and header.list_name else None
    meta = _Stated(
        author=stated.author,
        outlet=stated.outlet or list_outlet,
        published=stated.published or (header.date if header else None),
        url=stated.url or (source_name if is_link else None),
    )
    return _assemble(paragraphs, title, meta)


def extract_html_document(html: str, *, url: str | None = None) -> ExtractedDocument:
    """HTML page -> main text (trafilatura, precision first, offline) -> the same cleaning.

    Page metadata (meta tags, JSON-LD) comes first, then what the text states, then the URL's host.
    """
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        date_extraction_params={
            "extensive_search": False,  # only dates the page states, never guessed from its text
            "original_date": True,
            "outputformat": "%Y-%m-%dT%H:%M:%S%z",
        },
    )
    host = metadata.outlet_from_url(url) if url else None
    if doc is None:
        return ExtractedDocument("", None, host, None, None, url)
    paragraphs = [line.strip() for line in normalize(doc.text or "").split("\n") if line.strip()]
    stated = _stated_metadata(paragraphs)
    title = (doc.title or "").strip() or _find_title(paragraphs, None)
    sitename = (doc.sitename or "").strip()
    if sitename.removeprefix("www.") in {host, (doc.hostname or "").removeprefix("www.")}:
        sitename = ""  # trafilatura falls back to the host name; a stated outlet is better
    meta = _Stated(
        author=(doc.author or "").strip() or stated.author,
        outlet=sitename or stated.outlet or host,
        published=(metadata.parse_date(doc.date) if doc.date else None) or stated.published,
        url=url or doc.url or stated.url,
    )
    return _assemble(paragraphs, title, meta)
