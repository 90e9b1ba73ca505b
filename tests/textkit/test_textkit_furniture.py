"""textkit.furniture: one set of rules for captions, credits, bios, appeals and sign-offs."""
from __future__ import annotations

from textkit.furniture import (
    BIO, ends_in_credit, is_call_to_action, is_caption, is_credit, is_furniture_sentence, is_sign_off, is_terminated,
)


def test_credits() -> None:
    assert is_credit("Haim Zach/GPO") and is_credit("screen capture: YouTube") and is_credit("AP Images")
    assert not is_credit("the mayor of a small town in the north")
    assert ends_in_credit("Netanyahu meets Putin in Moscow. (Haim Zach/GPO)")
    assert not ends_in_credit("Overseen by the Harbor Authority (HA)")
    assert ends_in_credit("Overseen by the Harbor Authority (HA)", initials=True)


def test_captions_are_paragraph_rules() -> None:
    assert is_caption("Rescue workers at the site (Photo: Reuters)")
    assert is_caption("Protesters in the capital on Sunday, March 5, 2017")
    assert not is_caption("The work will be overseen by the Harbor Authority (HA)")


def test_bio_gives_name_and_outlet() -> None:
    match = BIO.match("Jane Roe is a breaking news editor at The Daily.")
    assert match and match["name"] == "Jane Roe" and match["outlet"] == "The Daily"
    assert BIO.match("Jane Roe is a reporter covering crime in the city.")
    assert not BIO.match("Jane Roe is a reporter who was arrested on Monday in Cairo after a protest, police said.")


def test_sentence_rules() -> None:
    assert is_furniture_sentence("Click here to subscribe to our newsletter.")
    assert is_furniture_sentence("The minister spoke in Gaza City on Monday. (AP)")
    assert not is_furniture_sentence("The minister said the talks would resume on Monday.")
    assert is_sign_off("Reporting by Jane Doe; Editing by Bob Smith") and not is_sign_off("He read the report.")


def test_appeals_and_terminals() -> None:
    assert is_call_to_action("Donate now") and not is_call_to_action("Donations rose by a third last year.")
    assert is_terminated('He said "no."') and not is_terminated("A headline")
