"""Timelines on the bundled samples: statements in order of their first report, each with its date."""
from __future__ import annotations

from bot.app.handlers.timeline import _stance, timeline_question
from bot.core.types import Command, CommandKind


def _ask(core, text: str):  # noqa: ANN001, ANN202
    return core.handle_sync(Command(CommandKind.ASK, {"question": text}))


def _in_date_order(quotes: list[dict]) -> None:
    dates = [q["first_reported"] for q in quotes]
    assert all(dates) and dates == sorted(dates)
    for q in quotes:  # the first report is the earliest of its sources that has a date
        published = [s["published"] for s in q["sources"] if s["published"]]
        if published:
            assert q["first_reported"] == min(published)


def test_what_has_putin_said_about_hanukkah_over_time(sample_core) -> None:
    reply = _ask(sample_core, "What has Putin said about Hanukkah over time?")
    data = reply.data
    assert set(data) >= {"question", "speaker", "topic", "answer", "quotes", "total_statements", "other_attributions"}
    assert data["speaker"] == "Vladimir Putin" and data["topic"] == "Hanukkah"
    quotes = data["quotes"]
    assert len(quotes) >= 2
    _in_date_order(quotes)
    for q in quotes:
        assert set(q) == {"speaker", "text", "kind", "cue", "relevance", "sources", "first_reported"}
    first = quotes[0]  # the Hanukkah remark, first reported by i24news on 30 November 2015
    assert "triumph of light over dark" in first["text"] and first["first_reported"].startswith("2015-11-30")
    assert first["sources"][0]["outlet"] == "i24news"
    titles = [s.title for s in reply.sections]
    assert titles[0] == "2015-11-30" and all(t and (t[:4].isdigit() or t.startswith("first seen ")) for t in titles)
    assert "over time" in reply.text and "Position change" not in reply.text  # nothing honest to tell


def test_timeline_command_and_other_phrasings(sample_core) -> None:
    reply = sample_core.handle_sync(Command(CommandKind.TIMELINE, {"person": "Netanyahu", "topic": "Syria"}))
    assert reply.data["speaker"] == "Benjamin Netanyahu" and reply.data["quotes"]
    _in_date_order(reply.data["quotes"])
    everything = sample_core.handle_sync(Command(CommandKind.TIMELINE, {"person": "Vladimir Putin"}))
    _in_date_order(everything.data["quotes"])
    assert timeline_question("how has Netanyahu's position on Syria changed") == ("Netanyahu", "Syria")
    assert timeline_question("Putin on terror over time") == ("Putin", "terror")
    assert timeline_question("what did Putin say about Hanukkah") is None  # a plain question stays ask's


def test_a_position_is_read_only_from_plain_words() -> None:
    assert _stance("We support the bill and will vote for it") == 1
    assert _stance("I do not support this bill") == -1
    assert _stance("We oppose the plan") == -1
    assert _stance("We support some parts and oppose others") == 0
    assert _stance("The weather was fine") == 0
