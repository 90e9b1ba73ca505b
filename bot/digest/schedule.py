"""Digest schedules: "daily 08:00", "weekdays 07:30", "mon,thu 09:00", "hourly",
"every 15 minutes" or 5-field cron, in an IANA timezone -> an APScheduler trigger.

Slot arithmetic (``slots_between``, ``previous_slot``, ``next_slot``) asks the
trigger itself (``get_next_fire_time``); slots are timezone-aware UTC datetimes.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.core.errors import UserError

UTC = timezone.utc
#: Anchor of interval schedules that do not divide an hour/day, so every process
#: (and every restart) computes the same slots.
INTERVAL_ANCHOR = datetime(2000, 1, 3, tzinfo=UTC)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # crontab: 0 (and 7) = Sunday
_DAY_WORDS = {
    "daily": "*", "everyday": "*", "weekdays": "mon-fri", "weekends": "sat,sun",
}
_TIME = r"(?:at\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)?"
_DAYS_AT = re.compile(rf"^(?P<days>[a-z,\- ]+?)\s+{_TIME}$")
_EVERY = re.compile(r"^every\s+(?P<n>\d+)?\s*(?P<unit>min|mins|minute|minutes|h|hour|hours)$")
_MAX_LOOKBACK = timedelta(days=366 * 30)

EXAMPLES = '"daily 08:00", "weekdays 07:30", "mon,thu 09:00", "hourly", "every 15 minutes", "0 8 * * 1-5"'


@dataclass(frozen=True)
class Schedule:
    """A parsed schedule: its normalised text, canonical timezone and trigger."""

    spec: str
    timezone: str
    trigger: BaseTrigger

    def next_slot(self, after: datetime) -> datetime | None:
        """The first slot strictly after ``after``.

        A time of day that happens twice when the clocks go back is one slot
        (the first), so "daily 02:30" does not post twice that night.
        """
        after = _utc(after)
        while True:
            nxt = self.trigger.get_next_fire_time(None, after + timedelta(seconds=1))
            if nxt is None:
                return None
            if not (self._wall_clock_hours and nxt.astimezone(ZoneInfo(self.timezone)).fold):
                return nxt.astimezone(UTC).replace(microsecond=0)
            after = nxt.astimezone(UTC)

    @property
    def _wall_clock_hours(self) -> bool:
        if not isinstance(self.trigger, CronTrigger):
            return False
        return any(f.name == "hour" and str(f) != "*" for f in self.trigger.fields)

    def slots_between(self, start: datetime, end: datetime, limit: int | None = None) -> list[datetime]:
        """Slots in ``(start, end]``, oldest first (at most ``limit``, the newest ones)."""
        out: list[datetime] = []
        end = _utc(end)
        slot = self.next_slot(start)
        while slot is not None and slot <= end:
            out.append(slot)
            if limit is not None and len(out) > limit:
                del out[0]
            slot = self.next_slot(slot)
        return out

    def previous_slot(self, now: datetime) -> datetime | None:
        """The latest slot at or before ``now`` (searching back up to 30 years)."""
        now = _utc(now)
        upper, span = now, timedelta(hours=1)
        while True:
            lower = now - span
            slots = self.slots_between(lower, upper, limit=1)
            if slots:
                return slots[-1]
            if span > _MAX_LOOKBACK:
                return None
            upper, span = lower, span * 4

    def describe(self) -> str:
        return f"{self.spec} ({self.timezone})"


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


@lru_cache(maxsize=256)
def resolve_timezone(name: str) -> str:
    """The canonical IANA name for ``name`` (case-insensitive); UserError with suggestions."""
    text = (name or "").strip().replace(" ", "_")
    if not text:
        return "UTC"
    zones = available_timezones() | {"UTC"}
    by_lower = {z.lower(): z for z in zones}
    canonical = by_lower.get(text.lower())
    if canonical is not None:
        try:
            ZoneInfo(canonical)
            return canonical
        except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - listed but unloadable
            pass
    lowered = text.lower()
    close = difflib.get_close_matches(lowered, list(by_lower), n=3, cutoff=0.6)
    tail = [z for z in sorted(zones) if z.lower().rsplit("/", 1)[-1] == lowered.rsplit("/", 1)[-1]]
    suggestions = list(dict.fromkeys(tail + [by_lower[c] for c in close]))[:3]
    hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
    raise UserError(f"Unknown timezone {name!r}.{hint} Use an IANA name such as Europe/Berlin or UTC.")


def parse_schedule(text: str, tz: str = "UTC") -> Schedule:
    """Parse a schedule; UserError naming the problem and the accepted forms."""
    tz_name = resolve_timezone(tz)
    spec = " ".join((text or "").strip().lower().split())
    if not spec:
        raise UserError(f"Give a schedule, e.g. {EXAMPLES}.")
    return _parse(spec, tz_name)


@lru_cache(maxsize=512)
def _parse(spec: str, tz_name: str) -> Schedule:
    zone = ZoneInfo(tz_name)
    try:
        trigger = _trigger(spec, zone)
    except ValueError as exc:
        raise UserError(f"Cannot read the schedule {spec!r}: {exc}. Examples: {EXAMPLES}.") from None
    return Schedule(spec, tz_name, trigger)


def _trigger(spec: str, zone: ZoneInfo) -> BaseTrigger:
    if spec == "hourly":
        return CronTrigger(minute=0, timezone=zone)
    every = _EVERY.match(spec)
    if every:
        return _interval(int(every.group("n") or 1), every.group("unit"), zone)
    fields = spec.split()
    if len(fields) == 5 and not _DAYS_AT.match(spec):
        return CronTrigger.from_crontab(
            " ".join(fields[:4] + [_cron_days(fields[4])]), timezone=zone
        )
    at = _DAYS_AT.match(spec)
    if at:
        days = _days(at.group("days"))
        hour, minute = _clock(at.group("h"), at.group("m"), at.group("ampm"))
        return CronTrigger(day_of_week=days, hour=hour, minute=minute, timezone=zone)
    raise ValueError("not a known form")


def _interval(n: int, unit: str, zone: ZoneInfo) -> BaseTrigger:
    minutes = n * 60 if unit.startswith("h") else n
    if minutes < 1:
        raise ValueError("the interval must be at least 1 minute")
    if minutes > 7 * 24 * 60:
        raise ValueError("the interval must be at most a week (use a daily or cron schedule)")
    if minutes < 60 and 60 % minutes == 0:
        return CronTrigger(minute=f"*/{minutes}", timezone=zone)
    if minutes % 60 == 0 and minutes <= 24 * 60 and (24 * 60) % minutes == 0:
        return CronTrigger(hour=f"*/{minutes // 60}", minute=0, timezone=zone)
    return IntervalTrigger(minutes=minutes, start_date=INTERVAL_ANCHOR, timezone=zone)


def _clock(h: str, m: str | None, ampm: str | None) -> tuple[int, int]:
    hour, minute = int(h), int(m or 0)
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"{hour}{ampm} is not a time")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"{h}:{m or '00'} is not a time of day (use 00:00-23:59)")
    return hour, minute


def _day(word: str) -> str:
    """``mon``/``monday``/``tues`` -> ``mon``."""
    for key, full in zip(DAYS, _FULL_DAYS):
        if len(word) >= 3 and full.startswith(word):
            return key
    raise ValueError(f"{word!r} is not a day (use mon, tue, … or daily/weekdays)")


def _days(text: str) -> str:
    text = text.replace(" ", "")
    if text in _DAY_WORDS:
        return _DAY_WORDS[text]
    parts = []
    for part in text.split(","):
        if "-" in part:
            first, last = part.split("-", 1)
            a, b = DAYS.index(_day(first)), DAYS.index(_day(last))
            span = range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)]
            parts.extend(DAYS[i] for i in span)
        else:
            parts.append(_day(part))
    return ",".join(dict.fromkeys(parts))


def _cron_days(field: str) -> str:
    """A crontab day-of-week field (0/7 = Sunday) as explicit day names.

    APScheduler 3 counts 0 as Monday, so numbers are never passed through.
    """
    chosen: set[int] = set()
    for part in field.split(","):
        base, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError(f"bad step in day-of-week {field!r}")
        if base == "*":
            lo, hi = 0, 6
        elif "-" in base:
            lo, hi = (_cron_day_number(x) for x in base.split("-", 1))
            if hi == 0:
                hi = 7
        else:
            lo = _cron_day_number(base)
            hi = 6 if step_text else lo
        if lo > hi:
            raise ValueError(f"day-of-week range {base!r} runs backwards")
        chosen.update(d % 7 for d in range(lo, hi + 1, step))
    if len(chosen) == 7:
        return "*"
    return ",".join(_CRON_DAYS[d] for d in sorted(chosen))


def _cron_day_number(text: str) -> int:
    if text.isdigit():
        n = int(text)
        if not 0 <= n <= 7:
            raise ValueError(f"day of week {n} is out of range (0-7)")
        return n
    if text[:3] in _CRON_DAYS and len(text) == 3:
        return _CRON_DAYS.index(text[:3])
    raise ValueError(f"{text!r} is not a day of week")


def slots_between(schedule: str, tz: str, start: datetime, end: datetime) -> list[datetime]:
    """UTC slots of ``schedule`` in ``(start, end]``."""
    return parse_schedule(schedule, tz).slots_between(start, end)


def previous_slot(schedule: str, tz: str, now: datetime) -> datetime | None:
    """The latest UTC slot of ``schedule`` at or before ``now``."""
    return parse_schedule(schedule, tz).previous_slot(now)


def next_slot(schedule: str, tz: str, after: datetime) -> datetime | None:
    """The first UTC slot of ``schedule`` strictly after ``after``."""
    return parse_schedule(schedule, tz).next_slot(after)
