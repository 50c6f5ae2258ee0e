"""What `matches`, `show`, `mark` and `report` read and write: one row per job (group),
filtered, with the user's status and the other boards the job is on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import bindparam, func, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.common import as_utc, chunks, utcnow
from storage.errors import StorageError
from storage.models import (
    STATUSES,
    ListingChange,
    ListingRow,
    MatchRow,
    NotDuplicate,
    StatusRow,
)

HIDDEN_BY_DEFAULT = frozenset({"ignored", "rejected"})


@dataclass(frozen=True)
class MatchFilter:
    min_score: float = 0.0
    include_zero: bool = False
    include_closed: bool = False
    seen_since: datetime | None = None
    statuses: frozenset[str] = frozenset()  # only these; empty: all but HIDDEN_BY_DEFAULT
    sources: frozenset[str] = frozenset()
    role: str | None = None  # facts.role_variant
    work_mode: str | None = None  # facts.work_mode
    country: str | None = None  # facts.country, ISO alpha-2
    # A job open longer than `stale_days`, or reposted `reposted_from` times or more, is
    # flagged with its evidence ("open 74 days", "reposted 3× since 12 Sep"); None: never.
    stale_days: int | None = 45
    reposted_from: int | None = 2
    hide_flagged: bool = False


@dataclass(frozen=True)
class MatchView:
    listing: ListingRow
    match: MatchRow
    status: StatusRow | None = None
    also_on: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (source, url)
    also_by: tuple[str, ...] = ()  # the company each of those copies was posted by
    # The evidence for a stale or reposted flag: when the job was first seen open (its
    # earliest copy, or its posting date), and how often its board listed it under a new id.
    evidence: Evidence | None = None
    flags: tuple[str, ...] = ()  # what the evidence says, by the filter's thresholds


@dataclass(frozen=True)
class Evidence:
    """How long a job has been open, and how often its board listed it under a new id."""

    open_since: datetime | None = None
    reposts: int = 0
    reposted_since: datetime | None = None

    def flags(self, filters: MatchFilter, now: datetime) -> tuple[str, ...]:
        flags = []
        if filters.stale_days is not None and self.open_since is not None:
            days = (now - self.open_since).days
            if days > filters.stale_days:
                flags.append(f"open {days} days")
        if filters.reposted_from is not None and self.reposts >= filters.reposted_from:
            since = self.reposted_since
            flags.append(f"reposted {self.reposts}×" + (f" since {since:%d %b}" if since else ""))
        return tuple(flags)


def evidence(listing: ListingRow, copies: Sequence[tuple[str, datetime | None]]) -> Evidence:
    """From the listing and its group's other copies as (source, first_seen): open since
    the earliest date any of them shows; a new id on the same board is a repost (the same
    job on another board is not)."""
    dates = [as_utc(listing.first_seen), as_utc(listing.posted_at), *(as_utc(d) for _, d in copies)]
    same_board = sorted(
        d
        for d in [
            as_utc(listing.first_seen),
            *(as_utc(d) for source, d in copies if source == listing.source),
        ]
        if d
    )
    return Evidence(
        open_since=min((d for d in dates if d is not None), default=None),
        reposts=max(len(same_board) - 1, 0),
        reposted_since=same_board[0] if len(same_board) > 1 else None,
    )


def group_key(listing: ListingRow) -> int:
    assert listing.id is not None
    return listing.group_id if listing.group_id is not None else listing.id


def find_matches(
    engine: Engine, profile: str, filters: MatchFilter = MatchFilter(), *, limit: int | None = 20
) -> list[MatchView]:
    """Best jobs for a profile, one per group: highest score first, ties by newest, then id."""
    with Session(engine) as session:
        statuses = _group_statuses(session)
        statement = _filtered(profile, filters)
        groups_seen: set[int] = set()
        views: list[MatchView] = []
        # Read in pages: a group's lesser copies and hidden statuses are skipped in Python.
        offset, page = 0, max(50, (limit or 50) * 2)
        # Flags are known once the groups are read: hiding them reads every candidate.
        wanted, limit = limit, (None if filters.hide_flagged else limit)
        while limit is None or len(views) < limit:
            rows = list(session.exec(statement.offset(offset).limit(page)))
            if not rows:
                break
            offset += page
            for listing, match in rows:
                key = group_key(listing)
                status = statuses.get(key)
                if key in groups_seen or not _status_wanted(status, filters.statuses):
                    continue
                groups_seen.add(key)
                views.append(MatchView(listing, match, status))
                if limit is not None and len(views) >= limit:
                    break
        views = _with_other_boards(session, views)
    now = utcnow()
    views = [replace(v, flags=v.evidence.flags(filters, now) if v.evidence else ()) for v in views]
    if filters.hide_flagged:
        views = [v for v in views if not v.flags]
    return views if wanted is None else views[:wanted]


def _filtered(profile: str, filters: MatchFilter):  # type: ignore[no-untyped-def]
    statement = (
        select(ListingRow, MatchRow)
        .join(MatchRow, col(MatchRow.listing_id) == col(ListingRow.id))
        .where(col(MatchRow.profile) == profile, col(MatchRow.score) >= filters.min_score)
    )
    if not filters.include_zero:
        statement = statement.where(col(MatchRow.score) > 0)
    if not filters.include_closed:
        statement = statement.where(col(ListingRow.closed_at).is_(None))
    if filters.seen_since is not None:
        statement = statement.where(col(ListingRow.first_seen) >= filters.seen_since)
    if filters.sources:
        statement = statement.where(col(ListingRow.source).in_(sorted(filters.sources)))
    facts = ListingRow.__table__.c.facts  # type: ignore[attr-defined]
    for key, wanted in (
        ("role_variant", filters.role),
        ("work_mode", filters.work_mode),
        ("country", filters.country),
    ):
        if wanted is not None:
            statement = statement.where(facts[key].as_string() == wanted)
    return statement.order_by(
        col(MatchRow.score).desc(), col(ListingRow.first_seen).desc(), col(ListingRow.id)
    )


def _status_wanted(status: StatusRow | None, wanted: frozenset[str]) -> bool:
    if wanted:
        return status is not None and status.status in wanted
    return status is None or status.status not in HIDDEN_BY_DEFAULT


def _group_statuses(session: Session) -> dict[int, StatusRow]:
    """The latest status per group. Users mark a few hundred jobs at most: read them all."""
    # An outer join keeps listing_status (a few hundred rows) as the outer loop: without
    # table statistics SQLite would otherwise scan every listing (200 ms at 1M listings).
    rows = session.exec(
        select(StatusRow, ListingRow.id, ListingRow.group_id)
        .join(ListingRow, col(ListingRow.id) == col(StatusRow.listing_id), isouter=True)
        .order_by(col(StatusRow.updated_at))
    )
    latest: dict[int, StatusRow] = {}
    for status, listing_id, group_id in rows:
        key = group_id if group_id is not None else listing_id
        if key is not None:
            latest[key] = status
    return latest


def _with_other_boards(session: Session, views: list[MatchView]) -> list[MatchView]:
    """Each view with its group's other boards and the stale/repost evidence."""
    grouped = {v.listing.group_id for v in views if v.listing.group_id is not None}
    members = session.execute(
        sa_select(
            col(ListingRow.id), col(ListingRow.group_id), col(ListingRow.source),
            col(ListingRow.url), col(ListingRow.first_seen), col(ListingRow.company),
        ).where(col(ListingRow.group_id).in_(sorted(grouped)))
    ).all() if grouped else []  # fmt: skip
    boards: dict[int, list[tuple[int, str, str, datetime | None, str]]] = {}
    for listing_id, group_id, source, url, first_seen, company in members:
        if group_id is not None and listing_id is not None:
            copy = (listing_id, source, url, as_utc(first_seen), company)
            boards.setdefault(group_id, []).append(copy)
    result = []
    for v in views:
        copies = [
            c for c in sorted(boards.get(v.listing.group_id or -1, [])) if c[0] != v.listing.id
        ]
        result.append(
            MatchView(
                v.listing,
                v.match,
                v.status,
                tuple((source, url) for _, source, url, _, _ in copies),
                evidence=evidence(v.listing, [(source, seen) for _, source, _, seen, _ in copies]),
                also_by=tuple(company for *_, company in copies),
            )
        )
    return result


