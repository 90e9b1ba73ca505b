from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.core.errors import UserError
from bot.digest.schedule import (
    next_slot,
    parse_schedule,
    previous_slot,
    resolve_timezone,
    slots_between,
)

UTC = timezone.utc


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("daily 08:00", CronTrigger),
        ("Daily at 8:00", CronTrigger),
        ("weekdays 07:30", CronTrigger),
        ("mon,thu 09:00", CronTrigger),
        ("Monday-Wednesday 9am", CronTrigger),
        ("hourly", CronTrigger),
        ("every 15 minutes", CronTrigger),
        ("every 1 minute", CronTrigger),
        ("every 7 minutes", IntervalTrigger),
        ("every 2 hours", CronTrigger),
        ("0 8 * * *", CronTrigger),
    ],
)
def test_accepted_forms(text: str, kind: type) -> None:
    assert isinstance(parse_schedule(text, "UTC").trigger, kind)


def test_daily_follows_the_timezone_across_dst() -> None:
    slots = slots_between("daily 08:00", "Europe/Berlin", at(2025, 3, 29), at(2025, 3, 31))
    assert slots == [at(2025, 3, 29, 7), at(2025, 3, 30, 6)]  # CET, then CEST


def test_weekdays_and_named_days() -> None:
    week = (at(2025, 3, 23), at(2025, 3, 30))  # Sunday .. Sunday
    assert [s.weekday() for s in slots_between("weekdays 07:30", "UTC", *week)] == [0, 1, 2, 3, 4]
    assert [s.weekday() for s in slots_between("mon,thu 09:00", "UTC", *week)] == [0, 3]
    assert [s.weekday() for s in slots_between("fri-mon 09:00", "UTC", *week)] == [6, 0, 4, 5]


def test_cron_weekday_numbers_follow_crontab_not_apscheduler() -> None:
    week = (at(2025, 3, 23, 12), at(2025, 3, 30, 12))  # Sunday noon .. Sunday noon
    assert [s.weekday() for s in slots_between("0 8 * * 0", "UTC", *week)] == [6]
    assert [s.weekday() for s in slots_between("0 8 * * 7", "UTC", *week)] == [6]
    assert [s.weekday() for s in slots_between("0 8 * * 1-5", "UTC", *week)] == [0, 1, 2, 3, 4]
    assert [s.weekday() for s in slots_between("0 8 * * */2", "UTC", *week)] == [1, 3, 5, 6]
    assert [s.weekday() for s in slots_between("0 8 * * sat-sun", "UTC", *week)] == [5, 6]


def test_slots_between_is_half_open_and_utc() -> None:
    slots = slots_between("every 15 minutes", "Asia/Kolkata", at(2025, 1, 1, 8), at(2025, 1, 1, 9))
    assert slots == [at(2025, 1, 1, 8, 15), at(2025, 1, 1, 8, 30), at(2025, 1, 1, 8, 45), at(2025, 1, 1, 9)]
    assert all(s.tzinfo == UTC for s in slots)


def test_interval_slots_do_not_depend_on_when_they_are_asked() -> None:
    a = slots_between("every 7 minutes", "UTC", at(2025, 1, 1, 8), at(2025, 1, 1, 9))
    b = slots_between("every 7 minutes", "UTC", at(2025, 1, 1, 8, 3), at(2025, 1, 1, 9))
    assert a[1:] == b or a == b
    assert all((y - x) == timedelta(minutes=7) for x, y in zip(a, a[1:]))


def test_previous_and_next_slot() -> None:
    now = at(2025, 3, 28, 12, 0, 5)
    assert previous_slot("hourly", "UTC", now) == at(2025, 3, 28, 12)
    assert previous_slot("hourly", "UTC", at(2025, 3, 28, 12)) == at(2025, 3, 28, 12)
    assert previous_slot("daily 08:00", "UTC", now) == at(2025, 3, 28, 8)
    assert previous_slot("0 0 29 2 *", "UTC", now) == at(2024, 2, 29)
    assert next_slot("daily 08:00", "UTC", at(2025, 3, 28, 8)) == at(2025, 3, 29, 8)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Give a schedule"),
        ("sometimes", "not a known form"),
        ("daily 25:00", "not a time of day"),
        ("funday 08:00", "not a day"),
        ("every 0 minutes", "at least 1 minute"),
        ("61 * * * *", "61"),
        ("0 8 * * 9", "out of range"),
    ],
)
def test_bad_schedules_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_schedule(text, "UTC")


def test_unknown_timezone_suggests_close_names() -> None:
    with pytest.raises(UserError, match="Europe/Berlin"):
        parse_schedule("daily 08:00", "Europe/Berln")
    with pytest.raises(UserError, match="Europe/Berlin"):
        resolve_timezone("Berlin")
    with pytest.raises(UserError, match="Unknown timezone"):
        resolve_timezone("Nowhere/Special")


def test_timezone_names_are_canonicalised() -> None:
    assert resolve_timezone("europe/berlin") == "Europe/Berlin"
    assert resolve_timezone("utc") == "UTC"
    assert parse_schedule("  DAILY   08:00 ", "america/new_york").spec == "daily 08:00"


def test_a_time_repeated_when_clocks_go_back_is_one_slot() -> None:
    night = (at(2025, 10, 25, 12), at(2025, 10, 26, 12))  # Berlin: 03:00 CEST -> 02:00 CET
    assert slots_between("daily 02:30", "Europe/Berlin", *night) == [at(2025, 10, 26, 0, 30)]
    assert previous_slot("daily 02:30", "Europe/Berlin", at(2025, 10, 26, 1, 40)) == at(2025, 10, 26, 0, 30)
    # Interval-like schedules keep every real hour.
    hours = slots_between("hourly", "Europe/Berlin", at(2025, 10, 25, 23), at(2025, 10, 26, 3))
    assert len(hours) == 4
