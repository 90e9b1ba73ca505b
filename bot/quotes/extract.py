"""The rules: direct quotations and reported speech found by their marks, cues and subjects, and the
resolution of their speakers (``_Extractor.resolve``).

``rules(text)`` is fast enough to run on every article at ingest; ``bot.quotes.attributions`` joins its
findings with the statistical model's. Offsets are character offsets into ``text``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from bot.quotes import patterns as P
from bot.quotes.lexicon import (
    EVIDENCE_NOUNS, EVIDENCE_VERBS, HEADING_WORDS, INFINITIVE_LEMMAS, NON_NAME_WORDS, NON_SPEAKER_LABELS,
)
from bot.quotes.marks import QuoteSpan, find_quotes, paragraphs
from bot.quotes.speakers import ArticleSpeakers, KnownRoles, plausible_name
from bot.quotes.subjects import head, subject, trim_speaker
from textkit.sentences import split_sentences

MIN_CONTENT_WORDS = 3


@dataclass(frozen=True)
class Attribution:
    kind: str  # "direct" | "reported" (a statement) | "other" (beliefs, intentions, findings)
    content_start: int
    content_end: int
    content: str
    cue: str
    cue_start: int
    cue_end: int
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker: str | None
    confidence: float
    parts: tuple[tuple[int, int], ...] = ()  # quoted fragments when a cue interrupts the quote


@dataclass
class _Sentence:
    start: int
    end: int


class _Extractor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = [_Sentence(a, b) for a, b in split_sentences(text)]
        self.sent_starts = [s.start for s in self.sentences]
        self.paras = paragraphs(text)
        self.para_starts = [p[0] for p in self.paras]
        self.quotes = find_quotes(text, self.sent_starts)
        self.quote_bounds = sorted((q.open_mark if q.open_mark is not None else q.start,
                                    q.after_close if q.after_close is not None else q.end)
                                   for q in self.quotes)
        self.out: list[Attribution] = []

    # --- helpers -------------------------------------------------------------------------
    def sentence_at(self, pos: int) -> _Sentence:
        k = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sentences[k] if self.sentences else _Sentence(0, len(self.text))

    def para_at(self, pos: int) -> tuple[int, int]:
        k = max(0, bisect.bisect_right(self.para_starts, pos) - 1)
        return self.paras[k] if self.paras else (0, len(self.text))

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_bounds, (pos, len(self.text) + 1)) - 1
        return k >= 0 and self.quote_bounds[k][0] <= pos < self.quote_bounds[k][1]

    def make(self, kind: str, c0: int, c1: int, cue: tuple[int, int], spk: tuple[int, int] | None,
             conf: float) -> None:
        t = self.text
        while c0 < c1 and (t[c0].isspace() or t[c0] in ",:;"):
            c0 += 1
        while c1 > c0 and (t[c1 - 1].isspace() or t[c1 - 1] in ",;:.—–-"):
            c1 -= 1
        if len(P.WORD.findall(t[c0:c1])) < MIN_CONTENT_WORDS and kind == "reported":
            return
        mention = t[spk[0]:spk[1]] if spk else None
        self.out.append(Attribution(kind, c0, c1, t[c0:c1], " ".join(t[cue[0]:cue[1]].split()),
                                    cue[0], cue[1], mention, spk[0] if spk else None,
                                    spk[1] if spk else None, None, conf))

    # --- direct quotations ---------------------------------------------------------------
    def direct(self) -> None:
        """Quotes with a cue next to them, and quotes continuing the previous speaker's words
        (quotes with neither are left out: a chat answer has no use for a speakerless quote)."""
        prev: Attribution | None = None
        for q in self.quotes:
            found = self._after_close(q) or self._before_open(q) or self._colon_paragraph(q)
            if found:
                cue, spk = found
                end = self._run_on(q, cue)
                if end > q.end:  # the quote opens a reported clause: the clause is the content
                    self.make("reported", q.open_mark, end, cue, spk, 0.9)
                else:
                    self.make("direct", q.start, q.end, cue, spk, 0.9)
                prev = self.out[-1]
                continue
            inherited = self._inherit(q, prev)
            if inherited is not None:
                self.out.append(inherited)
                prev = inherited
        self.out = self._join_fragments(self.out)

    def _run_on(self, q: QuoteSpan, cue: tuple[int, int]) -> int:
        """End of the words a cue introduces when a quote opens them and the clause goes on after
        it ('X said "it gets me mad" every time he thinks of it'): the sentence's end."""
        if q.close_mark is None or q.open_mark is None or cue[1] > q.open_mark:
            return q.end
        if not _only_linkers(self.text[cue[1]:q.open_mark]) or self.text[q.end - 1:q.end] in ".?!":
            return q.end
        if "," in self.text[q.end - 1:q.after_close]:  # '“...,” drawing jeers': the quote is whole
            return q.end
        sent = self.sentence_at(q.open_mark)
        tail = self.text[q.after_close:sent.end]
        if not tail[:1].isspace() or not tail.lstrip()[:1].islower() or '"' in tail or "“" in tail:
            return q.end
        if len(P.WORD.findall(tail)) < 2:
            return q.end
        end = sent.end
        while end > q.end and self.text[end - 1] in " .\n":
            end -= 1
        return end

    def _join_fragments(self, items: list[Attribution]) -> list[Attribution]:
        """One attribution for '"A," X said. "B."': fragments of one speaker split by the cue."""
        out: list[Attribution] = []
        for a in items:
            prev = out[-1] if out else None
            if (prev is not None and prev.speaker_start is not None
                    and (prev.speaker_start, prev.cue_start) == (a.speaker_start, a.cue_start)
                    and self.para_at(prev.content_start) == self.para_at(a.content_start)
                    and prev.content_end <= prev.cue_start < a.content_start
                    and len(_MARK.findall(self.text, prev.content_end, a.content_start)) <= 2):
                parts = (prev.parts or ((prev.content_start, prev.content_end),)) + (
                    (a.content_start, a.content_end),)
                out[-1] = replace(prev, content_end=a.content_end, parts=parts,
                                  content=" ".join(self.text[x:y] for x, y in parts))
            else:
                out.append(a)
        return out

    def _after_close(self, q: QuoteSpan) -> tuple[tuple[int, int], tuple[int, int]] | None:
        if q.close_mark is None:
            return None
        base = q.after_close
        sent_end = self.sentence_at(base).end
        stop = self.para_at(q.close_mark)[1]
        window = self.text[base:min(stop, base + 120)]
        m = P.AFTER_CLOSE.match(window)
        if not m or base + m.start() > max(sent_end, base + 3):
            return None
        s, c = next((f"s{k}", f"c{k}") for k in (1, 2, 3) if m.group(f"s{k}"))
        if P.lemma_of(m.group(c)) in EVIDENCE_VERBS:  # '"...", polls show' is no quotation
            return None
        if s == "s1" and self.text[q.end - 1:q.end] == "." and len(
                P.WORD.findall(self.text, base + m.end(), self.sentence_at(base + m.end()).end)) > 4:
            return None  # '..." He says the plan works.': a new sentence of reported speech
        if s == "s2" and P.lemma_of(m.group(c)) in P.NEVER_INVERTED:
            return None  # '..." told the Courier': the one told is no speaker
        spk = trim_speaker(self.text, base + m.start(s), base + m.end(s))
        if spk and s == "s3":  # '..." her adviser, Jon Sulla, said': the name is the speaker
            appos = _APPOS_NAME.match(self.text, base + m.end(s), base + m.start(c))
            if appos and self.text[spk[1] - 1:spk[1]].islower():
                spk = trim_speaker(self.text, appos.start(1), appos.end(1)) or spk
        return ((base + m.start(c), base + m.end(c)), spk) if spk else None

    def _before_open(self, q: QuoteSpan) -> tuple[tuple[int, int], tuple[int, int]] | None:
        if q.open_mark is None:
            return None
        sent = self.sentence_at(q.open_mark)
        lo = sent.start
        left = self.text[lo:q.open_mark]
        for m0, m1 in reversed(P.find_cues(left)):
            tail = left[m1:]
            if tail.strip(" \t\n,:") and not _only_linkers(tail):
                break
            cue = (lo + m0, lo + m1)
            subj = subject(left[:m0])
            spk = trim_speaker(self.text, lo + subj[0], lo + subj[1]) if subj else None
            if spk is None and (_SUBORDINATE_ING.search(left[:m1]) or _COORDINATED.search(left[:m0])):
                # "X deflected questions before saying, “...”", "X was joined on stage by Y and
                # joked, “...”": the clause's subject speaks
                spk = self._clause_subject(lo, left[:m0])
            if spk:
                return cue, spk
        if left.rstrip().endswith(":"):  # 'pollster Ivo Kask: “...”'
            m = P.COLON_SPEAKER.search(left, max(0, len(left) - 120))
            if m:
                spk = trim_speaker(self.text, lo + m.start(1), lo + m.end(1))
                colon = lo + left.rindex(":")
                prev_word = left[:m.start(1)].split()[-1:]
                if (spk and _label_speaker(self.text[spk[0]:spk[1]])
                        and any(w[:1].isupper() for w in self.text[spk[0]:spk[1]].split())
                        and not (prev_word and prev_word[0].lower() in _PREPOSITIONS)):
                    return (colon, colon + 1), spk
        return None

    def _colon_paragraph(self, q: QuoteSpan) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'He told his audience, to rowdy applause:' ending one paragraph and the quote opening the
        next: the cue and speaker of that closing sentence."""
        if q.open_mark is None:
            return None
        para = self.para_at(q.open_mark)
        if q.open_mark != para[0]:
            return None
        k = self.para_starts.index(para[0])
        if k == 0:
            return None
        prev = self.paras[k - 1]
        if not self.text[prev[0]:prev[1]].rstrip().endswith(":"):
            return None
        sent = self.sentence_at(self.text.rindex(":", prev[0], prev[1]))
        left = self.text[sent.start:prev[1]]
        for m0, m1 in reversed(P.find_cues(left)):
            subj = subject(left[:m0])
            spk = trim_speaker(self.text, sent.start + subj[0], sent.start + subj[1]) if subj else None
            if spk:
                return (sent.start + m0, sent.start + m1), spk
        return None

    def continued(self) -> None:
        """A quote left without a speaker that opens the paragraph after a reported statement
        ("X responded, saying the campaign was lying." / "“I am so sick of it.”") continues it."""
        taken = [(a.content_start, a.content_end) for a in self.out]
        for q in self.quotes:
            if any(a0 < q.end and q.start < a1 for a0, a1 in taken):
                continue
            p0, p1 = self.para_at(q.start)
            if self.text[p0:p1].strip(" \n“”\"'‘’.") != self.text[q.start:q.end].strip(" “”\"'‘’."):
                continue  # only a quotation that is its paragraph's whole text
            before = [a for a in self.out if a.kind == "reported" and a.content_end <= q.start]
            prev = max(before, key=lambda a: a.content_end, default=None)
            found = self._inherit(q, prev) if prev is not None else None
            if found is not None:
                self.out.append(found)
                taken.append((found.content_start, found.content_end))

    def _inherit(self, q: QuoteSpan, prev: Attribution | None) -> Attribution | None:
        """A quote with no cue of its own continues the previous speaker's words."""
        if prev is None or prev.speaker_start is None:
            return None
        para = self.para_at(q.start)
        prev_para = self.para_at(prev.content_start)
        starts_para = q.open_mark == para[0] or q.start == para[0] or q.open_mark is None
        same_para = prev_para == para
        adjacent = self.para_starts.index(para[0]) - self.para_starts.index(prev_para[0]) == 1
        if not (same_para or (adjacent and starts_para)):
            return None
        if not same_para and not self.text[prev_para[0]:prev_para[1]].rstrip().endswith(
                (":", "”", '"', ".", ".”", '."')):
            return None
        words = len(P.WORD.findall(self.text, q.start, q.end))
        before = self.text[max(para[0], (q.open_mark or q.start) - 3):q.open_mark or q.start].rstrip()
        opens = q.open_mark is None or not before or before[-1] in ".?!:;”\"—–-)"
        if not ((opens and words >= 3) or words >= 8 or same_para):  # a phrase quoted later: no one's turn
            return None
        if self._other_subject(max(prev.content_end, prev.cue_end), q.open_mark or q.start, prev.speaker_mention):
            return None
        return replace(prev, kind="direct", content_start=q.start, content_end=q.end,
                       content=self.text[q.start:q.end], confidence=0.7)

    def _other_subject(self, a: int, b: int, mention: str | None) -> bool:
        """Whether a sentence between ``a`` and ``b`` opens with a name other than ``mention``'s: the
        paragraph has moved on to someone else ("X said ... Y disagreed. '...'")."""
        own = {w.strip(".,").lower() for w in (mention or "").split()}
        k = bisect.bisect_right(self.sent_starts, a)
        while k < len(self.sentences) and self.sentences[k].start < b:
            m = _NAME_START.match(self.text, self.sentences[k].start, b)
            if m and m.group(1).lower() not in NON_NAME_WORDS and not (set(m.group(0).lower().split()) & own):
                return True
            k += 1
        return False

    # --- reported speech -----------------------------------------------------------------
    def reported(self) -> None:
        covered = {a.cue_start for a in self.out}
        for sent in self.sentences:
            s = self.text[sent.start:sent.end]
            self._according(sent, s)
            n = len(self.out)
            cues = P.find_cues(s)
            tag = self._tail_tag(sent, s, cues, covered) if len(cues) > 1 else None
            if tag is not None:  # "X asked Y to go, the Times reported": the report is the Times's
                cues = [c for c in cues if c[0] >= tag[0]]
            for m0, m1 in cues:
                c0 = sent.start + m0
                if c0 in covered or self.in_quote(c0) or self._nested(c0):
                    continue
                self._reported_at(sent, s, m0, m1)
            if _NOUN_HINT.search(s):
                self._noun_cues(sent, s, self.out[n:])

    def _tail_tag(self, sent: _Sentence, s: str, cues: list[tuple[int, int]],
                  covered: set[int]) -> tuple[int, int] | None:
        """The last cue when it closes the sentence as ", <speaker> said." after a clause: the
        cues before it are part of what that speaker reported, not statements of their own."""
        m0, m1 = cues[-1]
        if sent.start + m0 in covered or self.in_quote(sent.start + m0) or not P.is_speech(s[m0:m1]):
            return None
        rest = s[m1:]
        if not _short_tail(rest) or P.THAT.match(rest):
            return None
        subj = subject(s[:m0])
        if subj is None:
            return None
        before = s[:subj[0]].rstrip()
        if not before.endswith(",") or len(before) <= 15 or _adverbial(before):
            return None
        return m0, m1

    def _noun_cues(self, sent: _Sentence, s: str, found: list[Attribution]) -> None:
        """'his claim that ...', 'Lind's call for ...': the possessor said the words after the noun
        (unless the phrase is itself the content of a verb's attribution: 'X dismissed his claim that')."""
        for m in P.NOUN_CUE.finditer(s):
            c0 = sent.start + m.start()
            if self.in_quote(c0) or any(a.content_start <= c0 < a.content_end for a in found):
                continue
            lo = max(0, m.start() - 80)
            o = P.NOUN_OWNER.search(s, lo, m.start())
            if o is None:
                continue
            cue = (c0, sent.start + P.WORD.match(s, m.start()).end())
            g = "pron" if o.group("pron") else "name"
            spk = (sent.start + o.start(g), sent.start + o.end(g))
            if g == "name":
                spk = trim_speaker(self.text, *spk)
                if spk is None:
                    continue
            self.make("reported", sent.start + m.end(), sent.end, cue, spk, 0.6)

    def _nested(self, pos: int) -> bool:
        """Whether ``pos`` lies in the content of a reported attribution found before: in
        "X stressed that he and Y discussed ...", Y's words are X's claim, not Y's statement."""
        last = self.out[-1] if self.out else None
        return (last is not None and last.kind == "reported"
                and last.content_start <= pos < last.content_end)

    def _reported_at(self, sent: _Sentence, s: str, m0: int, m1: int) -> None:
        cue_text = s[m0:m1]
        lemma = P.lemma_of(cue_text)
        if lemma in P.QUOTE_ONLY:
            return
        left = s[:m0]
        off = sent.start
        subj = subject(left)
        cue = (sent.start + m0, sent.start + m1)
        conf = 0.8 if P.is_speech(cue_text) else 0.6
        limit = sent.end  # where the reported words must end
        if subj:
            spk = trim_speaker(self.text, off + subj[0], off + subj[1])
            if spk is None:
                return
            if P.is_passive(left, cue_text):
                # "X was asked whether ...", "X was told that ...", "X was declared the winner by Y":
                # X did not say it; the agent after "by", when there is one, did
                agent = _BY_AGENT.search(s, m1)
                if agent is None:
                    return
                name = _TRAILING_PREP.sub("", agent.group(1))
                spk = trim_speaker(self.text, off + agent.start(1), off + agent.start(1) + len(name))
                if spk is None:
                    return
                limit = off + agent.start()
            before = left[:subj[0]].rstrip()
            rest = s[m1:]
            evidence = lemma in EVIDENCE_VERBS and any(head(w) in EVIDENCE_NOUNS for w in left.split()[-8:])
            start = self._content_start(rest, lemma, cue_text, evidence)
            b_form = (before.endswith(",") and _short_tail(rest) and lemma not in P.OBJECT_LEMMAS
                      and not (start is not None and _adverbial(before)))
            if before.endswith(",") and rest.startswith(",") and len(before.split()) >= 2 and P.is_speech(cue_text):
                # "The plan, Smith said, will cost more": the words around the parenthetical cue
                self._parenthetical(sent, off + len(before), sent.start + m1, cue, spk, conf)
                return
            if start is not None and not b_form:
                end = limit
                if _subordinate(s[:spk[0] - off]):  # "When X said ..., Y was ...": the clause ends at a comma
                    end = _clause_end(s, m1 + start, sent.start) or end
                nxt = _NEXT_CLAUSE.search(s, m1 + start)
                if nxt and sent.start + nxt.start() < end:
                    end = sent.start + nxt.start()  # "..., but the governor warned ...": another's words
                self.make("reported", sent.start + m1 + start, end, cue, spk, conf)
                return
            if b_form and len(before) > 15:
                self.make("reported", sent.start, off + len(before), cue, spk, conf)
            return
        if cue_text.endswith("ing") and _SUBORDINATE_ING.search(s[:m1]):
            # "X was booed after telling them that ...": the clause's subject speaks
            spk = self._clause_subject(sent.start, left)
            start = self._content_start(s[m1:], lemma, cue_text) if spk else None
            if spk and start is not None:
                self.make("reported", sent.start + m1 + start, sent.end, cue, spk, round(conf - 0.1, 2))
            return
        if not left.rstrip().endswith(","):
            return
        if cue_text.endswith("ing"):  # "..., saying that ...": the clause's subject speaks
            self._participle(sent, s, m0, m1, lemma, conf)
        elif P.is_speech(cue_text):  # "..., said the minister."
            after = P.AFTER_CLOSE.match(s[m0:])
            tail = s[m0 + after.end():] if after else ""
            if after and after.group("s2") and (_short_tail(tail) or tail.lstrip().startswith(",")):
                spk_start = sent.start + m0 + after.start("s2")
                spk = trim_speaker(self.text, spk_start, sent.start + m0 + after.end("s2"))
                if spk:
                    self.make("reported", sent.start, off + len(left.rstrip()), cue, spk, conf)

    def _parenthetical(self, sent: _Sentence, a: int, b: int, cue: tuple[int, int],
                       spk: tuple[int, int], conf: float) -> None:
        """Content on both sides of a cue set off by commas; ``parts`` keeps the cue out of it."""
        t = self.text
        c0, a1 = sent.start, a
        while a1 > c0 and t[a1 - 1] in " ,":
            a1 -= 1
        b0, c1 = b, sent.end
        while b0 < c1 and t[b0] in " ,":
            b0 += 1
        while c1 > b0 and t[c1 - 1] in " .\n":
            c1 -= 1
        n = len(self.out)
        self.make("reported", c0, c1, cue, spk, conf)
        if len(self.out) > n and b0 < c1:
            parts = ((c0, a1), (b0, c1))
            self.out[-1] = replace(self.out[-1], parts=parts,
                                   content=" ".join(t[x:y] for x, y in parts))

    def _participle(self, sent: _Sentence, s: str, m0: int, m1: int, lemma: str, conf: float) -> None:
        start = self._content_start(s[m1:], lemma, s[m0:m1])
        if start is None:
            return
        cue = (sent.start + m0, sent.start + m1)
        host = next((a for a in reversed(self.out) if a.speaker_start is not None
                     and sent.start <= a.cue_start < cue[0]), None)
        if host is not None:
            spk = (host.speaker_start, host.speaker_end)
        else:
            spk = self._clause_subject(sent.start, s[:m0])
            if spk is None:
                return
        self.make("reported", sent.start + m1 + start, sent.end, cue, spk, round(conf - 0.1, 2))

    def _clause_subject(self, base: int, prefix: str) -> tuple[int, int] | None:
        """The subject of a sentence, skipping opening adverbials ("On Monday, in Ohio, Mr. X was ...")."""
        for m in P.CLAUSE_SUBJECT.finditer(prefix):
            spk = trim_speaker(self.text, base + m.start(1), base + m.end(1))
            if spk:
                return spk
        return None

    def _content_start(self, rest: str, lemma: str, cue_text: str, evidence: bool = False) -> int | None:
        """Offset in ``rest`` where the reported content begins, or None when none follows."""
        pos = 0
        if lemma in P.TAKES_ADDRESSEE and " " not in cue_text:
            m = P.ADDRESSEE_THAT.match(rest)
            if m:  # "told guests at the reception that ..."
                return m.end()
            m = P.ADDRESSEE.match(rest)
            if m:
                pos = m.end()
        adj = P.MEDIUM.match(rest[pos:]) or P.ADJUNCT.match(rest[pos:])
        if adj:
            pos += adj.end()
        that = P.THAT.match(rest[pos:])
        if that:
            return pos + that.end()
        if rest[pos:].lstrip().startswith("by "):  # passive: "was attacked by ..."
            return None
        if lemma in P.OBJECT_LEMMAS:
            return pos if len(P.WORD.findall(rest[pos:])) >= 2 else None
        if P.needs_that(cue_text) and not evidence:
            return None
        nxt = rest[pos:].lstrip(" ,:")
        if not nxt or nxt[0] in ".;)":
            return None
        first = nxt.split()[0].lower().strip("“\"")
        if first == "to" and lemma in INFINITIVE_LEMMAS:  # "wants to ...", "declined to ..."
            return pos
        if " " not in cue_text.strip() and (
                first in _NOT_CLAUSE or (first in _POSSESSIVE_START and not P.is_speech(cue_text))):
            return None
        return pos

    def _according(self, sent: _Sentence, s: str) -> None:
        m = P.ACCORDING_BEFORE.match(s)
        if m:
            spk = trim_speaker(self.text, sent.start + m.start(1), sent.start + m.end(1))
            cue0 = sent.start + s.lower().index("according")
            if spk:
                self.make("reported", sent.start + m.end(), sent.end, (cue0, cue0 + 12), spk, 0.8)
            return
        m = P.ACCORDING_MID.search(s)
        if m:
            spk = trim_speaker(self.text, sent.start + m.start(1), sent.start + m.end(1))
            cue0 = sent.start + s.index("according", m.start())
            longer = len(P.WORD.findall(s[m.end():])) >= 4
            end = sent.end if longer else sent.start + m.start()
            start = sent.start
            if longer and _OPENS_CLAUSE.search(s, 0, m.start()):
                start = sent.start + m.end()  # "X said that, according to Y, the plan fails": Y's words follow
            if spk:
                self.make("reported", start, end, (cue0, cue0 + 12), spk, 0.8)

    def labels(self) -> None:
        """'Name: words' opening a paragraph (headlines, interview transcripts)."""
        for p0, p1 in self.paras:
            if ":" not in self.text[p0:min(p1, p0 + 140)]:
                continue
            m = P.LABEL.match(self.text, p0, p1)
            if not m or len(m.group(1).split()) > 6:
                continue
            first = m.group(1).split()[0].lower()
            if first in NON_SPEAKER_LABELS or self.in_quote(p0):
                continue
            spk = trim_speaker(self.text, m.start(1), m.end(1))
            if spk is None or not _label_speaker(self.text[spk[0]:spk[1]]):
                continue
            colon = self.text.index(":", m.end(1))
            self.make("reported", m.end(), p1, (colon, colon + 1), spk, 0.6)

    # --- merge and resolve ---------------------------------------------------------------
    def merge(self) -> list[Attribution]:
        """Drop quotes inside a reported content (extending it to the quote's end)."""
        reported = [a for a in self.out if a.kind == "reported"]
        keep: list[Attribution] = []
        for a in sorted(self.out, key=lambda x: (x.content_start, -x.content_end)):
            if a.kind == "direct" and a.confidence < 0.9:
                host = next((r for r in reported if r.content_start <= a.content_start < r.content_end
                             and r.speaker_start is not None), None)
                if host is not None:
                    if a.content_end > host.content_end:
                        idx = keep.index(host) if host in keep else -1
                        grown = replace(host, content_end=a.content_end,
                                        content=self.text[host.content_start:a.content_end])
                        if idx >= 0:
                            keep[idx] = grown
                        reported[reported.index(host)] = grown
                    continue
            keep.append(a)
        return keep

    def resolve(self, items: list[Attribution], known_roles: KnownRoles | None = None) -> list[Attribution]:
        spk = ArticleSpeakers(self.text, known_roles)
        events: list[tuple[int, int, object]] = []
        for i, a in enumerate(items):
            events.append((a.speaker_start if a.speaker_start is not None else a.content_start, 1, i))
        for sent in self.sentences:
            subj = spk.sentence_subject(sent.start, sent.end)
            if subj:
                events.append((subj[1], 0, subj[0]))
        resolved: dict[tuple[int | None, int | None], str | None] = {}
        out = list(items)
        for pos, kind, payload in sorted(events, key=lambda e: (e[0], e[1])):
            if kind == 0:
                name = spk.resolve(payload, pos)
                if name or spk.is_unnamed_person(payload):
                    spk.note_subject(name, pos)
                continue
            a = items[payload]
            if a.speaker_mention is None:
                continue
            key = (a.speaker_start, a.speaker_end)
            if key not in resolved:
                mention = a.speaker_mention
                if mention.lower() == "who":  # only a name right before ", who" counts
                    mention = _antecedent(spk, a.speaker_start) or ""
                resolved[key] = spk.resolve(mention, a.speaker_start) if mention else None
                if resolved[key] is not None and not plausible_name(resolved[key]):
                    resolved[key] = None
                if resolved[key] or spk.is_unnamed_person(mention):
                    spk.note_subject(resolved[key], a.speaker_start)
            out[payload] = replace(a, speaker=resolved[key])
        return out


