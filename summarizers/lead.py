"""Lead: the first sentences of the article (the classic news baseline)."""
from __future__ import annotations

from summarizers.pipeline import Document, RankedSummarizer


class LeadSummarizer(RankedSummarizer):
    name = "lead"

    def rank(self, doc: Document, count: int) -> range:
        return range(len(doc.sentences))


SUMMARIZER = LeadSummarizer()
