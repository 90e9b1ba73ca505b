"""Issue 14: a short but real news text is an article; an empty file or page furniture is not."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.ingest.fetch import FetchPolicy
from bot.ingest.pipeline import Ingestor, is_article_text
from bot.store.db import Database
from bot.store.models import Article


def test_short_news_is_an_article_and_furniture_is_not() -> None:
    assert is_article_text("The harbour ferry strike is over in Port Elm.")
    assert is_article_text("Tom Baker, puppet theatre founder, dies at 88")
    for furniture in ["", "   ", "Loading...", "Page not found", "Please enable JavaScript to view this page.",
                      "This site uses cookies. Accept all cookies to continue.", "Subscribe to read the rest"]:
        assert not is_article_text(furniture), furniture


def test_one_line_files_are_stored_and_empty_ones_skipped(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one_line.txt").write_text("The harbour ferry strike is over in Port Elm.\n", encoding="utf-8")
    (folder / "headline_and_date.txt").write_text("June 03, 2015\nTom Baker, puppet theatre founder, dies at 88\n",
                                                  encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "furniture.txt").write_text("Loading...\n", encoding="utf-8")
    report = Ingestor(sqlite_db, FetchPolicy(timeout=2)).ingest([str(folder)])
    assert len(report.added) == 2
    with sqlite_db.session() as s:
        texts = sorted(s.scalars(select(Article.text)))
    assert any("ferry strike is over" in t for t in texts)
    assert any("dies at 88" in t for t in texts)
    again = Ingestor(sqlite_db, FetchPolicy(timeout=2)).ingest([str(folder)])
    assert not again.added  # stored once
