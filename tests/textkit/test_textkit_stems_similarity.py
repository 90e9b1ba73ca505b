"""textkit.stems (Snowball, one stemmer) and textkit.similarity (one near-duplicate measure)."""
from __future__ import annotations

from textkit.similarity import OVERLAP, SAME, near_duplicate, normalized, resemblance
from textkit.stems import root, stem


def test_stem_is_snowball_of_the_lower_case_word() -> None:
    assert stem("Running") == "run" and stem("policies") == stem("policy") == "polici"
    assert stem("terrorists") == "terrorist"


def test_root_also_strips_ist_and_ian() -> None:
    assert root("terrorists") == root("terror") == "terror"
    assert root("Christian") == "christ"
    assert root("artist") == "artist"  # "art" would be too short a root


def test_normalized_folds_case_and_punctuation() -> None:
    assert normalized("“The council,” she said — again!") == "the council she said again"


def test_one_sentence_told_twice_is_the_same() -> None:
    a = normalized("The council approved the budget by a vote of 9 to 2.")
    b = normalized("The council approved the budget, by a vote of 9-2.")
    assert near_duplicate(a, b) and resemblance(a, b) >= SAME
    assert near_duplicate(normalized("Teh mayor resigned."), normalized("The mayor resigned."))
    assert not near_duplicate(a, normalized("Critics said the plan leaves too little for roads."))


def test_one_fact_in_two_outlets_words_overlaps() -> None:
    a = normalized("The mayor of Springfield resigned on Monday after eight years in office.")
    b = normalized("Springfield's mayor resigned on Monday after eight years in office, officials said.")
    assert not near_duplicate(a, b) or resemblance(a, b) >= SAME
    assert near_duplicate(a, b, OVERLAP)
    assert not near_duplicate(a, normalized("Floods closed three schools in the north of the county."), OVERLAP)
