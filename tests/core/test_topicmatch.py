"""Topic tests over many texts at once (news about a topic): variants picked from the texts' words."""
from __future__ import annotations

from bot.ask.topicmatch import topic_shares, variants_in


def test_variants_are_inflections_and_spellings_never_false_friends() -> None:
    words = ["hanukkah", "chanukah", "hanukah", "hostages", "stage", "amass", "police", "policies", "trumpet"]
    assert variants_in("Chanuka", words) == {"hanukkah", "chanukah", "hanukah"}
    assert variants_in("hostage", words) == {"hostages"}
    assert variants_in("policy", words) == {"policies"}
    assert variants_in("trump", words) == set()


def test_shares_for_many_texts() -> None:
    texts = ["Lights for Hanukkah at the harbour", "The harbour police", "Nothing here"]
    assert topic_shares(["chanukah", "harbour"], texts) == [1.0, 0.5, 0.0]
    assert topic_shares([], texts) == [0.0, 0.0, 0.0]
