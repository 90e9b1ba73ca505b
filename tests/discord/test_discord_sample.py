"""The Discord front end over the real core (SQLite, sample corpus), end to end."""
from __future__ import annotations

import re

from fake_discord import APP_ID, MANAGE_GUILD, FakeDiscord


def followup_for(interaction_id: int):
    return lambda c: c.method == "POST" and c.path == f"/webhooks/{APP_ID}/token-{interaction_id}"


def _article_ids(embeds: list[dict]) -> set[str]:
    values = " ".join(f["value"] for e in embeds for f in e.get("fields", []) if f["name"].startswith("Sources"))
    return set(re.findall(r"· #(\d+)", values))


async def test_ask_what_putin_said_about_hanukkah(fake: FakeDiscord, connect, sample_core) -> None:
    await connect(sample_core.handle)
    interaction_id = await fake.send_interaction("ask", {"question": "what did Putin say about Hanukkah"})
    body = (await fake.wait_for(followup_for(interaction_id), timeout=30)).body
    assert body["allowed_mentions"] == {"parse": []}
    embeds = body["embeds"]
    text = " ".join(e.get("description") or "" for e in embeds)
    assert "Putin" in text and "Hanukkah" in text
    quoted = [e for e in embeds if (e.get("description") or "").startswith("> “")]
    assert quoted, "the key quote comes first"
    assert len(_article_ids(embeds)) == 3


async def test_summary_and_feeds_over_the_real_core(fake: FakeDiscord, connect, sample_core) -> None:
    await connect(sample_core.handle)
    summary = await fake.send_interaction("summary", {"article": "1"})
    body = (await fake.wait_for(followup_for(summary), timeout=30)).body
    assert body["embeds"] and not body.get("flags", 0) & 64
    refused = await fake.send_interaction("settings", {"length": 3})  # no Manage Server
    callback = await fake.wait_for(lambda c: c.path.startswith(f"/interactions/{refused}/"))
    assert "Manage Server" in callback.body["data"]["content"]
    listed = await fake.send_interaction("feeds", subcommand="list", permissions=MANAGE_GUILD)
    await fake.wait_for(followup_for(listed), timeout=30)
