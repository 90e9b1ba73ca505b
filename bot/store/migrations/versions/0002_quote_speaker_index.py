"""index quotes by speaker (ask looks them up by the names a person is quoted under)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])


def downgrade() -> None:
    op.drop_index("ix_quotes_speaker", table_name="quotes")
