"""The bundled sample articles (samples/articles): every question form answers right, including
statements introduced by a verb of praise and by a pronoun after the quote ("…," he told X)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.settings import load_settings

from ask_fixtures import CONFIG, ask  # tests/core is on sys.path (no __init__.py)

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    root = tmp_path_factory.mktemp("samples")
    application = build_app(load_settings(CONFIG, database_url=f"sqlite:///{root / 'db.sqlite'}"))
    assert len(application.ingestor.ingest([str(SAMPLES)]).added) == 5
    return application


def _said(data: dict, speaker: str, words: str) -> list[dict]:
    return [q for q in data["quotes"] if q["speaker"] == speaker and words in q["text"]]


def test_what_about_with_spelling_variants_and_three_outlets(app: App) -> None:
    data = ask(app, "what did Putin say about Hanukkah")
    (light,) = _said(data, "Vladimir Putin", "triumph of light over dark")
    assert len({s["article_id"] for s in light["sources"]}) == 3
    assert {q["speaker"] for q in data["quotes"]} == {"Vladimir Putin"}


def test_a_pronoun_after_the_quote_addressed_to_someone(app: App) -> None:
    data = ask(app, "what did Netanyahu say about the tank")
    assert _said(data, "Benjamin Netanyahu", "gesture of goodwill"), data["answer"]
    assert ask(app, 'who said "gesture of goodwill"')["speaker"] == "Benjamin Netanyahu"


@pytest.mark.parametrize("question, speaker, words", [
    ("what did Trudeau say about Israel", "Justin Trudeau", "very strong friendship"),
    ("what did Netanyahu say about Canada", "Benjamin Netanyahu", "superb"),
    ("what did the Russian president say about Syria", "Vladimir Putin", ""),
    ("what did Netanyahu say about Iran", "Benjamin Netanyahu", "red line"),
])
def test_verbs_of_praise_roles_and_plain_statements(app: App, question: str, speaker: str, words: str) -> None:
    data = ask(app, question)
    assert data["speaker"] == speaker and _said(data, speaker, words), data["answer"]


def test_someone_never_quoted_and_a_topic_never_spoken_about(app: App) -> None:
    assert ask(app, "what did Obama say about Hanukkah")["quotes"] == []
    assert ask(app, "what did Trudeau say about the tank")["quotes"] == []
