"""Speaker linking learned from PolNeAR's Source spans: for a content span (and its cue, if any),
score every word of its paragraph near it as the source mention and take the best one.

Two linear scorers over the same features of the candidate word (the word and its shape, pronoun or
role noun, which side of the content and of the cue it stands on and how far, its sentence relative to
the content's, whether it opens its sentence, its neighbours, and what the rules painted there):

- a *ranker* that picks the word: trained as a softmax over one content's candidates (the gold source's
  words against the others of the same content), which measures better than judging each word alone
  (PolNeAR dev, gold content and cue given: 0.907 of the sources found against 0.880);
- a *detector*: a logistic regression (python-crfsuite on one-token sequences, so no other dependency)
  whose probability for the best word says how sure it is that the content has a source near it at all.

The weights are saved as a small JSON file next to the CRF (``<model>.source.json``) and applied in
plain Python (a few microseconds a candidate).
"""
from __future__ import annotations

import json
import math
import random
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pycrfsuite

from bot.quotes import patterns as P
from bot.quotes.lexicon import DETERMINERS, SOURCE_NOUNS, plurals
from bot.quotes.model.tokens import Sequence

_PRONOUNS = frozenset("he she they i we you it who".split())
_ROLES = plurals(SOURCE_NOUNS)
_HONORIFIC_TOKENS = frozenset("Mr. Mrs. Ms. Dr. Sen. Rep. Gov. Gen. Prof. Rev. Mr Mrs Ms Dr".split())
_PARTICLES = frozenset("de da del van von bin al la le".split())
_SPAN = tuple[int, int]  # token indices, inclusive

#: Words that never are a source mention by themselves: conjunctions, prepositions, articles
#: ("and", "in", "the"; a possessive can be: "his claim that"), months and days ("her March
#: comment"); the scorer takes its best word among the others.
NOT_SOURCE = frozenset("""
and or but nor yet so if because although though than as of in on at to for from by with into onto
about over under after before during since until without within between against among through
the a an there here not also just
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
""".split())


def source_path(model: Path) -> Path:
    """Where the source scorer of a CRF model file lives."""
    return model.with_name(model.stem + ".source.json")


def _bucket(d: int) -> str:
    return str(d) if d < 4 else ("4" if d < 7 else ("7" if d < 13 else "L"))


def _shape(w: str) -> str:
    if w[:1].isupper():
        return "X" if w.isupper() and len(w) > 1 else "Xx"
    if w[:1].isdigit():
        return "d"
    return "x" if w[:1].isalpha() else "p"


def candidates(seq: Sequence, content: _SPAN) -> list[int]:
    """Words that may name the source: in the content's sentences or the ones either side, outside
    the content."""
    toks, sent = seq.tokens, seq.sentence_of
    lo, hi = sent[content[0]] - 1, sent[content[1]] + 1
    return [j for j, t in enumerate(toks)
            if lo <= sent[j] <= hi and not content[0] <= j <= content[1] and t.text[:1].isalnum()]


def _static(seq: Sequence, low: list[str], rule: list[str], j: int) -> tuple[list[str], str]:
    """The features of word ``j`` whatever the content (and its kind: pron, role or shape)."""
    toks, sent = seq.tokens, seq.sentence_of
    w = low[j]
    sh = _shape(toks[j].text)
    kind = "pron" if w in _PRONOUNS else ("role" if w in _ROLES else sh)
    nxt = low[j + 1] if j + 1 < len(toks) else "</s>"
    f = ["b", "w=" + w, "sh=" + sh, "k=" + kind, "p=" + (low[j - 1] if j else "<s>"), "n=" + nxt,
         "r=" + rule[j], "rk=" + rule[j] + kind]
    if j == 0 or sent[j] != sent[j - 1]:
        f.append("s0")
    fn = P.CUE_FORMS.get(nxt)
    if fn:
        f.append("ncue=" + ("S" if fn[1] else "V"))
    if nxt in (",", "."):
        f.append("npunct")
    return f, kind


def _relative(seq: Sequence, low: list[str], j: int, kind: str, content: _SPAN, cue: _SPAN | None) -> list[str]:
    """The features of word ``j`` relative to the content and the cue."""
    sent = seq.sentence_of
    side = "L" if j < content[0] else "R"
    dc = content[0] - j if side == "L" else j - content[1]
    f = ["cs=" + side + _bucket(dc), "ck=" + side + kind,
         "sr=" + str(max(-1, min(1, sent[j] - sent[content[0] if side == "L" else content[1]])))]
    if cue is not None:
        qside = "L" if j < cue[0] else ("R" if j > cue[1] else "I")
        dq = cue[0] - j if qside == "L" else (j - cue[1] if qside == "R" else 0)
        f += ["qs=" + qside + _bucket(dq), "qk=" + qside + _bucket(dq) + kind,
              "qsent=" + ("1" if sent[j] == sent[cue[0]] else "0")]
        if qside == "L" and dq == 1:
            f.append("qadj=" + kind)
        between = range(j + 1, cue[0]) if qside == "L" else range(cue[1] + 1, j)
        if any(low[k] == "," for k in between):
            f.append("qcomma")
    else:
        f.append("nocue=" + side + kind)
    return f


