"""Alembic environment: run with the caller's connection (storage.migrate passes it)."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlmodel import SQLModel

config = context.config
# Autogenerate may compare against another metadata (an old release's models).
target_metadata = config.attributes.get("target_metadata")
if target_metadata is None:
    from storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)

    target_metadata = SQLModel.metadata
connection = config.attributes["connection"]


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render sqlmodel's AutoString as plain sa.String() so revisions need only sqlalchemy."""
    if type_ == "type" and type(obj).__name__ == "AutoString":
        return "sa.String()"
    return False


context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
