"""Metadata stated in a document: bylines, source and date lines, author bios, list headers.

Every parser returns ``None`` when the document does not state the value; nothing is guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from dateutil import parser as dateparser

from textkit.furniture import BIO as _BIO
from textkit.furniture import URL as _URL
from textkit.furniture import is_contribution_note, is_url

__all__ = [
    "Byline", "ListHeader", "clean_subject", "is_contribution_note", "is_metadata", "is_url", "outlet_from_url",
    "parse_bio", "parse_byline", "parse_date", "parse_dateline", "parse_list_header", "parse_source",
]

_HOUR = 3600
#: Time-zone abbreviations found in mail and news datelines (ambiguous ones such as IST are left out).
_TZINFOS = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
    "EST": -5 * _HOUR, "EDT": -4 * _HOUR, "CST": -6 * _HOUR, "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR, "MDT": -6 * _HOUR, "PST": -8 * _HOUR, "PDT": -7 * _HOUR,
    "BST": 1 * _HOUR, "CET": 1 * _HOUR, "CEST": 2 * _HOUR, "EET": 2 * _HOUR, "EEST": 3 * _HOUR,
    "IDT": 3 * _HOUR, "MSK": 3 * _HOUR, "JST": 9 * _HOUR, "AEST": 10 * _HOUR, "AEDT": 11 * _HOUR,
}

_NAME_PARTICLES = {"and", "with", "of", "the", "de", "del", "da", "van", "von", "al", "el", "bin", "ben", "le", "la"}
_STAFF = re.compile(r"\s+(?:staff(?:\s+writers?|\s+reporters?)?|newsroom|news\s+desk|editors?)$", re.I)
_PERSON_WORD = re.compile(r"^[A-Z][a-z'’.-]*[a-z.]$|^[A-Z]\.$")

_BYLINE = re.compile(r"^by(?::\s*|\s+)(?P<who>\S.{0,118})$", re.I)
_SOURCE = re.compile(r"^source:\s*(?P<src>\S.{0,118})$", re.I)
_DATELINE = re.compile(
    r"^(?:published|posted|date|first published|last updated|updated)(?:\s+on)?\s*:?\s*(?P<when>\d.{4,80}|[A-Z][a-z]{2,8}\.? .{4,80})$",
    re.I,
)
_LIST_SUBJECT = re.compile(r"^\[(?P<list>[^\]\n]{1,60})\]\s*(?P<subject>\S.*)$")
_LIST_SENDER = re.compile(r"^(?P<name>.{0,80}?)\s*(?:<?\S+(?:@| at )\S+\.\w+>?)$")
_MAIL_HEADER = re.compile(r"^(?P<key>From|Subject|Date|To|Cc|Reply-To|Sender|Message-ID):\s*(?P<value>.*)$", re.I)
_SUBJECT_PREFIX = re.compile(r"^(?:(?:re|fwd?|fw)\s*:\s*)+", re.I)


@dataclass(frozen=True)
class Byline:
    author: str | None
    outlet: str | None


@dataclass(frozen=True)
class ListHeader:
    """The header of a mailing-list post (pipermail page or RFC 822 style)."""

    list_name: str | None
    subject: str | None
    sender: str | None
    date: datetime | None


def parse_date(value: str) -> datetime | None:
    """Parse a stated date into an aware UTC datetime (naive times are read as UTC)."""
    text = re.split(r",?\s+(?:updated|last updated)\b|\s\|\s", value.strip(), maxsplit=1, flags=re.I)[0]
    text = text.replace(" - ", " ").strip(" ,")
    if not re.search(r"\d{4}|\d{1,2}/\d{1,2}/\d{2}", text):
        return None  # a date without a year is a guess
    try:
        parsed = dateparser.parse(text, tzinfos=_TZINFOS)
    except (ValueError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    parsed = parsed.astimezone(timezone.utc)
    if not 1900 <= parsed.year <= datetime.now(timezone.utc).year + 1:
        return None
    return parsed


def _is_person(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    return all(_PERSON_WORD.match(w) or w.lower() in _NAME_PARTICLES for w in words) and words[0][0].isupper()


def _name_like(text: str) -> bool:
    """Bylines hold names and outlets: capitalised words, particles, or tokens such as ``abc7news``."""
    words = re.findall(r"[^\s,&/]+", text)
    return 0 < len(words) <= 12 and all(
        w[0].isupper() or w.lower() in _NAME_PARTICLES or any(c.isdigit() for c in w) for w in words
    )


def parse_byline(paragraph: str) -> Byline | None:
    """``By: Lena Ortiz, Norland Herald`` -> author and outlet; ``By abc7news`` -> outlet."""
    match = _BYLINE.match(paragraph.strip())
    if not match:
        return None
    who = match["who"].strip().rstrip(".")
    if not _name_like(who):
        return None
    parts = [p.strip() for p in who.split(",") if p.strip()]
    author: str | None = None
    outlet: str | None = None
    if len(parts) >= 2 and _is_person(parts[0]):
        author, outlet = parts[0], parts[-1]
    else:
        pieces = [p.strip() for p in re.split(r"\s+(?:and|&)\s+|,", who) if p.strip()]
        people = [p for p in pieces if _is_person(p) and not _STAFF.search(p)]
        staff = [_STAFF.sub("", p) for p in pieces if _STAFF.search(p)]
        if people and len(people) == len(pieces):
            author = who
        elif staff:
            outlet = staff[-1]
        elif len(pieces) == 1:
            outlet = pieces[0]
    return Byline(author, outlet)


def parse_source(paragraph: str) -> str | None:
    """``Source: Norland Herald`` -> ``Norland Herald`` (a URL source gives its host)."""
    match = _SOURCE.match(paragraph.strip())
    if not match:
        return None
    src = match["src"].strip().rstrip(".")
    if _URL.match(src):
        return outlet_from_url(src)
    return src if _name_like(src) else None


def parse_dateline(paragraph: str) -> datetime | None:
    """``Published: 11/30/2015 - 09:10pm, updated: 09:14pm`` -> 2015-11-30 21:10 UTC."""
    match = _DATELINE.match(paragraph.strip())
    return parse_date(match["when"]) if match else None


def parse_bio(paragraph: str) -> Byline | None:
    """``Jane Roe is a breaking news editor at The Daily.`` -> author Jane Roe, outlet The Daily."""
    match = _BIO.match(paragraph.strip())
    if not match or not _is_person(match["name"]):
        return None
    return Byline(match["name"], match["outlet"])


def is_metadata(paragraph: str) -> bool:
    """A byline, source, dateline or bio paragraph: metadata, not article text."""
    return bool(
        parse_byline(paragraph)
        or parse_source(paragraph)
        or parse_dateline(paragraph)
        or parse_bio(paragraph)
        or is_contribution_note(paragraph)
    )


def outlet_from_url(url: str) -> str | None:
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host or "." not in host or " " in host:
        return None
    return host.removeprefix("www.")


def clean_subject(subject: str) -> str:
    return _SUBJECT_PREFIX.sub("", subject).strip()


def parse_list_header(lines: list[str]) -> tuple[ListHeader | None, list[str]]:
    """Read a mailing-list header at the top of ``lines``; return it and the remaining lines.

    Two layouts: a pipermail page (``[List] Subject`` / ``Name email at host`` / date line)
    and RFC 822 style ``From:``/``Subject:``/``Date:`` lines ending at a blank line.
    """
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines):
        return None, lines
    first = lines[i].strip()
    if _MAIL_HEADER.match(first):
        fields: dict[str, str] = {}
        while i < len(lines) and (m := _MAIL_HEADER.match(lines[i].strip())):
            fields[m["key"].lower()] = m["value"].strip()
            i += 1
        subject = clean_subject(fields["subject"]) if "subject" in fields else None
        list_match = _LIST_SUBJECT.match(subject or "")
        if not ({"from", "subject", "date"} & fields.keys()):
            return None, lines
        return ListHeader(
            list_name=list_match["list"].strip() if list_match else None,
            subject=clean_subject(list_match["subject"] if list_match else subject) if subject else None,
            sender=_sender_name(fields.get("from", "")),
            date=parse_date(fields["date"]) if "date" in fields else None,
        ), lines[i:]
    match = _LIST_SUBJECT.match(first)
    if not match:
        return None, lines
    i += 1
    sender = date = None
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and _LIST_SENDER.match(lines[i].strip()):
        sender = _sender_name(lines[i].strip())
        i += 1
        if i < len(lines) and (date := parse_date(lines[i])) is not None:
            i += 1
    return ListHeader(match["list"].strip(), clean_subject(match["subject"]), sender, date), lines[i:]


def _sender_name(value: str) -> str | None:
    match = _LIST_SENDER.match(value.strip())
    name = (match["name"] if match else value).strip().strip('"')
    return name or None

