"""ask end to end over the real core: articles written for the test, stored in SQLite."""
from __future__ import annotations

import pytest

from bot.app import App
from ask_fixtures import app_with_articles, ask  # tests/core is on sys.path (no __init__.py)

ARTICLES = {
    "harbour-times.txt": """Varga hails ferry deal at Diwali reception

By: Lena Ortiz, Harbour Times

Prime Minister Elena Varga met the Indian trade minister in Eastport on Friday to sign a ferry agreement.

"Let me begin by wishing everyone a happy Diwali," Varga said. "It is a festival of light over darkness, and I hope our two countries can carry that light into trade as well."

Opposition leader Tom Reyes said the deal was rushed. "Diwali greetings are nice, but the contract was signed without a debate," Reyes told reporters.

Celebrate Diwali with our holiday sale! Click here to order sweets for your family.
""",
    "daily-courier.txt": """Ferry agreement signed in Eastport

By: Sam Patel, Daily Courier

The prime minister signed the ferry agreement in Eastport on Friday, after talks with India's trade minister.

Varga also extended her good wishes for Deepavali, which she said "is a festival of light over darkness," adding that she hopes the two countries can "carry that light into trade."

Reyes said that the contract was signed without a debate.
""",
    "eastport-post.txt": """Varga: ferry link will open next spring

By: Ina Berg, Eastport Post

Prime Minister Elena Varga said on Friday that the ferry link will open next spring and carry 300 passengers a day.

The prime minister told guests at the Diwali reception that the holiday "is a festival of light over darkness."

She said the timetable would be published in January.
""",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return app_with_articles(tmp_path_factory.mktemp("ask"), ARTICLES)


def test_what_did_x_say_about_y_merges_outlets_and_cites_every_source(app: App) -> None:
    data = ask(app, "what did Varga say about Diwali")
    assert data["speaker"] == "Elena Varga" and data["topic"] == "Diwali"
    assert data["quotes"], data["answer"]
    assert all(q["speaker"] == "Elena Varga" for q in data["quotes"])
    texts = " ".join(q["text"] for q in data["quotes"])
    assert "light over darkness" in texts
    assert "debate" not in texts and "sweets" not in texts  # nobody else's words, no ad
    cited = {s["title"] for q in data["quotes"] for s in q["sources"]}
    assert cited == {"Varga hails ferry deal at Diwali reception", "Ferry agreement signed in Eastport",
                     "Varga: ferry link will open next spring"}
    light = [q for q in data["quotes"] if "light over darkness" in q["text"]]
    assert len(light) == 1 and len(light[0]["sources"]) == 3  # one statement, three outlets


def test_spelling_variant_of_the_topic_finds_the_same_statement(app: App) -> None:
    data = ask(app, "what has Elena Varga said on Deepavali?")
    assert any("light over darkness" in q["text"] for q in data["quotes"])


def test_role_from_the_articles_names_the_speaker(app: App) -> None:
    data = ask(app, "what did the prime minister say about Diwali")
    assert data["speaker"] == "Elena Varga"


def test_unknown_speaker_gets_a_plain_answer_and_suggestions(app: App) -> None:
    data = ask(app, "what did Obama say about Diwali")
    assert data["quotes"] == []
    assert "Obama" in data["answer"] and "Elena Varga" in data["answer"]


def test_known_speaker_off_topic_returns_nothing_else(app: App) -> None:
    data = ask(app, "what did Reyes say about spring")
    assert data["quotes"] == [] and "nothing" in data["answer"].lower()


def test_what_did_x_say_without_topic(app: App) -> None:
    data = ask(app, "what did Reyes say")
    assert data["quotes"] and all(q["speaker"] == "Tom Reyes" for q in data["quotes"])


def test_who_said_a_remembered_phrase(app: App) -> None:
    data = ask(app, 'who said "signed without a debate"')
    assert data["speaker"] == "Tom Reyes"


def test_news_about_a_topic(app: App) -> None:
    data = ask(app, "news about the ferry")
    assert data["stories"] and data["stories"][0]["sources"]


@pytest.mark.parametrize("question", ["", "   ", "x" * 5000])
def test_empty_or_huge_questions_get_a_clear_message(app: App, question: str) -> None:
    from bot.core.types import Command, CommandKind

    reply = app.core.handle_sync(Command(CommandKind.ASK, {"question": question}))
    assert reply.error and ("Ask me something" in reply.text or "characters long" in reply.text)
