"""A topic of two words ("the ferry industry"): a statement holding the topic's most telling word
("ferry", rare among the speaker's words) is on topic even without the common one ("industry")."""
from __future__ import annotations

import pytest

from bot.app import App
from ask_fixtures import app_with_articles, ask  # tests/core is on sys.path (no __init__.py)

_SAID = [
    "the ferry industry needs new routes to the islands",
    "she will take every old ferry out of service by the summer",
    "the banking industry must pay its share of the harbour costs",
    "the tourism industry had its best year since the war",
    "the fishing industry deserves a fair quota from the capital",
    "the building industry will get the permits it asked for",
    "the new school opens in September with two hundred pupils",
    "the hospital wing will be finished before the winter",
    "the city budget is balanced for the third year in a row",
    "the bridge repairs will close the east road for a month",
    "the library will stay open on Sundays from next year",
    "the council will vote on the parking plan in March",
    "the water tariff will not rise this year",
    "the old market hall will become a concert venue",
]

ARTICLES = {
    f"eastport-{i:02d}.txt": f"Council notes {i}\n\nBy: Sam Patel, Eastport Post\n\n"
                             f"Mayor Ilse Varga said on Monday that {said}.\n\n"
                             f"The council meets again next week to discuss item {i}.\n"
    for i, said in enumerate(_SAID)
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return app_with_articles(tmp_path_factory.mktemp("askkey"), ARTICLES)


def test_the_topics_telling_word_keeps_a_statement_without_the_common_one(app: App) -> None:
    data = ask(app, "what did Ilse Varga say about the ferry industry")
    texts = [q["text"] for q in data["quotes"]]
    assert any("new routes" in t for t in texts), data["answer"]
    assert any("old ferry out of service" in t for t in texts), data["answer"]
    assert not any("banking" in t or "tourism" in t or "fishing" in t or "building" in t for t in texts), texts
