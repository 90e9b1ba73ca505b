"""Event features: names, numbers, title and lead weighting."""
from __future__ import annotations

from bot.stories import StoryDoc
from bot.stories.features import FeatureWeights, extract, is_year

TEXT = (
    "Marta Kessel Quits Veldhaven Council After 12 Years\n"
    "Kessel announced on Tuesday at 10:30 that she would leave the Veldhaven council. "
    "The council thanked Marta Kessel for 12 years of service. Security was tight as security staff checked bags."
)


def test_names_numbers_and_phrases() -> None:
    feats = extract(StoryDoc(1, None, TEXT, None))
    assert {"e:kessel", "e:veldhaven", "p:marta kessel", "n:12"} <= feats.keys()
    assert "e:quits" not in feats  # capitalized only because the line is headline-style
    assert "e:security" not in feats  # also written in lower case: a sentence start
    assert not any(f.startswith("n:10") or f == "n:30" for f in feats)  # time of day


def test_title_and_lead_count_more() -> None:
    body = "Officials met in the capital. " + "Filler sentence about nothing. " * 20 + "Harbour strike talk."
    feats = extract(StoryDoc(1, "Harbour strike ends", body, None), FeatureWeights(title=3.0))
    assert feats["w:harbour"] > feats["w:filler"] / 2
    assert feats["w:offici"] > extract(StoryDoc(1, None, "x " * 60 + "Officials met.", None))["w:offici"]


def test_years_and_months_are_time_features() -> None:
    feats = extract(StoryDoc(1, None, "The fund paid 2,013 claims. In March 2013 it closed; may it rest.", None))
    assert {"t:2013", "t:march", "n:2013"} <= feats.keys()  # "2,013" is a count, not a year
    assert "t:may" not in feats and "e:march" not in feats
    assert is_year("t:2013") and not is_year("t:march") and not is_year("n:2013")
