"""Load the trained CRF and label an article's tokens; the committed model is used by default."""
from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from bot.quotes.extract import Attribution, _Extractor
from bot.quotes.model.features import RuleSpan, article_features, paint_quotes
from bot.quotes.model.link import combine
from bot.quotes.model.source import SourceScorer, rule_labels, source_path
from bot.quotes.model.tokens import sequences

#: The model trained on PolNeAR's train split (``make train``), shipped with the package;
#: ``NEWSBRIEF_QUOTE_MODEL`` may name another file.
MODEL_PATH = Path(os.environ.get("NEWSBRIEF_QUOTE_MODEL") or Path(__file__).with_name("attribution.crfsuite"))

#: Content spans whose tokens the model labels content with a lower mean marginal probability are
#: dropped, and so are the model's spans whose best source word the linker's detector scores lower
#: (PolNeAR dev, the converged model when they were chosen: 0.5 / 0.4 gave P 0.891, R 0.728, speaker 0.850; 0.6 / 0.3
#: P 0.890, R 0.726, speaker 0.845; 0.5 / 0.3 P 0.888, R 0.734, speaker 0.845).
MIN_CONFIDENCE = 0.5
MIN_SOURCE = 0.4


def rule_spans(items: list[Attribution]) -> list[RuleSpan]:
    return [RuleSpan(a.kind, (a.content_start, a.content_end), (a.cue_start, a.cue_end),
                     (a.speaker_start, a.speaker_end) if a.speaker_start is not None else None)
            for a in items]


class AttributionTagger:
    """A trained model file; ``attributions`` joins its findings with the rules'."""

    def __init__(self, path: Path, min_confidence: float = MIN_CONFIDENCE, min_source: float = MIN_SOURCE) -> None:
        self.path = Path(path)
        self.min_confidence = min_confidence
        self.min_source = min_source
        self.scorer = SourceScorer.load(source_path(self.path))  # None: nearest-source linking
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))
        self._lock = threading.Lock()

    def labels(self, ex: _Extractor, items: list[Attribution]):  # noqa: ANN201
        """The article's token sequences and the label of every token."""
        seqs = sequences(ex.text, ex.sent_starts)
        feats = article_features(ex.text, seqs, ex.quotes, rule_spans(items), skip_plain=True)
        labels, probs = [], []
        with self._lock:
            tagger = self._tagger
            for seq, f in zip(seqs, feats):
                if f is None:
                    labels.append(["O"] * len(seq.tokens))
                    probs.append([0.0] * len(seq.tokens))
                    continue
                labs = tagger.tag(f)
                labels.append(labs)
                probs.append([tagger.marginal("B-C", i) + tagger.marginal("I-C", i) if lab[-1] == "C" else 0.0
                              for i, lab in enumerate(labs)])
        return seqs, labels, probs

    def attributions(self, ex: _Extractor, items: list[Attribution]) -> list[Attribution]:
        seqs, labels, probs = self.labels(ex, items)
        rule_labs = None
        if self.scorer is not None:
            spans = rule_spans(items)
            rule_labs = [rule_labels(seq, spans) for seq in seqs]
        return combine(ex.text, seqs, labels, probs, paint_quotes(len(ex.text), ex.quotes), ex.sent_starts,
                       items, min_confidence=self.min_confidence, scorer=self.scorer, rule_labels=rule_labs,
                       min_source=self.min_source)


@lru_cache(maxsize=1)
def default_tagger() -> AttributionTagger | None:
    """The committed model, loaded once; None when the file is missing (rules alone then)."""
    return AttributionTagger(MODEL_PATH) if MODEL_PATH.exists() else None
