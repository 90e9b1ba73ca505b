"""textkit.words: the one tokenizer (words for reading, tokens for aligning and searching, terms for features)."""
from __future__ import annotations

from textkit.words import strip_possessive, terms, token_spans, tokens, words, pieces


def test_words_keep_inner_hyphens_and_apostrophes_and_drop_possessives() -> None:
    assert words("Putin's al-Qaeda remark: don't panic, G20!") == ["Putin", "al-Qaeda", "remark", "don't", "panic", "G20"]
    assert words("The U.S. Army’s 3-year plan", lower=True) == ["the", "u", "s", "army", "year", "plan"]


def test_words_are_letters_first() -> None:
    assert words("1,200 people, 42nd street, under_score") == ["people", "nd", "street", "under", "score"]


def test_tokens_split_at_every_apostrophe_and_hyphen_and_keep_digits() -> None:
    assert tokens("ISIS's al-Qaeda in 2015") == ["isis", "s", "al", "qaeda", "in", "2015"]
    assert token_spans("Hi, you") == [("hi", 0, 2), ("you", 4, 7)]


def test_terms_add_numbers_and_times() -> None:
    assert [m.group() for m in terms("At 10:30 on May 5, 1,200 F-16s flew.")] == [
        "At", "10:30", "on", "May", "5", "1,200", "F-16s", "flew"]


def test_strip_possessive() -> None:
    assert strip_possessive("Putin's") == "Putin" and strip_possessive("Jones’s") == "Jones"
    assert strip_possessive("is") == "is" and strip_possessive("'s") == "'s"


def test_pieces_keep_punctuation_and_clitics_for_sequence_labelling():
    text = 'U.S. officials said, "We’re done."'
    assert [m.group() for m in pieces(text)] == ["U.S", ".", "officials", "said", ",", '"', "We", "’re",
                                                 "done", ".", '"']
