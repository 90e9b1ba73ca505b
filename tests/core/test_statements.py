"""One statement printed differently by several outlets: aligned, merged, fullest wording kept."""
from __future__ import annotations

from bot.ask.statements import fullest_wording, same_statement


def test_small_differences_are_one_statement() -> None:
    assert same_statement("They lied and they ruined his career", "They lied, and it ruined his career")
    assert same_statement("We will build the bridge, and the port will pay for it.",
                          "We will build the bridge and the port will pay for it")


def test_a_cut_report_is_the_same_statement() -> None:
    long = "The ferry will run all winter. Nobody in Eastport will be cut off again, and that is a promise."
    assert same_statement(long, "Nobody in Eastport will be cut off again")


def test_a_quoted_fragment_joins_the_report_that_holds_it() -> None:
    assert same_statement("the minister called the harbour plan “a gift to smugglers.”",
                          "This harbour plan is a gift to smugglers and everybody knows it")


def test_different_statements_stay_apart() -> None:
    assert not same_statement("The ferry will run all winter", "The tax will rise next spring")
    assert not same_statement("We will win", "We will lose")
    assert not same_statement("I know this game better than anybody", "We will win this game")


def test_fullest_wording_joins_overlapping_cuts() -> None:
    assert fullest_wording(["That makes me smart", "makes me smart … a genius"]) == "That makes me smart … a genius"
    assert fullest_wording(["We will build the bridge.", "Mexico will pay for it, believe me",
                            "We will build the bridge. And Mexico will pay for it"]) == (
        "We will build the bridge. And Mexico will pay for it, believe me")
    assert fullest_wording(["The ferry runs.", "The ferry runs"]) == "The ferry runs."


def test_two_quoted_words_echo_the_persons_own_words_only() -> None:
    from bot.ask.statements import Shape

    reported = Shape.of("he was “not ready” to back the governor's campaign")
    own = Shape.of("I'm just not ready to do that at this point. I'm not there right now")
    other_report = Shape.of("the senator was “not ready” for the debate, aides said")
    assert not reported.same(own) and reported.echoes(own) and own.echoes(reported)
    assert not reported.echoes(other_report)  # two reports quoting one phrase may be two remarks
