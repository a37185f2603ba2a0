"""a per-case team setting: blind until rated

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 04:00:00

One boolean column with a server default, so existing cases read as "not blind" on SQLite and
PostgreSQL alike (sa.false() renders as 0 on SQLite and false on PostgreSQL).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch: on SQLite a batch rebuilds `cases`, and dropping the old
    # table would cascade to every hypothesis, item and rating of every case.
    op.add_column(
        "cases",
        sa.Column("blind_until_rated", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    # SQLite drops a column in place since 3.35; no table rebuild, so nothing cascades.
    op.drop_column("cases", "blind_until_rated")
