"""Enrichers run at ingest, inside the article's transaction (see ``pipeline``)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

import summarizers
from bot.store.models import Article, Summary


def compute_summary(article: Article, method: str, sentences: int, max_chars: int | None) -> Summary:
    result = summarizers.get(method).summarize(
        article.text, sentences=sentences, max_chars=max_chars, title=article.title
    )
    return Summary(
        article_id=article.id,
        method=method,
        sentences=sentences,
        text=result.text,
        spans=[[s.start, s.end] for s in result.sentences],
    )


@dataclass
class SummaryEnricher:
    """Stores the configured method's summary so digests never wait for it."""

    method: str
    sentences: int
    max_chars: int | None = None
    name: str = "summary"

    def __call__(self, session: Session, article: Article) -> None:
        session.add(compute_summary(article, self.method, self.sentences, self.max_chars))