def set_status(
    engine: Engine, listing_id: int, status: str, *, note: str | None = None
) -> StatusRow:
    """Mark a job; the whole group (its copies on other boards, reposts) shares it."""
    if status not in STATUSES:
        raise StorageError(f"unknown status {status!r}; one of: {', '.join(STATUSES)}")
    with Session(engine) as session, session.begin():
        if session.get(ListingRow, listing_id) is None:
            raise StorageError(f"no listing with id {listing_id}")
        row = session.get(StatusRow, listing_id) or StatusRow(listing_id=listing_id, status=status)
        row.status, row.note, row.updated_at = status, note, utcnow()
        session.add(row)
        session.flush()
        session.expunge(row)
        return row


def mark_not_duplicate(engine: Engine, first: int, second: int) -> list[int]:
    """Record that two listings are different jobs; returns the listings of the group they
    shared (to regroup under the new rule), or [] when they were not grouped."""
    if first == second:
        raise StorageError(f"listing {first} cannot be a different job from itself")
    low, high = min(first, second), max(first, second)
    with Session(engine) as session, session.begin():
        rows = [session.get(ListingRow, listing_id) for listing_id in (low, high)]
        for listing_id, row in zip((low, high), rows, strict=True):
            if row is None:
                raise StorageError(f"no listing with id {listing_id}")
        if session.get(NotDuplicate, (low, high)) is None:
            session.add(NotDuplicate(first_id=low, second_id=high, marked_at=utcnow()))
        group_ids = {row.group_id for row in rows if row is not None}
        if len(group_ids) != 1 or None in group_ids:
            return []
        members = session.exec(select(ListingRow.id).where(ListingRow.group_id == group_ids.pop()))
        return sorted(m for m in members if m is not None)


