"""follow, unfollow, follows through the real core: who may, whom a name means, the chat words."""
from __future__ import annotations

import pytest
from follow_support import MOSCOW, command, ingest

from bot.core.commands import parse
from bot.core.types import CommandKind, Destination, Platform


@pytest.fixture
def app(sqlite_app):  # noqa: ANN001, ANN201
    ingest(sqlite_app, MOSCOW)
    ingest(sqlite_app, "harbor_smiths.txt")  # John Smith and Mary Smith
    return sqlite_app


def test_a_channel_follow_needs_the_manage_permission(app) -> None:
    refused = command(app, CommandKind.FOLLOW, {"person": "Putin"}, dest="discord:42", manage=False)
    assert refused.error and "manage" in refused.text.lower()
    assert command(app, CommandKind.FOLLOWS, {}, dest="discord:42").data == {"follows": []}
    made = command(app, CommandKind.FOLLOW, {"person": "Putin"}, dest="discord:42", manage=True)
    assert not made.error and made.data["followed"]["person"] == "Vladimir Putin"
    fid = made.data["followed"]["id"]
    refused = command(app, CommandKind.UNFOLLOW, {"follow": str(fid)}, dest="discord:42", manage=False)
    assert refused.error and "manage" in refused.text.lower()


def test_in_a_dm_anyone_follows_for_themselves(app) -> None:
    made = command(app, CommandKind.FOLLOW, {"person": "Vladimir Putin", "topic": "terror"}, dest="slack:D7",
                   manage=False, dm=True, user="U7")
    assert not made.error and "you will hear" in made.text
    followed = made.data["followed"]
    assert followed["destination"] == "slack:D7" and followed["is_dm"] and followed["created_by"] == "U7"
    assert followed["topic"] == "terror"
    other = command(app, CommandKind.FOLLOWS, {}, dest="slack:C1")
    assert other.data == {"follows": []}  # a user's DM follows are theirs only
    gone = command(app, CommandKind.UNFOLLOW, {"follow": "Putin"}, dest="slack:D7", manage=False, dm=True)
    assert not gone.error and [f["id"] for f in gone.data["removed"]] == [followed["id"]]


def test_ambiguous_and_unknown_names_get_a_question_and_no_follow(app) -> None:
    asked = command(app, CommandKind.FOLLOW, {"person": "Smith"})
    assert asked.error and "Did you mean John Smith or Mary Smith?" in asked.text
    assert asked.data["followed"] is None and asked.data["choices"] == ["John Smith", "Mary Smith"]
    unknown = command(app, CommandKind.FOLLOW, {"person": "Vladimir Poutine"})
    assert unknown.error and "Did you mean Vladimir Putin?" in unknown.text
    nobody = command(app, CommandKind.FOLLOW, {"person": "Zebulon Quark"})
    assert nobody.error and "nobody to follow" in nobody.text
    assert command(app, CommandKind.FOLLOWS, {}).data == {"follows": []}
    full = command(app, CommandKind.FOLLOW, {"person": "Mary Smith", "topic": "ferry fares"})
    assert not full.error and full.data["followed"]["person"] == "Mary Smith"


def test_following_twice_is_one_follow_and_remove_takes_an_id(app) -> None:
    first = command(app, CommandKind.FOLLOW, {"person": "Putin", "topic": "terror"})
    second = command(app, CommandKind.FOLLOW, {"person": "Vladimir Putin", "topic": "terror"})
    assert second.data["followed"]["id"] == first.data["followed"]["id"] and not second.data["new"]
    assert "Already following" in second.text
    listed = command(app, CommandKind.FOLLOWS, {})
    assert [f["person"] for f in listed.data["follows"]] == ["Vladimir Putin"]
    missing = command(app, CommandKind.UNFOLLOW, {"follow": "999"})
    assert missing.error
    gone = command(app, CommandKind.UNFOLLOW, {"follow": str(first.data["followed"]["id"])})
    assert not gone.error and command(app, CommandKind.FOLLOWS, {}).data == {"follows": []}


@pytest.mark.parametrize("text, kind, args", [
    ("follow Putin on Hanukkah", CommandKind.FOLLOW, {"person": "Putin", "topic": "Hanukkah"}),
    ('follow "Vladimir Putin" --topic "light and dark"', CommandKind.FOLLOW,
     {"person": "Vladimir Putin", "topic": "light and dark"}),
    ("/newsbrief follow add Mary Smith about ferry fares", CommandKind.FOLLOW,
     {"person": "Mary Smith", "topic": "ferry fares"}),
    ("follow list", CommandKind.FOLLOWS, {}),
    ("follows", CommandKind.FOLLOWS, {}),
    ("follow remove 3", CommandKind.UNFOLLOW, {"follow": "3"}),
    ("unfollow Putin", CommandKind.UNFOLLOW, {"follow": "Putin"}),
    ("timeline Putin on terror", CommandKind.TIMELINE, {"person": "Putin", "topic": "terror"}),
    ("alerts", CommandKind.ALERTS, {}),
])
def test_the_chat_words(text: str, kind: CommandKind, args: dict[str, str]) -> None:
    cmd = parse(text, destination=Destination(Platform.SLACK, "C1"))
    assert cmd.kind is kind and cmd.args == args
