from __future__ import annotations

import dataclasses

import pytest

from bot.core.errors import UserError
from bot.core.types import Destination, Platform, User
from bot.digest.subscriptions import (
    CONFIG_USER,
    SubscriptionInfo,
    get_subscription,
    list_subscriptions,
    pause,
    subscribe,
    sync_channels,
    unsubscribe,
)
from bot.settings import ChannelConfig
from bot.store.db import Database

CHAN = Destination(Platform.DISCORD, "123", workspace="guild1")
OTHER = Destination(Platform.SLACK, "C42", workspace="T1")


def test_subscribe_stores_a_validated_subscription(db: Database) -> None:
    info = subscribe(db, CHAN, schedule="Daily  08:00", timezone="europe/berlin",
                     topics=["Climate", " climate ", "", "Russia"], method="LexRank",
                     user=User("u1", "Ann", True))
    assert isinstance(info, SubscriptionInfo)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.schedule = "hourly"  # type: ignore[misc]
    assert (info.destination, info.workspace) == ("discord:123", "guild1")
    assert (info.schedule, info.timezone) == ("daily 08:00", "Europe/Berlin")
    assert info.topics == ("Climate", "Russia")
    assert info.method == "lexrank"
    assert info.created_by == "u1"
    assert info.dest == CHAN.__class__(Platform.DISCORD, "123", "guild1")
    assert "daily 08:00 (Europe/Berlin)" in info.line()
    assert get_subscription(db, info.id) == info


def test_one_subscription_per_channel_resubscribing_updates_and_unpauses(db: Database) -> None:
    first = subscribe(db, CHAN, schedule="daily 08:00", timezone="UTC", topics=["a"])
    assert pause(db, first.id, "cannot post")
    assert get_subscription(db, first.id).paused  # type: ignore[union-attr]
    second = subscribe(db, CHAN, schedule="hourly", timezone="UTC", topics="x, y")
    assert second.id == first.id
    assert (second.schedule, second.topics, second.paused, second.paused_reason) == (
        "hourly", ("x", "y"), False, None)
    assert len(list_subscriptions(db)) == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"schedule": "whenever"}, "Cannot read the schedule"),
        ({"schedule": "daily 08:00", "timezone": "Mars/Olympus"}, "Unknown timezone"),
        ({"schedule": "daily 08:00", "method": "magic"}, "Unknown summarizer"),
        ({"schedule": "daily 08:00", "topics": ["x" * 101]}, "at most 100 characters"),
        ({"schedule": "daily 08:00", "topics": [str(i) for i in range(21)]}, "At most 20 topics"),
    ],
)
def test_invalid_subscriptions_are_refused_and_not_stored(db: Database, kwargs: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        subscribe(db, CHAN, **kwargs)
    assert list_subscriptions(db) == []


def test_unsubscribe_and_list(db: Database) -> None:
    subscribe(db, CHAN, schedule="daily 08:00")
    subscribe(db, OTHER, schedule="hourly")
    assert [s.destination for s in list_subscriptions(db)] == ["discord:123", "slack:C42"]
    assert [s.destination for s in list_subscriptions(db, OTHER)] == ["slack:C42"]
    assert unsubscribe(db, CHAN) is True
    assert unsubscribe(db, CHAN) is False
    assert [s.destination for s in list_subscriptions(db)] == ["slack:C42"]
    assert pause(db, 999_999, "x") is False


def test_sync_channels_from_the_configuration(db: Database) -> None:
    chat = subscribe(db, OTHER, schedule="hourly", user="someone")
    declared = [
        ChannelConfig(destination="console:demo", schedule="every 1 minute"),
        ChannelConfig(destination="discord:9", schedule="daily 07:00", timezone="Europe/Paris",
                      topics=["climate"]),
    ]
    synced = sync_channels(db, declared)
    assert [(s.destination, s.created_by) for s in synced] == [
        ("console:demo", CONFIG_USER), ("discord:9", CONFIG_USER)]
    demo = synced[0]
    pause(db, demo.id, "gone")
    # The next start-up: one channel dropped from the file, the other unchanged.
    again = sync_channels(db, declared[:1])
    assert again[0].id == demo.id and again[0].paused  # a paused channel stays paused
    assert sorted(s.destination for s in list_subscriptions(db)) == ["console:demo", chat.destination]


def test_sync_channels_rejects_a_bad_declaration(db: Database) -> None:
    with pytest.raises(UserError, match="irc:1"):
        sync_channels(db, [ChannelConfig(destination="irc:1", schedule="hourly")])
    with pytest.raises(UserError, match="console:demo.*schedule"):
        sync_channels(db, [ChannelConfig(destination="console:demo", schedule="now and then")])