def not_duplicate_pairs(engine: Engine) -> list[tuple[int, int]]:
    """Every pair a person split apart."""
    with Session(engine) as session:
        rows = session.exec(select(NotDuplicate.first_id, NotDuplicate.second_id))
        return [(a, b) for a, b in rows]


def listing_details(
    engine: Engine, listing_id: int
) -> tuple[ListingRow, list[ListingRow], list[ListingChange], StatusRow | None]:
    """A listing, the other listings of its group, its change history, and its status."""
    with Session(engine) as session:
        listing = session.get(ListingRow, listing_id)
        if listing is None:
            raise StorageError(f"no listing with id {listing_id}")
        key = group_key(listing)
        others: list[ListingRow] = []
        if listing.group_id is not None:
            others = list(
                session.exec(
                    select(ListingRow).where(
                        col(ListingRow.group_id) == listing.group_id,
                        col(ListingRow.id) != listing_id,
                    )
                )
            )
        changes = list(
            session.exec(
                select(ListingChange)
                .where(col(ListingChange.listing_id).in_([listing_id, *(o.id for o in others)]))
                .order_by(col(ListingChange.changed_at), col(ListingChange.id))
            )
        )
        status = _group_statuses(session).get(key)
        return listing, others, changes, status


def match_for(engine: Engine, listing_id: int, profile: str) -> MatchRow | None:
    with Session(engine) as session:
        return session.exec(
            select(MatchRow).where(
                col(MatchRow.listing_id) == listing_id, col(MatchRow.profile) == profile
            )
        ).first()


def assign_groups(engine: Engine, groups: dict[int, int]) -> int:
    """Store listing id → group id (the smallest id in the group); returns rows changed.

    Every member of a group of two or more carries the group id; a job alone carries None.
    """
    sizes: dict[int, int] = {}
    for group_id in groups.values():
        sizes[group_id] = sizes.get(group_id, 0) + 1
    table = ListingRow.__table__  # type: ignore[attr-defined]
    changes: list[dict[str, int | None]] = []
    with engine.begin() as connection:
        for ids in chunks(sorted(groups)):
            stored = connection.execute(
                sa_select(table.c.id, table.c.group_id).where(table.c.id.in_(ids))
            )
            for listing_id, group_id in stored:
                wanted = groups[listing_id] if sizes[groups[listing_id]] > 1 else None
                if group_id != wanted:
                    changes.append({"b_id": listing_id, "b_group": wanted})
        if changes:  # only the rows whose group changed are written
            connection.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(group_id=bindparam("b_group")),
                changes,
            )
    return len(changes)


def status_counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.exec(select(StatusRow.status, func.count()).group_by(StatusRow.status))
        return dict(rows.all())


def statuses_by_listing(engine: Engine) -> dict[int, str]:
    """Every listing's status, its group's included, for export."""
    with Session(engine) as session:
        by_group = _group_statuses(session)
        rows = session.exec(select(ListingRow.id, ListingRow.group_id))
        result: dict[int, str] = {}
        for listing_id, group_id in rows:
            if listing_id is None:
                continue
            status = by_group.get(group_id if group_id is not None else listing_id)
            if status is not None:
                result[listing_id] = status.status
        return result
