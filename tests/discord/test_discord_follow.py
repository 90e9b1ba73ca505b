"""/follow and "follow …" mentions on Discord over the real core: refused without Manage Server."""
from __future__ import annotations

from fake_discord import APP_ID, BOT_ID, CHANNEL_ID, DM_CHANNEL_ID, MANAGE_GUILD, FakeDiscord

EPHEMERAL = 64


def _callback(interaction_id: int):
    return lambda c: c.method == "POST" and c.path == f"/interactions/{interaction_id}/token-{interaction_id}/callback"


def _followup(interaction_id: int):
    return lambda c: c.method == "POST" and c.path == f"/webhooks/{APP_ID}/token-{interaction_id}"


def _post(channel_id: int):
    return lambda c: c.method == "POST" and c.path == f"/channels/{channel_id}/messages"


async def test_follow_in_a_channel_needs_manage_server(fake: FakeDiscord, connect, sample_core) -> None:
    await connect(sample_core.handle)
    refused = await fake.send_interaction("follow", {"person": "Putin", "topic": "Hanukkah"})
    callback = await fake.wait_for(_callback(refused))
    assert callback.body["data"]["flags"] & EPHEMERAL and "Manage Server" in callback.body["data"]["content"]
    await fake.send_message(f"<@{BOT_ID}> follow Putin on Hanukkah")  # a mention, by a member
    post = await fake.wait_for(_post(CHANNEL_ID), timeout=30)
    assert "manage" in post.body["content"].lower()


async def test_follow_in_a_dm_and_by_a_manager(fake: FakeDiscord, connect, sample_core) -> None:
    await connect(sample_core.handle)
    await fake.send_message("follow Putin on Hanukkah", dm=True)
    post = await fake.wait_for(_post(DM_CHANNEL_ID), timeout=30)
    assert "Following Vladimir Putin" in str(post.body)
    made = await fake.send_interaction("follow", {"person": "Netanyahu"}, permissions=MANAGE_GUILD)
    body = (await fake.wait_for(_followup(made), timeout=30)).body
    assert "Following Benjamin Netanyahu" in str(body)
    removed = await fake.send_interaction("unfollow", {"follow": "Netanyahu"}, permissions=MANAGE_GUILD)
    assert "Stopped following" in str((await fake.wait_for(_followup(removed), timeout=30)).body)
    await fake.send_message("unfollow Putin", dm=True)  # the shared sample store follows nobody again
    await fake.wait_for(lambda c: _post(DM_CHANNEL_ID)(c) and "Stopped following" in str(c.body), timeout=30)
