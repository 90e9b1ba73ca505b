"""A list of stories as a neutral reply (the digest, `stories`, news answers)."""
from __future__ import annotations

from bot.core.types import Reply
from bot.digest.build import StoryItem


def digest_reply(items: list[StoryItem], *, title: str, empty: str) -> Reply:
    if not items:
        return Reply(text=empty, data={"stories": []})
    return Reply(
        title=title,
        sections=tuple(item.section() for item in items),
        data={"stories": [item.to_json() for item in items]},
    )
