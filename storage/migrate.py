"""Schema migrations with alembic: a database made by an earlier release upgrades in place."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from storage.errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"
FIRST_RELEASE = "0001"  # the schema jobmatch 0.1 created without alembic


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (default: the newest), in one transaction per step.

    A database from before migrations existed (tables but no version) is stamped as the
    first release, then upgraded. A database newer than this code is refused.
    """
    script = ScriptDirectory.from_config(alembic_config())
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
        if current is not None and current not in {r.revision for r in script.walk_revisions()}:
            raise StorageError(
                f"{engine.url.render_as_string(hide_password=True)}: schema version {current} is "
                f"newer than this jobmatch knows ({head_revision()}); upgrade jobmatch"
            )
        config = alembic_config(connection)
        if current is None and "listing" in tables:
            command.stamp(config, FIRST_RELEASE)
        command.upgrade(config, revision)
