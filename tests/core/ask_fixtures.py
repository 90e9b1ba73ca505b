"""Fixtures for the core's tests: an app over articles written for a test, stored through the real pipeline."""
from __future__ import annotations

from pathlib import Path

from bot.app import App, build_app
from bot.core.commands import parse
from bot.settings import load_settings

CONFIG = Path(__file__).resolve().parents[2] / "config" / "newsbrief.yaml"


def app_with_articles(root: Path, articles: dict[str, str]) -> App:
    """A fresh SQLite store in ``root`` holding ``articles`` (file name -> text), ingested."""
    folder = root / "articles"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text)
    application = build_app(load_settings(CONFIG, database_url=f"sqlite:///{root / 'db.sqlite'}"))
    assert len(application.ingestor.ingest([str(folder)]).added) == len(articles)
    return application


def ask(app: App, question: str) -> dict:
    """The data of a successful answer."""
    reply = app.core.handle_sync(parse(question))
    assert not reply.error, reply.text
    return reply.data
