"""follows, follow_alerts, alert_scans: following a person (bot.follow)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-14
"""
import sqlalchemy as sa
from alembic import op

from bot.store.models import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follows",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("destination", sa.String(200), nullable=False, index=True),
        sa.Column("workspace", sa.String(200), nullable=True),
        sa.Column("person", sa.String(300), nullable=False),
        sa.Column("asked", sa.String(300), nullable=False, server_default=""),
        sa.Column("topic", sa.String(300), nullable=False, server_default=""),
        sa.Column("created_by", sa.String(200), nullable=True),
        sa.Column("is_dm", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("destination", "person", "topic"),
    )
    op.create_table(
        "follow_alerts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("follow_id", sa.Integer(), sa.ForeignKey("follows.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("destination", sa.String(200), nullable=False),
        sa.Column("speaker", sa.String(300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("cue", sa.String(200), nullable=False, server_default=""),
        sa.Column("quote_ids", sa.JSON(), nullable=False),
        sa.Column("article_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="pending"),
        sa.Column("claimed_by", sa.String(200), nullable=True),
        sa.Column("claimed_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("delivered_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
    )
    op.create_index("ix_follow_alerts_status", "follow_alerts", ["status", "destination"])
    op.create_table(
        "alert_scans",
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("scanned_at", UTCDateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("alert_scans")
    op.drop_index("ix_follow_alerts_status", table_name="follow_alerts")
    op.drop_table("follow_alerts")
    op.drop_table("follows")
