"""The digest's memory: which listings it has already delivered to each profile."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.common import utcnow
from storage.models import DigestSent


def sent_listing_ids(engine: Engine, profile: str) -> frozenset[int]:
    """Listings the digest has already delivered to `profile`."""
    with Session(engine) as session:
        rows = session.exec(select(DigestSent.listing_id).where(DigestSent.profile == profile))
        return frozenset(rows)


def record_sent(engine: Engine, profile: str, listing_ids: Sequence[int]) -> None:
    with Session(engine) as session, session.begin():
        now = utcnow()
        known = set(
            session.exec(select(DigestSent.listing_id).where(DigestSent.profile == profile))
        )
        for listing_id in set(listing_ids) - known:
            session.add(DigestSent(profile=profile, listing_id=listing_id, sent_at=now))
