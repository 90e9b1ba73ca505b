"""Every module's contract: order, no duplicates or furniture, length limits, edge inputs."""
from __future__ import annotations

from pathlib import Path

import pytest

import summarizers
from summarizers.base import Summarizer, Summary

ARTICLE = """City council approves new budget

Residents gather outside city hall on Tuesday. (AP Photo/Jane Doe)

The city council approved a $4.2 billion budget on Tuesday after months of debate over police and school funding.

The budget raises school spending by 6% and keeps the police budget flat, council members said.

Residents gather outside city hall on Tuesday. (AP Photo/Jane Doe)

"This is a budget for our children," Mayor Ana Ruiz said after the vote. "We listened to the parents."

Donate now to support local journalism! Click here to subscribe to our newsletter.

Critics said the plan leaves too little for road repairs, which have been delayed for three years.

Council member Tom Lee voted against the budget, saying the road repair fund was far too small for the city.

The council approved the budget by a vote of 9 to 2 after a four-hour meeting.

The council approved the budget by a vote of 9 to 2 after a four-hour meeting.

The new budget takes effect on July 1, when the city's fiscal year begins.
"""

FURNITURE = ("AP Photo", "Donate", "Click here", "City council approves new budget")


@pytest.fixture(params=summarizers.available())
def module(request: pytest.FixtureRequest) -> Summarizer:
    return summarizers.get(request.param)


def test_registry_covers_every_module_file() -> None:
    package = Path(summarizers.__file__).parent
    infrastructure = {"__init__", "base", "text", "readable", "pipeline", "sumy_adapter"}
    modules = {p.stem for p in package.glob("*.py")} - infrastructure
    assert modules == set(summarizers.available())
    assert summarizers.DEFAULT_METHOD in summarizers.REGISTRY
    assert summarizers.available()[0] == summarizers.DEFAULT_METHOD


def test_unknown_name_lists_valid_names() -> None:
    with pytest.raises(ValueError, match="lexrank"):
        summarizers.get("nope")


def test_get_default_and_case() -> None:
    assert summarizers.get().name == summarizers.DEFAULT_METHOD
    assert summarizers.get("LexRank").name == "lexrank"


def test_contract(module: Summarizer) -> None:
    assert isinstance(module, Summarizer)
    summary = module.summarize(ARTICLE, sentences=3)
    assert isinstance(summary, Summary) and summary.method == module.name
    assert len(summary.sentences) == 3
    indices = [s.index for s in summary.sentences]
    assert indices == sorted(indices)
    starts = [s.start for s in summary.sentences]
    assert starts == sorted(starts)
    for sentence in summary.sentences:
        assert " ".join(ARTICLE[sentence.start : sentence.end].split()) == sentence.text
    texts = [s.text for s in summary.sentences]
    assert len(set(texts)) == len(texts)
    for text in texts:
        assert not any(marker in text for marker in FURNITURE), text
    assert summary.text == " ".join(texts)


def test_no_duplicates_when_asking_for_everything(module: Summarizer) -> None:
    texts = [s.text for s in module.summarize(ARTICLE, sentences=20).sentences]
    assert len(set(texts)) == len(texts)
    assert texts.count("The council approved the budget by a vote of 9 to 2 after a four-hour meeting.") == 0
    assert not any(marker in t for t in texts for marker in FURNITURE)


@pytest.mark.parametrize("max_chars", [100, 250, 400])
def test_max_chars_cuts_at_sentence_boundaries(module: Summarizer, max_chars: int) -> None:
    summary = module.summarize(ARTICLE, sentences=5, max_chars=max_chars)
    assert 0 < len(summary.text) <= max_chars
    for sentence in summary.sentences:
        assert sentence.text.endswith((".", '"', "!", "?"))


def test_max_chars_too_small(module: Summarizer) -> None:
    assert module.summarize(ARTICLE, max_chars=10).sentences == ()


def test_empty_input(module: Summarizer) -> None:
    for text in ("", "   \n\n  "):
        summary = module.summarize(text)
        assert summary.sentences == () and summary.text == ""


def test_one_sentence_input(module: Summarizer) -> None:
    text = "The council approved the budget on Tuesday."
    summary = module.summarize(text, sentences=3)
    assert [(s.text, s.start, s.end, s.index) for s in summary.sentences] == [(text, 0, len(text), 0)]


def test_headline_only_input_still_gives_something(module: Summarizer) -> None:
    summary = module.summarize("Council approves budget after long debate over schools")
    assert len(summary.sentences) == 1


def test_zero_sentences(module: Summarizer) -> None:
    assert module.summarize(ARTICLE, sentences=0).sentences == ()


def test_title_is_accepted(module: Summarizer) -> None:
    summary = module.summarize(ARTICLE, sentences=2, title="City council approves new budget")
    assert len(summary.sentences) == 2
