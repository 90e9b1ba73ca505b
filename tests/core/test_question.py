"""Reading questions as people write them: the subject (names before roles), the verb, the topic."""
from __future__ import annotations

import pytest

from bot.ask.question import read_question


@pytest.mark.parametrize("text, speakers, topic", [
    ("what did Kask say about the ferry", ("Kask",), "the ferry"),
    ("What did former Norlandian president Ivo Kask say about the border wall?",
     ("former Norlandian president Ivo Kask",), "the border wall"),
    ("what did ivo kask say about the harbour bill", ("ivo kask",), "the harbour bill"),
    ("What did Kask's doctor, Lena Sova, say about Kask's health?", ("Lena Sova", "Kask's doctor"), "Kask's health"),
    ("What did Ana Pik, Kask's daughter, say about the remark?", ("Ana Pik", "Kask's daughter"), "the remark"),
    ("What did the Speaker of the House say about the budget?", ("the Speaker of the House",), "the budget"),
    ("What did Marta Lind keep repeating about Kask at the debate?", ("Marta Lind",), "Kask at the debate"),
    ("What did Tom Reyes think of the harbour deal?", ("Tom Reyes",), "the harbour deal"),
    ("What did Reyes admit about his campaigning skills?", ("Reyes",), "his campaigning skills"),
    ("how did Kask say he would deal with the rebels?", ("Kask",), "he would deal with the rebels"),
    ("why does Kask say he's leading the polls?", ("Kask",), "he's leading the polls"),
    ("What did Kask tell Ana Pik about the ferry?", ("Kask",), "the ferry"),
    ("What did Bo Lund of the Harbour Workers Union say about wages?", ("Bo Lund of the Harbour Workers Union",), "wages"),
])
def test_subject_and_topic(text: str, speakers: tuple[str, ...], topic: str) -> None:
    q = read_question(text)
    assert q is not None and q.form == "speaker_topic"
    assert q.speakers[:len(speakers)] == speakers
    assert q.topic == topic


def test_a_verb_that_is_the_topic_stays_in_it() -> None:
    q = read_question("why wouldn't Kask endorse Marta Lind before her primary?")
    assert q is not None and q.speakers == ("Kask",) and q.topic == "endorse Marta Lind before her primary"


@pytest.mark.parametrize("text", ["what did Kask say", "what has Kask said lately", "What did Kask say recently?",
                                  "what did Kask say about", "what did Kask say about?"])
def test_no_topic(text: str) -> None:
    q = read_question(text)
    assert q is not None and q.form == "speaker" and q.topic is None and q.speakers == ("Kask",)


def test_other_forms_are_kept() -> None:
    assert read_question('who said "light over darkness"').phrase == "light over darkness"
    assert read_question("news about the ferry").topic == "the ferry"
    assert read_question("what is Kask's view on the ferry").speakers == ("Kask",)
    assert read_question("did Kask say anything about the ferry").topic == "the ferry"
    assert read_question("the weather in spring is nice") is None


def test_whom_it_was_said_to_is_kept_apart_from_the_topic() -> None:
    q = read_question("what did the Norlandian president tell Ana Pik about the ferry")
    assert q.speakers == ("the Norlandian president",) and q.topic == "the ferry" and q.addressee == "Ana Pik"
    assert q.topic_words == "the ferry Ana Pik"


@pytest.mark.parametrize("text, topic, occasion", [
    ("What did Ivo Kask say in his Harbour victory speech?", "in his Harbour victory speech",
     "in his Harbour victory speech"),
    ("what did Kask say about the ferry after he won Norland", "the ferry after he won Norland",
     "after he won Norland"),
    ("What did Kask say about voters' anger in her primary-night speeches?",
     "voters' anger in her primary-night speeches", "in her primary-night speeches"),
    ("what did Kask say about the debate", "the debate", None),  # the debate is the topic
])
def test_the_occasion_is_told_apart_from_the_topic(text: str, topic: str, occasion: str | None) -> None:
    q = read_question(text)
    assert q is not None and q.topic == topic and q.occasion == occasion


def test_the_setting_holds_the_occasion_and_the_addressee() -> None:
    q = read_question("what did Kask tell the harbour workers at the rally about the ferry")
    assert q is not None and q.topic == "the ferry" and q.addressee == "the harbour workers at the rally"
    assert "harbour workers" in q.setting


@pytest.mark.parametrize("text", ["news", "latest news", "Headlines?", "what's new", "any news today"])
def test_news_on_no_topic_asks_for_the_latest_stories(text: str) -> None:
    q = read_question(text)
    assert q is not None and q.form == "news" and q.topic is None


@pytest.mark.parametrize("text", ["who said", "Who said?"])
def test_who_said_with_no_words_is_still_who_said(text: str) -> None:
    q = read_question(text)
    assert q is not None and q.form == "who_said" and not q.phrase
