"""Words: the one tokenizer of newsbrief (no NLTK data, no downloads).

Two granularities of one rule, both here so that no module writes its own word regex:

* :func:`words` -- *words* as a reader sees them: letters, with inner hyphens and apostrophes kept
  ("well-known", "don't"), digits inside a word kept ("G20"), a possessive 's dropped. Summaries,
  topic words, sentence features and digests count these.
* :func:`tokens` -- *tokens* for aligning and searching text: runs of letters and digits, split at
  every apostrophe and hyphen ("well", "known"; "nato", "s"), lower-cased. Two reports of one remark
  are aligned on these, and the full-text index matches them.

:func:`terms` adds numbers and times of day to :func:`words` (story features date events by them);
:func:`pieces` keeps punctuation as well, for the attribution model's token sequences.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["WORD", "TOKEN", "PIECE", "words", "tokens", "token_spans", "terms", "pieces", "strip_possessive"]

#: A word: starts with a letter; letters and digits, joined by single inner hyphens or apostrophes.
WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W_]+)*")
#: A token: a run of letters and digits.
TOKEN = re.compile(r"[^\W_]+")
#: A term: a time of day ("10:30"), a number ("1,200", "3.5") or a word.
TERM = re.compile(rf"\d{{1,2}}:\d\d(?::\d\d)?|\d+(?:[.,]\d+)*|{WORD.pattern}")
#: A piece for sequence labelling: a word with inner hyphens or dots ("U.S.", "well-known"), an
#: apostrophe clitic ("'s", "’re") or any other single character that is not a space (punctuation
#: and quotation marks are pieces: the attribution model labels them too).
PIECE = re.compile(r"\w+(?:[\-.]\w+)*|[’']\w+|\S")
_POSSESSIVE = re.compile(r"(?<=[^\W_])['’]s\b", re.IGNORECASE)


def strip_possessive(word: str) -> str:
    """``Kask's`` -> ``Kask`` (one word; a text: :func:`words` drops possessives itself)."""
    return word[:-2] if word.endswith(("'s", "’s", "'S", "’S")) and len(word) > 2 else word


def words(text: str, *, lower: bool = False) -> list[str]:
    """The words of ``text`` (possessive 's dropped), lower-cased with ``lower``."""
    if lower:
        text = text.lower()
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("", text)
    return WORD.findall(text)


def tokens(text: str) -> list[str]:
    """Lower-case tokens: runs of letters and digits (for alignment and search)."""
    return TOKEN.findall(text.lower())


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` for every token of ``text`` (lower-cased)."""
    return [(m.group().lower(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def pieces(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Words and punctuation of ``text[start:end]`` as matches (offsets into ``text``), for
    sequence labelling."""
    return PIECE.finditer(text, start, len(text) if end is None else end)


def terms(text: str) -> Iterator[re.Match[str]]:
    """Words, numbers and times of day, as matches (a number or time starts with a digit)."""
    return TERM.finditer(text)