_MARK = re.compile(r"[\"“”«»]|''")
_SUBORDINATE_ING = re.compile(r"\b(?:before|after|while|when|by|in)\s+[a-z]+ing$")
_APPOS_NAME = re.compile(r"\s*,\s*((?:[A-Z][\w'’\-]*\.?\s+){0,3}[A-Z][\w'’\-]+)\s*,\s*")
_NAME_START = re.compile(r"[\W]*([A-Z][\w'’\-]+)(?:\s+[A-Z][\w'’\-]+)*(?=\s+[a-z])")
_NOUN_HINT = re.compile(r"['’]s\s|\b[Hh](?:is|er)\s|\b[Tt]heir\s")
_NOT_CLAUSE = frozenset("""
to of for about with on in at by from into over against as like than up down out off
him them us me you reporters journalists
""".split())
_POSSESSIVE_START = frozenset("her his their its our my your".split())
_LINKERS = frozenset("that , : — –".split())


_PREPOSITIONS = frozenset("to on of in at with for by into about against over under via than like".split())


#: A second predicate of the sentence's subject: "... by Sen. Al Franken and joked, “...”".
_COORDINATED = re.compile(r"\S\s+and\s+$")


def _label_speaker(phrase: str) -> bool:
    """Whether the words before a colon can be someone speaking ("Kask", "pollster Ivo Kask"), not
    a heading ("The Latest", "Delegate Update", "Editor's Note")."""
    words = [w.lower().strip("'’") for w in phrase.split()]
    if not words or words[0] in NON_SPEAKER_LABELS or any(w in HEADING_WORDS for w in words):
        return False
    return not (words[0] in NON_NAME_WORDS and phrase[:1].isupper() and phrase.split()[-1][:1].isupper())


