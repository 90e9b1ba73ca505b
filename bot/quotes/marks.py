"""Direct quotations found by their quotation marks, paragraph by paragraph.

Handles straight and curly double quotes, quotes running over several
sentences, a closing mark missing at a paragraph's end (the quote goes on when
the next paragraph opens with a mark, as news style has it, and otherwise ends
with the paragraph) and a closing mark whose opening one is missing (the quote
then starts with the first sentence after the previous quote's attribution).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_OPENERS = "“«„"
_CLOSERS = "”»"
_MARKS = re.compile(r"''|[\"“”«»„]")
_BEFORE_OPEN = set(" \t\n([{—–-/:")


@dataclass(frozen=True)
class QuoteSpan:
    start: int            # first character of the quoted words
    end: int              # one past the last quoted character
    open_mark: int | None  # None when the opening mark is missing
    close_mark: int | None  # None when the closing mark is missing
    close_len: int = 1     # 2 for a closing ''

    @property
    def after_close(self) -> int | None:
        return None if self.close_mark is None else self.close_mark + self.close_len


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the blank-line separated paragraphs of ``text``."""
    spans, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text.rstrip()):
        spans.append((pos, len(text.rstrip())))
    return spans


def _is_opener(text: str, i: int, n: int, para_start: int, is_open: bool) -> bool:
    ch = text[i]
    if ch in _OPENERS:
        return True
    if ch in _CLOSERS:
        return False
    before = text[i - 1] if i > para_start else " "
    after = text[i + n] if i + n < len(text) else " "
    if before in _BEFORE_OPEN and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return False
    return not is_open


def find_quotes(text: str, sentence_starts: list[int]) -> list[QuoteSpan]:
    """All double-quoted passages of ``text`` (content offsets exclude the marks)."""
    out: list[QuoteSpan] = []
    paras = paragraphs(text)
    open_at: int | None = None
    open_len = 1
    nested = 0  # quotes opened inside the open one ("X's claim that “…” makes clear …,” Y wrote)
    for idx, (p0, p1) in enumerate(paras):
        last_end = p0
        for m in _MARKS.finditer(text, p0, p1):
            i, n = m.start(), len(m.group(0))
            if nested and text[i] in _CLOSERS:
                nested -= 1
                continue
            if _is_opener(text, i, n, p0, open_at is not None):
                if (open_at is not None and open_at >= p0 and text[i] in _OPENERS
                        and text.count("”", i, p1) + text.count("»", i, p1) >= nested + 2):
                    nested += 1  # a quote inside the quote: both close later in the paragraph
                    continue
                if open_at is not None and not _continues_here(text, open_at, i, p0):
                    out.append(_span(text, open_at + open_len, _trim_end(text, i), open_at, None))
                    open_at = None
                if open_at is None:
                    open_at, open_len = i, n
            elif open_at is not None:
                out.append(_span(text, open_at + open_len, i, open_at, i, n))
                open_at, last_end = None, i + n
            else:
                start = p0 if last_end == p0 else _next_sentence(sentence_starts, last_end, i)
                if start is not None and start < i:
                    out.append(_span(text, start, i, None, i, n))
                last_end = i + n
        nested = 0
        if open_at is not None:
            nxt = paras[idx + 1][0] if idx + 1 < len(paras) else None
            if nxt is None or text[nxt] not in "\"“«„'":
                out.append(_span(text, open_at + open_len, p1, open_at, None))
                open_at = None
    return [q for q in out if q.end > q.start]


def _continues_here(text: str, open_at: int, i: int, p0: int) -> bool:
    """An opening mark at a paragraph's start continues a quote left open before it."""
    return i == p0 and open_at < p0


def _next_sentence(starts: list[int], after: int, limit: int) -> int | None:
    k = bisect.bisect_right(starts, after)
    return starts[k] if k < len(starts) and starts[k] < limit else None


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _span(text: str, start: int, end: int, open_mark: int | None, close_mark: int | None,
          close_len: int = 1) -> QuoteSpan:
    while start < end and text[start].isspace():
        start += 1
    end = _trim_end(text, end)
    while end > start and text[end - 1] in ",;":
        end -= 1
    return QuoteSpan(start, end, open_mark, close_mark, close_len)
