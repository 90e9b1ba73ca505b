"""Token features for the attribution tagger: the word, its shape, cue-lexicon membership,
quotation marks, the nearest cue in its sentence and what the rules found there."""
from __future__ import annotations

from collections.abc import Sequence as Seq
from dataclasses import dataclass

from bot.quotes import patterns as P
from bot.quotes.lexicon import NOUN_CUES, SOURCE_NOUNS, plurals
from bot.quotes.marks import QuoteSpan
from bot.quotes.model.tokens import Sequence

_PRONOUNS = frozenset("he she they i we you it who his her their its him them us".split())
_ROLES = plurals(SOURCE_NOUNS)
_NOUN_CUE_WORDS = frozenset(w for words in NOUN_CUES.values() for w in words)
_OPEN = frozenset("“«„")
_CLOSE = frozenset("”»")
#: Rule labels painted on characters: none, content, cue, speaker.
_RULE_NAMES = ("O", "C", "Q", "S")


@dataclass(frozen=True)
class RuleSpan:
    """What the rules found, as the model sees it: a content, its cue and its speaker mention."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int]
    speaker: tuple[int, int] | None


def _shape(w: str) -> str:
    if w.isalpha():
        if w.islower():
            return "x"
        if w.isupper():
            return "X" if len(w) > 1 else "X1"
        return "Xx" if w[:1].isupper() else "xX"
    if w.isdigit():
        return "d"
    if w[:1] in "’'" and len(w) > 1:
        return "'x"
    if any(c.isalnum() for c in w):
        return "mix"
    return w


def _bucket(d: int) -> str:
    return str(d) if d < 3 else ("3" if d < 6 else ("6" if d < 11 else "L"))


def paint_quotes(n: int, quotes: Seq[QuoteSpan]) -> bytearray:
    """Per character: 1 inside a quotation."""
    inq = bytearray(n)
    for q in quotes:
        inq[q.start:q.end] = b"\x01" * max(0, min(n, q.end) - q.start)
    return inq


def _paint(n: int, quotes: Seq[QuoteSpan], rules: Seq[RuleSpan]) -> tuple[bytearray, bytearray]:
    """Per character: inside a quotation (1) and the rules' label (index into ``_RULE_NAMES``)."""
    inq = paint_quotes(n, quotes)
    rule = bytearray(n)
    for r in rules:
        a, b = r.content
        rule[a:b] = b"\x01" * max(0, min(n, b) - a)
    for r in rules:
        a, b = r.cue
        rule[a:b] = b"\x02" * max(0, min(n, b) - a)
        if r.speaker:
            a, b = r.speaker
            rule[a:b] = b"\x03" * max(0, min(n, b) - a)
    return inq, rule


def article_features(text: str, seqs: list[Sequence], quotes: Seq[QuoteSpan],
                     rules: Seq[RuleSpan], skip_plain: bool = False) -> list[list[list[str]] | None]:
    """For every sequence, for every token, its feature strings; with ``skip_plain``, None for a
    paragraph with no cue word, no quotation mark and nothing the rules found (the tagger leaves
    those alone: it finds next to nothing there, and they are most of an article's words)."""
    inq, rule = _paint(len(text), quotes, rules)
    out = []
    for seq in seqs:
        out.append(_sequence_features(seq, inq, rule, skip_plain))
    return out


def _sequence_features(seq: Sequence, inq: bytearray, rule: bytearray,
                       skip_plain: bool = False) -> list[list[str]] | None:
    toks = seq.tokens
    n = len(toks)
    low = [t.text.lower() for t in toks]
    cue = []
    for w in low:
        f = P.CUE_FORMS.get(w)
        cue.append(("S" if f[1] else "V") if f else ("N" if w in _NOUN_CUE_WORDS else ("A" if w == "according" else "")))
    rl = [_RULE_NAMES[rule[t.start]] for t in toks]
    q = ["1" if inq[t.start] else "0" for t in toks]
    if skip_plain and not any(cue) and "1" not in q and all(r == "O" for r in rl):
        return None
    sent = seq.sentence_of
    # nearest cue before / after each token within its sentence
    before = [-1] * n
    last = -1
    for i in range(n):
        if i and sent[i] != sent[i - 1]:
            last = -1
        before[i] = last
        if cue[i] in ("S", "V", "A") or rl[i] == "Q":
            last = i
    after = [-1] * n
    nxt = -1
    for i in range(n - 1, -1, -1):
        if i < n - 1 and sent[i] != sent[i + 1]:
            nxt = -1
        after[i] = nxt
        if cue[i] in ("S", "V", "A") or rl[i] == "Q":
            nxt = i
    feats: list[list[str]] = []
    pad = ["<s>", "<s>"]
    W = pad + low + ["</s>", "</s>"]
    C = ["", ""] + cue + ["", ""]
    R = ["B", "B"] + rl + ["E", "E"]
    Q = ["", ""] + q + ["", ""]
    for i, t in enumerate(toks):
        w = low[i]
        j = i + 2
        shape = _shape(t.text)
        f = [
            "b", "w=" + w, "sh=" + shape, "c=" + cue[i], "q=" + Q[j - 1] + q[i] + Q[j + 1],
            "w-1=" + W[j - 1], "w+1=" + W[j + 1], "w-2=" + W[j - 2], "w+2=" + W[j + 2],
            "c-1=" + C[j - 1], "c+1=" + C[j + 1], "rr=" + R[j - 1] + rl[i] + R[j + 1],
            "w-1|w=" + W[j - 1] + "|" + w,
        ]
        if w in _PRONOUNS:
            f.append("pron")
        elif w in _ROLES:
            f.append("role")
        if t.text in _OPEN or t.text in _CLOSE or t.text in "\"'":
            f.append("mark=" + ("o" if t.text in _OPEN else "c" if t.text in _CLOSE else "s"))
        if i == 0 or sent[i] != sent[i - 1]:
            f.append("sent0")
        if i == n - 1 or sent[i] != sent[i + 1]:
            f.append("sent1")
        b, a = before[i], after[i]
        if b >= 0:
            f.append("cb=" + cue[b] + _bucket(i - b))
            f.append("cbr=" + rl[b])
        if a >= 0:
            f.append("ca=" + cue[a] + _bucket(a - i))
        if b < 0 and a < 0:
            f.append("nocue")
        feats.append(f)
    return feats
