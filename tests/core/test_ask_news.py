"""ask on news written the way outlets write it: one person under several names, a remark
about someone it never names, one statement printed differently by two outlets, two people
sharing a surname. Articles written for this test, stored through the real pipeline."""
from __future__ import annotations

import pytest

from bot.app import App
from ask_fixtures import app_with_articles, ask  # tests/core is on sys.path (no __init__.py)

ARTICLES = {
    "herald.txt": """Judge Mara Olin rebuked over harbour bail ruling

By: Lena Ortiz, Norland Herald

Judge Mara Olin released the harbour smuggling suspect on Monday, a decision that angered the port workers' union.

"She should apologize to the court and to the families of Eastport," President Ivo J. Kask said on Tuesday.

Mr. Kask also spoke about the new ferry line. "They lied and they ruined his career," he said of the former port director.
""",
    "courier.txt": """Kask attacks port board over director's exit

By: Sam Patel, Daily Courier

President Ivo Kask accused the port board of misleading the public about the dismissal of its director.

"They lied, and it ruined his career," Kask told reporters in Eastport on Tuesday. "Nobody will trust that board again."

Kask's son, Eric Kask, who runs a fishing company, said the harbour fees were too high for small boats.
""",
    "post.txt": """Ferry line to open in spring, president says

By: Ina Berg, Eastport Post

Independent Ivo Kask said on Wednesday that the ferry line between Eastport and Westhaven will open in the spring.

"The ferry will carry three hundred passengers a day, and fares will stay low," he said.

Eric Kask told the Post that the fishing season had been the worst in a decade.
""",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return app_with_articles(tmp_path_factory.mktemp("news"), ARTICLES)


def test_one_person_under_several_names(app: App) -> None:
    data = ask(app, "what did Kask say about the ferry")
    assert data["speaker"] == "Ivo Kask"
    assert data["quotes"] and {q["speaker"] for q in data["quotes"]} == {"Ivo Kask"}
    assert any("three hundred passengers" in q["text"] for q in data["quotes"])
    assert not any("fishing" in q["text"] for q in data["quotes"])  # Eric Kask is someone else


def test_a_person_sharing_the_surname_is_asked_for_by_full_name(app: App) -> None:
    data = ask(app, "what did Eric Kask say about the fishing season")
    assert data["speaker"] == "Eric Kask"
    assert data["quotes"] and all("Ivo" not in q["speaker"] for q in data["quotes"])


def test_a_remark_about_someone_it_never_names(app: App) -> None:
    data = ask(app, "What did President Kask say about Judge Mara Olin?")
    assert any("apologize to the court" in q["text"] for q in data["quotes"]), data["answer"]


def test_one_statement_two_wordings_two_sources(app: App) -> None:
    data = ask(app, "what did Ivo Kask say about the port director's career")
    lied = [q for q in data["quotes"] if "They lied" in q["text"]]
    assert len(lied) == 1, data["quotes"]
    assert len({s["article_id"] for s in lied[0]["sources"]}) == 2
    assert lied[0]["text"] == data["quotes"][0]["text"]  # the best match comes first


def test_a_topic_never_spoken_about_gives_nothing(app: App) -> None:
    data = ask(app, "what did Ivo Kask say about the football league")
    assert data["quotes"] == [] and "nothing" in data["answer"].lower()


def test_an_unknown_full_name_is_not_someone_else(app: App) -> None:
    data = ask(app, "what did Anna Kask say about the ferry")
    assert data["quotes"] == [] and "Anna Kask" in data["answer"]


def test_no_statements_reply_never_contradicts_its_suggestions(app: App) -> None:
    data = ask(app, "what did Mara Olin say")
    assert data["quotes"] == [] and "no statements by Mara Olin" in data["answer"]
    suggested = data["answer"].split("People I can quote:")[1].strip(" .").split(", ")
    assert suggested and "Mara Olin" not in suggested and all(" " in name for name in suggested)


def test_everything_a_person_said_lists_more_than_the_closest_few(app: App) -> None:
    closest = ask(app, "what did Ivo Kask say about the port board")
    everything = ask(app, "everything Ivo Kask said about the port board")
    assert everything["speaker"] == "Ivo Kask"
    assert len(everything["quotes"]) >= len(closest["quotes"]) >= 1
    assert {q["text"] for q in closest["quotes"]} <= {q["text"] for q in everything["quotes"]}
    if everything["total_statements"] > len(closest["quotes"]):
        assert '"everything Ivo Kask said about the port board"' in closest["answer"]


def test_news_on_no_topic_lists_the_latest_stories(app: App) -> None:
    data = ask(app, "news")
    assert data["topic"] is None and data["stories"], data["answer"]
    assert "about None" not in data["answer"]
