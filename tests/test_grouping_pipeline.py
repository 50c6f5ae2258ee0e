"""Duplicate grouping as the nightly pipeline runs it: only new listing versions are
compared, and the stored groups come out as a full regrouping would make them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Engine

from jobmatch import pipeline
from matcher import MATCHER_VERSION
from matcher.dedupe import description_words
from scraper.listing import Listing
from storage import queries
from storage.migrate import alembic_config, upgrade
from tests.test_dedupe import (
    CHECKOUT_ROLE,
    CHECKOUT_ROLE_REWORDED,
    IDENTITY_DUTIES,
    LUMATIDE_ABOUT_CAREERS,
    LUMATIDE_ABOUT_GREENHOUSE,
    ORBITAL_BOILERPLATE,
    PAYMENTS_DUTIES,
)

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def job(source: str, external_id: str, company: str, title: str, body: str) -> Listing:
    return Listing(
        source=source,
        external_id=external_id,
        url=f"https://jobs.example.org/{source}/{external_id}",
        title=title,
        company=company,
        location="Berlin, Germany",
        description=body,
        posted_at=T0 - timedelta(days=1),
    )


CHECKOUT = job("greenhouse:lumatide", "1", "Lumatide", "Technical Program Manager, Checkout",
               CHECKOUT_ROLE + LUMATIDE_ABOUT_GREENHOUSE)  # fmt: skip
PAYMENTS = job("greenhouse:orbital", "2", "Orbital Freight", "Senior TPM, Payments",
               PAYMENTS_DUTIES + ORBITAL_BOILERPLATE)  # fmt: skip
IDENTITY = job("greenhouse:orbital", "3", "Orbital Freight", "Senior TPM, Identity",
               IDENTITY_DUTIES + ORBITAL_BOILERPLATE)  # fmt: skip
# The next night: the checkout job again on the company's own site, and the payments job
# on another board; plus a changed version of the identity job.
CHECKOUT_AGAIN = job("jsonld:lumatide", "c-77", "Lumatide GmbH",
                     "Technical Program Manager – Checkout (Hybrid)",
                     CHECKOUT_ROLE_REWORDED + LUMATIDE_ABOUT_CAREERS)  # fmt: skip
PAYMENTS_AGAIN = job("lever:orbital", "p-9", "Orbital Freight Pte. Ltd.",
                     "Senior TPM, Payments", PAYMENTS_DUTIES + ORBITAL_BOILERPLATE)  # fmt: skip


def stored_groups(engine: Engine) -> dict[tuple[str, str], tuple[str, str] | None]:
    """(source, external id) → the group's first listing, as (source, external id)."""
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, source, external_id, group_id FROM listing"))
        by_id = {row.id: (row.source, row.external_id, row.group_id) for row in rows}
    return {
        (source, ext): (by_id[group][:2] if group is not None else None)
        for source, ext, group in by_id.values()
    }


def night(engine: Engine, listings: list[Listing], now: datetime) -> list[int]:
    queries.upsert_listings(engine, listings, now=now)
    fresh = pipeline.extract_new_facts(engine)
    pipeline.group_duplicates(engine, fresh)
    return fresh


def test_a_night_groups_only_what_is_new_and_agrees_with_a_full_regroup(
    engine: Engine,
) -> None:
    first = night(engine, [CHECKOUT, PAYMENTS, IDENTITY], T0)
    assert len(first) == 3
    assert set(stored_groups(engine).values()) == {None}  # three different jobs

    changed_identity = replace(IDENTITY, title="Senior TPM, Identity (Remote)")
    second = night(engine, [CHECKOUT_AGAIN, PAYMENTS_AGAIN, changed_identity], T0 + timedelta(1))
    assert len(second) == 3  # two new listings and one new version
    nightly = stored_groups(engine)
    lumatide, orbital = ("greenhouse:lumatide", "1"), ("greenhouse:orbital", "2")
    assert nightly[("jsonld:lumatide", "c-77")] == lumatide == nightly[lumatide]
    assert nightly[("lever:orbital", "p-9")] == orbital == nightly[orbital]
    assert nightly[("greenhouse:orbital", "3")] is None

    pipeline.group_duplicates(engine)  # everything compared afresh: nothing to change
    assert stored_groups(engine) == nightly


# --- description words: stored with the facts, read instead of the description ----------


