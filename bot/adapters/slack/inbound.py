"""Slack's message markup -> the plain text the command grammar reads."""
from __future__ import annotations

import re

_ANGLE = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def _plain(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith(("http://", "https://")):
        return target  # a link: the URL itself (e.g. for `feeds add`)
    return label or target  # <mailto:x|x>, <#C1|general>, <@U1>


def to_plain(text: str, *, bot_user_id: str | None = None) -> str:
    """Drop the bot's own mention, turn links into URLs and unescape ``&<>``."""
    if bot_user_id:
        text = text.replace(f"<@{bot_user_id}>", " ")
    text = _ANGLE.sub(_plain, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())
