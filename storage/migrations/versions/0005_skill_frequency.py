"""skill_frequency: per skill, how many stored listings ask for it (rarity weights)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "skill_frequency",
        sa.Column("skill", sa.String(), nullable=False),
        sa.Column("listings", sa.Integer(), nullable=False),
        sa.Column("of_listings", sa.Integer(), nullable=False),
        sa.Column("matcher_version", sa.String(), nullable=False),
        sa.Column("counted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("skill"),
    )


def downgrade() -> None:
    op.drop_table("skill_frequency")
