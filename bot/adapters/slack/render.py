"""Reply -> Slack Block Kit messages.

Every string in a ``Reply`` is untrusted plain text: it is escaped (``&``, ``<``,
``>``) before it enters mrkdwn, so article text such as ``<!channel>`` or
``<@U123>`` is shown literally and pings nobody. Text objects are ``verbatim`` so
Slack does not auto-link names or URLs either. Long replies are split within
Slack's limits (50 blocks a message, 3,000 characters a section text), and every
message carries an escaped plain-text ``text`` fallback for notifications.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.core.types import Reply, Section, Source

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_HEADER_CHARS = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_FALLBACK_CHARS = 3000
MAX_LINK_TITLE_CHARS = 150

Block = dict[str, Any]


@dataclass
class SlackMessage:
    """One ``chat.postMessage`` / ``respond`` payload."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def escape(text: str) -> str:
    """Escape Slack's control characters so text is shown literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> int:
    """Where to cut escaped ``text`` to keep at most ``limit`` chars: at a line
    break or space when possible, never inside an ``&amp;``-style entity."""
    for sep in ("\n", " "):
        at = text.rfind(sep, 0, limit)
        if at > limit // 2:
            return at
    amp = text.rfind("&", max(0, limit - 5), limit)
    return amp if amp > 0 and ";" not in text[amp:limit] else limit


def chunks(text: str, limit: int = MAX_SECTION_CHARS) -> list[str]:
    """Split escaped text into pieces of at most ``limit`` characters."""
    pieces: list[str] = []
    text = text.strip()
    while len(text) > limit:
        at = _cut(text, limit)
        pieces.append(text[:at].rstrip())
        text = text[at:].strip()
    if text:
        pieces.append(text)
    return pieces


def truncate(text: str, limit: int) -> str:
    """Shorten escaped text to ``limit`` characters, ending with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: _cut(text, limit - 1)].rstrip() + "…"


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _sections(text: str) -> list[Block]:
    return [{"type": "section", "text": _mrkdwn(piece)} for piece in chunks(text)]


def _context(texts: list[str]) -> Block:
    return {"type": "context", "elements": [_mrkdwn(t) for t in texts]}


def source_label(source: Source) -> str:
    """``<url|title> · outlet · date · #id`` (escaped; a link only for http(s) URLs)."""
    name = source.title or source.outlet or source.url or f"article {source.article_id}"
    label = truncate(escape(name), MAX_LINK_TITLE_CHARS)
    url = source.url or ""
    if url.startswith(("http://", "https://")) and not any(c in url for c in "<>| \n"):
        label = f"<{url.replace('&', '&amp;')}|{label.replace('|', '¦')}>"
    parts = [label]
    if source.outlet and source.outlet != name:
        parts.append(escape(source.outlet))
    if source.published:
        parts.append(escape(source.published[:10]))
    parts.append(f"#{source.article_id}")  # for `summary ID` / `show ID`
    return " · ".join(parts)


def _sources_block(sources: tuple[Source, ...]) -> Block:
    labels = [source_label(s) for s in sources]
    if len(labels) > MAX_CONTEXT_ELEMENTS:
        more = len(labels) - (MAX_CONTEXT_ELEMENTS - 1)
        labels = labels[: MAX_CONTEXT_ELEMENTS - 1] + [f"+{more} more"]
    return _context([truncate(label, MAX_SECTION_CHARS) for label in labels])


def _quote(section: Section) -> str:
    lines = escape(section.quote or "").strip().splitlines() or [""]
    lines[0] = "“" + lines[0]
    lines[-1] += "”"
    quoted = "\n".join("> " + line for line in lines)
    speaker = f"\n— *{escape(section.quote_speaker)}*" if section.quote_speaker else ""
    return quoted + speaker


@dataclass
class _Group:
    """Blocks that belong together (one item) and their plain-text fallback."""

    blocks: list[Block]
    fallback: str


def _section_group(section: Section) -> _Group:
    blocks: list[Block] = [{"type": "divider"}]
    head = f"*{escape(section.title)}*" if section.title else ""
    if section.quote:
        if head:
            blocks += _sections(head)
            head = ""
        blocks += _sections(_quote(section))
    body = "\n".join(x for x in (head, escape(section.body).strip()) if x)
    if body:
        blocks += _sections(body)
    if section.sources:
        blocks.append(_sources_block(section.sources))
    said = f"“{section.quote}”" + (f" — {section.quote_speaker}" if section.quote_speaker else "")
    plain = " ".join(x for x in (section.title, said if section.quote else "") if x)
    return _Group(blocks, escape(plain or section.body))


def _head_group(reply: Reply) -> _Group:
    blocks: list[Block] = []
    if reply.title:
        header = truncate(escape(reply.title), MAX_HEADER_CHARS)
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": header}})
    text = escape(reply.text)
    if reply.error and text:
        text = ":warning: " + text
    if text.strip():
        blocks += _sections(text)
    plain = " — ".join(x for x in (reply.title, reply.text) if x)
    return _Group(blocks, (":warning: " if reply.error else "") + escape(plain))


def _groups(reply: Reply) -> list[_Group]:
    groups = [_head_group(reply)] + [_section_group(s) for s in reply.sections]
    if reply.footer:
        groups.append(_Group([_context([truncate(escape(reply.footer), MAX_SECTION_CHARS)])], ""))
    groups = [g for g in groups if g.blocks]
    return groups or [_Group(_sections("(nothing to show)"), "(nothing to show)")]


def render(reply: Reply, *, max_blocks: int = MAX_BLOCKS) -> list[SlackMessage]:
    """Render a reply as one or more messages; an item is kept in one message
    when it fits, and every message has an escaped plain-text fallback."""
    messages: list[SlackMessage] = []
    blocks: list[Block] = []
    fallback: list[str] = []

    def flush() -> None:
        if blocks:
            text = " · ".join(f for f in fallback if f) or "(continued)"
            messages.append(SlackMessage(truncate(text, MAX_FALLBACK_CHARS), list(blocks)))
            blocks.clear()
            fallback.clear()

    for group in _groups(reply):
        if len(blocks) + len(group.blocks) > max_blocks:
            flush()
        fallback.append(group.fallback)
        for block in group.blocks:
            if len(blocks) == max_blocks:
                flush()
            if blocks or block["type"] != "divider":
                blocks.append(block)
    flush()
    return messages
