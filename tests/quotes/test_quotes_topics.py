"""Topic matching with spelling variants, inflections and the quote's framing sentence."""
from __future__ import annotations

import pytest

from bot.quotes.topics import topic_score, word_match


@pytest.mark.parametrize("a,b", [
    ("Hanukkah", "Chanuka"), ("Hanukkah", "Chanukah"), ("Hanukah", "Hanukkah"), ("Hannukah", "Hanukkah"),
    ("Chanuka", "Hannukah"), ("Qaddafi", "Gaddafi"), ("Gaddafi's", "Qaddafi"), ("Khalid", "Halid"),
    ("Zelensky", "Zelenskyy"), ("Zelensky's", "Zelenskyy"), ("Muammar", "Moammar"),
    ("terror", "terrorism"), ("terrorist", "terror"), ("terrorists", "terror"), ("terrorism", "terrorists"),
    ("festival", "festivals"), ("gun", "guns"), ("immigrant", "immigration"), ("immigrants", "immigration"),
    ("Muslim", "Muslims"), ("email", "emails"), ("tax", "taxes"), ("judge", "judges"),
    ("elect", "election"), ("election", "elections"), ("policy", "policies"), ("govern", "government"),
])
def test_variants_match(a, b):
    assert word_match(a, b) == 1.0


@pytest.mark.parametrize("a,b", [("terror", "error"), ("harbour", "harvest"), ("Hanukkah", "Hawaii")])
def test_different_words_do_not_match(a, b):
    assert word_match(a, b) == 0.0


@pytest.mark.parametrize("a,b", [
    ("Hamas", "amass"), ("hostage", "stage"), ("hearing", "earring"),  # an initial h is not dropped
    ("policy", "police"), ("chart", "heart"),                          # other vowels: other words
    ("trump", "trumpet"), ("state", "statement"), ("part", "party"),   # a word that begins another
    ("universe", "university"), ("experience", "experiment"), ("organ", "organization"),
    ("politics", "polite"), ("international", "internal"), ("secure", "security"),  # Snowball's conflations
    ("arm", "army"), ("new", "news"), ("court", "courtesy"),
])
def test_false_friends_do_not_match(a, b):
    assert word_match(a, b) == 0.0
    assert word_match(b, a) == 0.0


def test_false_friends_do_not_make_a_text_about_the_topic():
    from bot.ask.relevance import TopicQuery

    assert topic_score("Hamas", "They amass troops on the border") == 0.0
    assert not TopicQuery.of("Trump").found("a trumpet solo opened the concert")
    assert not TopicQuery.of("hostage").found("she took the stage at the convention")
    assert not TopicQuery.of("police").found("the new energy policy")


def test_topic_score_over_text():
    assert topic_score("Hanukkah", "Best wishes for the coming Chanuka holiday") == 1.0
    assert topic_score("lantern festival", "the Lantern Festivals of the valley") == 1.0
    assert topic_score("lantern festival", "a quiet festival") == 0.5
    assert topic_score("terrorism", "the weather was fine") == 0.0


def test_a_short_word_is_not_a_variant_of_a_longer_topic() -> None:
    from bot.quotes.topics import topic_score, word_match

    assert word_match("weather", "we") == 0.0
    assert word_match("terrorism", "terror") == 1.0
    assert topic_score("the weather", "We will strengthen contacts with our colleagues.") == 0.0
