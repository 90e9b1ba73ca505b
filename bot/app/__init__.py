"""Composition root: Settings -> database -> services -> command core -> front ends.

Wiring only; no logic of its own.
"""
from __future__ import annotations

import gc
import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.app.handlers.articles import ArticleHandlers
from bot.app.handlers.help import help_reply
from bot.app.handlers.quotes import QuoteHandlers
from bot.app.handlers.setup import SetupHandlers
from bot.app.handlers.subscriptions import SubscriptionHandlers
from bot.core.service import CoreLimits, NewsCore
from bot.core.types import CommandKind
from bot.app.handlers.digest import DigestHandlers
from bot.app.handlers.follow import FollowHandlers
from bot.app.handlers.timeline import TimelineHandlers
from bot.digest.build import DigestBuilder
from bot.ask.answer import AskHandlers
from bot.ask.speaker_directory import SpeakerDirectory
from bot.ingest.enrich import QuoteEnricher, SummaryEnricher
from bot.ingest.fetch import FetchPolicy
from bot.follow.matcher import AlertMatcher
from bot.follow.service import AlertService
from bot.ingest.pipeline import Enricher, Ingestor
from bot.ingest.configured import enrichers, fetch_policy
from bot.settings import Settings
from bot.store.db import Database

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    db: Database
    ingestor: Ingestor
    core: NewsCore
    digests: DigestBuilder
    subscriptions: SubscriptionHandlers
    alerts: AlertService | None = None  # follows: alerts recorded at ingest, delivered by `run`


def build_app(settings: Settings, *, db: Database | None = None) -> App:
    # Answers build many short-lived objects next to large long-lived caches (speakers, shapes,
    # word variants); with the default thresholds a full collection of those caches lands in
    # the middle of a question (100-200 ms at 10k articles). Collect young objects less often.
    gc.set_threshold(100_000, 50, 1000)
    db = db or Database(settings.database_url)
    policy = fetch_policy(settings)
    ingestor = Ingestor(db, policy, enrichers(settings))
    articles = ArticleHandlers(db, ingestor, settings.summary.method, settings.summary.sentences, settings.summary.max_chars)
    setup = SetupHandlers(db, policy)
    builder = DigestBuilder(settings.summary.method, settings.summary.sentences, settings.summary.max_chars)
    directory = SpeakerDirectory(db)
    ingestor.batch_hooks.append(directory.refresh)  # new speakers are indexed at ingest, not mid-question
    builder.speaker_name = lambda name: directory.display_names({name}).get(name, name)
    asking = AskHandlers(db, directory, builder)
    subs = SubscriptionHandlers(db)
    follows = FollowHandlers(db, directory)
    timeline = TimelineHandlers(db, asking)
    matcher = AlertMatcher(db, asking)
    ingestor.batch_hooks.append(matcher.scan)  # after the speaker index: new statements -> alerts
    alerts = AlertService(db, matcher, grace=timedelta(minutes=settings.limits.missed_digest_grace_minutes))
    digests = DigestHandlers(db, builder, settings.limits.digest_stories)
    handlers = {
        CommandKind.HELP: help_reply,
        CommandKind.ARTICLES: articles.articles,
        CommandKind.SHOW: articles.show,
        CommandKind.SUMMARY: articles.summary,
        CommandKind.QUOTES: QuoteHandlers(db).quotes,
        CommandKind.FEEDS_LIST: setup.feeds_list,
        CommandKind.FEEDS_ADD: setup.feeds_add,
        CommandKind.FEEDS_REMOVE: setup.feeds_remove,
        CommandKind.SETTINGS: setup.settings,
        CommandKind.STORIES: digests.stories,
        CommandKind.BRIEF: digests.brief,
        CommandKind.ASK: timeline.ask_or(asking.ask),  # "what has X said about Y over time": a timeline
        CommandKind.SUBSCRIBE: subs.subscribe,
        CommandKind.UNSUBSCRIBE: subs.unsubscribe,
        CommandKind.SUBSCRIPTIONS: subs.subscriptions,
        CommandKind.FOLLOW: follows.follow,
        CommandKind.UNFOLLOW: follows.unfollow,
        CommandKind.FOLLOWS: follows.follows,
        CommandKind.ALERTS: follows.alerts,
        CommandKind.TIMELINE: timeline.timeline,
    }
    core = NewsCore(handlers, CoreLimits(max_question_chars=settings.limits.max_question_chars,
                                           cooldown_seconds=settings.limits.cooldown_seconds))
    return App(settings, db, ingestor, core, builder, subs, alerts)
