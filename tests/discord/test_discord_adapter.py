"""End to end through discord.py's real HTTP and gateway code against FakeDiscord."""
from __future__ import annotations

import asyncio

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route
from fake_discord import APP_ID, BOT_ID, CHANNEL_ID, DM_CHANNEL_ID, GUILD_ID, MANAGE_GUILD, FakeDiscord, Recorder

from bot.core.errors import DestinationGone, PermissionDenied
from bot.core.service import CoreLimits, NewsCore
from bot.core.types import Command, CommandKind, Destination, Platform, Reply, Section, Source

EPHEMERAL = 64
HOSTILE = Reply(
    title="What they said",
    text="@everyone look: <@&123> and <@42> **not bold**",
    sections=(
        Section(
            title="Remarks",
            body="Body with _underscores_ and @here",
            quote="We will win @everyone",
            quote_speaker="A. Speaker",
            sources=(Source(1, "Outlet", "Title [x]", "https://example.com/a"),),
        ),
    ),
)


def callback_for(interaction_id: int):
    return lambda c: c.method == "POST" and c.path == f"/interactions/{interaction_id}/token-{interaction_id}/callback"


def followup_for(interaction_id: int):
    return lambda c: c.method == "POST" and c.path == f"/webhooks/{APP_ID}/token-{interaction_id}"


def channel_post(channel_id: int):
    return lambda c: c.method == "POST" and c.path == f"/channels/{channel_id}/messages"


async def test_connects_and_syncs_commands(fake: FakeDiscord, connect) -> None:
    await connect(Recorder())
    sync = await fake.wait_for(lambda c: c.method == "PUT" and c.path == f"/applications/{APP_ID}/commands")
    names = {command["name"] for command in sync.body}
    assert names == {"ask", "brief", "summary", "stories", "subscribe", "unsubscribe", "feeds", "settings", "help",
                     "follow", "unfollow", "follows"}
    by_name = {command["name"]: command for command in sync.body}
    assert int(by_name["subscribe"]["default_member_permissions"]) == MANAGE_GUILD
    assert int(by_name["settings"]["default_member_permissions"]) == MANAGE_GUILD
    assert by_name["ask"].get("default_member_permissions") is None
    assert {o["name"] for o in by_name["settings"]["options"]} == {"summarizer", "length"}
    assert fake.identify is not None and fake.identify["shard"] == [0, 1]
    assert fake.gateway_query["v"] == "10" and fake.gateway_query["compress"] == "zlib-stream"
    intents = fake.identify["intents"]
    assert intents & (1 << 0) and intents & (1 << 9) and intents & (1 << 12)  # guilds, guild/DM messages


async def test_slash_ask_defers_then_follows_up_with_embed(fake: FakeDiscord, connect) -> None:
    handler = Recorder(HOSTILE)
    await connect(handler)
    interaction_id = await fake.send_interaction("ask", {"question": "what did Putin say about Hanukkah"})
    callback = await fake.wait_for(callback_for(interaction_id))
    assert callback.body["type"] == 5  # deferred channel message ("thinking")
    assert not callback.body.get("data", {}).get("flags", 0) & EPHEMERAL
    followup = await fake.wait_for(followup_for(interaction_id))
    assert followup.body["allowed_mentions"] == {"parse": []}
    embeds = followup.body["embeds"]
    assert embeds[0]["title"] == "What they said"
    assert embeds[1]["fields"][0]["value"].startswith("[Title \\[x\\]](https://example.com/a)")
    command = handler.commands[0]
    assert command.kind is CommandKind.ASK
    assert command.args == {"question": "what did Putin say about Hanukkah"}
    assert command.destination == Destination(Platform.DISCORD, str(CHANNEL_ID), str(GUILD_ID))
    assert not command.user.can_manage and not command.is_dm
    assert fake.calls.index(callback) < fake.calls.index(followup)


