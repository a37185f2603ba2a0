"""the analyst's written judgement, one per case

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 00:15:00

Plain create_table with portable types, so the same migration runs on SQLite and PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("bottom_line", sa.String(), nullable=False),
        sa.Column("hypothesis_id", sa.Integer(), nullable=True),
        sa.Column("likelihood", sa.String(), nullable=False),
        sa.Column("confidence", sa.String(), nullable=False),
        sa.Column("basis", sa.String(), nullable=True),
        sa.Column("date", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_judgements_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["hypothesis_id"],
            ["hypotheses.id"],
            name=op.f("fk_judgements_hypothesis_id_hypotheses"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_judgements")),
        sa.UniqueConstraint("case_id", name=op.f("uq_judgements_case_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_judgements_case_id"), "judgements", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_judgements_case_id"), table_name="judgements")
    op.drop_table("judgements")
