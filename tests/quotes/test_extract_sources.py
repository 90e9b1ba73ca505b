"""Who is the source: outlets reporting, clauses that are narrative, speakers that are no one
(made-up articles and names)."""
from __future__ import annotations

import pytest

from bot.quotes.attributions import extract_attributions
from bot.quotes.patterns import is_passive
from bot.quotes.speakers import ArticleSpeakers, plausible_name


@pytest.mark.parametrize("text", [
    "The Valby Courier reported that Governor Tom Brell asked the chief to drop the case.\n",
    "According to the Valby Courier, Governor Tom Brell asked the chief to drop the case.\n",
    "Governor Tom Brell asked the chief to drop the case, the Valby Courier reported.\n",
    "Governor Tom Brell told the chief to drop the case, officials said.\n",
])
def test_a_report_about_someone_is_not_their_statement(text):
    attributions = [a for a in extract_attributions(text) if "drop the case" in a.content]
    assert attributions, "the report itself is an attribution"
    assert all(a.speaker != "Tom Brell" for a in attributions)
    assert all(a.cue in {"reported", "according to", "According to", "said"} for a in attributions)


def test_outlet_is_the_speaker_of_its_report(find):
    text = "Governor Tom Brell asked the chief to drop the case, the Valby Courier reported.\n"
    a = find(extract_attributions(text), "drop the case")
    assert a.speaker_mention == "the Valby Courier" and a.speaker == "Valby Courier"


def test_subordinate_clause_ends_before_the_main_clause(find):
    text = "When Tom Brell said he would run for governor in the 2008 race, Ilse Varga was by his side again.\n"
    a = find(extract_attributions(text), "run for governor")
    assert "Varga" not in a.content and a.speaker == "Tom Brell"


def test_opening_phrase_is_not_the_content(find):
    text = "In an interview with the Valby Times, Governor Tom Brell said the harbour plan would fail.\n"
    a = find(extract_attributions(text), "harbour plan")
    assert a.content == "the harbour plan would fail" and a.speaker == "Tom Brell"


def test_content_before_a_closing_cue_is_kept(find):
    text = "The harbour plan, which is costly, will fail next year, Governor Tom Brell said.\n"
    a = find(extract_attributions(text), "harbour plan")
    assert a.content.startswith("The harbour plan") and a.speaker == "Tom Brell"


@pytest.mark.parametrize("name", ["man", "Man", "Department", "S. TV", "J.", "Had I", "Speaking", "Poll"])
def test_common_nouns_and_fragments_are_no_speakers(name):
    assert not plausible_name(name)


@pytest.mark.parametrize("name", ["Tom Brell", "Brell", "Valby Courier", "CNN", "Republicans", "Ilse M. Varga"])
def test_names_and_outlets_are_speakers(name):
    assert plausible_name(name)


@pytest.mark.parametrize("mention", ["the man", "the Department", "S. TV"])
def test_common_noun_mentions_resolve_to_nobody(mention):
    text = f"“We will win this race,” {mention} said.\n"
    assert [a.speaker for a in extract_attributions(text)] == [None]
    assert ArticleSpeakers(text).resolve(mention, 0) is None


def test_shares_of_a_poll_are_speakers_but_not_names(find):
    text = ("Twenty-four percent said they were more likely to vote for the mayor.\n\n"
            "Nearly half said they prefer a candidate with experience.\n")
    attributions = extract_attributions(text)
    a, b = find(attributions, "more likely"), find(attributions, "prefer a candidate")
    assert (a.speaker_mention, a.speaker) == ("Twenty-four percent", None)
    assert (b.speaker_mention, b.speaker) == ("Nearly half", None)


@pytest.mark.parametrize("speaker", ["an Iowa Democrat", "a New Hampshire Republican", "one Valby official"])
def test_an_unnamed_source_with_a_capitalised_head_speaks_but_names_no_one(find, speaker):
    text = f"The race tightened.  “She is too far behind,” said {speaker}.\n"
    a = find(extract_attributions(text), "too far behind")
    assert a.kind == "direct" and a.speaker_mention == speaker and a.speaker is None


def test_reported_words_end_where_another_speaker_begins(find):
    text = "Governor Tom Brell said the harbour plan would fail, but Mayor Ilse Varga insisted it would succeed.\n"
    found = extract_attributions(text, tagger=None)
    brell, varga = find(found, "harbour plan"), find(found, "succeed")
    assert brell.content == "the harbour plan would fail" and brell.speaker == "Tom Brell"
    assert varga.content == "it would succeed" and varga.speaker == "Ilse Varga"


def test_a_noun_cue_after_a_capitalised_modifier_has_its_possessor_as_source(find):
    text = ("Mayor Ilse Varga lost the vote. The union will not back Varga after her March comment that "
            "the harbour plan would cost jobs.\n")
    a = find(extract_attributions(text, tagger=None), "harbour plan")
    assert a.speaker_mention == "her" and a.cue == "comment"


def test_according_to_opening_a_reported_clause_is_nested_in_it(find):
    text = ("Eva Lind, a member of the committee, said on Tuesday that according to its count, the party "
            "has won most of the seats.\n")
    found = extract_attributions(text, tagger=None)
    outer = [a for a in found if a.cue == "said"]
    assert outer and outer[0].speaker == "Eva Lind" and "most of the seats" in outer[0].content
    inner = [a for a in found if a.cue.lower() == "according to"]
    assert all(not a.content.startswith("Eva Lind") for a in inner)


@pytest.mark.parametrize("text", [
    "Senator Ilse Varga was asked whether the harbour plan would fail.\n",
    "Tom Brell was told that the harbour plan would fail.\n",
    "Tom Brell was declared the winner of the harbour vote on Tuesday night.\n",
])
def test_the_subject_of_a_passive_cue_is_not_the_speaker(text):
    assert all(a.speaker_mention not in ("Senator Ilse Varga", "Tom Brell")
               for a in extract_attributions(text, tagger=None) if "harbour" in a.content)


def test_the_agent_of_a_passive_cue_speaks(find):
    text = "Tom Brell was declared the winner of the harbour vote by the Valby Courier on Tuesday.\n"
    a = find(extract_attributions(text, tagger=None), "winner")
    assert a.speaker_mention == "the Valby Courier"


@pytest.mark.parametrize("before, cue, passive", [
    ("Tom Brell was ", "asked", True),
    ("Tom Brell has not been ", "told", True),
    ("Tom Brell ", "was declared", True),  # the model's cues may hold the "be"
    ("Tom Brell was ", "saying", False),
    ("Tom Brell ", "said", False),
    ("Tom Brell has ", "said", False),
])
def test_a_passive_cue_is_told_from_an_active_one(before, cue, passive):
    assert is_passive(before, cue) is passive
