"""The shared readability rules."""
from __future__ import annotations

import pytest

from summarizers.pipeline import prepare, select
from summarizers.readable import Quality, classify, near_duplicate, normalized


@pytest.mark.parametrize(
    "sentence",
    [
        "Security check after the match. (AP/Markus Schreiber)",
        "Crowds in the square on Monday. (AP)",
        "Leaders meet at the summit in Paris. (screen capture: YouTube)",
        "Click here to send your gift today.",
        "Donate now and keep us independent.",
        "Sign up for our newsletter to get the news.",
        "Jane Roe is a breaking news editor at The Daily Planet.",
        "Reuters staff contributed to this report.",
        "Order ten packages for your whole team now!",
    ],
)
def test_furniture(sentence: str) -> None:
    assert classify(sentence, len(sentence.split())) is Quality.FURNITURE


@pytest.mark.parametrize("sentence", ["Storm hits coast", "By Jane Roe", "Published: 11/30/2015 - 09:10pm", "Why?"])
def test_fragments(sentence: str) -> None:
    assert classify(sentence, len(normalized(sentence).split())) is Quality.FRAGMENT


@pytest.mark.parametrize(
    "sentence",
    [
        "The treaty was signed by the North Atlantic Treaty Organization (NATO).",
        "Share prices fell 3% on Monday after the report.",
        "Support for the bill grew among Republicans this week.",
        "Prime Minister Jane Roe (left) met the president on Monday.",
    ],
)
def test_ordinary_sentences_are_ok(sentence: str) -> None:
    assert classify(sentence, len(sentence.split())) is Quality.OK


def test_dateline_is_trimmed_from_the_first_sentence() -> None:
    doc = prepare("London (CNN) -- The mayor resigned on Monday. He had served two terms.")
    assert doc.sentences[0].text == "The mayor resigned on Monday."
    doc = prepare("(CNN)The mayor resigned on Monday after eight years.")
    assert doc.sentences[0].text == "The mayor resigned on Monday after eight years."


def test_sign_off_and_what_follows_it_are_furniture() -> None:
    body = " ".join(f"Paragraph {n} says something new about the case." for n in range(6))
    doc = prepare(body + "\n\nBy: Jane Roe, Staff\n\nHelp us keep reporting with a gift today.")
    assert [s.quality for s in doc.sentences[-2:]] == [Quality.FURNITURE, Quality.FURNITURE]


def test_near_duplicates() -> None:
    a = normalized("The council approved the budget by a vote of 9 to 2.")
    b = normalized("The council approved the budget, by a vote of 9-2.")
    assert near_duplicate(a, b)
    assert not near_duplicate(a, normalized("Critics said the plan leaves too little for roads."))


def test_dangling_pronoun_waits_for_a_better_sentence() -> None:
    text = (
        "The mayor announced a new plan for the city on Monday. "
        "It will cost four million dollars over five years. "
        "Residents welcomed the plan at a meeting in the evening."
    )
    doc = prepare(text)
    chosen = select(doc, [1, 2, 0], count=2, max_chars=None)
    assert [s.index for s in chosen] == [0, 2]
    chosen = select(doc, [1, 0], count=2, max_chars=None)
    assert [s.index for s in chosen] == [0, 1]