def _only_linkers(tail: str) -> bool:
    return all(w in _LINKERS for w in tail.replace(",", " , ").replace(":", " : ").split())


_ADVERBIAL_OPENERS = frozenset("""
in on at during after before speaking asked when while as since for from with without despite
following earlier later last this meanwhile but and yet so still also then now within amid under
""".split())
_SUBORDINATORS = frozenset("when after before as while since although though if because once until whenever".split())
_CLAUSE_SUBJECT_WORDS = frozenset("he she they we i it the a an his her their this that there".split())


def _adverbial(before: str) -> bool:
    """ "In an interview with the Times," / "On Monday,": an opening phrase, not reported words."""
    words = before.rstrip(",").split()
    return bool(words) and len(words) <= 12 and words[0].lower().strip("“\"") in _ADVERBIAL_OPENERS


def _subordinate(before_subject: str) -> bool:
    """The speaker is the subject of an opening subordinate clause ("When X said ...")."""
    words = before_subject.split()
    return bool(words) and words[-1].lower() in _SUBORDINATORS


_COMMA_NEXT = re.compile(r",\s+([\w'’]+)")
_TRAILING_PREP = re.compile(r"(?:\s+(?:on|in|at|to|for|with|after|before|during|over|from))+$")
#: The agent of a passive cue: "by <speaker>" later in the sentence.
_BY_AGENT = re.compile(rf"\bby\s+({P.SPEAKER}|{P._ANY_NP})(?=[\s,.;:]|$)")
#: "... said that according to ...", "... and according to ...": the according-phrase opens a clause.
_OPENS_CLAUSE = re.compile(r"\b(?:that|and|but|because|while|since|although|though|as|if|so)$", re.I)
#: A clause of its own after reported words: a comma, semicolon or dash, maybe a conjunction, then a
#: subject and a verb of saying ("..., but the governor warned that ...", "...; Smith said ...").
_NEXT_CLAUSE = re.compile(
    rf"(?:[,;]|\s[—–])\s+(?:(?:and|but|while|yet|though|although|whereas)\s+)?(?:{P.SPEAKER})"
    rf"(?:\s+(?:also|has|had|have|was|is|did|does|would|will|later|then|quickly)){{0,2}}\s+(?:{P.CUE})\b")


