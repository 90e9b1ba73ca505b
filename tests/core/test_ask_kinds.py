"""Statements first: what a person is said to believe or want is set apart from what they said."""
from __future__ import annotations

import pytest

from bot.app import App
from ask_fixtures import app_with_articles, ask  # tests/core is on sys.path (no __init__.py)

FERRY = """Kask and the winter ferry

"The ferry will run all winter, and the fares will not rise," Ivo Kask said on Monday at the harbour.

Kask believes the ferry company will need a new owner before the summer.

Kask called the harbour board "a club of sleepwalkers" over the ferry delays.

Harbour master Lene Dahl believes the new timetable will save the winter route.
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return app_with_articles(tmp_path_factory.mktemp("kinds"), {"ferry.txt": FERRY})


def test_statements_are_the_answer_beliefs_come_apart(app: App) -> None:
    data = ask(app, "what did Ivo Kask say about the ferry")
    said = [q["text"] for q in data["quotes"]]
    assert any("run all winter" in t for t in said)
    assert any("club of sleepwalkers" in t for t in said)  # quoted words are a statement
    assert not any("new owner" in t for t in said)
    assert any("new owner" in q["text"] and q["kind"] == "other" for q in data["other_attributions"])


def test_the_text_reply_puts_other_attributions_under_their_own_heading(app: App) -> None:
    reply = app.core.handle_sync(__import__("bot.core.commands", fromlist=["parse"]).parse(
        "what did Ivo Kask say about the ferry"))
    titles = [s.title for s in reply.sections if s.title]
    assert titles and titles[0].startswith("Also attributed to Ivo Kask")


def test_confident_own_words_rank_before_a_doubtful_report(app: App) -> None:
    from datetime import datetime, timezone

    from bot.ask.answer import Statement
    from bot.store.models import Quote

    def statement(qid: int, kind: str, confidence: float) -> Statement:
        words = "the ferry will run all winter and the fares will stay low"
        return Statement("Ivo Kask", [Quote(id=qid, article_id=qid, kind=kind, content=f"{words} {qid}",
                                            confidence=confidence)])

    handlers = app.core.handlers[__import__("bot.core.types", fromlist=["CommandKind"]).CommandKind.ASK].__self__
    doubtful, reported, own = statement(1, "reported", 0.5), statement(2, "reported", 0.8), statement(3, "direct", 0.9)
    now = datetime.now(timezone.utc)
    ranked = handlers._rank([doubtful, reported, own], {1: 0.5, 2: 0.5, 3: 0.5}, {1: now, 2: now, 3: now})
    assert ranked == [own, reported, doubtful]


def test_someone_only_said_to_believe_things_has_no_statements_and_no_topic_placeholder(app: App) -> None:
    data = ask(app, "what did Lene Dahl say")
    assert data["quotes"] == [] and "no statements by Lene Dahl" in data["answer"], data["answer"]
    assert "None" not in data["answer"]
    assert any("new timetable" in q["text"] for q in data["other_attributions"])
