"""Nothing closes by accident: a board that shrinks suddenly holds its closures back for one
fetch, and listings a board still lists without being re-read stay open and untouched."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage import queries
from storage.models import ListingRow
from tests.test_storage import T0, listing

SOURCE = "greenhouse:acme"


def night(engine: Engine, ids: list[str], day: int, **kwargs: object) -> queries.UpsertCounts:
    """One complete fetch of the board on night `day`, recorded as a finished run."""
    now = T0 + timedelta(days=day)
    run = queries.start_run(engine, SOURCE, now=now)
    counts = queries.record_fetch(
        engine,
        SOURCE,
        [listing(i) for i in ids],
        complete=True,
        validators={},
        now=now,
        **kwargs,  # type: ignore[arg-type]
    )
    queries.finish_run(engine, run, counts=counts)
    return counts


def open_ids(engine: Engine) -> list[str]:
    with Session(engine) as session:
        rows = session.exec(select(ListingRow).where(ListingRow.closed_at == None))  # noqa: E711
        return sorted(row.external_id for row in rows)


def test_a_board_that_empties_at_once_closes_nothing_the_first_night(engine: Engine) -> None:
    night(engine, ["1", "2", "3", "4", "5", "6"], 0)
    counts = night(engine, [], 1)
    assert counts.closed == 0 and counts.held == 6
    assert open_ids(engine) == ["1", "2", "3", "4", "5", "6"]


def test_a_second_such_night_in_a_row_closes_them(engine: Engine) -> None:
    night(engine, ["1", "2", "3", "4", "5", "6"], 0)
    night(engine, [], 1)
    counts = night(engine, [], 2)
    assert counts.closed == 6 and counts.held == 0
    assert open_ids(engine) == []


def test_losing_more_than_half_at_once_is_held_back(engine: Engine) -> None:
    night(engine, ["1", "2", "3", "4", "5", "6"], 0)
    counts = night(engine, ["1", "2"], 1)
    assert (counts.closed, counts.held) == (0, 4)
    assert open_ids(engine) == ["1", "2", "3", "4", "5", "6"]


def test_losing_half_or_less_closes_as_usual(engine: Engine) -> None:
    night(engine, ["1", "2", "3", "4", "5", "6"], 0)
    counts = night(engine, ["1", "2", "3"], 1)
    assert (counts.closed, counts.held) == (3, 0)
    assert open_ids(engine) == ["1", "2", "3"]


def test_a_small_board_closes_as_usual(engine: Engine) -> None:
    night(engine, ["1", "2", "3", "4"], 0)
    counts = night(engine, [], 1)
    assert (counts.closed, counts.held) == (4, 0)


def test_a_board_that_comes_back_after_a_held_night_closes_nothing(engine: Engine) -> None:
    night(engine, ["1", "2", "3", "4", "5", "6"], 0)
    night(engine, [], 1)
    counts = night(engine, ["1", "2", "3", "4", "5", "6"], 2)
    assert (counts.closed, counts.held, counts.unchanged) == (0, 0, 6)
    # ...and a later sudden drop is held back again: the count starts afresh.
    assert night(engine, [], 3).held == 6


def test_still_listed_listings_stay_open_and_keep_their_content(engine: Engine) -> None:
    night(engine, ["1", "2", "3"], 0)
    counts = night(engine, ["3"], 1, still_listed=["1", "2"])
    assert (counts.fetched, counts.closed, counts.unchanged) == (3, 0, 3)
    assert open_ids(engine) == ["1", "2", "3"]
    with Session(engine) as session:
        first = session.exec(select(ListingRow).where(ListingRow.external_id == "1")).one()
        assert first.description == "Lead delivery."
        assert queries.as_utc(first.last_seen) == T0 + timedelta(days=1)
