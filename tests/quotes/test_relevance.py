"""How much a statement is about a question's topic (``bot.ask.relevance``): terms, variants,
related words learned from the store, and where in the article the topic is found."""
from __future__ import annotations

import pytest

from bot.ask.relevance import TopicQuery
from bot.quotes.related import RelatedWords

from related_fixtures import fixture_articles  # tests/quotes is on sys.path (no __init__.py)


@pytest.fixture(scope="module")
def model() -> RelatedWords:
    return RelatedWords.build(fixture_articles(), dim=16, min_count=2)


def test_terms_names_people_and_dates() -> None:
    people = {"Ivo Kask"}
    q = TopicQuery.of("Ivo Kask's Harbour University remark in May 2016", is_person=people.__contains__)
    assert q.terms == ["harbour university", "kask"]  # a person by surname, a name whole, no dates
    assert q.found("He founded Harbour University.") == {"harbour university": 1.0}
    assert q.found("The harbour and the university") == {}  # the name only as a whole


def test_variants_and_inflections_count_fully_false_friends_not_at_all() -> None:
    q = TopicQuery.of("Chanukah and the hostages")
    q.prepare(["Happy Hanukkah to the hostage families", "the stage was set; an amassed crowd"])
    assert q.found("Happy Hanukkah to the hostage families") == {"chanukah": 1.0, "hostages": 1.0}
    assert q.found("the stage was set; an amassed crowd") == {}
    assert TopicQuery.of("policy").found("the police came") == {}


def test_a_related_word_earns_part_of_a_term(model: RelatedWords) -> None:
    q = TopicQuery.of("guns", related=model)
    credit = q.found("a warehouse full of firearms")["guns"]
    assert 0.4 < credit < 1.0
    assert q.found("we will ban guns at schools") == {"guns": 1.0}
    assert TopicQuery.of("guns").found("a warehouse full of firearms") == {}


def test_where_the_topic_is_found(model: RelatedWords) -> None:
    q = TopicQuery.of("harbour tariffs", related=model)
    both = {"harbour": 1.0, "tariffs": 1.0}
    in_quote = q.score({"quote": both})
    in_paragraph = q.score({"paragraph": both})
    in_title = q.score({"title": both})
    in_article = q.score({"article": both})
    assert in_quote == 1.0 > in_paragraph > in_title > in_article > 0
    assert q.score({"quote": {"harbour": 1.0}}) < in_quote
    # A related word counts near the statement, not in the headline.
    assert q.score({"title": {"harbour": 0.5}}) == 0.0


def test_rare_words_weigh_more() -> None:
    q = TopicQuery.of("the ferry strike")
    q.prepare(["The ferry runs daily."] * 20 + ["The strike closed the port."])
    assert q.weights["strike"] > q.weights["ferry"]
    assert q.score({"quote": {"strike": 1.0}}) > q.score({"quote": {"ferry": 1.0}})


def test_the_occasion_counts_alike_in_a_statement_and_around_it() -> None:
    """"in his victory speech": a statement rarely names its own occasion, its paragraph does."""
    plain = TopicQuery.of("victory speech")
    set_apart = TopicQuery.of("victory speech", setting="victory speech")
    inside = {"quote": {"victory": 1.0, "speech": 1.0}}
    around = {"paragraph": {"victory": 1.0, "speech": 1.0}}
    assert plain.score(inside) > plain.score(around)  # a topic is best found in the words
    assert set_apart.score(around) > set_apart.score(inside)  # an occasion around them


def test_a_person_in_the_topic_is_found_by_any_of_their_names() -> None:
    people = {"Bernie": "Bernie Sanders", "ISIS": "ISIS Death", "Kask": "Ivo Kask"}
    q = TopicQuery.of("Bernie and ISIS", person_of=people.get)
    assert q.found("she praised Mr. Sanders for his fight") == {"bernie": 1.0}
    assert q.found("Death to the West, they chanted") == {}  # an acronym is nobody's name


def test_words_of_attitude_and_manner_are_no_topic() -> None:
    q = TopicQuery.of("how sailors feel toward the harbour tax and whether they will end up paying it")
    assert "feel" not in q.terms and "toward" not in q.terms and "end" not in q.terms
    assert TopicQuery.of("how he would deal with the smugglers").terms == ["smugglers"]


def test_a_country_is_found_by_its_other_names_with_their_case() -> None:
    q = TopicQuery.of("how sailors feel toward America")
    assert q.found("sailors will never trust the U.S. again")["america"] == 1.0
    assert q.found("the United States owes them") == {"america": 1.0}
    assert q.found("sailors told us so") == {"sailors": 1.0}  # "us" is no country