async def test_hostile_text_pings_nobody(fake: FakeDiscord, connect) -> None:
    await connect(Recorder(HOSTILE))
    interaction_id = await fake.send_interaction("ask", {"question": "q"})
    body = (await fake.wait_for(followup_for(interaction_id))).body
    assert body["allowed_mentions"] == {"parse": []}
    text = " ".join(e.get("description", "") for e in body["embeds"])
    for raw in ("@everyone", "@here", "<@&123>", "<@42>", "**not bold**", "_underscores_"):
        assert raw not in text
    assert "\\*\\*not bold\\*\\*" in text and "<@\u200b&123>" in text


async def test_mention_in_channel_gets_a_reply(fake: FakeDiscord, connect) -> None:
    handler = Recorder(Reply(text="An answer with @everyone"))
    await connect(handler)
    await fake.send_message(f"<@{BOT_ID}> what did Putin say about Hanukkah")
    post = await fake.wait_for(channel_post(CHANNEL_ID))
    assert post.body["allowed_mentions"]["parse"] == []
    assert post.body["content"] == "An answer with @\u200beveryone"
    assert post.body["message_reference"]["fail_if_not_exists"] is False
    command = handler.commands[0]
    assert command.kind is CommandKind.ASK and command.args["question"] == "what did Putin say about Hanukkah"
    assert not command.is_dm


async def test_channel_message_without_mention_is_ignored(fake: FakeDiscord, connect) -> None:
    handler = Recorder()
    await connect(handler)
    await fake.send_message("just chatting", mention_bot=False)
    await fake.send_message("help", dm=True)  # a later event proves the first was processed
    await fake.wait_for(channel_post(DM_CHANNEL_ID))
    assert [c.kind for c in handler.commands] == [CommandKind.HELP]


async def test_direct_message_is_answered(fake: FakeDiscord, connect) -> None:
    handler = Recorder(Reply(text="Summary of 12"))
    await connect(handler)
    await fake.send_message("summary 12", dm=True)
    post = await fake.wait_for(channel_post(DM_CHANNEL_ID))
    assert post.body["content"] == "Summary of 12"
    command = handler.commands[0]
    assert command.kind is CommandKind.SUMMARY and command.args == {"article": "12"}
    assert command.is_dm and command.user.can_manage


async def test_member_without_manage_server_cannot_subscribe(fake: FakeDiscord, connect) -> None:
    handler = Recorder()
    await connect(handler)
    interaction_id = await fake.send_interaction("subscribe", {"schedule": "daily 08:00", "timezone": "UTC"})
    callback = await fake.wait_for(callback_for(interaction_id))
    assert callback.body["type"] == 4 and callback.body["data"]["flags"] & EPHEMERAL
    assert "Manage Server" in callback.body["data"]["content"]
    assert handler.commands == []


async def test_manager_can_subscribe(fake: FakeDiscord, connect) -> None:
    handler = Recorder(Reply(text="Subscribed"))
    await connect(handler)
    interaction_id = await fake.send_interaction(
        "subscribe", {"schedule": "daily 08:00", "timezone": "Europe/Berlin"}, permissions=MANAGE_GUILD
    )
    await fake.wait_for(followup_for(interaction_id))
    command = handler.commands[0]
    assert command.kind is CommandKind.SUBSCRIBE and command.user.can_manage
    assert command.args == {"schedule": "daily 08:00", "timezone": "Europe/Berlin"}


async def test_mention_subscribe_passes_can_manage_false(fake: FakeDiscord, connect) -> None:
    handler = Recorder(Reply(text="no", error=True, ephemeral=True))
    await connect(handler)
    await fake.send_message(f"<@{BOT_ID}> subscribe daily")
    await fake.wait_for(channel_post(CHANNEL_ID))
    assert handler.commands[0].kind is CommandKind.SUBSCRIBE and not handler.commands[0].user.can_manage


