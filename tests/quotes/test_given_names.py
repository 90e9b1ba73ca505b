"""Pronouns follow the gender of common given names; a title with "of" before a name is that person."""
from __future__ import annotations

from bot.quotes.attributions import extract_attributions
from bot.quotes.given_names import gender_of


def test_gender_of_common_given_names() -> None:
    assert gender_of("Bernard") == "m" and gender_of("Marta") is None and gender_of("Hillary") == "f"
    assert gender_of("Zorblax") is None


def test_she_is_not_the_man_named_just_before() -> None:
    text = ("Bernard Lind spoke first at the forum.\n\n"
            "Helen Voss was asked about the donations. \"I am so tired of the Lind campaign lying,\" she said.")
    (a,) = [a for a in extract_attributions(text) if "tired" in a.content]
    assert a.speaker == "Helen Voss"


def test_secretary_of_state_before_a_name_is_that_person() -> None:
    text = "Former Secretary of State Ana Pik urged voters to back the harbour plan before the vote.\n"
    (a,) = extract_attributions(text)
    assert a.speaker == "Ana Pik"


def test_a_sentence_of_quoted_words_has_no_subject_of_its_own() -> None:
    text = ("“How many times do we have to see this?” Helen Voss said.\n\n"
            "“Maybe I can, by speaking to the families, say, look, this is not who we are,” she continued.")
    (a,) = [a for a in extract_attributions(text) if "Maybe" in a.content]
    assert a.speaker == "Helen Voss"


def test_a_role_with_another_modifier_is_the_one_holder_of_the_role() -> None:
    text = ("Norlandian President Ivo Kask will address the convention on Wednesday.\n\n"
            "“Nothing truly prepares you for the demands of the office,” the two-term president will say.")
    (a,) = [a for a in extract_attributions(text) if "prepares" in a.content]
    assert a.speaker == "Ivo Kask"


def test_a_headline_in_title_case_is_no_name_even_with_a_full_stop() -> None:
    text = ("Ivo Kask Calls for Inquiry after Report Reveals Harbour Deals.\n\n"
            "Governor Ivo Kask wants an inquiry into the harbour contracts.\n\n"
            "“The harbour board must be shut down,” Kask stated.")
    (a,) = [a for a in extract_attributions(text) if "shut down" in a.content]
    assert a.speaker == "Ivo Kask"


def test_a_title_before_a_name_opens_the_sentence_and_is_no_person() -> None:
    text = ("Lind has many famous supporters.\n\n"
            "Former US secretary of state Ana Pik, a Lind supporter, caused a stir over her remark that "
            "“there is a special place for people who never vote.”")
    (a,) = [a for a in extract_attributions(text) if "special place" in a.content]
    assert a.speaker == "Ana Pik"


def test_the_president_with_an_unknown_modifier_is_the_latest_president() -> None:
    text = ("US President Ivo Kask will speak in Eastport, his rival Marta Lind said.\n\n"
            "“Nothing prepares you for the office,” the two-term president will say.\n\n"
            "“Until you sit at that desk, you do not know it,” he will say.")
    found = {a.content[:12]: a.speaker for a in extract_attributions(text)}
    assert found["Nothing prep"] == "Ivo Kask" and found["Until you si"] == "Ivo Kask"


def test_before_saying_and_after_telling_give_the_words_to_the_clause_subject() -> None:
    text = ("On Tuesday, Mr. Kask deflected questions about the port before saying, "
            "“It's time to quit attacking people and get on message.”\n\n"
            "Comedian Ana Pik was booed by the crowd after telling the holdouts that they were “being ridiculous.”")
    found = {a.content[:10]: a.speaker for a in extract_attributions(text)}
    assert found["It's time "] == "Mr. Kask" or found["It's time "] == "Kask"
    assert any(v and v.endswith("Ana Pik") and k.startswith("they were") for k, v in found.items())


def test_his_after_a_name_in_the_same_sentence_is_that_person() -> None:
    text = ("Marta Lind spoke first at the debate.\n\n"
            "As the debate went on, Ivo Kask stood by his comment Monday that “the harbour is ours,” "
            "refusing to back down.")
    (a,) = [a for a in extract_attributions(text) if "harbour is ours" in a.content]
    assert a.speaker == "Ivo Kask"


def test_a_name_used_as_a_modifier_is_not_who_his_or_her_means() -> None:
    text = ("Former US secretary of state Ana Pik, a Lind supporter, caused a stir over her remark that "
            "“there is a special place for people who never vote.”")
    people = "Marta Lind leads the polls.\n\n"
    (a,) = [a for a in extract_attributions(people + text) if "special place" in a.content]
    assert a.speaker == "Ana Pik"


def test_a_paragraph_ending_in_a_colon_introduces_the_quote_below() -> None:
    text = ("Ivo Kask spoke last at the convention.\n\n"
            "He told his audience, to rowdy applause:\n\n"
            "“There has never been anyone more ready than Marta Lind to lead this port.”")
    (a,) = [a for a in extract_attributions(text) if "more ready" in a.content]
    assert a.speaker == "Ivo Kask" and a.kind == "direct"


def test_he_before_any_subject_is_the_one_man_named_so_far() -> None:
    text = ("One of the central claims of President Tom Kask's speech to the convention does not hold up.\n\n"
            "He told his audience, to rowdy applause:\n\n"
            "“Nobody has ever been more ready than Marta Lind to lead this port.”")
    (a,) = [a for a in extract_attributions(text) if "more ready" in a.content]
    assert a.speaker == "Tom Kask"


def test_a_quote_inside_a_quote_belongs_to_the_outer_speaker() -> None:
    text = ("“Ivo Kask’s absurd claim that a peace deal “has to do with Norland and its sacrifices” makes "
            "clear that Kask doesn’t have a clue,” wrote Bo Lund, president of the Harbour Union.")
    (a,) = extract_attributions(text)
    assert a.speaker == "Bo Lund" and a.kind == "direct"
    assert a.content.startswith("Ivo Kask’s absurd claim") and a.content.endswith("have a clue")


def test_a_role_known_from_other_articles_resolves_a_name_given_in_passing() -> None:
    text = ("Kask and Lind met in Eastport.\n\n“The port stays open,” Kask said.\n\n"
            "The Norlandian president also thanked Lind for the ferry.\n\n"
            "“I would like to thank you for that gesture,” he told Lind.")
    roles = {"Kask": {"norlandian president"}}
    found = {a.content[:12]: a.speaker for a in extract_attributions(text, known_roles=lambda n: roles.get(n, set()))}
    assert found["I would like"] == "Kask"
    plain = {a.content[:12]: a.speaker for a in extract_attributions(text)}
    assert plain["I would like"] is None  # without the store, nobody the article names
