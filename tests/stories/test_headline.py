"""Choosing a story's headline."""
from __future__ import annotations

from datetime import datetime

from bot.stories import StoryDoc, story_headline
from bot.stories.headline import lead_sentence

BODY = (
    "At least 14 people were killed when the Kessler Bridge in Veldhaven collapsed on Tuesday. "
    "Mayor Anna Troost said divers were searching the Ossel river for survivors."
)


def test_most_representative_title_wins() -> None:
    docs = [
        StoryDoc(1, "Tragedy strikes", BODY, datetime(2024, 3, 12)),
        StoryDoc(2, "Kessler Bridge collapses in Veldhaven, 14 killed", BODY, datetime(2024, 3, 12)),
        StoryDoc(3, "Mayor speaks", BODY + " The mayor spoke to reporters.", datetime(2024, 3, 13)),
    ]
    assert story_headline(docs) == "Kessler Bridge collapses in Veldhaven, 14 killed"


def test_lead_sentence_when_no_article_has_a_title() -> None:
    docs = [
        StoryDoc(1, None, "By Jane Roe\n\n" + BODY, None),
        StoryDoc(2, None, "Rescue divers searched the Ossel river after the Kessler Bridge collapse in Veldhaven.", None),
    ]
    headline = story_headline(docs)
    assert headline in {
        "At least 14 people were killed when the Kessler Bridge in Veldhaven collapsed on Tuesday.",
        "Rescue divers searched the Ossel river after the Kessler Bridge collapse in Veldhaven.",
    }


def test_ties_go_to_the_earliest_article() -> None:
    docs = [
        StoryDoc(7, "Bridge collapse in Veldhaven", BODY, datetime(2024, 3, 13)),
        StoryDoc(9, "Veldhaven bridge collapse", BODY, datetime(2024, 3, 12)),
    ]
    assert story_headline(docs) == "Veldhaven bridge collapse"


def test_lead_sentence_skips_bylines_and_shortens() -> None:
    assert lead_sentence("By Jane Roe\n" + BODY).startswith("At least 14 people")
    long = "word " * 80 + "end."
    shortened = lead_sentence(long)
    assert len(shortened) <= 200 and shortened.endswith("…")
    assert story_headline([]) == ""
