"""Reports of one statement merged in answers: a report quoting a couple of the person's words
joins the statement it quotes, and a phrase the person repeats never chains two remarks."""
from __future__ import annotations

import pytest

from bot.app import App
from ask_fixtures import app_with_articles, ask  # tests/core is on sys.path (no __init__.py)

INTERVIEW = """Speaker Vell not ready to back Kask

House Speaker Ana Vell said on Thursday that she could not yet support Ivo Kask as the party's nominee.

"I'm just not ready to do that at this point. I'm not there right now," Vell told reporters about backing Kask.
"""

REPORT = """Vell withholds support from Kask

Speaker Ana Vell said she was "not ready" to support Kask's campaign, and asked him to unite the party first.
"""

REPEATS = """Vell on the harbour and the ferry fares

Ana Vell called the harbour plan "pure theft" on Monday.

"The harbour plan is pure theft, and the port authority knows it," Vell said.

"Raising the ferry fare again would be pure theft from island families," Vell said on Tuesday.
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    return app_with_articles(tmp_path_factory.mktemp("merge"), {
        "interview.txt": INTERVIEW, "report.txt": REPORT, "repeats.txt": REPEATS})


def test_a_report_quoting_two_words_joins_the_statement_and_shows_the_persons_words(app: App) -> None:
    data = ask(app, "what did Ana Vell say about backing Kask as the nominee")
    merged = [q for q in data["quotes"] if "just not ready to do that" in q["text"]]
    assert len(merged) == 1 and len(merged[0]["sources"]) == 2


def test_a_repeated_phrase_does_not_merge_two_remarks(app: App) -> None:
    data = ask(app, "everything Ana Vell said about theft")
    texts = [q["text"] for q in data["quotes"]]
    assert sum("harbour plan is pure theft" in t for t in texts) == 1
    assert sum("ferry fare again would be pure theft" in t for t in texts) == 1


def test_reports_quoting_the_same_words_all_join_the_persons_statement_in_any_order() -> None:
    from bot.ask.answer import _Grouper
    from bot.store.models import Quote

    reports = [Quote(id=1, article_id=1, kind="reported", content="she was “not ready” to back the governor"),
               Quote(id=2, article_id=2, kind="reported", content="she is “not ready” to endorse him yet")]
    own = Quote(id=3, article_id=3, kind="direct", content="I'm just not ready to do that at this point")
    grouper = _Grouper({1: "Ana Vell", 2: "Ana Vell", 3: "Ana Vell"})
    for q in [*reports, own]:  # the reports first: each starts a statement of its own
        grouper.place(q, True)
    grouper.absorb_echoes()
    assert [sorted(x.id for x in st.quotes) for st in grouper.statements] == [[1, 2, 3]]
