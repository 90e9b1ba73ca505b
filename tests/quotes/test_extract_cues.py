"""Cues beyond "said": praise and criticism verbs, noun cues, colons (made-up articles and names)."""
from __future__ import annotations

from bot.quotes.attributions import extract_attributions

INTRO = "Mayor Ivo Kask met the Valby council on Monday.\n\n"


def test_praise_verb_after_a_quote(find):
    a = find(extract_attributions(INTRO + "“It is a bold step for the town,” Kask lauded.\n"), "bold step")
    assert a.cue == "lauded" and a.speaker == "Ivo Kask"


def test_praise_verb_with_an_object(find):
    a = find(extract_attributions(INTRO + "Kask lauded the volunteers for their work during the floods.\n"),
             "volunteers")
    assert a.speaker == "Ivo Kask"


def test_criticism_verbs_introduce_statements(find):
    text = INTRO + ("Kask slammed the ruling as “a betrayal of voters.”\n\n"
                    "Kask lambasted the council for delaying the vote on the harbour.\n")
    attributions = extract_attributions(text)
    assert find(attributions, "betrayal").speaker == "Ivo Kask"
    assert find(attributions, "delaying the vote").cue == "lambasted"


def test_possessive_noun_cues(find):
    text = INTRO + ("Kask repeated his claim that the harbour would close within a year.\n\n"
                    "Councillor Marta Lind renewed her call for a new vote on the budget.\n\n"
                    "Lind's criticism of the harbour plan has grown louder since the spring.\n")
    attributions = extract_attributions(text)
    claim = find(attributions, "harbour would close")
    assert claim.cue == "claim" and claim.speaker == "Ivo Kask"
    assert claim.content.startswith("the harbour")
    call = find(attributions, "a new vote on the budget")
    assert call.speaker == "Marta Lind" and call.speaker_mention == "her"
    assert find(attributions, "the harbour plan").speaker == "Marta Lind"


def test_noun_cue_inside_a_verbs_content_is_not_repeated():
    text = INTRO + "Kask dismissed her claim that the harbour would close within a year.\n"
    attributions = [a for a in extract_attributions(text) if "harbour would close" in a.content]
    assert [a.cue for a in attributions] == ["dismissed"]


def test_colon_after_a_name_and_after_said(find):
    text = INTRO + "Kask: we will win this race.\n\nKask said: “We will rebuild the harbour.”\n"
    attributions = extract_attributions(text)
    assert find(attributions, "we will win").speaker == "Ivo Kask"
    assert find(attributions, "rebuild the harbour").speaker == "Ivo Kask"


def test_pronoun_cue_with_a_named_addressee(find):
    text = INTRO + "“We will not back down,” he told Marta Lind.\n\n“The budget is a disgrace,” she told reporters.\n"
    attributions = extract_attributions(text)
    a = find(attributions, "back down")
    assert a.speaker == "Ivo Kask" and a.speaker_mention == "he"


def test_a_second_predicate_of_the_subject_introduces_the_quote(find):
    text = INTRO + ("As the crowd began to chant, Kask was joined on stage by Sen. Lena Sova and joked, "
                    "“Harbour people, you are being ridiculous tonight,” drawing loud jeers.\n")
    a = find(extract_attributions(text), "being ridiculous")
    assert a.speaker == "Ivo Kask" and a.cue == "joked" and a.kind == "direct"


def test_a_quotation_alone_in_its_paragraph_continues_the_reported_statement_before(find):
    text = INTRO + ("Kask, clearly annoyed, answered by pointing at the reporter, saying the council "
                    "had misread the harbour budget.\n\n"
                    "“I do not have the money — I have the votes. I am so tired of the council lying about me.”\n\n"
                    "The council answered on Friday.\n")
    a = find(extract_attributions(text), "so tired of the council")
    assert a.speaker == "Ivo Kask" and a.kind == "direct"
