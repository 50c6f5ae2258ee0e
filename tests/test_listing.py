"""The content hash decides what is a new version: it must be stable across releases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from scraper.listing import Listing, Salary

LISTING = Listing(
    source="s", external_id="1", url="https://x/1", title="Technical Project Manager",
    company="Acme", location="Pune", remote=False, description="Lead delivery.",
    description_html="<p>Lead delivery.</p>", salary_text="₹20–30 LPA",
    salary=Salary(min=2_000_000.0, max=3_000_000.0, currency="INR", period="year"),
    posted_at=datetime(2026, 11, 20, tzinfo=UTC), employment_type="full-time",
    tags=("Engineering",),
)  # fmt: skip


def test_the_hash_of_a_listing_is_the_one_earlier_releases_stored() -> None:
    # Frozen: a different digest would make every stored listing look changed.
    assert LISTING.content_hash() == (
        "dd35ee5921fbd2336d788a08349e45aace765099b21c4b1f977ecf8bfe33bf6f"
    )


def test_what_a_reader_sees_changes_the_hash_and_bookkeeping_does_not() -> None:
    base = LISTING.content_hash()
    for change in ({"title": "Senior TPM"}, {"salary": None}, {"tags": ()}, {"remote": True}):
        assert replace(LISTING, **change).content_hash() != base  # type: ignore[arg-type]
    for same in ({"source": "other"}, {"external_id": "2"}, {"description_html": "<b>x</b>"}):
        assert replace(LISTING, **same).content_hash() == base  # type: ignore[arg-type]
