"""What `matches`, `show`, `mark` and `report` read and write: one row per job (group),
filtered, with the user's status and the other boards the job is on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, func, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.errors import StorageError
from storage.models import STATUSES, ListingChange, ListingRow, MatchRow, StatusRow
from storage.queries import chunks, utcnow

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


@dataclass(frozen=True)
class MatchView:
    listing: ListingRow
    match: MatchRow
    status: StatusRow | None = None
    also_on: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (source, url)


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
        return _with_other_boards(session, views)


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
    grouped = {v.listing.group_id for v in views if v.listing.group_id is not None}
    if not grouped:
        return views
    members = session.exec(
        select(ListingRow.id, ListingRow.group_id, ListingRow.source, ListingRow.url).where(
            col(ListingRow.group_id).in_(sorted(grouped))
        )
    )
    boards: dict[int, list[tuple[int, str, str]]] = {}
    for listing_id, group_id, source, url in members:
        if group_id is not None and listing_id is not None:
            boards.setdefault(group_id, []).append((listing_id, source, url))
    return [
        MatchView(
            v.listing,
            v.match,
            v.status,
            tuple(
                (source, url)
                for listing_id, source, url in sorted(boards.get(v.listing.group_id or -1, []))
                if listing_id != v.listing.id
            ),
        )
        for v in views
    ]


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