async def test_feeds_group_and_renamed_options(fake: FakeDiscord, connect) -> None:
    handler = Recorder(Reply(text="ok"))
    await connect(handler)
    first = await fake.send_interaction("feeds", {"url": "https://x.test/rss"}, subcommand="add", permissions=MANAGE_GUILD)
    await fake.wait_for(followup_for(first))
    second = await fake.send_interaction("settings", {"summarizer": "lexrank", "length": 3}, permissions=MANAGE_GUILD)
    callback = await fake.wait_for(callback_for(second))
    assert callback.body["data"]["flags"] & EPHEMERAL  # settings answers privately
    await fake.wait_for(followup_for(second))
    assert [(c.kind, c.args) for c in handler.commands] == [
        (CommandKind.FEEDS_ADD, {"url": "https://x.test/rss"}),
        (CommandKind.SETTINGS, {"method": "lexrank", "sentences": "3"}),
    ]


async def test_error_reply_after_public_deferral_is_ephemeral(fake: FakeDiscord, connect) -> None:
    async def failing(command):
        raise PermissionDenied("Only managers may do that.")

    await connect(failing)
    interaction_id = await fake.send_interaction("ask", {"question": "q"})
    followup = await fake.wait_for(followup_for(interaction_id))
    assert followup.body["flags"] & EPHEMERAL and followup.body["content"] == "Only managers may do that."
    deleted = [c for c in fake.calls if c.method == "DELETE" and c.path.endswith("/messages/@original")]
    assert deleted and fake.calls.index(deleted[0]) < fake.calls.index(followup)


async def test_crash_is_logged_and_user_gets_short_message(fake: FakeDiscord, connect, caplog) -> None:
    async def crashing(command):
        raise RuntimeError("database exploded at /secret/path")

    await connect(crashing)
    interaction_id = await fake.send_interaction("brief")
    followup = await fake.wait_for(followup_for(interaction_id))
    assert "secret" not in followup.body["content"] and followup.body["flags"] & EPHEMERAL
    assert "database exploded" in caplog.text


async def test_cooldown_tells_user_when_to_retry(fake: FakeDiscord, connect) -> None:
    """The core's per-user cooldown (one limit for every front end); Discord renders the wait as a timestamp."""
    asked: list[Command] = []

    def record(cmd: Command) -> Reply:
        asked.append(cmd)
        return Reply(text="ok")

    core = NewsCore({CommandKind.ASK: record, CommandKind.HELP: record}, CoreLimits(cooldown_seconds=60))
    await connect(core.handle)
    first = await fake.send_interaction("ask", {"question": "one"})
    await fake.wait_for(followup_for(first))
    second = await fake.send_interaction("ask", {"question": "two"})
    refusal = await fake.wait_for(followup_for(second))
    assert refusal.body["flags"] & EPHEMERAL
    assert "<t:" in refusal.body["content"] and "(in 60s)" in refusal.body["content"]
    help_id = await fake.send_interaction("help")  # help is never rate limited
    await fake.wait_for(followup_for(help_id))
    other_user = await fake.send_interaction("ask", {"question": "three"}, user_id=777)
    await fake.wait_for(followup_for(other_user))
    assert [c.args.get("question") for c in asked] == ["one", None, "three"]


async def test_timezone_autocomplete(fake: FakeDiscord, connect) -> None:
    await connect(Recorder())
    interaction_id = await fake.send_interaction(
        "subscribe", {"schedule": "daily", "timezone": "Berl"}, permissions=MANAGE_GUILD, autocomplete="timezone"
    )
    callback = await fake.wait_for(callback_for(interaction_id))
    assert callback.body["type"] == 8
    assert {"name": "Europe/Berlin", "value": "Europe/Berlin"} in callback.body["data"]["choices"]


async def test_summarizer_autocomplete_lists_modules(fake: FakeDiscord, connect) -> None:
    await connect(Recorder())
    interaction_id = await fake.send_interaction("summary", {"article": "1", "summarizer": "lex"}, autocomplete="summarizer")
    callback = await fake.wait_for(callback_for(interaction_id))
    assert callback.body["type"] == 8 and all("lex" in c["name"] for c in callback.body["data"]["choices"])


