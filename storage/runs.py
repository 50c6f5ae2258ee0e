"""Fetch runs: one row per source fetch, started, finished or interrupted, and what
the status commands read back from them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.common import as_utc, utcnow
from storage.listings import UpsertCounts
from storage.models import FetchRun


def start_run(engine: Engine, source: str, *, now: datetime | None = None) -> int:
    with Session(engine) as session, session.begin():
        run = FetchRun(source=source, started=now or utcnow())
        session.add(run)
        session.flush()
        assert run.id is not None
        return run.id


def interrupt_runs(engine: Engine, run_ids: Sequence[int], why: str) -> int:
    """Close `run_ids` that are still running as interrupted (Ctrl-C, SIGTERM)."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(FetchRun)
            .where(col(FetchRun.id).in_(list(run_ids)), col(FetchRun.status) == "running")
            .values(status="interrupted", finished=utcnow(), error=why)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def close_abandoned_runs(engine: Engine) -> int:
    """Runs a dead process left `running` (killed, machine off): closed as interrupted.
    Only called under the run lock, so no live run can be among them."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(FetchRun)
            .where(col(FetchRun.status) == "running")
            .values(
                status="interrupted",
                finished=utcnow(),
                error="the process running it ended before it finished",
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)


def finish_run(
    engine: Engine, run_id: int, *, counts: UpsertCounts | None = None, error: str | None = None
) -> None:
    with Session(engine) as session, session.begin():
        run = session.get(FetchRun, run_id)
        if run is None:
            return
        run.finished = utcnow()
        run.status = "failed" if error else "ok"
        run.error = error
        if counts:
            run.fetched, run.new = counts.fetched, counts.new
            run.updated, run.unchanged = counts.updated, counts.unchanged
            run.closed, run.held = counts.closed, counts.held


def last_successful_fetch(engine: Engine, source: str) -> datetime | None:
    with Session(engine) as session:
        statement = select(func.max(FetchRun.finished)).where(
            FetchRun.source == source, FetchRun.status == "ok"
        )
        return as_utc(session.exec(statement).one())


def recent_runs(engine: Engine, limit: int = 20) -> list[FetchRun]:
    with Session(engine) as session:
        statement = select(FetchRun).order_by(col(FetchRun.id).desc()).limit(limit)
        return list(session.exec(statement))


def latest_round_start(engine: Engine) -> datetime | None:
    """When the last fetch round began: every listing it found was first seen after it."""
    with Session(engine) as session:
        return as_utc(session.exec(select(func.max(FetchRun.started))).one())


def last_run_per_source(engine: Engine) -> list[FetchRun]:
    with Session(engine) as session:
        latest = (
            select(FetchRun.source, func.max(FetchRun.id).label("last_id"))
            .group_by(FetchRun.source)
            .subquery()
        )
        statement = select(FetchRun).join(latest, col(FetchRun.id) == latest.c.last_id)
        return list(session.exec(statement))
