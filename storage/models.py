"""Tables. Rows are storage's own; sources yield `scraper.listing.Listing` values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Index,
    Text,
    UniqueConstraint,
    true,
)
from sqlmodel import Field, SQLModel


def _utc_column(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index)
    )


class ListingRow(SQLModel, table=True):
    __tablename__ = "listing"
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_listing_source_external_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(index=True)
    external_id: str
    url: str
    title: str
    company: str
    location: str = ""
    remote: bool | None = None
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    description_html: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    salary_text: str | None = None
    salary: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    employment_type: str | None = None
    tags: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, default=list)
    )
    posted_at: datetime | None = _utc_column()
    first_seen: datetime | None = _utc_column(nullable=False, index=True)
    last_seen: datetime | None = _utc_column(nullable=False)
    closed_at: datetime | None = _utc_column()
    content_hash: str
    # Facts extracted from this version (matcher.facts.Facts as JSON); null until extracted.
    facts: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    facts_hash: str | None = None  # content_hash the facts were extracted from
    facts_version: str | None = None  # the extractor version that read them
    # What duplicate grouping reads of the description (matcher.dedupe.description_words),
    # stored with the facts and current with them; null until then.
    description_words: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # Listings judged to be one job (across boards, or reposted) share a group id: the
    # smallest listing id in the group. None until grouped.
    group_id: int | None = Field(default=None, index=True)
    # New facts not yet compared for duplicates: set when facts are stored, cleared when the
    # listing has been grouped, so a run killed in between is grouped by the next one.
    group_pending: bool = Field(
        default=True, sa_column=Column(Boolean, nullable=False, default=True, server_default=true())
    )


class FetchRun(SQLModel, table=True):
    __tablename__ = "fetch_run"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(index=True)
    started: datetime | None = _utc_column(nullable=False)
    finished: datetime | None = _utc_column()
    status: str = "running"  # running | ok | failed
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    # Closures held back because the board shrank suddenly (to nothing, or by more than
    # half): a second such run in a row closes them.
    held: int = 0
    error: str | None = None


class MatchRow(SQLModel, table=True):
    """A listing version's score for one profile, from one matcher version."""

    __tablename__ = "match"
    __table_args__ = (
        UniqueConstraint("listing_id", "profile", name="uq_match_listing_profile"),
        Index("ix_match_profile_score", "profile", "score"),
    )

    id: int | None = Field(default=None, primary_key=True)
    listing_id: int = Field(foreign_key="listing.id", ondelete="CASCADE")
    profile: str  # profile name
    profile_hash: str  # the profile's content, so an edited profile rescores
    content_hash: str  # the listing version scored
    matcher_version: str
    score: float
    reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    components: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    scored_at: datetime | None = _utc_column(nullable=False)


class HttpValidator(SQLModel, table=True):
    """ETag / Last-Modified a board sent for a URL, to make the next fetch conditional."""

    __tablename__ = "http_validator"

    source: str = Field(primary_key=True)
    url: str = Field(primary_key=True)
    etag: str | None = None
    last_modified: str | None = None


STATUSES = ("saved", "applied", "interviewing", "offer", "rejected", "ignored")


class StatusRow(SQLModel, table=True):
    """The user's status for a job. Kept across refetches; a repost finds it by group."""

    __tablename__ = "listing_status"

    listing_id: int = Field(foreign_key="listing.id", primary_key=True, ondelete="CASCADE")
    status: str
    note: str | None = None
    updated_at: datetime | None = _utc_column(nullable=False)


class ListingChange(SQLModel, table=True):
    """What changed between two versions of a listing, for `show` ("salary raised on 3 Dec")."""

    __tablename__ = "listing_change"

    id: int | None = Field(default=None, primary_key=True)
    listing_id: int = Field(foreign_key="listing.id", index=True, ondelete="CASCADE")
    changed_at: datetime | None = _utc_column(nullable=False)
    field: str
    old: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    new: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class DigestSent(SQLModel, table=True):
    """A listing the digest has delivered to a profile: never sent to it again."""

    __tablename__ = "digest_sent"

    profile: str = Field(primary_key=True)
    listing_id: int = Field(foreign_key="listing.id", primary_key=True, ondelete="CASCADE")
    sent_at: datetime | None = _utc_column(nullable=False)


class SkillFrequency(SQLModel, table=True):
    """How many listings ask for each skill, of how many read (facts of `matcher_version`):
    the counts the matcher's rarity weights come from, recounted when the store has
    changed a lot rather than at every query."""

    __tablename__ = "skill_frequency"

    skill: str = Field(primary_key=True)
    listings: int
    of_listings: int
    matcher_version: str
    counted_at: datetime | None = _utc_column(nullable=False)


class NotDuplicate(SQLModel, table=True):
    """Two listings a person said are different jobs: grouping never joins them again.
    Stored with the smaller id first."""

    __tablename__ = "not_duplicate"

    first_id: int = Field(foreign_key="listing.id", primary_key=True, ondelete="CASCADE")
    second_id: int = Field(foreign_key="listing.id", primary_key=True, ondelete="CASCADE")
    marked_at: datetime | None = _utc_column(nullable=False)
