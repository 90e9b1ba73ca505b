"""Whose turn a quote is: run-on clauses, quotes without a cue, two people in a paragraph
(made-up articles and names)."""
from __future__ import annotations

from bot.quotes.attributions import extract_attributions


def test_quote_opening_a_reported_clause_takes_the_clause(find):
    text = "Mayor Tom Brell said “it gets me mad” every time he thinks about the closed harbour.\n"
    a = find(extract_attributions(text), "gets me mad")
    assert a.content.endswith("the closed harbour") and a.speaker == "Tom Brell"


def test_quote_ending_the_sentence_stays_a_direct_quote(find):
    text = "Mayor Tom Brell said “the harbour plan is dead.” Ilse Varga left the room.\n"
    a = find(extract_attributions(text), "harbour plan")
    assert a.kind == "direct" and a.content == "the harbour plan is dead"


def test_quote_after_another_persons_sentence_is_not_inherited():
    text = ("“We will rebuild the harbour,” Mayor Tom Brell said on Monday.\n\n"
            "Councillor Ilse Varga disagreed with him. “The town cannot pay for it.”\n")
    attributions = extract_attributions(text)
    assert all(a.speaker != "Tom Brell" for a in attributions if "cannot pay" in a.content)


def test_quote_continuing_the_same_speaker_is_inherited(find):
    text = ("“We will rebuild the harbour,” Mayor Tom Brell said on Monday.\n\n"
            "“The work starts in the spring and ends before winter.”\n")
    assert find(extract_attributions(text), "work starts").speaker == "Tom Brell"


def test_scare_quote_in_a_later_paragraph_is_nobodys_words():
    text = ("“We will rebuild the harbour,” Mayor Tom Brell said on Monday.\n\n"
            "Critics have called the plan a “boondoggle” for years.\n")
    assert not [a for a in extract_attributions(text) if a.content == "boondoggle"]


def test_quotations_of_two_speakers_are_not_run_together():
    text = ("“We will rebuild the harbour,” Brell said. “It will take a year,” Varga said.\n")
    attributions = [a for a in extract_attributions(text) if a.kind == "direct"]
    assert len(attributions) == 2
    assert {a.speaker_mention for a in attributions} == {"Brell", "Varga"}


def test_the_one_told_is_not_the_speaker():
    text = "Senator Ilse Varga backs the bill.\n\n“We stand together on this bill,” telling the Valby Courier.\n"
    assert all(a.speaker != "Valby Courier" for a in extract_attributions(text))


def test_asked_and_warned_may_come_before_their_speaker(find):
    text = "“Is the harbour plan dead?” asked Senator Ilse Varga.\n"
    assert find(extract_attributions(text), "harbour plan").speaker == "Ilse Varga"


def test_role_with_a_name_in_apposition_after_a_quote(find):
    text = ("Senator Ilse Varga backs the bill.\n\n"
            "“Varga believes the harbour deal is essential,” her senior policy adviser, Jon Sulla, told the Observer.\n")
    a = find(extract_attributions(text), "harbour deal")
    assert a.speaker_mention == "Jon Sulla" and a.speaker == "Jon Sulla"
