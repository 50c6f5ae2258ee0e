"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and paths."""

from __future__ import annotations

import email.policy
import os
import socket
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from hypothesis import settings
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from jobmatch.replay import Reply, serve_with
from storage.engine import open_engine, sqlite_url
from storage.migrate import upgrade

# CI runs the same examples every time (a red CI blocks landing, so it must not depend on the
# draw); local runs keep exploring, and `HYPOTHESIS_PROFILE=explore` explores far longer.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

pytest.register_assert_rewrite("tests.golden")  # pytest's assert detail in shared checks
FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("JOBMATCH_TEST_POSTGRES_URL")
PG_SKIP_REASON = (
    "JOBMATCH_TEST_POSTGRES_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1/test)"
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        eng = open_engine(sqlite_url(tmp_path / "test.db"))
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    eng = open_engine(PG_URL, create=False)
    reset_postgres(eng)
    upgrade(eng)
    yield eng
    reset_postgres(eng)
    eng.dispose()


def reset_postgres(eng: Engine) -> None:
    """Drop every jobmatch table, the migration version included."""
    SQLModel.metadata.drop_all(eng)
    with eng.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


# --- a real SMTP server (aiosmtpd) for the e-mail digest -----------------------------


@dataclass
class Collector:
    """An aiosmtpd handler that keeps what it receives."""

    envelopes: list[Envelope] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        self.sessions.append(session)
        return "250 Message accepted for delivery"

    def message(self, index: int = 0) -> EmailMessage:
        content = self.envelopes[index].content
        assert isinstance(content, bytes)
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


Server = Callable[..., tuple[Collector, int]]


@pytest.fixture
def smtp_server() -> Iterator[Server]:
    """Start aiosmtpd on 127.0.0.1 with the given options; stopped after the test."""
    controllers: list[Controller] = []

    def start(**kwargs: Any) -> tuple[Collector, int]:
        collector = Collector()
        port = free_port()
        controller = Controller(collector, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        controllers.append(controller)
        return collector, port

    yield start
    for controller in controllers:
        controller.stop()


@dataclass
class Receiver:
    """What a local push endpoint (a webhook, an ntfy server) was sent."""

    url: str = ""
    status: int = 200
    posts: list[tuple[str, bytes, Mapping[str, str]]] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    got = Receiver()

    def resolve(
        method: str, path: str, query: Mapping[str, str], body: bytes, headers: Mapping[str, str]
    ) -> Reply:
        got.posts.append((f"{method} {path}", body, headers))
        return Reply(got.status, b'{"ok": true}')

    with serve_with(resolve) as (url, _):
        got.url = url
        yield got