async def test_slash_command_in_dm(fake: FakeDiscord, connect) -> None:
    handler = Recorder(Reply(text="Subscribed"))
    await connect(handler)
    interaction_id = await fake.send_interaction("subscribe", {"schedule": "daily 07:00", "timezone": "UTC"}, dm=True)
    await fake.wait_for(followup_for(interaction_id))
    command = handler.commands[0]
    assert command.is_dm and command.user.can_manage
    assert command.destination == Destination(Platform.DISCORD, str(DM_CHANNEL_ID))


async def test_slow_answer_is_cut_off_before_the_followup_window_closes(fake: FakeDiscord, connect) -> None:
    async def slow(command):
        await asyncio.sleep(30)

    await connect(slow, answer_timeout=0.2)
    interaction_id = await fake.send_interaction("ask", {"question": "q"})
    followup = await fake.wait_for(followup_for(interaction_id))
    assert followup.body["flags"] & EPHEMERAL and "too long" in followup.body["content"]


async def test_non_first_shard_process_does_not_sync_commands(fake: FakeDiscord, connect) -> None:
    await connect(Recorder(), shard_count=2, shard_ids=[1])
    assert fake.identify["shard"] == [1, 2]
    assert not fake.calls_to("PUT", "/applications/")
    assert not fake.calls_to("GET", "/gateway/bot")  # shard count given: connects to the configured gateway


async def test_send_posts_digest_to_channel(fake: FakeDiscord, connect) -> None:
    adapter = await connect(Recorder())
    await adapter.send(Destination(Platform.DISCORD, str(CHANNEL_ID), str(GUILD_ID)), HOSTILE)
    post = await fake.wait_for(channel_post(CHANNEL_ID))
    assert post.body["allowed_mentions"] == {"parse": []} and len(post.body["embeds"]) == 2


@pytest.mark.parametrize("status", [403, 404])
async def test_send_to_lost_channel_raises_destination_gone(fake: FakeDiscord, connect, status: int) -> None:
    adapter = await connect(Recorder())
    (fake.forbidden_channels if status == 403 else fake.missing_channels).add(555)
    with pytest.raises(DestinationGone):
        await adapter.send(Destination(Platform.DISCORD, "555"), Reply(text="digest"))


async def test_send_to_malformed_channel_is_gone_not_retried(fake: FakeDiscord, connect) -> None:
    adapter = await connect(Recorder())
    with pytest.raises(DestinationGone):
        await adapter.send(Destination(Platform.DISCORD, "news"), Reply(text="digest"))


async def test_endpoints_are_restored_and_gateway_override_wins() -> None:
    """The configured gateway is used even when /gateway/bot advertises another URL."""
    from bot.adapters.discord import DiscordAdapter

    fake = FakeDiscord(advertised_gateway="ws://127.0.0.1:9/unreachable")
    await fake.start()
    before = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    adapter = DiscordAdapter(
        "t", api_base=f"http://127.0.0.1:{fake.port}", gateway=fake.gateway_url, guild_ready_timeout=0.05, ready_timeout=10
    )
    try:
        await asyncio.wait_for(adapter.start(Recorder()), 10)
        assert fake.gateway_connections == 1 and Route.BASE == fake.api_base
    finally:
        await adapter.stop()
        await fake.close()
    assert (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == before


async def test_built_from_settings_runs_against_the_fake(fake: FakeDiscord, monkeypatch) -> None:
    """DISCORD_TOKEN + NEWSBRIEF_DISCORD_API_BASE/GATEWAY are all it takes."""
    from bot.adapters.discord import build_discord_adapter
    from bot.settings import load_settings

    monkeypatch.setenv("DISCORD_TOKEN", "from-env")
    monkeypatch.setenv("NEWSBRIEF_DISCORD_API_BASE", f"http://127.0.0.1:{fake.port}")
    monkeypatch.setenv("NEWSBRIEF_DISCORD_GATEWAY", fake.gateway_url)
    adapter = build_discord_adapter(load_settings())
    try:
        await asyncio.wait_for(adapter.start(Recorder()), 10)
        me = await fake.wait_for(lambda c: c.path == "/users/@me")
        assert me.method == "GET" and fake.identify["token"] == "from-env"
    finally:
        await adapter.stop()
