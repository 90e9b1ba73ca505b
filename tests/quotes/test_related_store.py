"""The learned word-similarity model in the database: stored, loaded once, rebuilt when due."""
from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import func, select

from bot.ingest.fetch import FetchPolicy
from bot.ingest.pipeline import Ingestor
from bot.quotes.related import RelatedModelStore, RelatedWords, related_store
from bot.store.db import Database
from bot.store.models import Article, RelatedModel

from related_fixtures import fixture_articles  # tests/quotes is on sys.path (no __init__.py)

SMALL = {"dim": 16, "min_count": 2}


def _add(db: Database, texts: list[str], start: int = 0) -> None:
    with db.session() as s:
        for i, text in enumerate(texts, start):
            s.add(Article(source=f"test/{i}", title=f"Report {i}", text=text, content_hash=f"h{i}"))


def _articles(n: int) -> list[str]:
    base = fixture_articles()
    return [base[i % len(base)] + f" Report number {i}." for i in range(n)]


def test_model_is_stored_and_loaded_once(any_db: Database) -> None:
    store = RelatedModelStore(any_db, build_options=SMALL)
    assert store.latest() is None and not store.due()
    _add(any_db, _articles(50))
    assert store.due()
    assert store.maybe_rebuild()
    assert not store.due() and not store.maybe_rebuild()
    model = store.latest()
    assert isinstance(model, RelatedWords)
    assert model.related("guns", 1)[0][0] == "firearms"
    t = time.perf_counter()
    assert store.latest() is model  # cached by row id: one small query
    assert time.perf_counter() - t < 0.05
    # Another process (a fresh holder) loads the same model from the database.
    other = RelatedModelStore(any_db).latest()
    assert other is not model and other.stems == model.stems
    with any_db.session() as s:
        row = s.scalars(select(RelatedModel)).one()
        assert row.article_count == 50 and row.articles_used == 50 and row.vocab_size == len(model)
        assert len(row.data) < 50_000


def test_rebuild_policy(sqlite_db: Database) -> None:
    store = RelatedModelStore(sqlite_db, build_options=SMALL, keep=2)
    _add(sqlite_db, _articles(49))
    assert not store.due()  # fewer than 50 articles: nothing worth learning
    _add(sqlite_db, _articles(1), 49)
    assert store.due() and store.maybe_rebuild()
    first = store.latest()
    _add(sqlite_db, _articles(9), 50)  # 59 articles: grown by 18%
    assert not store.due()
    assert store.latest() is first
    _add(sqlite_db, _articles(1), 59)  # 60: grown by 20%
    assert store.due() and store.maybe_rebuild()
    second = store.latest()
    assert second is not first
    # Large stores: 200 new articles are enough even when that is under 20%.
    big = RelatedModelStore(sqlite_db, grow_articles=5, build_options=SMALL)
    _add(sqlite_db, _articles(5), 60)
    assert big.due() and not store.due()
    assert big.maybe_rebuild()
    with sqlite_db.session() as s:  # only the newest ``keep`` models are kept
        assert s.scalar(select(func.count()).select_from(RelatedModel)) == 2
        assert s.scalar(select(func.max(RelatedModel.article_count))) == 65
    assert store.latest() is not second  # a newer row: loaded again


def test_ingest_batch_rebuilds_when_due(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, text in enumerate(_articles(50)):
        (folder / f"a{i:02d}.txt").write_text(f"Report {i}\n\n{text}\n", encoding="utf-8")
    ingestor = Ingestor(sqlite_db, FetchPolicy(), [])
    report = ingestor.ingest([str(folder / f"a{i:02d}.txt") for i in range(49)])
    assert len(report.added) == 49
    assert related_store(sqlite_db).latest() is None
    report = ingestor.ingest([str(folder)])  # one more article: 50, the first build
    assert len(report.added) == 1
    model = related_store(sqlite_db).latest()
    assert model is not None and model.count("firearms") > 0
    assert related_store(sqlite_db) is related_store(sqlite_db)


def test_a_failed_rebuild_does_not_stop_ingest(sqlite_db: Database, tmp_path: Path, monkeypatch) -> None:
    from bot.quotes import related

    def boom(self):  # noqa: ANN001, ANN202
        raise RuntimeError("disk full")

    monkeypatch.setattr(related.RelatedModelStore, "rebuild", boom)
    for i, text in enumerate(_articles(50)):
        (tmp_path / f"a{i:02d}.txt").write_text(f"Report {i}\n\n{text}\n", encoding="utf-8")
    report = Ingestor(sqlite_db, FetchPolicy(), []).ingest([str(tmp_path)])
    assert len(report.added) == 50 and not report.errors
    assert related_store(sqlite_db).latest() is None
