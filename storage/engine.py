"""Open a database by URL: SQLite by default (WAL, busy timeout, foreign keys), PostgreSQL too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlmodel import create_engine

from storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from storage.errors import DatabaseUnavailable, StorageError
from storage.migrate import upgrade


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{path}"


def open_engine(url: str, *, create: bool = True) -> Engine:
    """An engine with the schema created or upgraded to this release (`create=False`: as is).

    Errors become one-line StorageErrors naming the URL.
    """
    shown = _redacted(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(f"not a database URL: {url!r}") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            parent = Path(database).expanduser().parent
            if not parent.is_dir():
                raise StorageError(f"{shown}: directory {parent} does not exist")
        kwargs["connect_args"] = {"timeout": 30}
    else:  # a server restarted since a pooled connection was made: reconnect, don't fail
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(
            url, json_serializer=_json_dumps, json_deserializer=orjson.loads, **kwargs
        )
    except (NoSuchModuleError, ModuleNotFoundError) as e:
        hint = " (install jobmatch[postgres])" if "postgres" in url else ""
        raise StorageError(f"{shown}: no driver for this database{hint}: {e}") from None
    except (ArgumentError, SQLAlchemyError) as e:
        raise StorageError(f"{shown}: {e}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if create:
        try:
            upgrade(engine)
        except (OperationalError, DatabaseError) as e:  # down, refused, or not a database
            raise StorageError(f"{shown}: cannot open database ({_first_line(e)})") from None
        except SQLAlchemyError as e:
            raise StorageError(f"{shown}: {_first_line(e)}") from None
    if engine.dialect.name != "sqlite":
        _name_the_server_when_lost(engine)
    return engine


def is_shared(engine: Engine) -> bool:
    """Whether another process opening this URL sees the same database (an in-memory SQLite
    database is private to its connection)."""
    if engine.dialect.name != "sqlite":
        return True
    database = engine.url.database
    return bool(database) and database != ":memory:" and "mode=memory" not in str(engine.url)


def _json_dumps(value: Any) -> str:
    """orjson for the JSON columns (facts, scores): several times faster than json, which
    matters when a night rescores 100k listings. Same JSON text, UTF-8 kept."""
    return orjson.dumps(value).decode("utf-8")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers don't block the nightly writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _name_the_server_when_lost(engine: Engine) -> None:
    """A connection dropped or refused mid-run (the server restarted) becomes one
    DatabaseUnavailable naming the server, not a driver error that names nothing. Other
    operational errors (a deadlock, a timeout) stay as they are."""
    url = engine.url
    where = f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"  # PostgreSQL's

    @event.listens_for(engine, "handle_error")
    def lost(context: ExceptionContext) -> None:
        error = context.sqlalchemy_exception
        # A failed pre-ping is how the pool finds a dead connection to replace: not an error.
        if context.is_pre_ping or not isinstance(error, OperationalError | InterfaceError):
            return
        if context.is_disconnect or context.connection is None:  # dropped, or no new one
            reason = _first_line(error).rpartition(": ")[2]  # libpq's last clause says what
            raise DatabaseUnavailable(f"the database at {where} failed ({reason})")


def _redacted(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _first_line(error: Exception) -> str:
    orig = getattr(error, "orig", None)
    text = str(orig if orig is not None else error)
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__
