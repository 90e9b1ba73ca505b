"""The learned source scorer never takes a function word ("and", "in", "the") for the source of a
model span, but how sure it is that the span has a source still counts (a made-up article)."""
from __future__ import annotations

import math

from bot.quotes.model.link import content_bounds
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


def test_a_month_or_a_day_is_never_the_source():
    # "her March comment that ...": March is when, not who
    assert {"march", "may", "monday", "yesterday"} <= NOT_SOURCE


def test_the_ranker_picks_the_word_and_the_detector_says_how_sure():
    # the ranker prefers "Kask"; the probability is the detector's for its own best word ("knows")
    seq = sequences("The harbour plan will fail and Kask knows it.\n", [0])[0]
    low = [t.text.lower() for t in seq.tokens]
    scorer = SourceScorer({"b": -1.0, "w=knows": 2.0}, rank={"w=kask": 1.0, "w=knows": -1.0})
    best = scorer.best(seq, low, ["O"] * len(low), (0, 4), None)
    assert seq.tokens[best[0]].text == "Kask"
    assert math.isclose(best[1], 1 / (1 + math.exp(-1.0)), rel_tol=1e-6)


def test_a_file_of_old_has_one_scorer_for_both(tmp_path):
    path = tmp_path / "m.source.json"
    path.write_text('{"b": -1.0, "w=kask": 1.5}')
    scorer = SourceScorer.load(path)
    assert scorer.rank is scorer.w and scorer.w["w=kask"] == 1.5
    path.write_text('{"detect": {"b": -1.0}, "rank": {"w=kask": 2.0}}')
    scorer = SourceScorer.load(path)
    assert scorer.w == {"b": -1.0} and scorer.rank == {"w=kask": 2.0}


def test_model_content_stops_at_a_quotation_that_ends_its_sentence():
    text = 'after her comment that, "We will close the mines." The union will sit out the election.'
    c0, c1 = content_bounds(text, text.index("that"), len(text))
    assert text[c0:c1] == "We will close the mines"
    plain = "officials said the plan, which failed, would cost more."
    c0, c1 = content_bounds(plain, plain.index("the plan"), len(plain))
    assert plain[c0:c1] == "the plan, which failed, would cost more"
