"""Token labels: ``B-C``/``I-C`` content, ``B-Q``/``I-Q`` cue, ``B-S``/``I-S`` source, ``O``.

Attributions nested in another one's content stay part of that content: the outer
attribution is painted first and inner spans only fill tokens left unlabelled."""
from __future__ import annotations

from bot.quotes.model.corpus import GoldAttribution
from bot.quotes.model.tokens import Sequence


def gold_labels(seq: Sequence, gold: tuple[GoldAttribution, ...]) -> list[str]:
    toks = seq.tokens
    if not toks:
        return []
    lo, hi = toks[0].start, toks[-1].end
    labels = ["O"] * len(toks)
    owner = [-1] * len(toks)
    ordered = sorted(range(len(gold)), key=lambda k: -(gold[k].content[1] - gold[k].content[0]))
    for k in ordered:
        g = gold[k]
        for tag, span in (("C", g.content), ("Q", g.cue), ("S", g.source)):
            if span is None or span[1] <= lo or span[0] >= hi:
                continue
            prev = -1
            for i, t in enumerate(toks):
                if t.end <= span[0] or t.start >= span[1] or labels[i] != "O":
                    prev = -1
                    continue
                labels[i] = ("I-" if prev == i - 1 else "B-") + tag
                owner[i] = k
                prev = i
    return labels
