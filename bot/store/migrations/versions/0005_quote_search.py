"""a full-text index of quotes on SQLite ("who said <words>" without scanning every quote)

An external-content FTS5 table over quotes.content, kept in step by triggers. PostgreSQL needs
none: its ILIKE scan is answered from the quotes table as before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5("
    "content, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_ai AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, content) VALUES (new.id, new.content); END",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_ad AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.id, old.content); END",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_au AFTER UPDATE OF content ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.id, old.content); "
    "INSERT INTO quotes_fts(rowid, content) VALUES (new.id, new.content); END",
    "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _CREATE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("quotes_fts_ai", "quotes_fts_ad", "quotes_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS quotes_fts")
