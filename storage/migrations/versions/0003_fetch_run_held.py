"""fetch_run.held: closures held back after a sudden drop

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fetch_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("held", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("fetch_run", schema=None) as batch_op:
        batch_op.drop_column("held")
