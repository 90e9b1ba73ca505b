"""The speaker phrase before a cue: found by the patterns, then cleaned of connectives."""
from __future__ import annotations

import re

from bot.quotes import patterns as P
from bot.quotes.lexicon import NON_NAME_WORDS


def subject(prefix: str) -> tuple[int, int] | None:
    """Offsets in ``prefix`` (a sentence up to a cue) of the speaker phrase that ends it, if any."""
    cut = max(0, len(prefix) - _SUBJECT_WINDOW)
    words = [w for w in prefix[-80:].split() if w.lower() not in P.GAP_WORDS]
    last = words[-1] if words else ""
    if not last:
        return None
    m = None
    if last.endswith(","):
        m = P.SUBJECT_APPOS.search(prefix, cut)
    elif last[0].isupper() or last.endswith(")") or last.lower().strip("'’") in P.SUBJECT_END_WORDS:
        m = P.SUBJECT_BEFORE.search(prefix, cut)
    if m is None and len(prefix) <= _INITIAL_WINDOW:
        m = P.SUBJECT_INITIAL.match(prefix)
    if m is None:
        return None
    start = m.start(1)
    if prefix[start:start + 1].isupper() and prefix[max(0, start - 4):start] in ("the ", "The "):
        start -= 4  # "the Valby Times": the article belongs to the name
    return start, m.end(1)


_SUBJECT_WINDOW = 160
_INITIAL_WINDOW = 320


def head(phrase: str) -> str:
    """Last word of a noun phrase, lower-cased, plural -s removed ("New polls" -> "poll")."""
    words = phrase.split()
    w = words[-1].lower() if words else ""
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def trim_speaker(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The speaker phrase without leading connectives or an opening participle ("Facing X, ...");
    None when nothing that can name a speaker is left ("The", "On Monday")."""
    words = text[start:end].split()
    lead = 0
    while lead < len(words) and (words[lead].lower() in _LEADING_JUNK or (
            lead == 0 and len(words) > 1 and _OPENING_PARTICIPLE.match(words[0]))):
        lead += 1
    if lead == len(words):
        return None
    if lead:
        start = text.index(words[lead], start)
    rest = words[lead:]
    if rest[-1].endswith(("'s", "’s")):  # "Clinton's support": a possessive is no subject
        return None
    if len(rest) == 1 and rest[0].lower() not in _PRONOUNS and rest[0].lower() in NON_NAME_WORDS:
        return None
    return start, end


_LEADING_JUNK = frozenset("""
but and so yet then now meanwhile however also still in on at after before later earlier
monday tuesday wednesday thursday friday saturday sunday today yesterday like unlike while when
since as with without despite although though if because
""".split())
_PRONOUNS = frozenset("he she they i we it you who many most some others both few one all".split())
_OPENING_PARTICIPLE = re.compile(r"^[A-Z][a-z]{2,}ing$")