def _clause_end(s: str, start: int, base: int) -> int | None:
    """End (absolute) of a subordinate clause starting at ``start`` in sentence ``s``: the first
    comma followed by a capitalized word or a subject word (the main clause)."""
    for m in _COMMA_NEXT.finditer(s, start):
        w = m.group(1)
        if w[0].isupper() or w.lower() in _CLAUSE_SUBJECT_WORDS:
            return base + m.start()
    return None


def _short_tail(rest: str) -> bool:
    """Only a few words or an adjunct (time, place) follow the cue before the sentence ends."""
    words = P.WORD.findall(rest)
    if "that" in words:
        return False
    return len(words) <= 6 or bool(words and (words[0].lower() in _ADJUNCT_WORDS or words[0] in _DAYS)
                                   and "," in rest[:40])


_ADJUNCT_WORDS = frozenset("""
on in at after before during while when last this earlier later late early yesterday today
""".split())
_DAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def _antecedent(spk: ArticleSpeakers, pos: int) -> str | None:
    """The name right before ", who"."""
    before = [m for m in spk.mentions if m.end <= pos and pos - m.end <= 4]
    return before[-1].name if before else None


def rules(text: str) -> tuple[_Extractor, list[Attribution]]:
    """The rules' attributions (speakers not yet resolved) and the extractor that found them
    (its sentences and quotations serve the statistical model)."""
    ex = _Extractor(text)
    ex.direct()
    ex.labels()
    ex.reported()
    ex.continued()
    return ex, ex.merge()
