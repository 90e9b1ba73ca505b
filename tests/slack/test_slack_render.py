"""Reply -> Block Kit: escaping, layout and Slack's size limits."""
from __future__ import annotations

import json

from bot.adapters.slack.inbound import to_plain
from bot.adapters.slack.render import MAX_SECTION_CHARS, chunks, escape, render, source_label
from bot.core.types import Reply, Section, Source


def _texts(message) -> list[str]:
    out = []
    for block in message.blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        out += [e["text"] for e in block.get("elements", [])]
    return out


def test_escape_neutralises_mentions_and_links():
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    (message,) = render(Reply(text="x <!here> <https://evil.test|click>", title="t <!channel>"))
    dumped = json.dumps(message.payload())
    assert "<!here>" not in dumped and "<https://evil" not in dumped and "<!channel>" not in dumped
    assert "&lt;!here&gt;" in message.text


def test_quote_section_with_speaker_comes_before_body_and_sources_last():
    reply = Reply(
        title="What X said",
        sections=(
            Section(title="On Y", body="Context.", quote="First line\nsecond *line*", quote_speaker="X",
                    sources=(Source(1, "Wire", "A", "https://a.test"), Source(2, "Paper", None, None))),
        ),
    )
    (message,) = render(reply)
    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["header", "divider", "section", "section", "section", "context"]
    quote = message.blocks[3]["text"]["text"]
    assert quote.startswith("> “First line\n> second *line*”") and quote.endswith("— *X*")
    assert message.blocks[4]["text"]["text"] == "Context."
    labels = [e["text"] for e in message.blocks[5]["elements"]]
    assert labels == ["<https://a.test|A> · Wire · #1", "Paper · #2"]
    assert all(b["text"].get("verbatim") for b in message.blocks if b["type"] == "section")
    assert "X" in message.text and "What X said" in message.text


def test_source_label_escapes_title_and_only_links_http_urls():
    label = source_label(Source(3, "Outlet & Co", "A|B <b>", "https://x.test/?a=1&b=2", "2023-12-07T10:00:00Z"))
    assert label == "<https://x.test/?a=1&amp;b=2|A¦B &lt;b&gt;> · Outlet &amp; Co · 2023-12-07 · #3"
    assert source_label(Source(4, None, "T", "javascript:alert(1)")) == "T · #4"
    assert source_label(Source(5)) == "article 5 · #5"


def test_long_text_is_split_within_section_limit_without_breaking_entities():
    body = ("word & <tag> " * 1500).strip()
    (message,) = render(Reply(sections=(Section(title="Long", body=body),)))
    texts = _texts(message)
    assert len(texts) > 1 and all(len(t) <= MAX_SECTION_CHARS for t in texts)
    joined = " ".join(texts)
    assert joined.count("&amp;") == 1500 and joined.count("&lt;tag&gt;") == 1500
    assert chunks("x" * 7000) == ["x" * 3000, "x" * 3000, "x" * 1000]


def test_many_items_split_into_messages_of_at_most_50_blocks_each_with_fallback():
    sections = tuple(
        Section(title=f"Story {i}", body="b", quote="q", quote_speaker="s", sources=(Source(i, "o", "t", "https://t.test"),))
        for i in range(40)
    )
    messages = render(Reply(title="Digest", text="Today", sections=sections, footer="footer <!here>"))
    assert len(messages) >= 4
    assert all(len(m.blocks) <= 50 and m.text for m in messages)
    assert all(m.blocks[0]["type"] != "divider" for m in messages)
    titles = [t for m in messages for t in _texts(m) if t.startswith("*Story")]
    assert titles == [f"*Story {i}*" for i in range(40)]  # nothing lost, order kept
    assert messages[-1].blocks[-1]["type"] == "context" and "&lt;!here&gt;" in messages[-1].blocks[-1]["elements"][0]["text"]
    assert render(Reply(sections=sections), max_blocks=5)  # an item larger than a message is split too


def test_error_reply_is_marked_and_empty_reply_still_renders():
    (message,) = render(Reply(text="Unknown article 9.", error=True, ephemeral=True))
    assert message.blocks[0]["text"]["text"] == ":warning: Unknown article 9."
    assert render(Reply())[0].blocks


def test_inbound_markup_becomes_plain_text():
    text = "<@UBOT> feeds add <https://news.test/rss?a=1&amp;b=2|news.test/rss> for <#C1|general> &lt;x&gt;"
    assert to_plain(text, bot_user_id="UBOT") == "feeds add https://news.test/rss?a=1&b=2 for general <x>"
