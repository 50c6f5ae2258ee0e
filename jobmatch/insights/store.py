"""What insights read from storage: every listing with facts first seen in the window, with
its title and its stored score for the profile, in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, Text, and_, case, cast, func, type_coerce
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine

from storage.matches import HIDDEN_BY_DEFAULT
from storage.models import ListingRow, MatchRow, StatusRow
from storage.queries import as_datetime, as_json, as_utc


@dataclass(slots=True)
class Stored:
    """One stored listing as insights see it. `facts` is the stored JSON, decoded."""

    id: int
    title: str
    job: int  # the group id (one job on several boards, or reposted), else the id
    first_seen: datetime
    posted_at: datetime | None  # as stored: naive UTC on SQLite, as the scorer is given it
    open: bool
    hidden: bool  # the user marked the job ignored or rejected: `matches` leaves it out
    facts: dict[str, Any]
    score: float | None  # the stored score for the profile; None: not scored
    scored_at: datetime | None  # when it was scored: the `now` its recency was counted from
    dealbreaker: bool  # scored 0 for a dealbreaker (place, work rights, a condition, a keyword)

    @property
    def appeared(self) -> datetime:
        """When the job appeared: its posting date where the board gives one (and it is not
        later than when we first saw it), else when we first saw it."""
        posted = as_utc(self.posted_at)
        if posted is not None and posted <= self.first_seen:
            return posted
        return self.first_seen


def load(engine: Engine, profile: str, since: datetime) -> list[Stored]:
    """Listings with facts first seen on or after `since`, with their scores for `profile`."""
    listing = ListingRow.__table__  # type: ignore[attr-defined]
    match = MatchRow.__table__  # type: ignore[attr-defined]
    statement = (
        sa_select(
            listing.c.id,
            listing.c.title,
            listing.c.group_id,
            # Raw values, decoded here: SQLAlchemy's per-row datetime processing costs more
            # than the query at 100k rows (as `storage.queries.listings_to_score` does).
            type_coerce(listing.c.first_seen, String),
            type_coerce(listing.c.posted_at, String),
            listing.c.closed_at.is_(None),
            type_coerce(listing.c.facts, String),
            match.c.score,
            type_coerce(match.c.scored_at, String),
            # The start of the reasons only of a 0, to tell a dealbreaker (listed first).
            case((match.c.score == 0, func.substr(cast(match.c.reasons, Text), 1, 40)), else_=None),
        )
        .select_from(
            listing.outerjoin(
                match, and_(match.c.listing_id == listing.c.id, match.c.profile == profile)
            )
        )
        .where(listing.c.facts.is_not(None), listing.c.first_seen >= since)
    )
    hidden = _hidden_jobs(engine)
    times: dict[str | datetime | None, datetime | None] = {None: None}  # a batch shares one
    rows: list[Stored] = []
    with engine.connect() as connection:
        result = connection.execute(statement)
        for lid, title, group, first, posted, is_open, facts, score, scored, reasons in (
            row
            for part in result.partitions(5000)
            for row in part  # fetchmany: fewer calls
        ):
            first_seen = times.get(first) or times.setdefault(first, as_utc(as_datetime(first)))
            scored_at = times.get(scored) or times.setdefault(scored, as_utc(as_datetime(scored)))
            assert first_seen is not None  # a stored listing always has one
            rows.append(
                Stored(
                    id=lid,
                    title=title,
                    job=group if group is not None else lid,
                    first_seen=first_seen,
                    posted_at=as_datetime(posted),
                    open=bool(is_open),
                    hidden=(group if group is not None else lid) in hidden,
                    facts=as_json(facts),
                    score=score,
                    scored_at=scored_at,
                    dealbreaker=reasons is not None and _is_dealbreaker(reasons),
                )
            )
    return rows


def _hidden_jobs(engine: Engine) -> set[int]:
    """Jobs whose latest status is ignored or rejected (a status holds for the whole group,
    as `matches` reads it). Users mark a few hundred jobs at most: read them all."""
    status = StatusRow.__table__  # type: ignore[attr-defined]
    listing = ListingRow.__table__  # type: ignore[attr-defined]
    statement = (
        sa_select(status.c.listing_id, listing.c.group_id, status.c.status)
        .select_from(status.outerjoin(listing, listing.c.id == status.c.listing_id))
        .order_by(status.c.updated_at)
    )
    latest: dict[int, str] = {}
    with engine.connect() as connection:
        for lid, group, state in connection.execute(statement):
            latest[group if group is not None else lid] = state
    return {job for job, state in latest.items() if state in HIDDEN_BY_DEFAULT}


def _is_dealbreaker(reasons: str) -> bool:
    """From the start of a 0's stored reasons (JSON text): is the first a dealbreaker?"""
    return reasons.lstrip('[ "').startswith("dealbreaker:")
