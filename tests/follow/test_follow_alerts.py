"""Alerts on the bundled samples: recorded once per new statement, sources growing with more
outlets, delivered once (at start-up, across restarts and processes), a burst in one message."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from follow_support import ASSAD, I24, MOSCOW, UNITED, alerts, follow, ingest

from bot.adapters.console import ConsoleAdapter
from bot.core.types import Platform
from bot.follow.delivery import AlertDelivery
from bot.runner import start_scheduler
from bot.store.models import utcnow

HERE = Path(__file__).resolve().parent
HANUKKAH = "symbolizes the triumph of light over dark"


def test_a_follow_made_before_an_article_alerts_once_and_more_outlets_grow_its_sources(follow_app) -> None:
    ingest(follow_app, MOSCOW)  # Putin is known (terror, economic ties): nothing about Hanukkah
    follow(follow_app, "Putin", "Hanukkah")
    assert alerts(follow_app) == []
    ingest(follow_app, I24)
    got = alerts(follow_app)
    assert len(got) == 1
    alert = got[0]
    assert set(alert) == {"id", "destination", "follow_id", "speaker", "text", "kind", "cue", "sources",
                          "created_at", "delivered_at"}
    assert alert["speaker"] == "Vladimir Putin" and alert["destination"] == "console:team"
    assert alert["text"] == HANUKKAH and alert["kind"] == "direct" and alert["cue"] == "said"
    assert [s["outlet"] for s in alert["sources"]] == ["i24news"]
    assert set(alert["sources"][0]) == {"article_id", "outlet", "title", "url", "published"}
    assert alert["delivered_at"] is None

    assert ingest(follow_app, I24) == []  # the same article again: stored once, nothing new
    assert alerts(follow_app) == got
    ingest(follow_app, UNITED)  # another outlet's version of the remark: its sources grow
    again = alerts(follow_app)
    assert len(again) == 1 and again[0]["id"] == alert["id"]
    assert [s["outlet"] for s in again[0]["sources"]] == ["i24news", "United with Israel"]


def test_an_unrelated_statement_with_a_topic_alerts_nothing(follow_app) -> None:
    ingest(follow_app, MOSCOW)
    follow(follow_app, "Vladimir Putin", "Hanukkah")
    follow(follow_app, "Vladimir Putin", dest="console:everything")  # the control: no topic
    ingest(follow_app, ASSAD)  # Putin on military support to Assad
    got = alerts(follow_app)
    assert got and {a["destination"] for a in got} == {"console:everything"}
    assert all(a["kind"] in ("direct", "reported") for a in got)


def test_statements_already_reported_before_the_follow_alert_nothing(sqlite_app) -> None:
    ingest(sqlite_app, UNITED)  # the Hanukkah remark, before anyone follows
    follow(sqlite_app, "Putin", "Hanukkah")
    ingest(sqlite_app, I24)  # the same remark, later, elsewhere
    assert alerts(sqlite_app) == []


async def _start_bot(app, out: io.StringIO):  # noqa: ANN001, ANN202
    return await start_scheduler(app, {Platform.CONSOLE: ConsoleAdapter(stdout=out, interactive=False)})


async def test_a_stopped_bot_delivers_the_stored_alert_once_on_start_up(sqlite_app) -> None:
    ingest(sqlite_app, MOSCOW)
    follow(sqlite_app, "Putin", "Hanukkah")
    ingest(sqlite_app, I24)  # while no bot runs: recorded, not delivered
    assert [a["delivered_at"] for a in alerts(sqlite_app)] == [None]
    out = io.StringIO()
    scheduler = await _start_bot(sqlite_app, out)
    await scheduler.stop()
    text = out.getvalue()
    assert text.count("[digest for console:team]") == 1
    assert HANUKKAH in text and "Vladimir Putin" in text and "i24news" in text and "2015-11-30" in text
    assert alerts(sqlite_app)[0]["delivered_at"] is not None
    again = io.StringIO()  # a restart: nothing twice
    scheduler = await _start_bot(sqlite_app, again)
    await sqlite_app.alerts.tick()  # a scan and a delivery round, as every 30 s
    await scheduler.stop()
    assert again.getvalue() == ""


async def test_alerts_older_than_the_grace_period_are_not_delivered(sqlite_app) -> None:
    ingest(sqlite_app, MOSCOW)
    follow(sqlite_app, "Putin", "Hanukkah")
    ingest(sqlite_app, I24)
    out = io.StringIO()
    later = AlertDelivery(sqlite_app.db, {Platform.CONSOLE: ConsoleAdapter(stdout=out, interactive=False)},
                          grace=timedelta(minutes=60), clock=lambda: utcnow() + timedelta(hours=2))
    assert await later.catch_up() == {}
    assert out.getvalue() == "" and alerts(sqlite_app)[0]["delivered_at"] is None


async def test_a_burst_is_one_message_per_destination(sqlite_app) -> None:
    ingest(sqlite_app, MOSCOW)
    follow(sqlite_app, "Putin", dest="console:one")
    follow(sqlite_app, "Netanyahu", dest="console:one")
    follow(sqlite_app, "Putin", dest="console:two")
    ingest(sqlite_app, UNITED)  # many new statements by both at once
    got = alerts(sqlite_app)
    per_dest = {d: sum(a["destination"] == d for a in got) for d in ("console:one", "console:two")}
    assert per_dest["console:one"] > 2 and per_dest["console:two"] > 1
    out = io.StringIO()
    delivery = AlertDelivery(sqlite_app.db, {Platform.CONSOLE: ConsoleAdapter(stdout=out, interactive=False)})
    delivered = await delivery.deliver_due()
    assert {d: len(ids) for d, ids in delivered.items()} == per_dest
    text = out.getvalue()
    assert text.count("[digest for console:one]") == 1 and text.count("[digest for console:two]") == 1
    assert await delivery.deliver_due() == {}


def test_two_bot_processes_on_one_postgresql_deliver_once(follow_app) -> None:
    if follow_app.db.is_sqlite:
        pytest.skip("the race is about PostgreSQL")
    ingest(follow_app, MOSCOW)
    follow(follow_app, "Putin", "Hanukkah")
    ingest(follow_app, I24)
    (alert,) = alerts(follow_app)
    start_at = time.time() + 12  # both are loaded by then; they start delivering together
    procs = [subprocess.Popen([sys.executable, str(HERE / "alert_bot_process.py"), follow_app.db.url, str(start_at)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e[-2000:] for _, e in outs]
    delivered = [json.loads(o.strip().splitlines()[-1]) for o, _ in outs]
    assert sorted(delivered, key=len) == [[], [alert["id"]]]
    assert sum(o.count("[digest for console:team]") for o, _ in outs) == 1
    assert alerts(follow_app)[0]["delivered_at"] is not None
