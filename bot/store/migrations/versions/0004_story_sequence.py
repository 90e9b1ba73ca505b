"""Story assignment order and per-host fetch backoff, shared by job workers (bot.jobs)

``articles.story_seq`` numbers story assignments in the order they were made (under
one PostgreSQL advisory lock), so that every worker can replay the assignments the
others made since it last looked; ``host_backoff`` holds when a host that answered
429/503 may be asked again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10
"""
import sqlalchemy as sa
from alembic import op

from bot.store.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("story_seq", sa.BigInteger(), nullable=True))
        batch.create_index("ix_articles_story_seq", ["story_seq"], unique=True)
    op.create_table(
        "host_backoff",
        sa.Column("host", sa.String(300), primary_key=True),
        sa.Column("not_before", UTCDateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("host_backoff")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_story_seq")
        batch.drop_column("story_seq")