def features(seq: Sequence, low: list[str], rule: list[str], j: int, content: _SPAN,
             cue: _SPAN | None) -> list[str]:
    """The features of word ``j`` as the source of ``content`` introduced by ``cue``."""
    static, kind = _static(seq, low, rule, j)
    return static + _relative(seq, low, j, kind, content, cue)


def _paint(n: int, seq: Sequence, spans: Iterable[tuple[str, int, int]]) -> list[str]:
    """Per token of ``seq``: the rules' label there (S speaker, Q cue, C content, O none)."""
    lab = ["O"] * n
    for tag, a, b in spans:
        for i, t in enumerate(seq.tokens):
            if t.start < b and t.end > a and (lab[i] == "O" or tag == "S"):
                lab[i] = tag
    return lab


def rule_labels(seq: Sequence, rules: Iterable) -> list[str]:  # rules: RuleSpan
    if not seq.tokens:
        return []
    lo, hi = seq.tokens[0].start, seq.tokens[-1].end
    spans = []
    for r in rules:
        for tag, sp in (("C", r.content), ("Q", r.cue), ("S", r.speaker)):
            if sp and sp[0] < hi and sp[1] > lo:
                spans.append((tag, sp[0], sp[1]))
    return _paint(len(seq.tokens), seq, spans)


def token_span(seq: Sequence, span: tuple[int, int]) -> _SPAN | None:
    idx = [i for i, t in enumerate(seq.tokens) if t.start < span[1] and t.end > span[0]]
    return (idx[0], idx[-1]) if idx else None


class SourceScorer:
    """The trained weights: ``best`` picks a source word for a content span."""

    def __init__(self, weights: dict[str, float], rank: dict[str, float] | None = None) -> None:
        self.w = weights  # the detector
        self.rank = rank if rank is not None else weights  # the ranker (a file of old: the detector)

    @classmethod
    def load(cls, path: Path) -> SourceScorer | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if "detect" in data and isinstance(data["detect"], dict):
            return cls(data["detect"], data.get("rank"))
        return cls(data)

    def prob(self, feats: list[str]) -> float:
        w = self.w
        z = sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def best(self, seq: Sequence, low: list[str], rule: list[str], content: _SPAN,
             cue: _SPAN | None, cache: dict[int, tuple[float, float, str]] | None = None) -> tuple[int, float] | None:
        """The ranker's source word and the detector's probability; ``cache`` keeps each word's
        content-free scores across the contents of one sequence. A word of ``NOT_SOURCE`` is never the
        source, but the detector's score for it still counts as the probability (how sure it is that
        the content has a source near it), so that skipping it changes the speaker and not what is kept."""
        w, r = self.w, self.rank
        cache = {} if cache is None else cache
        top: tuple[int, float] | None = None
        z_max: float | None = None
        told = cue is not None and any(P.CUE_FORMS.get(low[k], ("",))[0] in P.NEVER_INVERTED
                                       for k in range(cue[0], cue[1] + 1))
        passive = cue is not None and P.is_passive(" ".join(low[max(0, cue[0] - 6):cue[0]]),
                                                   " ".join(low[cue[0]:cue[1] + 1]))
        for j in candidates(seq, content):
            if cue is not None and (cue[0] <= j <= cue[1] or (told and j > cue[1]) or (passive and j < cue[0])):
                continue  # the cue's own words; after "told": the one told; before "was declared": the one declared
            if j not in cache:
                static, kind = _static(seq, low, rule, j)
                cache[j] = (sum(w.get(f, 0.0) for f in static), sum(r.get(f, 0.0) for f in static), kind)
            z0, r0, kind = cache[j]
            rel = _relative(seq, low, j, kind, content, cue)
            z = z0 + sum(w.get(f, 0.0) for f in rel)
            if z_max is None or z > z_max:
                z_max = z
            if low[j] not in NOT_SOURCE:
                rz = r0 + sum(r.get(f, 0.0) for f in rel) if r is not w else z
                if top is None or rz > top[1]:
                    top = (j, rz)
        return (top[0], 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z_max))))) if top else None


