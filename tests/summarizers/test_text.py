"""The offline sentence splitter and word tokenizer on the hard cases."""
from __future__ import annotations

import pytest

from summarizers.text import Tokenizer, sentences, split_sentences, words


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Mrs. Jones and Dr. Brown on Sept. 5 in Washington.",
        "The U.S. Army said it would stay.",
        "U.S. officials said the talks went well.",
        "J. K. Rowling wrote the books.",
        "Shares rose 3.5 percent to $12.75 on Monday.",
        "Bring a coat, e.g. a parka, i.e. something warm.",
        'He asked, "Why now?" and left.',
        '"Really?" she asked.',
        "He met Gen. Smith and Lt. Col. Jones at 5 p.m. on Sunday.",
        "The No. 2 seed lost.",
    ],
)
def test_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He moved to the U.S. The next day he left.", ["He moved to the U.S.", "The next day he left."]),
        ('"I am here." He smiled.', ['"I am here."', "He smiled."]),
        ("“It is done.” He left.", ["“It is done.”", "He left."]),
        ("Did she win? ‘No.’ Then she cried!", ["Did she win?", "‘No.’", "Then she cried!"]),
        ("He waited... Then it rained.", ["He waited...", "Then it rained."]),
        ("It grew.\nIt fell.", ["It grew.", "It fell."]),
        ("1. The first point holds. 2. So does the second.", ["1. The first point holds.", "2. So does the second."]),
    ],
)
def test_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_closing_punctuation_stays_inside_the_quote() -> None:
    text = 'She said "we will win." Then she left. He replied, “Not so fast!” The crowd laughed.'
    assert sentences(text) == [
        'She said "we will win."',
        "Then she left.",
        "He replied, “Not so fast!”",
        "The crowd laughed.",
    ]


def test_quote_spanning_sentences_keeps_all_text() -> None:
    text = '“We came here. We stayed. We won,” the coach said. Fans cheered.'
    parts = sentences(text)
    assert parts[-1] == "Fans cheered."
    assert parts[-2].endswith("the coach said.")
    assert " ".join(parts) == text


def test_blank_line_ends_a_headline() -> None:
    text = "Storm hits coast\n\nA storm hit the coast on Monday. Homes were flooded."
    assert sentences(text) == ["Storm hits coast", "A storm hit the coast on Monday.", "Homes were flooded."]


def test_open_quotation_continues_over_a_paragraph_break() -> None:
    text = "“We will keep going,\n\nand we will win,” he said.\n\nNext paragraph."
    assert sentences(text) == ["“We will keep going,\n\nand we will win,” he said.", "Next paragraph."]


def test_wrapped_lines_are_joined_but_heading_lines_are_cut() -> None:
    text = "Talks in Paris\nThe minister met the\npresident on Monday.\n(AP Photo)\nTalks went on."
    assert sentences(text) == [
        "Talks in Paris",
        "The minister met the\npresident on Monday.\n(AP Photo)",
        "Talks went on.",
    ]


def test_trailing_credit_stays_with_its_caption() -> None:
    assert sentences("A man waves a flag. (AP/Jane Doe)\n\nTalks began.") == [
        "A man waves a flag. (AP/Jane Doe)",
        "Talks began.",
    ]


def test_spans_are_stripped_offsets() -> None:
    text = "  First one.   Second one.\n\n  Third one.  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one.", "Third one."]
    assert all(text[a] != " " and text[b - 1] != " " for a, b in spans)


def test_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_words() -> None:
    assert words("Putin's state-of-the-art plan, don't 3.5 fret!") == ["Putin", "state-of-the-art", "plan", "don't", "fret"]
    assert words("The Cat", lower=True) == ["the", "cat"]


def test_tokenizer_works_with_sumy_offline() -> None:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    text = "Cats purr. Dogs bark loudly at night. Birds sing at dawn. Cats sleep all day long."
    document = PlaintextParser.from_string(text, Tokenizer("english")).document
    assert len(document.sentences) == 4
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    assert len(summarizer(document, 2)) == 2
