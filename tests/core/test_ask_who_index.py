"""'who said <words>' on SQLite reads the full-text index of quotes (migration 0005), which
follows every insert, update and delete of a quote."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, update

from bot.store.models import Quote
from ask_fixtures import app_with_articles, ask  # tests/core is on sys.path (no __init__.py)

HARBOUR = """Kask on the harbour

"The harbour will be rebuilt by the recruiters of the new port," Ivo Kask said on Monday.
"""


def test_who_said_finds_words_as_prefixes_and_follows_changes(tmp_path: Path) -> None:
    app = app_with_articles(tmp_path, {"harbour.txt": HARBOUR})
    assert ask(app, 'who said "harbour will be rebuilt by the recruit"')["speaker"] == "Ivo Kask"
    with app.db.session() as s:
        s.execute(update(Quote).values(content="The ferry will run all winter"))
        s.commit()
    assert ask(app, 'who said "ferry will run all winter"')["speaker"] == "Ivo Kask"
    assert not ask(app, 'who said "harbour will be rebuilt"')["quotes"]
    with app.db.session() as s:
        s.execute(delete(Quote))
        s.commit()
    assert not ask(app, 'who said "ferry will run all winter"')["quotes"]
