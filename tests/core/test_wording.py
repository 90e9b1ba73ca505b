"""Counted nouns in replies: "1 story", "3 stories", never "story(s)"."""
from __future__ import annotations

from bot.core.wording import counted


def test_one_is_singular_and_other_numbers_plural() -> None:
    assert counted(1, "story", "stories") == "1 story"
    assert counted(0, "story", "stories") == "0 stories"
    assert counted(3, "source") == "3 sources"
    assert counted(1, "new statement") == "1 new statement"
