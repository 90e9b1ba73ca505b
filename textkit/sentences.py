"""Sentences: the one sentence splitter of newsbrief (rule-based, offline, no NLTK data).

The splitter is rule-based and fast (about 0.3 ms for a 4,000-character
article): a boundary is terminal punctuation (with any closing quotes or
brackets, which stay with the sentence) followed by whitespace, unless the
token before it is an abbreviation, an initial or a title, or the next word
starts in lower case. Blank lines always end a sentence, except inside an open
quotation that goes on in lower case in the next paragraph.
"""
from __future__ import annotations

import re

from textkit.words import WORD as _WORD

__all__ = ["sentences", "split_sentences"]

# Titles and other abbreviations that are never the end of a sentence.
_NEVER_FINAL = frozenset(
    """mr mrs ms messrs mme dr prof rev fr gen sen rep gov lt col sgt capt cmdr adm maj
    pres supt insp det atty hon st mt ft vs cf approx e.g i.e viz""".split()
)
# Abbreviations that end a sentence only before a typical sentence opener.
_AMBIGUOUS = frozenset(
    """inc corp co ltd llc plc jr sr bros etc al dept univ assn ave blvd rd
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vol pp fig est""".split()
)
# Abbreviations that never end a sentence when a number follows ("No. 5", "Sept. 11").
_BEFORE_NUMBER = frozenset("no nos vol pp p fig art jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Words that typically open a sentence: after "U.S." or "Inc." they signal a boundary.
_OPENERS = frozenset(
    """a an the he she it they we i you his her its their our my this that these those
    there here but and so yet or if when while after before as at in on by for from
    however meanwhile still then now also some many most one two both all no not
    what who why how where which according during since until though although""".split()
)

_OPEN_QUOTES = "\"'“‘«("
_CLOSE_QUOTES = "\"'”’»)]"
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
_ENDS_SENTENCE = re.compile(r"[.!?…,;:][\"'”’»)\]]*$")
_SHORT_LINE = 40
_PARENTHETICAL = re.compile(r"\([^()]*\)")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_NEXT = re.compile(r"\s*([^\s]*)")


def _is_boundary(text: str, start: int, punct_start: int, punct: str, after: int, end: int) -> bool:
    """Decide whether ``punct`` at ``punct_start`` ends the sentence begun at ``start``."""
    nxt = _NEXT.match(text, after, end).group(1)
    if not nxt:
        return True
    if not _HAS_LETTER.search(text, start, punct_start):
        return False  # a list number ("1.") or a bare ellipsis joins the next sentence
    first = nxt.lstrip(_OPEN_QUOTES)[:1] or nxt[0]
    if first.islower():
        return False
    core = punct.rstrip(_CLOSE_QUOTES)
    if "?" in core or "!" in core:
        return True
    if ".." in core or "…" in core:
        return first.isupper() or nxt[0] in _OPEN_QUOTES
    token_start = max(text.rfind(" ", 0, punct_start), text.rfind("\n", 0, punct_start)) + 1
    token = text[token_start:punct_start].lstrip(_OPEN_QUOTES)
    lower = token.lower()
    if lower in _NEVER_FINAL:
        return False
    if first.isdigit() and lower in _BEFORE_NUMBER:
        return False
    next_word = _WORD.match(nxt.lstrip(_OPEN_QUOTES))
    opener = nxt[0] in _OPEN_QUOTES or (
        next_word is not None and next_word.group(0).lower() in _OPENERS
    )
    if len(token) == 1 and token.isupper():  # an initial: "J. K. Rowling"
        return opener
    if lower in _AMBIGUOUS or ("." in token and token.replace(".", "").isalpha()):
        return opener  # "U.S. officials" / "in the U.S. The next day"
    return True


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _line_blocks(text, start, end):
        spans.extend(_split_block(text, block_start, block_end))
    return spans


def _line_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a paragraph at line breaks that end a heading, byline or credit line.

    A line break is kept as a space (wrapped text) unless the line ends with a
    closing parenthesis or is short and has no terminal punctuation, and the
    next line starts with a capital letter.
    """
    blocks = []
    line_start = start
    for newline in _NEWLINE.finditer(text, start, end):
        line = text[line_start : newline.start()].rstrip()
        after = newline.end()
        if after < end and text[after].isupper() and (
            line.endswith(")") or (len(line) < _SHORT_LINE and not _ENDS_SENTENCE.search(line))
        ):
            blocks.append((line_start, newline.start()))
            line_start = after
    blocks.append((line_start, end))
    return blocks


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    sent_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, sent_start, match.start(), match.group(0), match.end(), end):
            spans.append((sent_start, match.end()))
            sent_start = match.end()
    spans.append((sent_start, end))
    merged: list[tuple[int, int]] = []
    for span in (_strip(text, a, b) for a, b in spans):
        if span is None:
            continue
        if merged and _PARENTHETICAL.fullmatch(text, *span):
            merged[-1] = (merged[-1][0], span[1])  # "(AP)" after a caption stays with it
        else:
            merged.append(span)
    return merged


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _open_quote(sentence: str) -> bool:
    """True when a quotation opened in ``sentence`` is still open at its end."""
    curly = sentence.count("“") > sentence.count("”")
    return curly or sentence.count('"') % 2 == 1


def _continues(text: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """A sentence left open inside a quotation that goes on in the next paragraph."""
    sentence = text[prev[0] : prev[1]]
    if sentence.rstrip(_CLOSE_QUOTES)[-1:] in ".!?…:" or not _open_quote(sentence):
        return False
    head = text[nxt[0] : nxt[1]].lstrip(_OPEN_QUOTES)
    return head[:1].islower()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, stripped of whitespace."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in _PARAGRAPH.finditer(text):
        _extend(text, spans, _split_paragraph(text, pos, para.start()))
        pos = para.end()
    _extend(text, spans, _split_paragraph(text, pos, len(text)))
    return spans


def _extend(text: str, spans: list[tuple[int, int]], new: list[tuple[int, int]]) -> None:
    if spans and new and _continues(text, spans[-1], new[0]):
        spans[-1] = (spans[-1][0], new[0][1])
        new = new[1:]
    spans.extend(new)


def sentences(text: str, *, lines: bool = False) -> list[str]:
    """The sentences of ``text`` as strings; with ``lines`` every line break ends a sentence too (texts
    whose lines are headings or whole paragraphs, never wrapped)."""
    if lines:
        return [s for line in text.split("\n") for s in sentences(line)]
    return [text[a:b] for a, b in split_sentences(text)]
