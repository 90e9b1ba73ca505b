"""Reply -> Discord messages (content + embeds) within Discord's limits.

Every string in a ``Reply`` is untrusted plain text: it is markdown-escaped and
its mentions are defused here, and every send also passes
``AllowedMentions.none()`` so nothing can ping even if escaping missed it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

import discord
from discord.utils import escape_markdown

from bot.core.types import Reply, Section, Source

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
EMBEDS_PER_MESSAGE = 10
MESSAGE_TOTAL_LIMIT = 6000

COLOUR = discord.Colour.blurple()
NO_MENTIONS = discord.AllowedMentions.none()

_MENTION = re.compile(r"@(?=everyone|here|[!&]?\d)")
_ZWSP = "\u200b"


@dataclass
class OutMessage:
    """One Discord message: optional text content and up to ten embeds."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)


def defuse(text: str) -> str:
    """Break ``@everyone``, ``@here``, ``<@id>``, ``<@&id>`` so they never mention."""
    return _MENTION.sub("@" + _ZWSP, text)


def escape(text: str) -> str:
    """Untrusted text -> Discord markdown that shows literally and pings nobody."""
    return defuse(escape_markdown(text))


def clip(text: str, limit: int) -> str:
    """Shorten to ``limit`` characters with an ellipsis (for titles and names)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rstrip()
    return _drop_dangling_escape(cut) + "…"


def _drop_dangling_escape(chunk: str) -> str:
    trailing = len(chunk) - len(chunk.rstrip("\\"))
    return chunk[:-1] if trailing % 2 else chunk


def split_text(text: str, limit: int) -> list[str]:
    """Split at paragraph, line, sentence or word boundaries into chunks <= ``limit``."""
    chunks: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut >= limit // 2:
                cut += len(sep) if sep == ". " else 0
                break
        if cut < limit // 2:
            cut = limit
        chunk = _drop_dangling_escape(rest[:cut].rstrip())
        chunks.append(chunk)
        rest = rest[len(chunk):].strip()
    if rest:
        chunks.append(rest)
    return chunks


def _safe_url(url: str | None) -> str | None:
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def source_line(source: Source) -> str:
    """``[title](url) · outlet · date`` with the title escaped."""
    label = escape(clip(source.title or source.outlet or f"Article {source.article_id}", 200))
    label = label.replace("[", "\\[").replace("]", "\\]")
    url = _safe_url(source.url)
    parts = [f"[{label}]({url})" if url else label]
    if source.outlet and source.title:
        parts.append(escape(source.outlet))
    if source.published:
        parts.append(escape(source.published[:10]))
    parts.append(f"#{source.article_id}")
    return " · ".join(parts)


def _quote_block(section: Section) -> str:
    if not section.quote:
        return ""
    lines = [f"> {escape(line)}" if line.strip() else ">" for line in f"“{section.quote.strip()}”".splitlines()]
    if section.quote_speaker:
        lines.append(f"> — **{escape(section.quote_speaker)}**")
    return "\n".join(lines)


def _field_values(lines: list[str]) -> list[str]:
    """Pack lines into field values of at most 1,024 characters."""
    values: list[str] = []
    current = ""
    for line in lines:
        line = clip(line, FIELD_VALUE_LIMIT)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > FIELD_VALUE_LIMIT:
            values.append(current)
            candidate = line
        current = candidate
    if current:
        values.append(current)
    return values


def _embeds_for(
    title: str | None, description: str, sources: tuple[Source, ...], colour: discord.Colour
) -> list[discord.Embed]:
    """One logical card -> one or more embeds (description continued when too long)."""
    parts = split_text(description, DESCRIPTION_LIMIT) if description else [""]
    embeds = [discord.Embed(colour=colour, description=part or None) for part in parts]
    if title:
        embeds[0].title = clip(escape(title), TITLE_LIMIT)
    if sources:
        values = _field_values([source_line(s) for s in sources])
        target = embeds[-1]
        for index, value in enumerate(values):
            if len(target.fields) >= FIELD_COUNT_LIMIT or len(target) + len(value) + 20 > MESSAGE_TOTAL_LIMIT:
                target = discord.Embed(colour=colour)
                embeds.append(target)
            target.add_field(name="Sources" if index == 0 else "Sources (cont.)", value=value, inline=False)
    return embeds


def _section_embeds(section: Section, colour: discord.Colour) -> list[discord.Embed]:
    body = "\n\n".join(part for part in (_quote_block(section), escape(section.body.strip())) if part)
    return _embeds_for(section.title, body, section.sources, colour)


def _pack(embeds: list[discord.Embed]) -> list[OutMessage]:
    """Group embeds into messages: <= 10 embeds and <= 6,000 characters each."""
    messages: list[OutMessage] = []
    current: list[discord.Embed] = []
    size = 0
    for embed in embeds:
        if current and (len(current) >= EMBEDS_PER_MESSAGE or size + len(embed) > MESSAGE_TOTAL_LIMIT):
            messages.append(OutMessage(embeds=current))
            current, size = [], 0
        current.append(embed)
        size += len(embed)
    if current:
        messages.append(OutMessage(embeds=current))
    return messages


def _is_compact(section: Section) -> bool:
    """A short titled line without quote or sources reads best as an embed field."""
    return bool(section.title) and not section.quote and not section.sources and len(section.body) <= FIELD_VALUE_LIMIT // 2


def _add_field(embeds: list[discord.Embed], target: discord.Embed | None, section: Section, colour: discord.Colour) -> discord.Embed:
    name = clip(escape(section.title or ""), FIELD_NAME_LIMIT)
    value = clip(escape(section.body.strip()), FIELD_VALUE_LIMIT) or "—"
    if target is None or len(target.fields) >= FIELD_COUNT_LIMIT or len(target) + len(name) + len(value) > MESSAGE_TOTAL_LIMIT // 2:
        target = discord.Embed(colour=colour)
        embeds.append(target)
    target.add_field(name=name, value=value, inline=False)
    return target


def render(reply: Reply) -> list[OutMessage]:
    """A neutral Reply -> Discord messages, each within every Discord limit."""
    if reply.error or (not reply.sections and not reply.title):
        text = escape(reply.text.strip()) or "Nothing to show."
        if reply.footer:
            text += "\n-# " + escape(reply.footer)
        return [OutMessage(content=chunk) for chunk in split_text(text, CONTENT_LIMIT)]

    colour = COLOUR
    embeds: list[discord.Embed] = []
    content = None
    if reply.text.strip() or not reply.sections:
        embeds += _embeds_for(reply.title, escape(reply.text.strip()), (), colour)
    elif reply.title:
        content = f"**{clip(escape(reply.title), CONTENT_LIMIT - 4)}**"
    fields_target = embeds[-1] if embeds else None
    for section in reply.sections:
        if _is_compact(section):
            fields_target = _add_field(embeds, fields_target, section, colour)
        else:
            embeds += _section_embeds(section, colour)
            fields_target = None
    embeds = [embed for embed in embeds if len(embed)]
    if not embeds:
        return [OutMessage(content=content or "Nothing to show.")]
    if reply.footer:
        embeds[-1].set_footer(text=clip(defuse(reply.footer), FOOTER_LIMIT))
        if len(embeds[-1]) > MESSAGE_TOTAL_LIMIT:
            embeds[-1].remove_footer()
    messages = _pack(embeds)
    messages[0].content = content
    return messages
