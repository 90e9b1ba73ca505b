"""Speaker phrases and cues that used to be missed or misread (made-up articles and names)."""
from __future__ import annotations

from bot.quotes.attributions import extract_attributions
from bot.quotes.speakers import ArticleSpeakers

VISIT = ("Norlandian Prime Minister Ivo Kask met Vessian President Lena Sova in Valby on Monday.\n\n"
         "Facing Sova, Kask said, “I would like to thank you for the cooperation in these fields.”\n\n"
         "The Norlandian leader also thanked Sova for returning an old ferry to Norland.\n\n"
         "“I would like to thank you on behalf of our country for that gesture,” he told Sova.\n\n"
         "The prime minister told guests at the reception that the festival “is a celebration of light.”\n")


def test_participle_before_a_name_is_not_a_name(find):
    a = find(extract_attributions(VISIT), "cooperation in these fields")
    assert a.speaker == "Ivo Kask"
    assert all(p.name != "Facing Sova" for p in ArticleSpeakers(VISIT).persons.values())


def test_pronoun_is_the_previous_subject_not_the_addressee(find):
    a = find(extract_attributions(VISIT), "on behalf of our country")
    assert a.speaker_mention == "he"
    assert a.speaker == "Ivo Kask"


def test_addressee_is_not_content(find):
    a = find(extract_attributions(VISIT), "celebration of light")
    assert VISIT[a.content_start:].startswith("the festival")
    assert a.speaker == "Ivo Kask"


def test_nationality_and_role_resolve_when_the_article_ties_them():
    spk = ArticleSpeakers(VISIT)
    assert spk.resolve("the Norlandian leader", len(VISIT)) == "Ivo Kask"
    assert spk.resolve("the Norlandian prime minister", len(VISIT)) == "Ivo Kask"
    assert spk.resolve("the Vessian president", len(VISIT)) == "Lena Sova"


def test_unresolved_role_subject_blocks_pronouns(find):
    text = ("Vessian President Lena Sova met her Norlandian counterpart in Valby.\n\n"
            "The Norlandian prime minister thanked Sova for the ferry.\n\n"
            "“We will never forget this gesture,” he told Sova.\n")
    a = find(extract_attributions(text), "never forget this gesture")
    assert a.speaker != "Lena Sova"


def test_headline_words_are_not_names():
    text = ("Prime Minister Kask Meets With Sova, Agrees To Expand Ferry Links\n\n"
            "Norlandian Prime Minister Ivo Kask met Lena Sova on Monday.\n")
    names = {p.name for p in ArticleSpeakers(text).persons.values()}
    assert "Kask Meets" not in names and "Ivo Kask" in names


def test_adviser_to_someone_is_not_that_someone(find):
    text = ("Prime Minister Ivo Kask flew to Valby.\n\n"
            "A former adviser to Kask said the trip had been planned for months.\n")
    assert find(extract_attributions(text), "planned for months").speaker != "Ivo Kask"


def test_appositions_relative_clauses_and_ages(find):
    text = ("Marta Olsen, who chairs the harbour board, argued that the fees were too low. "
            "Jonas Berg, 70, a retired pilot, insisted that the old lighthouse must stay. "
            "Port spokesman Ari Lind on Tuesday said the cranes would arrive in May.\n")
    found = extract_attributions(text)
    assert find(found, "fees were too low").speaker == "Marta Olsen"
    assert find(found, "lighthouse must stay").speaker == "Jonas Berg"
    assert find(found, "cranes would arrive").speaker == "Ari Lind"


def test_medium_parenthetical_and_infinitive(find):
    text = ("Governor Maria Lindqvist said in a statement on Monday that the bridge would reopen. "
            "The new tolls, Lindqvist said, will be lower than before. "
            "Lindqvist wants to finish the tunnel before the election.\n")
    found = extract_attributions(text)
    medium = find(found, "bridge would reopen")
    assert text[medium.content_start:].startswith("the bridge")
    paren = find(found, "new tolls")
    assert "will be lower than before" in paren.content and "Lindqvist said" not in paren.content
    assert paren.speaker == "Maria Lindqvist"
    assert find(found, "finish the tunnel").speaker == "Maria Lindqvist"


def test_poll_findings_and_inverted_generic_speaker(find):
    text = ("A new poll of harbour workers showed support for the strike rising to 60 percent.\n\n"
            "“We are not afraid of a long strike,” said one veteran crane operator.\n")
    found = extract_attributions(text)
    assert find(found, "support for the strike").kind == "other"  # a finding, not a statement
    a = find(found, "not afraid of a long strike")
    assert text[a.speaker_start:a.speaker_end] == "one veteran crane operator"


def test_new_sentence_after_a_quote_is_reported_speech(find):
    text = ("Coach Peter Okafor spoke after the final.\n\n"
            "“The league has gone soft.” He says referees stop the game far too often these days.\n")
    a = find(extract_attributions(text), "referees stop the game")
    assert a.kind == "reported" and a.speaker == "Peter Okafor"


def test_possessive_is_not_a_speaker():
    text = "Senator Ana Ruiz's support among older voters fell by ten points in the spring.\n"
    assert all(a.cue != "support" for a in extract_attributions(text))


def test_claim_about_someone_inside_reported_speech_is_not_theirs():
    text = ("Mayor Elena Brandt stressed that she and Governor Paul Weber discussed the new tunnel "
            "at length on Monday.\n")
    found = extract_attributions(text)
    assert all(a.speaker != "Paul Weber" for a in found)
    assert any(a.speaker == "Elena Brandt" for a in found)


def test_a_bare_day_after_the_cue_is_not_part_of_the_content() -> None:
    from bot.quotes.attributions import extract_attributions

    text = "Harbour Minister Lena Ortiz said Monday that the new pier will open in May."
    [a] = extract_attributions(text)
    assert a.speaker == "Lena Ortiz" and a.content.startswith("the new pier")
