"""Ingest as configured: the fetch policy and the enrichers from Settings (used by the app and by job workers)."""
from __future__ import annotations

from bot.ingest.enrich import QuoteEnricher, SummaryEnricher
from bot.ingest.fetch import FetchPolicy
from bot.ingest.pipeline import Enricher
from bot.jobs.stories import story_enricher
from bot.settings import Settings

__all__ = ["enrichers", "fetch_policy"]


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        timeout=settings.limits.fetch_timeout_seconds,
        max_bytes=settings.limits.max_fetch_bytes,
        max_redirects=settings.limits.max_redirects,
        allow_private=tuple(settings.network.allow_private),
        user_agent=settings.network.user_agent,
        max_feed_items=settings.limits.feed_max_new_items,
        parallel_fetches=settings.limits.fetch_parallel,
        per_host_fetches=settings.limits.fetch_per_host,
    )


def enrichers(settings: Settings) -> list[Enricher]:
    found: list[Enricher] = [
        SummaryEnricher(settings.summary.method, settings.summary.sentences, settings.summary.max_chars),
        QuoteEnricher(),
        story_enricher(settings.database_url),  # on PostgreSQL under a lock all processes share
    ]
    return found
