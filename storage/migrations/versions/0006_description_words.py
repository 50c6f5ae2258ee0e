"""listing.description_words: the description's content words, stored with the facts,
which duplicate grouping reads instead of the description

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null on every upgraded row: grouping reads those descriptions as before until the next
    # facts extraction stores their words (only the matcher knows how to read them).
    with op.batch_alter_table("listing") as batch_op:
        batch_op.add_column(sa.Column("description_words", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("listing") as batch_op:
        batch_op.drop_column("description_words")
