"""skill_frequency: per skill, how many stored listings ask for it (rarity weights);
not_duplicate: pairs of listings a person split apart;
listing.group_pending: new facts not yet compared for duplicates

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
    with op.batch_alter_table("listing") as batch_op:
        # Every stored listing is compared once after the upgrade (as after a matcher upgrade).
        batch_op.add_column(
            sa.Column("group_pending", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.create_table(
        "skill_frequency",
        sa.Column("skill", sa.String(), nullable=False),
        sa.Column("listings", sa.Integer(), nullable=False),
        sa.Column("of_listings", sa.Integer(), nullable=False),
        sa.Column("matcher_version", sa.String(), nullable=False),
        sa.Column("counted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("skill"),
    )
    op.create_table(
        "not_duplicate",
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["first_id"], ["listing.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["second_id"], ["listing.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("first_id", "second_id"),
    )


def downgrade() -> None:
    with op.batch_alter_table("listing") as batch_op:
        batch_op.drop_column("group_pending")
    op.drop_table("not_duplicate")
    op.drop_table("skill_frequency")
