from bot.ingest.clean import (
    clean_article,
    is_call_to_action,
    is_caption,
    is_furniture,
    split_paragraphs,
)

QUOTE_1 = "“We cannot keep patching a wall that was built for the storms of the last century,” said council chair Miriam Okafor."
QUOTE_2 = "“Nobody asked the people who use the quay every morning,” said fisherman Tomas Berg, who has fished here for thirty years."
BODY_1 = "The harbor council voted seven to two on Tuesday to build a new sea wall along the eastern quay, ending a long debate."
BODY_2 = "The wall is expected to cost 14 million euros, most of it paid by a regional climate fund, and work starts next spring."


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_keeps_article_paragraphs_and_quotes_verbatim() -> None:
    text = "\n\n".join([BODY_1, QUOTE_1, QUOTE_2, BODY_2])
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1, QUOTE_2, BODY_2]


def test_drops_captions_and_credit_lines() -> None:
    text = "\n\n".join(
        [
            BODY_1,
            "Waves break over the old harbor wall on Monday. (AP)",
            "Waves break over the old harbor wall on Monday. (AP/Ray Ortiz)",
            "Ray Ortiz (Pool/AFP)",
            "(Flash90)",
            "The mayor greets the engineers at the quay. (screen capture: YouTube)",
            "Mayor Ann Lee and engineer Bo Park, March 4, 2024",
            QUOTE_1,
        ]
    )
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1]


def test_sentence_ending_with_an_acronym_in_brackets_is_not_a_caption() -> None:
    assert not is_caption("The work will be overseen by the Harbor Authority (HA)")
    assert not is_caption("The ships arrived on March 4, 2024.")
    assert is_caption("Fishermen at dawn (Photo: Harbor Times)")


def test_drops_image_title_before_its_caption_but_keeps_subheadings() -> None:
    text = "\n\n".join(
        [
            BODY_1,
            "Storm damage",
            "The flooded quay after the storm. (Harbor Times/Ray Ortiz)",
            "Fishermen Object",
            QUOTE_2,
        ]
    )
    assert paragraphs(clean_article(text)) == [BODY_1, "Fishermen Object", QUOTE_2]


def test_drops_duplicates_keeping_the_first() -> None:
    text = "\n\n".join([BODY_1, QUOTE_1, BODY_1, QUOTE_1, BODY_2])
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1, BODY_2]


def test_drops_unfinished_teaser_repeated_in_a_later_paragraph() -> None:
    teaser = "The mayor also wished the town a \"very happy\" harbor festival"
    full = teaser + ", which she said \"brings everybody together.\""
    text = "\n\n".join([teaser, BODY_1, full])
    assert paragraphs(clean_article(text)) == [BODY_1, full]


def test_truncates_appeal_block_after_closing_byline() -> None:
    text = "\n\n".join(
        [
            BODY_1,
            QUOTE_1,
            QUOTE_2,
            BODY_2,
            "By: Dana Whitfield, Coastal Courier",
            "Keep Our Lifeboats Afloat – Give Today!",
            "Every winter our volunteers risk their lives at sea. Your gift buys fuel, jackets and radios for the crews.",
            "Click Here to Send Your Gift",
            "Donate to the Lifeboats",
            "Source: Coastal Courier",
        ]
    )
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1, QUOTE_2, BODY_2]


def test_drops_leading_byline_without_truncating() -> None:
    text = "\n\n".join(["By Dana Whitfield", "Published: March 5, 2024", BODY_1, QUOTE_1])
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1]


def test_drops_petition_and_donation_appeals_anywhere() -> None:
    text = "\n\n".join([BODY_1, "Sign the Petition to Save the Quay", QUOTE_1, "Donate to Harbor News", BODY_2])
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1, BODY_2]
    assert is_call_to_action("Click here to support local journalism!")
    assert not is_call_to_action("Donations to the lifeboat fund doubled last year, the charity said.")


def test_truncates_comment_form_and_widgets() -> None:
    text = "\n\n".join(
        [
            BODY_1,
            QUOTE_1,
            BODY_2,
            "2 thoughts on “Harbor council approves new sea wall”",
            "Great news, finally!",
            "Leave a Reply",
        ]
    )
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1, BODY_2]
    for line in ["Most Popular", "read more:", "See our Privacy Policy", "Leave a Reply", "One thought on “X"]:
        assert is_furniture(line), line


def test_inline_link_boxes_and_separators_are_dropped_without_truncating() -> None:
    text = "\n\n".join([BODY_1, QUOTE_1, "Read more: Storm closes the ferry line", "* * *", BODY_2, "Related Articles", QUOTE_2])
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1, BODY_2, QUOTE_2]


def test_mail_signature_ends_the_post() -> None:
    text = "\n".join([BODY_1, QUOTE_1, BODY_2, "--", "Ann Smith", "Harbor Fishermen's Association, Quay Road 4"])
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1, BODY_2]


def test_drops_author_bio_and_contribution_notes() -> None:
    text = "\n\n".join(
        [
            "Dana Whitfield is a senior reporter at the Coastal Courier.",
            BODY_1,
            QUOTE_1,
            "Coastal Courier staff contributed to this report.",
        ]
    )
    assert paragraphs(clean_article(text)) == [BODY_1, QUOTE_1]


def test_rejoins_hard_wrapped_mailing_list_text() -> None:
    wrapped = (
        "The harbor council voted seven to two on Tuesday to build a new sea \n"
        "wall along the eastern quay, ending a debate that has lasted almost a \n"
        "decade and divided the fishing community.\n"
        "\n"
        "\"We cannot keep patching a wall that was built for the storms of the \n"
        "last century,\" said council chair Miriam Okafor after the vote.\n"
        "\n"
        "Ray Ortiz (Harbor Times/AFP)\n"
        "\"The old harbor wall, flooded by the storm, on March 4, 2024\"\n"
        "\n"
        "_______________________________________________\n"
        "Harborlist mailing list\n"
        "More information about the Harborlist mailing list\n"
    )
    assert paragraphs(clean_article(wrapped)) == [
        "The harbor council voted seven to two on Tuesday to build a new sea wall along the eastern quay, "
        "ending a debate that has lasted almost a decade and divided the fishing community.",
        "\"We cannot keep patching a wall that was built for the storms of the last century,\" "
        "said council chair Miriam Okafor after the vote.",
    ]


def test_unwrapped_text_keeps_each_line_as_a_paragraph() -> None:
    text = f"{BODY_1}\n{QUOTE_1}\n{BODY_2}"
    assert split_paragraphs(text) == [BODY_1, QUOTE_1, BODY_2]


def test_normalizes_spaces() -> None:
    assert clean_article("He said\u00a0“yes.”\r\n\r\nShe\u200b left.") == "He said “yes.”\n\nShe left."
