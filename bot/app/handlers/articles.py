"""articles, show, summary: reading stored articles."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

import summarizers
from bot.core.errors import UserError
from bot.core.types import Command, Reply, Section
from bot.ingest.enrich import compute_summary
from bot.ingest.pipeline import Ingestor
from bot.ingest.sources import is_url
from bot.store.db import Database
from bot.store.models import Article, ChannelSetting, Summary
from bot.store.queries import info, list_articles


def parse_int(value: str | None, name: str, *, low: int = 1, high: int = 10**9) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip().lstrip("#"))
    except ValueError:
        raise UserError(f"{name} must be a whole number, not '{value}'.") from None
    if not low <= number <= high:
        raise UserError(f"{name} must be between {low} and {high}.")
    return number


def stored_article(db: Database, ref: str | None,
                   fetch_url: Callable[[str], int | None] | None = None) -> Article:
    """The article a command names by number or by URL; with ``fetch_url``, a URL not stored yet
    is ingested first (it returns the new article's id)."""
    if not ref:
        raise UserError("Which article? Give its number (see `articles`)"
                        + (" or a URL." if fetch_url else "."))
    with db.session() as s:
        if is_url(ref):
            found = s.scalar(select(Article).where(Article.url == ref))
            if found is None and fetch_url is not None:
                added = fetch_url(ref)
                found = s.scalar(select(Article).where(Article.url == ref))
                if found is None and added is not None:
                    found = s.get(Article, added)
            if found is None:
                raise UserError(f"Could not find an article at {ref}." if fetch_url else
                                f"There is no stored article at {ref}. Type `articles` to list them.")
            return found
        number = parse_int(ref, "article")
        article = s.get(Article, number)
        if article is None:
            raise UserError(f"There is no article #{number}. Type `articles` to list them.")
        return article


@dataclass
class ArticleHandlers:
    db: Database
    ingestor: Ingestor
    default_method: str
    default_sentences: int
    max_chars: int

    def articles(self, cmd: Command) -> Reply:
        limit = parse_int(cmd.args.get("limit"), "limit")
        with self.db.session() as s:
            rows = list_articles(s, limit=limit)
        if not rows:
            return Reply(text="No articles yet. Add some with `ingest` or `feeds add URL`.", data=[])
        sections = tuple(
            Section(title=f"#{a.id} {a.title or '(untitled)'}",
                    body=" · ".join(x for x in (a.outlet, a.published.date().isoformat() if a.published else None, a.url or a.source) if x))
            for a in rows
        )
        return Reply(title=f"{len(rows)} articles", sections=sections, data=[a.to_json() for a in rows])

    def _article(self, ref: str | None) -> Article:
        def fetch_url(url: str) -> int | None:  # an article URL not stored yet is fetched now
            report = self.ingestor.ingest([url])
            if report.errors:
                raise UserError(report.errors[0])
            return report.added[0] if report.added else None

        return stored_article(self.db, ref, fetch_url)

    def show(self, cmd: Command) -> Reply:
        a = self._article(cmd.args.get("article"))
        return Reply(title=a.title or f"Article #{a.id}", text=a.text, data={**info(a).to_json(), "text": a.text})

    def _method(self, cmd: Command) -> tuple[str, int]:
        with self.db.session() as s:
            setting = s.get(ChannelSetting, cmd.destination.key)
        method = cmd.args.get("method") or (setting.method if setting else None) or self.default_method
        if method not in summarizers.available():
            raise UserError(f"Unknown summarizer '{method}'. Choose one of: {', '.join(summarizers.available())}.")
        n = parse_int(cmd.args.get("sentences"), "sentences", high=10) or (
            setting.sentences if setting and setting.sentences else self.default_sentences)
        return method, n

    def summary(self, cmd: Command) -> Reply:
        article = self._article(cmd.args.get("article"))
        method, n = self._method(cmd)
        with self.db.session() as s:
            row = s.scalar(select(Summary).where(
                Summary.article_id == article.id, Summary.method == method, Summary.sentences == n))
            if row is None:
                row = compute_summary(article, method, n, self.max_chars)
                s.add(row)
        a = info(article)
        return Reply(
            title=a.title or f"Article #{a.id}",
            sections=(Section(body=row.text, sources=(a.as_source(),)),),
            footer=f"summary by {method}, {n} sentences",
            data={"article_id": a.id, "method": method, "sentences": n, "summary": row.text,
                  "spans": row.spans, "title": a.title},
        )
