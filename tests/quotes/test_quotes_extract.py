"""Quotation forms, multi-paragraph quotes, pronoun and role resolution on made-up articles."""
from __future__ import annotations

from bot.quotes.attributions import extract_attributions


def test_quote_then_speaker_said(find):
    text = "“The harbour will reopen next spring,” Maria Lindqvist said.\n"
    a = find(extract_attributions(text), "harbour will reopen")
    assert a.kind == "direct"
    assert a.speaker == "Maria Lindqvist"
    assert a.cue == "said"
    assert text[a.content_start:a.content_end] == a.content
    assert text[a.speaker_start:a.speaker_end] == "Maria Lindqvist"


def test_speaker_said_then_quote_straight_marks(find):
    text = 'Governor Maria Lindqvist said, "We have no plans to raise the ferry fares this year."\n'
    a = find(extract_attributions(text), "no plans to raise")
    assert a.kind == "direct" and a.speaker == "Maria Lindqvist"


def test_inverted_said_speaker(find):
    text = ("Governor Maria Lindqvist opened the new bridge on Friday.\n\n"
            "“It is a proud day for the valley,” said Ms Lindqvist.\n")
    a = find(extract_attributions(text), "proud day")
    assert a.speaker_mention == "Ms Lindqvist"
    assert a.speaker == "Maria Lindqvist"


def test_reported_that_told_reporters_according_to(find):
    text = ("Finance Minister Tomas Arvel said that the budget would be balanced by next year. "
            "Arvel told reporters on Monday that taxes on bread would fall. "
            "According to Arvel, the new port will create thousands of jobs.\n")
    found = extract_attributions(text)
    said = find(found, "budget would be balanced")
    assert said.kind == "reported" and said.cue == "said" and said.speaker == "Tomas Arvel"
    told = find(found, "taxes on bread would fall")
    assert told.cue.startswith("told") and told.speaker == "Tomas Arvel"
    acc = find(found, "new port will create")
    assert acc.cue.lower() == "according to" and acc.speaker == "Tomas Arvel"


def test_warned_expressed_hope_extended_wishes(find):
    text = ("Mayor Elena Brandt warned that the river could flood the old town within days. "
            "Brandt also expressed the hope that the new dam would be finished before winter. "
            "She extended her good wishes to the rowing team ahead of the regatta.\n")
    found = extract_attributions(text)
    assert find(found, "river could flood").speaker == "Elena Brandt"
    hope = find(found, "new dam would be finished")
    assert hope.cue == "expressed the hope" and hope.speaker == "Elena Brandt"
    wishes = find(found, "rowing team")
    assert wishes.cue == "extended her good wishes"
    assert wishes.speaker_mention == "She" and wishes.speaker == "Elena Brandt"


def test_quote_spanning_sentences_and_paragraphs(find):
    text = ("Coach Peter Okafor was in a reflective mood after the final.\n\n"
            "“We lost the first half. We won the second half,” Okafor said. “The players never gave up.\n\n"
            "“Next season we will be stronger, and the fans deserve that.”\n\n"
            "The club's shares rose on Monday.\n")
    found = extract_attributions(text)
    first = find(found, "We lost the first half. We won the second half")
    assert first.speaker == "Peter Okafor"
    cont = find(found, "players never gave up")
    assert "Next season we will be stronger" in cont.content  # one quote over two paragraphs
    assert cont.speaker == "Peter Okafor"


def test_missing_opening_mark_continues_previous_speaker(find):
    text = ("“Let me begin by thanking the organisers,” Okafor said. It was a wonderful evening "
            "and the whole town came together.”\n")
    a = find(extract_attributions(text), "wonderful evening")
    assert a.speaker == "Okafor"
    assert "Okafor said" not in a.content


def test_missing_closing_mark_at_paragraph_end(find):
    text = ('Okafor said the club "will not sell its best players this summer, whatever the offers\n\n'
            "Ticket prices will stay the same.\n")
    found = extract_attributions(text)
    a = find(found, "will not sell its best players")
    assert a.speaker == "Okafor"
    assert all("Ticket prices" not in x.content for x in found)


def test_pronoun_resolves_to_latest_speaker(find):
    text = ("Senator Ana Ruiz met Governor Paul Weber in the capital.\n\n"
            "“We agreed on the water plan,” Weber said.\n\n"
            "“The details will follow next week,” he added.\n\n"
            "Ruiz said the plan was too expensive. “It will cost twice the estimate,” she said.\n")
    found = extract_attributions(text)
    assert find(found, "details will follow").speaker == "Paul Weber"
    assert find(found, "twice the estimate").speaker == "Ana Ruiz"


def test_role_learned_from_apposition(find):
    text = ("Norlandian President Ivo Kask arrived in the capital on Sunday.\n\n"
            "Prime Minister Lena Sova welcomed him at the airport.\n\n"
            "The Norlandian president said that the two countries would sign a trade deal. "
            "The prime minister told reporters that the deal would cut tariffs.\n")
    found = extract_attributions(text)
    assert find(found, "sign a trade deal").speaker == "Ivo Kask"
    assert find(found, "cut tariffs").speaker == "Lena Sova"


def test_possessive_title_then_pronoun(find):
    text = ("Norland's Defense Minister Arvo Pent said Monday that the border is calm.\n\n"
            "\"We act in accordance with our interests, and they act in accordance with theirs,\" he said.\n")
    found = extract_attributions(text)
    assert find(found, "border is calm").speaker == "Arvo Pent"
    assert find(found, "accordance with our interests").speaker == "Arvo Pent"


def test_ad_paragraph_is_not_an_attribution():
    text = ("Mayor Elena Brandt said the lantern festival would go ahead.\n\n"
            "Celebrate the Lantern Festival with us – Order your lanterns today!\n\n"
            "Send a gift and write your personal message to a volunteer today!\n")
    found = extract_attributions(text)
    assert all("Order your lanterns" not in a.content for a in found)
    assert all("Send a gift" not in a.content for a in found)


def test_unattributed_scare_quote_is_ignored():
    text = "The so-called “quiet deal” was never published, officials in the port confirmed.\n"
    assert all(a.content != "quiet deal" for a in extract_attributions(text))