def stored_words(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT external_id, description_words FROM listing"))
        return dict(rows.all())  # type: ignore[arg-type]


def test_words_are_stored_with_facts_and_grouping_reads_them_not_the_descriptions(
    engine: Engine,
) -> None:
    night(engine, [CHECKOUT, PAYMENTS, IDENTITY, CHECKOUT_AGAIN], T0)
    by_ext = {job.external_id: job for job in (CHECKOUT, PAYMENTS, IDENTITY, CHECKOUT_AGAIN)}
    assert stored_words(engine) == {
        ext: description_words(job.description) for ext, job in by_ext.items()
    }
    rows = queries.listings_for_grouping(engine, MATCHER_VERSION)
    assert all(row.description == "" and row.words for row in rows)
    # Stored by another extractor version, or for an earlier version of the listing: not
    # trusted, the description is read.
    assert all(row.words is None and row.description for row in
               queries.listings_for_grouping(engine, "another version"))  # fmt: skip
    changed = replace(CHECKOUT, description=CHECKOUT_ROLE_REWORDED + LUMATIDE_ABOUT_CAREERS)
    queries.upsert_listings(engine, [changed], now=T0 + timedelta(1))
    (row,) = [r for r in queries.listings_for_grouping(engine, MATCHER_VERSION) if r.words is None]
    assert row.description == changed.description
    assert stored_groups(engine)[("jsonld:lumatide", "c-77")] == ("greenhouse:lumatide", "1")


def test_a_store_from_before_description_words_groups_as_before_then_gets_them(
    engine: Engine,
) -> None:
    night(engine, [CHECKOUT, PAYMENTS, IDENTITY], T0)
    night(engine, [CHECKOUT_AGAIN, PAYMENTS_AGAIN], T0 + timedelta(1))
    grouped = stored_groups(engine)
    lumatide, orbital = ("greenhouse:lumatide", "1"), ("greenhouse:orbital", "2")
    assert grouped == {
        lumatide: lumatide, ("jsonld:lumatide", "c-77"): lumatide,
        orbital: orbital, ("lever:orbital", "p-9"): orbital,
        ("greenhouse:orbital", "3"): None,
    }  # fmt: skip
    # The schema of the release before: the column goes, and comes back empty.
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0005")
    upgrade(engine)
    assert set(stored_words(engine).values()) == {None}
    rows = queries.listings_for_grouping(engine, MATCHER_VERSION)
    assert all(row.words is None and row.description for row in rows)
    with engine.begin() as connection:
        connection.execute(text("UPDATE listing SET group_id = NULL"))
    pipeline.group_duplicates(engine)
    assert stored_groups(engine) == grouped
    # The next extraction stores the missing words, extracting no facts again.
    assert pipeline.extract_new_facts(engine) == []
    assert None not in set(stored_words(engine).values())
    # One listing still without (its words lost): grouped with the others as before.
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE listing SET group_id = NULL, description_words = NULL WHERE external_id = 'p-9'"
            )
        )
    pipeline.group_duplicates(engine)
    assert stored_groups(engine) == grouped


def test_one_employers_listings_asking_different_years_are_two_requisitions(
    engine: Engine,
) -> None:
    """The same title and template text, reposted asking more experience (a new
    requisition), is another job; the same text asking the same years is one job."""
    body = PAYMENTS_DUTIES + ORBITAL_BOILERPLATE
    first = job("greenhouse:orbital", "2", "Orbital Freight", "Senior TPM, Payments",
                body + "\nYou bring 6+ years of program management.")  # fmt: skip
    again = job("lever:orbital", "p-9", "Orbital Freight", "Senior TPM, Payments",
                body + "\nYou bring 6+ years of program management.")  # fmt: skip
    newer = job("lever:orbital", "p-10", "Orbital Freight", "Senior TPM, Payments",
                body + "\nYou bring 10+ years of program management.")  # fmt: skip
    night(engine, [first, again, newer], T0)
    grouped = stored_groups(engine)
    assert grouped[("lever:orbital", "p-9")] == ("greenhouse:orbital", "2")
    assert grouped[("lever:orbital", "p-10")] is None


def test_remote_openings_for_other_regions_stay_apart_through_the_store(
    engine: Engine,
) -> None:
    """The remote scope read into the facts reaches grouping from the store (SQLite's JSON
    text and PostgreSQL's alike): one template opened for the Americas and for APAC is two
    jobs; the Americas one seen again on another board is one."""
    body = PAYMENTS_DUTIES + ORBITAL_BOILERPLATE
    americas = replace(job("greenhouse:orbital", "r-1", "Orbital Freight", "Senior TPM, Payments",
                           body), location="Remote - Americas", remote=True)  # fmt: skip
    again = replace(job("lever:orbital", "r-1b", "Orbital Freight", "Senior TPM, Payments",
                        body), location="Remote (Americas)", remote=True)  # fmt: skip
    apac = replace(job("greenhouse:orbital", "r-2", "Orbital Freight", "Senior TPM, Payments",
                       body), location="Remote - APAC", remote=True)  # fmt: skip
    night(engine, [americas, again, apac], T0)
    grouped = stored_groups(engine)
    assert grouped[("lever:orbital", "r-1b")] == ("greenhouse:orbital", "r-1")
    assert grouped[("greenhouse:orbital", "r-2")] is None
