"""Ordinary news sentences survive every cleaning rule (ingest's cleaner and metadata, the summarizers' quality rules).

The rules that drop captions, credits, appeals, bios and sign-offs are tested on the samples elsewhere; these are
their negative tests: real-looking sentences that start with a time, "Watch", "Read", "Source", "Comments",
"Written by", "Copyright", a journalist's name... and must reach a summary.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import clean, metadata
from summarizers import pipeline, readable
from summarizers.text import words

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ordinary_sentences.txt"
SENTENCES = [line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
LEAD = "The government announced a new package of measures on Tuesday, officials said."


def test_the_fixture_is_a_real_set() -> None:
    assert len(SENTENCES) >= 40 and len(set(SENTENCES)) == len(SENTENCES)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_summary_quality_rules_keep_it(sentence: str) -> None:
    assert readable.classify(sentence, len(words(sentence))) is readable.Quality.OK
    assert readable.tail_start([LEAD, LEAD, sentence]) == 3  # not a sign-off that ends the article
    assert readable.display_span(sentence, 0, len(sentence), first=True) == (0, len(sentence))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_ingest_cleaning_keeps_it(sentence: str) -> None:
    article = [LEAD, "A second paragraph explains what the measures are and who they will help.", sentence,
               "A last paragraph says when the measures take effect and what they will cost."]
    assert clean.clean_paragraphs(article) == article
    assert clean.clean_paragraphs([sentence]) == [sentence]
    assert clean.clean_article(sentence) == sentence
    assert not (clean.is_caption(sentence) or clean.is_furniture(sentence) or clean.is_footer(sentence)
                or clean.is_call_to_action(sentence))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_metadata_rules_do_not_take_it_for_metadata(sentence: str) -> None:
    assert metadata.parse_byline(sentence) is None
    assert metadata.parse_source(sentence) is None
    assert metadata.parse_dateline(sentence) is None
    assert metadata.parse_bio(sentence) is None
    assert not metadata.is_contribution_note(sentence)
    assert not metadata.is_url(sentence)
    assert not metadata.is_metadata(sentence)


def test_a_whole_article_of_them_keeps_every_sentence() -> None:
    text = "\n\n".join([LEAD, *SENTENCES])
    doc = pipeline.prepare(clean.clean_article(text))
    assert [s.text for s in doc.sentences] == [LEAD, *SENTENCES]
    assert [s.text for s in doc.sentences if s.quality is not readable.Quality.OK] == []


@pytest.mark.parametrize("furniture", [
    "Matthew 24:7 For nation will rise against nation, and kingdom against kingdom.",
    "Tamar Pileggi is a breaking news editor at The Times of Israel.",
    "Copyright 2017 The Associated Press. All rights reserved.",
    "Click Here to Send Your Gift to Israeli Soldiers",
])
def test_the_narrowed_rules_still_drop_furniture(furniture: str) -> None:
    assert readable.classify(furniture, len(words(furniture))) is not readable.Quality.OK


@pytest.mark.parametrize("sign_off", ["Most Popular", "read more:", "Comments", "3 Comments", "Written by Jane Doe",
                                      "Reporting by Jane Doe; Editing by Bob Smith"])
def test_the_narrowed_rules_still_end_the_article(sign_off: str) -> None:
    assert readable.tail_start([LEAD, LEAD, sign_off]) == 2