def mention(seq: Sequence, low: list[str], j: int, crf_labels: list[str] | None = None) -> _SPAN:
    """The mention around the chosen word: the model's source run holding it, a run of capitalised
    words (with titles), or a noun with its determiner and modifiers."""
    toks = seq.tokens
    if crf_labels is not None and crf_labels[j].endswith("S"):
        a = j
        while a > 0 and crf_labels[a - 1].endswith("S") and not crf_labels[a].startswith("B"):
            a -= 1
        b = j
        while b + 1 < len(toks) and crf_labels[b + 1] == "I-S":
            b += 1
        return a, b
    if toks[j].text[:1].isupper() and low[j] not in _PRONOUNS:
        a = j
        while a > 0 and (toks[a - 1].text[:1].isupper() or toks[a - 1].text in _HONORIFIC_TOKENS
                         or low[a - 1] in _PARTICLES) and toks[a - 1].end + 1 >= toks[a].start \
                and seq.sentence_of[a - 1] == seq.sentence_of[j]:
            a -= 1
        b = j
        while b + 1 < len(toks) and (toks[b + 1].text[:1].isupper() or low[b + 1] in _PARTICLES) \
                and toks[b].end + 1 >= toks[b + 1].start and seq.sentence_of[b + 1] == seq.sentence_of[j]:
            b += 1
        return a, b
    if low[j] in _PRONOUNS:
        return j, j
    a = j  # "the appeals court", "skittish Democrats": back to a determiner, if one is near
    for k in range(j - 1, max(-1, j - 4), -1):
        if seq.sentence_of[k] != seq.sentence_of[j] or not toks[k].text[:1].isalpha() or low[k] in P.CUE_FORMS:
            break
        if low[k] in DETERMINERS:
            a = k
            break
    return a, j


Example = tuple[list[list[str]], list[bool], list[bool]]  # per candidate: features, in the source, a NOT_SOURCE word


def _train_detector(examples: list[Example], c2: float) -> dict[str, float]:
    """Logistic regression over every candidate word: is it (part of) the source?"""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({"c1": 0.0, "c2": c2, "max_iterations": 200, "feature.minfreq": 2})
    for feats, ys, _ in examples:
        for f, y in zip(feats, ys):
            trainer.append([f], ["S" if y else "N"])
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir) / "detector.crfsuite"
        trainer.train(str(tmp))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(tmp))
        info = tagger.info()
        tagger.close()
    # two labels: P(S) = sigmoid(w_S - w_N) per feature, the label bias included via feature "b"
    weights: dict[str, float] = {}
    for (attr, label), v in info.state_features.items():
        weights[attr] = weights.get(attr, 0.0) + (v if label == "S" else -v)
    return weights


def _train_ranker(examples: list[Example], epochs: int = 5, rate: float = 0.1, l2: float = 1e-4,
                  seed: int = 0) -> dict[str, float]:
    """Softmax over one content's candidates (``NOT_SOURCE`` words left out, as ``best`` leaves them):
    maximise the probability of the gold source's words, by AdaGrad in a fixed order (deterministic)."""
    groups = []
    for feats, ys, skip in examples:
        kept = [(f, y) for f, y, s in zip(feats, ys, skip) if not s]
        if kept and any(y for _, y in kept):
            groups.append(kept)
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(groups)
        for kept in groups:
            zs = [sum(w.get(f, 0.0) for f in feats) for feats, _ in kept]
            top = max(zs)
            es = [math.exp(z - top) for z in zs]
            total = sum(es)
            ps = [e / total for e in es]
            gold = sum(p for p, (_, y) in zip(ps, kept) if y)
            grad: dict[str, float] = {}
            for p, (feats, y) in zip(ps, kept):
                gj = p - (p / gold if y else 0.0)
                if abs(gj) < 1e-6:
                    continue
                for f in feats:
                    grad[f] = grad.get(f, 0.0) + gj
            for f, gv in grad.items():
                gv += l2 * w.get(f, 0.0)
                g2[f] = g2.get(f, 0.0) + gv * gv
                w[f] = w.get(f, 0.0) - rate * gv / math.sqrt(g2[f] + 1e-8)
    return w


def _rounded(weights: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in sorted(weights.items()) if abs(v) >= 1e-4}


def train_scorer(examples: Iterable[Example], out: Path, c2: float = 1.0) -> int:
    """Fit the detector and the ranker on the candidates of every gold content (``document_examples``);
    writes ``out`` (JSON), returns its size."""
    examples = list(examples)
    data = {"detect": _rounded(_train_detector(examples, c2)), "rank": _rounded(_train_ranker(examples))}
    out.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return out.stat().st_size


def document_examples(doc, seqs: list[Sequence], rules: list) -> Iterable[Example]:  # noqa: ANN001
    """Training examples from one annotated article (``corpus.Document``): for every gold content
    with a source, its candidate words with their features, whether each lies in the gold source and
    whether it is a ``NOT_SOURCE`` word."""
    for seq in seqs:
        if not seq.tokens:
            continue
        lo, hi = seq.tokens[0].start, seq.tokens[-1].end
        gold = [g for g in doc.attributions if g.source and lo <= g.content[0] < hi]
        if not gold:
            continue
        low = [t.text.lower() for t in seq.tokens]
        rule = rule_labels(seq, rules)
        for g in gold:
            c = token_span(seq, g.content)
            if c is None:
                continue
            q = token_span(seq, g.cue) if g.cue else None
            feats, ys, skip = [], [], []
            for j in candidates(seq, c):
                if q and q[0] <= j <= q[1]:
                    continue
                t = seq.tokens[j]
                feats.append(features(seq, low, rule, j, c, q))
                ys.append(t.start < g.source[1] and t.end > g.source[0])
                skip.append(low[j] in NOT_SOURCE)
            if feats:
                yield feats, ys, skip
