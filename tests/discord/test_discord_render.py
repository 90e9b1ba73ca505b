"""Reply -> Discord messages: escaping, ordering and every Discord limit."""
from __future__ import annotations

from bot.adapters.discord.render import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    EMBEDS_PER_MESSAGE,
    FIELD_COUNT_LIMIT,
    FIELD_VALUE_LIMIT,
    MESSAGE_TOTAL_LIMIT,
    TITLE_LIMIT,
    OutMessage,
    escape,
    render,
    split_text,
)
from bot.core.types import Reply, Section, Source


def assert_within_limits(messages: list[OutMessage]) -> None:
    assert messages
    for message in messages:
        assert message.content or message.embeds
        assert len(message.content or "") <= CONTENT_LIMIT
        assert len(message.embeds) <= EMBEDS_PER_MESSAGE
        assert sum(len(e) for e in message.embeds) <= MESSAGE_TOTAL_LIMIT
        for embed in message.embeds:
            assert len(embed.title or "") <= TITLE_LIMIT
            assert len(embed.description or "") <= DESCRIPTION_LIMIT
            assert len(embed.fields) <= FIELD_COUNT_LIMIT
            assert all(len(f.value or "") <= FIELD_VALUE_LIMIT for f in embed.fields)


def test_escape_defuses_mentions_and_markdown() -> None:
    text = escape("@everyone @here <@&123> <@!42> <@42> **b** [x](http://evil) ||spoiler|| mail@example.com")
    for raw in ("@everyone", "@here", "<@&123>", "<@!42>", "<@42>", "**b**", "||spoiler||"):
        assert raw not in text
    assert "\\[x](" in text  # a masked link is shown, not followed
    assert "mail@example.com" in text


def test_key_quote_comes_first_with_speaker_and_linked_sources() -> None:
    reply = Reply(
        title="Q",
        sections=(
            Section(
                title="Remarks",
                body="Context.",
                quote="Line one\nline two",
                quote_speaker="Speaker",
                sources=(Source(1, "Outlet A", "T1", "https://a.test/1"), Source(2, None, None, "javascript:alert(1)")),
            ),
        ),
    )
    (message,) = render(reply)
    assert message.content == "**Q**"
    section = message.embeds[0]
    assert section.description.startswith("> “Line one\n> line two”\n> — **Speaker**")
    assert section.description.endswith("Context.")
    lines = section.fields[0].value.splitlines()
    assert lines[0] == "[T1](https://a.test/1) · Outlet A · #1"
    assert lines[1] == "Article 2 · #2"  # unsafe URL: not linked


def test_huge_reply_splits_within_every_limit() -> None:
    sources = tuple(Source(i, "Outlet", f"Title {i} " + "x" * 150, f"https://n.test/{i}") for i in range(60))
    sections = tuple(
        Section(title=f"Story {i} " + "t" * 300, body=("word *star* " * 900), quote="q " * 50, quote_speaker="S", sources=sources)
        for i in range(14)
    )
    messages = render(Reply(title="T" * 400, text="intro " * 2000, sections=sections, footer="f" * 3000))
    assert_within_limits(messages)
    assert len(messages) > 3
    description = "".join(e.description or "" for m in messages for e in m.embeds)
    assert description.count("\\*star\\*") == 14 * 900  # nothing lost or broken at the cuts


def test_plain_text_splits_at_2000() -> None:
    messages = render(Reply(text="line with _under_ score\n" * 400))
    assert_within_limits(messages)
    assert all(m.embeds == [] for m in messages) and len(messages) > 2


def test_error_is_plain_content() -> None:
    (message,) = render(Reply(text="Unknown article 99 @everyone", error=True, ephemeral=True))
    assert message.content == "Unknown article 99 @\u200beveryone" and message.embeds == []


def test_empty_reply_still_says_something() -> None:
    assert render(Reply())[0].content


def test_split_text_never_leaves_a_dangling_escape() -> None:
    text = "\\*" * 3000
    chunks = split_text(text, 1001)
    assert "".join(chunks) == text
    assert all(len(c) <= 1001 and not c.endswith("\\") for c in chunks)


def test_short_lines_become_fields_of_one_embed() -> None:
    lines = tuple(Section(title=f"cmd{i}", body=f"does thing {i}") for i in range(30))
    messages = render(Reply(title="Help", text="Commands:", sections=lines))
    assert_within_limits(messages)
    embeds = [e for m in messages for e in m.embeds]
    assert len(embeds) == 2 and embeds[0].title == "Help" and len(embeds[0].fields) == 25
