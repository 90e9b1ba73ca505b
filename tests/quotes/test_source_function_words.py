"""The learned source scorer never takes a function word ("and", "in", "the") for the source of a
model span, but how sure it is that the span has a source still counts (a made-up article)."""
from __future__ import annotations

import math

from bot.quotes.model.source import NOT_SOURCE, SourceScorer
from bot.quotes.model.tokens import sequences


def _scored(weights: dict[str, float]):
    text = "The harbour plan will fail and Kask knows it.\n"
    seq = sequences(text, [0])[0]
    low = [t.text.lower() for t in seq.tokens]
    best = SourceScorer(weights).best(seq, low, ["O"] * len(low), (0, 4), None)  # "The harbour plan will"
    return seq, best


def test_the_scorer_skips_function_words_but_keeps_their_score():
    # weights that favour "and" above "Kask": the source is still Kask, at the probability "and" had
    seq, best = _scored({"b": -1.0, "w=and": 3.0, "w=kask": 1.5})
    assert "and" in NOT_SOURCE and best is not None
    assert seq.tokens[best[0]].text == "Kask"
    assert math.isclose(best[1], 1 / (1 + math.exp(-2.0)), rel_tol=1e-6)


def test_a_possessive_can_still_be_the_source():
    # "his claim that ...": the annotated source is the possessive itself
    assert not {"his", "her", "their", "its"} & NOT_SOURCE


def test_without_function_words_the_best_word_wins_as_before():
    seq, best = _scored({"b": -1.0, "w=kask": 1.5})
    assert seq.tokens[best[0]].text == "Kask"
    assert math.isclose(best[1], 1 / (1 + math.exp(-0.5)), rel_tol=1e-6)
