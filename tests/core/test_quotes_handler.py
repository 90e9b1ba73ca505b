"""The quotes command through the real core: stored attributions of one article, with offsets."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.adapters.console import render_text
from bot.app import App, build_app
from bot.core.commands import parse
from bot.core.types import Command, CommandKind
from bot.settings import load_settings
from bot.store.models import Article, Quote

ARTICLE = """Harbour tunnel delayed until autumn

By: Pia Holm, Fjord Herald

Transport minister Karl Dunmore said on Wednesday that the harbour tunnel will not open before autumn.

"The rock was harder than anyone expected," Dunmore said. "We will not cut corners on safety."

Engineer Lotte Varn told reporters that the drilling machines had been repaired twice.
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    root = tmp_path_factory.mktemp("quotes")
    (root / "fjord-herald.txt").write_text(ARTICLE, encoding="utf-8")
    settings = load_settings(Path(__file__).resolve().parents[2] / "config" / "newsbrief.yaml",
                             database_url=f"sqlite:///{root / 'db.sqlite'}")
    application = build_app(settings)
    assert len(application.ingestor.ingest([str(root / "fjord-herald.txt")]).added) == 1
    return application


def ask(app: App, **args: str):  # noqa: ANN201
    return app.core.handle_sync(Command(CommandKind.QUOTES, args))


def article_text(app: App) -> str:
    with app.db.session() as s:
        return s.get(Article, 1).text


def test_stored_attributions_with_offsets(app: App) -> None:
    reply = ask(app, article="1")
    assert not reply.error
    data = reply.data
    assert data["article_id"] == 1 and data["title"] == "Harbour tunnel delayed until autumn"
    text = article_text(app)
    quotes = data["quotes"]
    assert [q["start"] for q in quotes] == sorted(q["start"] for q in quotes)
    for q in quotes:
        assert q["text"] == text[q["start"]:q["end"]]
        assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_mention"]
        assert text[q["cue_start"]:q["cue_end"]] == q["cue"]
    tunnel = next(q for q in quotes if q["text"].startswith("the harbour tunnel"))
    assert (tunnel["kind"], tunnel["cue"], tunnel["speaker"]) == ("reported", "said", "Karl Dunmore")
    rock = next(q for q in quotes if q["text"].startswith("The rock"))
    assert rock["kind"] == "direct" and rock["speaker"] == "Karl Dunmore"
    assert len(rock["parts"]) == 2 and rock["content"].endswith("We will not cut corners on safety.")
    assert any("Varn" in (q["speaker"] or "") for q in quotes)


def test_plain_rendering_names_speaker_cue_and_offsets(app: App) -> None:
    reply = ask(app, article="#1")
    rendered = render_text(reply)
    assert "Harbour tunnel delayed until autumn" in rendered
    assert "Karl Dunmore" in rendered and 'cue "said"' in rendered
    assert "We will not cut corners on safety" in rendered


def test_offsets_of_a_quote_todays_rules_no_longer_find_are_null(app: App) -> None:
    with app.db.session() as s:
        q = s.scalars(select(Quote).where(Quote.article_id == 1).order_by(Quote.content_start)).first()
        stale = Quote(article_id=1, kind=q.kind, content=q.content, content_start=q.content_start,
                      content_end=q.content_end, cue=q.cue, cue_start=q.cue_start + 1,
                      speaker_mention=q.speaker_mention, speaker=q.speaker, speaker_key=q.speaker_key)
        s.add(stale)
        s.flush()
        stale_id = stale.id
    try:
        found = next(x for x in ask(app, article="1").data["quotes"] if x["id"] == stale_id)
        assert found["speaker_start"] is None and found["speaker_end"] is None and found["parts"] is None
        assert found["speaker"] == q.speaker and found["text"] == article_text(app)[found["start"]:found["end"]]
    finally:
        with app.db.session() as s:
            s.delete(s.get(Quote, stale_id))


def test_unknown_or_missing_article_is_a_user_error(app: App) -> None:
    for args, message in (({"article": "42"}, "no article #42"), ({}, "which article"),
                          ({"article": "seven"}, "whole number"),
                          ({"article": "https://example.invalid/x"}, "no stored article")):
        reply = ask(app, **args)
        assert reply.error and message in reply.text.lower()


def test_chat_grammar_reads_quotes_of_an_article_and_keeps_questions() -> None:
    """ "quotes 3" lists an article's attributions; "quotes about X" stays a question."""
    cmd = parse("quotes 3")
    assert cmd.kind is CommandKind.QUOTES and cmd.args == {"article": "3"}
    assert parse("quotes about the tunnel").kind is CommandKind.ASK
